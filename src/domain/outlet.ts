/** What an outlet is: who publishes, who owns it, and how much its word weighs. */

/**
 * The kinds of publisher the product tells apart. `state-media` is run by a state for its government;
 * `official` is a government body or international organisation publishing its own statements.
 * `state-broadcaster` and `government` are the older names of those two, still read.
 */
export type OutletKind =
  | 'wire'
  | 'newspaper'
  | 'magazine'
  | 'broadcaster'
  | 'state-media'
  | 'official'
  | 'think-tank'
  | 'ngo'
  | 'blog'
  | 'social'
  | 'aggregator'
  | 'state-broadcaster'
  | 'government'
  | 'unknown';

/**
 * Trust tier used by the confidence ladder: `primary` is an official first-hand source; `unrated` an
 * outlet no editor has rated yet (every outlet met for the first time, and the shipped registry's).
 */
export type OutletTier = 'trusted' | 'primary' | 'standard' | 'low' | 'unrated';

export interface Outlet {
  /** Stable id: the registrable domain when known, else a slug of the name. */
  id: string;
  name: string;
  /** Other names news gives it: initials, short and former names ("AP", "ITAR-TASS"). */
  aliases?: string[];
  domain: string | null;
  kind: OutletKind;
  /** Owner group; outlets sharing one count as one independent source. */
  ownerGroup: string | null;
  country: string | null;
  tier: OutletTier;
  /** Every domain it publishes on, the primary `domain` first. */
  domains?: string[];
  /** Hosts serving its feeds, where they differ from its domains. */
  feedHosts?: string[];
  /** ISO 639-1 code of its main language. */
  language?: string | null;
  notes?: string | null;
}

export const OUTLET_KINDS: readonly OutletKind[] = [
  'wire',
  'newspaper',
  'magazine',
  'broadcaster',
  'state-media',
  'official',
  'think-tank',
  'ngo',
  'blog',
  'social',
  'aggregator',
  'state-broadcaster',
  'government',
  'unknown',
];
export const OUTLET_TIERS: readonly OutletTier[] = ['trusted', 'primary', 'standard', 'low', 'unrated'];

/** Every host an outlet is known by: its domains and its feed hosts. */
export function outletHosts(o: Outlet): string[] {
  return [...new Set([...(o.domain ? [o.domain] : []), ...(o.domains ?? []), ...(o.feedHosts ?? [])])];
}

/** Returns a comparison key for an outlet name: lower-case letters and digits, no leading "the". */
export function outletKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Kinds of outlet that report news (an official body or a think tank is a source, not a news outlet). */
export const NEWS_KINDS: ReadonlySet<OutletKind> = new Set<OutletKind>([
  'wire',
  'newspaper',
  'magazine',
  'broadcaster',
  'state-media',
  'state-broadcaster',
]);
