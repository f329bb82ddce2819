/** Matching a report to a known outlet by the name it gives, the site name, or the URL's host. */
import { outletHosts, outletKey, type Outlet } from '../../domain/outlet.ts';
import { hostOf } from '../../lib/url.ts';
import { initials } from '../../lib/initials.ts';
import { holdsCountryWord } from './country-words.ts';

/**
 * A domain that is itself a public suffix ("gov.uk", "gouv.fr"): it names its own site only, not
 * every site under it (a town council is not the national government).
 */
const PUBLIC_SUFFIX = /^(?:gov|govt|gob|gouv|go|gv|ac|edu|mil|nic)\.[a-z]{2}$/;

/**
 * Returns the known outlet this report belongs to (by any of its domains or feed hosts, then by the
 * name the page gives), or a new unrated outlet named from the page's site name, else its host.
 */
export function resolveOutlet(opts: { url: string; name: string | null; known: Outlet[] }): Outlet {
  const host = hostOf(opts.url);
  if (host) {
    const byHost = opts.known.find((o) =>
      outletHosts(o).some((d) => host === d || (host.endsWith(`.${d}`) && !PUBLIC_SUFFIX.test(d))),
    );
    if (byHost) return byHost;
  }
  if (opts.name) {
    const key = outletKey(opts.name);
    const byName = opts.known.find((o) => outletKey(o.name) === key);
    if (byName) return byName;
    const byAlias = opts.known.filter((o) => o.aliases?.some((a) => outletKey(a) === key));
    if (byAlias.length === 1) return byAlias[0] as Outlet;
  }
  const http = host && /^https?:/i.test(opts.url);
  const name = opts.name ?? (http ? host : 'Unknown source');
  return {
    id: http ? host : `name:${outletKey(name) || 'unknown'}`,
    name,
    domain: http ? host : null,
    domains: http ? [host] : [],
    kind: 'unknown',
    ownerGroup: null,
    country: null,
    tier: 'unrated',
  };
}

/**
 * Returns the known outlet a credit or citation names ("Meridian Press Agency", "the Globe Observer",
 * an alias such as "HPA"), or null. A name two outlets share ("ABC") is the one of `country` when one
 * is, and otherwise left unresolved rather than guessed.
 */
export function findOutletByName(name: string, known: Outlet[], country?: string | null): Outlet | null {
  const key = outletKey(name);
  if (!key) return null;
  const byFullName = known.find((o) => outletKey(o.name) === key);
  if (byFullName) return byFullName;
  const shortKey = outletKey(name.trim().replace(GENERIC_SUFFIX, ''));
  const byName = known.filter((o) => {
    // "ABC News (Australia)" is written "ABC News": the qualifier only tells same-named outlets apart.
    const base = o.name.replace(QUALIFIER, '');
    return (
      outletKey(base) === key ||
      (shortKey.length >= 3 && outletKey(base) === shortKey) ||
      shortName(base) === key ||
      (o.domains ?? (o.domain ? [o.domain] : [])).some((d) => outletKey(d.split('.')[0] ?? '') === key) ||
      !!o.aliases?.some((a) => aliasMatches(a, name))
    );
  });
  if (byName.length) return oneOf(byName, country);
  // Agencies sign with their initials: "(AP)", "(AFP)", "(UPI)" for Associated Press, Agence France-Presse…
  const abbreviation = name.trim();
  if (!AGENCY_ABBREVIATION.test(abbreviation)) return null;
  return (
    known.find(
      (o) =>
        o.kind === 'wire' && !o.aliases?.length && initials(o.name.replace(/^the\s+/i, '')) === abbreviation,
    ) ?? null
  );
}

/** A name without "News Agency" and the like, as a key; none when that leaves a place ("Kenya"). */
function shortName(name: string): string | null {
  const short = name.replace(GENERIC_SUFFIX, '');
  return short === name || holdsCountryWord(short) ? null : outletKey(short);
}

/** A qualifier after a name that tells outlets of one name apart: "(Australia)", "(Spain)". */
const QUALIFIER = /\s*\([^)]*\)$/;

/** An alias names an outlet written the same way; initials ("AP", "ABC") only in capitals as given. */
function aliasMatches(alias: string, name: string): boolean {
  if (AGENCY_ABBREVIATION.test(alias)) return name.trim().replace(/^the\s+/i, '') === alias;
  const key = outletKey(name);
  return outletKey(alias) === key || shortName(alias) === key;
}

/** The one outlet of several that share a name: the only one, or the only one of `country`; else null. */
export function oneOf(outlets: Outlet[], country?: string | null): Outlet | null {
  const distinct = [...new Set(outlets)];
  if (distinct.length === 1) return distinct[0] as Outlet;
  const local = country ? distinct.filter((o) => o.country === country) : [];
  return local.length === 1 ? (local[0] as Outlet) : null;
}

/** Words an outlet's name may end in that credits and citations leave out or add ("Kyodo" for Kyodo News, "Kestrel magazine" for Kestrel). */
export const GENERIC_SUFFIX =
  /\s+(?:news(?: agency)?|(?:press |news )?agency|media|wire|news service|magazine|newspaper|online)$/i;

/** How agencies abbreviate their names in credits: two to five capitals. */
const AGENCY_ABBREVIATION = /^[A-Z]{2,5}$/;
