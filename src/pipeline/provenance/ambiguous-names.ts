/**
 * A name several known outlets share ("ABC" is a broadcaster in the US and in Australia, and a Madrid
 * daily): it names the one of the report's own country, else of the country the text speaks of most,
 * else none (left unresolved rather than guessed).
 */
import type { Outlet } from '../../domain/outlet.ts';
import type { OutletMention } from './outlet-mentions.ts';
import { oneOf } from './resolve-outlet.ts';

/** Mentions at one span naming several outlets ("ABC"): one, by the country evidence, or none named. */
export function oneOutletEach(
  text: string,
  mentions: OutletMention[],
  country?: string | null,
): OutletMention[] {
  const bySpan = new Map<string, OutletMention[]>();
  for (const m of mentions) {
    const k = `${m.start}:${m.end}`;
    bySpan.set(k, [...(bySpan.get(k) ?? []), m]);
  }
  return [...bySpan.values()].map((same) => {
    const outlets = [...new Set(same.map((m) => m.outlet as Outlet))];
    if (outlets.length === 1) return same[0] as OutletMention;
    const chosen = oneOf(outlets, country ?? countrySpokenOf(text, outlets));
    return { ...(same[0] as OutletMention), outlet: chosen };
  });
}

/**
 * The country, of those the outlets come from, that the text names most (by the names and adjectives
 * of COUNTRY_WORDS), when one clearly leads; else null.
 */
function countrySpokenOf(text: string, outlets: Outlet[]): string | null {
  const counts = [...new Set(outlets.map((o) => o.country).filter(Boolean) as string[])]
    .map((c) => ({ c, n: COUNTRY_WORDS[c] ? (text.match(COUNTRY_WORDS[c] as RegExp) ?? []).length : 0 }))
    .sort((a, b) => b.n - a.n);
  const [first, second] = counts;
  return first && first.n > 0 && first.n > (second?.n ?? 0) ? first.c : null;
}

/** How texts name the home countries of outlets that share a name (general knowledge, not a gazetteer). */
const COUNTRY_WORDS: Record<string, RegExp> = {
  US: /\b(?:U\.S\.A?|USA|United States|Americans?|Washington)\b/g,
  AU: /\b(?:Australian?s?|Canberra|Sydney|Melbourne|Brisbane|Perth|Adelaide)\b/g,
  GB: /\b(?:Britain|British|U\.K\.|United Kingdom|England|English|London)\b/g,
  ES: /\b(?:Spain|Spanish|Madrid)\b/g,
  CA: /\b(?:Canadian?s?|Ottawa|Toronto)\b/g,
  IN: /\b(?:India|Indian|New Delhi)\b/g,
  NG: /\b(?:Nigerian?s?|Abuja|Lagos)\b/g,
  ZA: /\b(?:South Africa|South African)\b/g,
  IE: /\b(?:Ireland|Irish|Dublin)\b/g,
  ZW: /\b(?:Zimbabwe|Zimbabwean|Harare)\b/g,
  PH: /\b(?:Philippines|Philippine|Filipino|Manila)\b/g,
  NZ: /\b(?:New Zealand|Wellington|Auckland)\b/g,
};
