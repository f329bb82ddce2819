/** What an outlet is: who publishes, who owns it, and how much its word weighs. */

/** The kinds of publisher the product tells apart; independence and tiers depend on them. */
export type OutletKind =
  | 'wire'
  | 'newspaper'
  | 'magazine'
  | 'broadcaster'
  | 'state-broadcaster'
  | 'government'
  | 'ngo'
  | 'blog'
  | 'aggregator'
  | 'unknown';

/** Trust tier used by the confidence ladder: `primary` is an official first-hand source. */
export type OutletTier = 'trusted' | 'primary' | 'standard' | 'low';

export interface Outlet {
  /** Stable id: the registrable domain when known, else a slug of the name. */
  id: string;
  name: string;
  domain: string | null;
  kind: OutletKind;
  /** Owner group; outlets sharing one count as one independent source. */
  ownerGroup: string | null;
  country: string | null;
  tier: OutletTier;
}

export const OUTLET_KINDS: readonly OutletKind[] = [
  'wire', 'newspaper', 'magazine', 'broadcaster', 'state-broadcaster', 'government', 'ngo', 'blog', 'aggregator', 'unknown',
];
export const OUTLET_TIERS: readonly OutletTier[] = ['trusted', 'primary', 'standard', 'low'];

/** Returns a comparison key for an outlet name: lower-case letters and digits, no leading "the". */
export function outletKey(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}
