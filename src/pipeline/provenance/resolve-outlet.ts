/** Matching a report to a known outlet by the name it gives, the site name, or the URL's host. */
import { outletKey, type Outlet } from '../../domain/outlet.ts';
import { hostOf } from '../../lib/url.ts';
import { AGENCY_ABBREVIATION, allOf, firstOf, GENERIC_SUFFIX, outletDirectory } from './outlet-directory.ts';

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
  const directory = outletDirectory(opts.known);
  const host = hostOf(opts.url);
  if (host) {
    // The host itself, or a site it is under (not a public suffix: a town council is not the government).
    const labels = host.split('.');
    const sites = labels
      .map((_, i) => labels.slice(i).join('.'))
      .filter((d, i) => !i || !PUBLIC_SUFFIX.test(d));
    const byHost = allOf(...sites.map((d) => [directory.host, d] as const))[0];
    if (byHost) return byHost;
  }
  if (opts.name) {
    const key = outletKey(opts.name);
    const byName = firstOf(directory.fullName, key);
    if (byName) return byName;
    const byAlias = allOf([directory.aliasKey, key]);
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
  const directory = outletDirectory(known);
  const byFullName = firstOf(directory.fullName, key);
  if (byFullName) return byFullName;
  // "ABC News (Australia)" is written "ABC News": the qualifier only tells same-named outlets apart.
  // A name is an outlet's (without qualifier), its short form ("Kyodo"), its site's name, or an alias —
  // one in capitals ("AP", "ABC") only as written.
  const shortKey = outletKey(name.trim().replace(GENERIC_SUFFIX, ''));
  const byName = allOf(
    [directory.baseName, key],
    [directory.baseName, shortKey.length >= 3 ? shortKey : null],
    [directory.otherName, key],
    [directory.initialsAlias, name.trim().replace(/^the\s+/i, '')],
  );
  if (byName.length) return oneOf(byName, country);
  // Agencies sign with their initials: "(AP)", "(AFP)", "(UPI)" for Associated Press, Agence France-Presse…
  const abbreviation = name.trim();
  if (!AGENCY_ABBREVIATION.test(abbreviation)) return null;
  return firstOf(directory.wireInitials, abbreviation);
}

/** The one outlet of several that share a name: the only one, or the only one of `country`; else null. */
export function oneOf(outlets: Outlet[], country?: string | null): Outlet | null {
  const distinct = [...new Set(outlets)];
  if (distinct.length === 1) return distinct[0] as Outlet;
  const local = country ? distinct.filter((o) => o.country === country) : [];
  return local.length === 1 ? (local[0] as Outlet) : null;
}
