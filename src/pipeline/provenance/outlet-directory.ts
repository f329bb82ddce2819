/**
 * The ways names and sites find known outlets, as lookups: one directory per list of outlets, built once
 * and extended as the list grows (a run appends the outlets it meets), so that finding an outlet by a
 * name costs the same whatever the number of known outlets. Each lookup answers as a pass over the list
 * would: the first outlet that fits in the list's order, or every one that does.
 */
import { NEWS_KINDS, outletHosts, outletKey, type Outlet } from '../../domain/outlet.ts';
import { initials } from '../../lib/initials.ts';
import { holdsCountryWord } from './country-words.ts';

/** Words an outlet's name may end in that credits and citations leave out or add ("Kyodo" for Kyodo News, "Kestrel magazine" for Kestrel). */
export const GENERIC_SUFFIX =
  /\s+(?:news(?: agency)?|(?:press |news )?agency|media|wire|news service|magazine|newspaper|online)$/i;

/** How agencies abbreviate their names: two to five capitals. */
export const AGENCY_ABBREVIATION = /^[A-Z]{2,5}$/;

/** A qualifier after a name that tells outlets of one name apart: "(Australia)", "(Spain)". */
const QUALIFIER = /\s*\([^)]*\)$/;

/** A name without "News Agency" and the like, as a key; none when that leaves a place ("Kenya"). */
function shortName(name: string): string | null {
  const short = name.replace(GENERIC_SUFFIX, '');
  return short === name || holdsCountryWord(short) ? null : outletKey(short);
}

/** Outlets with their place in the list, in that order. */
type Ranked = { outlet: Outlet; rank: number }[];

export interface OutletDirectory {
  /** By the key of the whole name. */
  readonly fullName: Map<string, Ranked>;
  /** By the key of the name without its qualifier ("ABC News" for "ABC News (Australia)"). */
  readonly baseName: Map<string, Ranked>;
  /**
   * By the other keys a written name may have: the name (without its qualifier) without a generic suffix,
   * the first part of a site, each alias not in capitals and its short form.
   */
  readonly otherName: Map<string, Ranked>;
  /** By an alias in capitals ("AP"), as written. */
  readonly initialsAlias: Map<string, Ranked>;
  /** By the key of an alias. */
  readonly aliasKey: Map<string, Ranked>;
  /** By the initials of an agency (a wire) that lists no alias. */
  readonly wireInitials: Map<string, Ranked>;
  /** By each of its hosts (sites and feed hosts). */
  readonly host: Map<string, Ranked>;
  /** By the initials of its first two to four words and the key of the rest ("2|NY|harbourpost"). */
  readonly leadInitials: Map<string, Ranked>;
  /** By the initials of its title of three or more words (news outlets but agencies). */
  readonly titleInitials: Map<string, Ranked>;
  /** By the key of its owner group. */
  readonly ownerGroup: Map<string, Ranked>;
}

interface Built extends OutletDirectory {
  count: number;
  last: Outlet | undefined;
}

const directories = new WeakMap<readonly Outlet[], Built>();

/** The directory of `known`. */
export function outletDirectory(known: readonly Outlet[]): OutletDirectory {
  let d = directories.get(known);
  // A list changed other than by appending is indexed again.
  if (!d || known.length < d.count || known[d.count - 1] !== d.last) {
    d = {
      fullName: new Map(),
      baseName: new Map(),
      otherName: new Map(),
      initialsAlias: new Map(),
      aliasKey: new Map(),
      wireInitials: new Map(),
      host: new Map(),
      leadInitials: new Map(),
      titleInitials: new Map(),
      ownerGroup: new Map(),
      count: 0,
      last: undefined,
    };
    directories.set(known, d);
  }
  for (; d.count < known.length; d.count++) add(d, known[d.count] as Outlet, d.count);
  d.last = known[d.count - 1];
  return d;
}

function add(d: Built, outlet: Outlet, rank: number): void {
  const put = (map: Map<string, Ranked>, key: string | null | undefined) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [{ outlet, rank }]);
    else if (list[list.length - 1]?.outlet !== outlet) list.push({ outlet, rank });
  };
  const base = outlet.name.replace(QUALIFIER, '');
  put(d.fullName, outletKey(outlet.name));
  put(d.baseName, outletKey(base));
  put(d.otherName, shortName(base));
  for (const site of outlet.domains ?? (outlet.domain ? [outlet.domain] : []))
    put(d.otherName, outletKey(site.split('.')[0] ?? ''));
  for (const a of outlet.aliases ?? []) {
    put(d.aliasKey, outletKey(a));
    if (AGENCY_ABBREVIATION.test(a)) put(d.initialsAlias, a);
    else {
      put(d.otherName, outletKey(a));
      put(d.otherName, shortName(a));
    }
  }
  if (outlet.kind === 'wire' && !outlet.aliases?.length)
    put(d.wireInitials, initials(outlet.name.replace(/^the\s+/i, '')));
  for (const h of outletHosts(outlet)) put(d.host, h);
  const words = outlet.name.replace(/^the\s+/i, '').split(/\s+/);
  for (let n = 2; n <= 4; n++)
    put(
      d.leadInitials,
      `${n}|${initials(words.slice(0, n).join(' '))}|${outletKey(words.slice(n).join(' '))}`,
    );
  const title = outlet.name.replace(/^the\s+/i, '').split(/[\s-]+/);
  if (NEWS_KINDS.has(outlet.kind) && outlet.kind !== 'wire' && title.length >= 3)
    put(d.titleInitials, initials(title.join(' ')));
  if (outlet.ownerGroup) put(d.ownerGroup, outletKey(outlet.ownerGroup));
}

/** The first outlet under `key`, or null. */
export function firstOf(map: Map<string, Ranked>, key: string): Outlet | null {
  return map.get(key)?.[0]?.outlet ?? null;
}

/** Every outlet under any of `keys` of any of the maps, in the list's order, each once. */
export function allOf(...lookups: (readonly [Map<string, Ranked>, string | null])[]): Outlet[] {
  const found = lookups.flatMap(([map, key]) => (key ? (map.get(key) ?? []) : []));
  return [...new Set(found.sort((a, b) => a.rank - b.rank).map((r) => r.outlet))];
}
