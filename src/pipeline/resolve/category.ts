/** An event's category from cue words in its reports' leads (DESIGN.md, "Event categories"). */
import type { EventCategory } from '../../domain/event.ts';

/**
 * Stems that signal each category, most specific first. Counted over the terms of the
 * founding report; the category with the highest weighted count wins.
 */
const CATEGORY_CUES: readonly [EventCategory, RegExp][] = [
  ['Disaster', /^(fire|wildfire|wildfires|blaze|flood|flooding|earthquake|quake|collapse|collapsed|storm|hurricane|landslide|eruption|drought|evacuat\w*|hectares|firefighters|burning|tsunami|cracks?|closure|closed)$/],
  ['Protest', /^(strike|strikes|striking|strikers|walkout|walked|protest|protests|protesters|demonstrators|demonstration|rally|march(ed|ers)|picket\w*|unrest|riot\w*)$/],
  ['Legal', /^(court|judge|ruling|ruled|verdict|lawsuit|sued|trial|prosecutors?|inquiry|investigation|charged|convicted|appeal|tribunal|fined|indictment|report)$/],
  ['Military', /^(troops|military|army|airstrike|airstrikes|shelling|missile|missiles|offensive|soldiers|battle|drills?|exercises?)$/],
  ['Security', /^(police|arrest\w*|attack|bomb\w*|shooting|terror\w*|hostage\w*|raid\w*|security|smuggl\w*)$/],
  ['Diplomatic', /^(talks|summit|negotiat\w*|delegations?|diplomat\w*|envoy|ministers?|treaty|compact|accord|bilateral|round)$/],
  ['Economic', /^(wage|wages|pay|deal|fund|funding|economy|economic|market|prices?|fuel|trade|tariffs?|budget|investment|shipping|contract|firm|company|bank)$/],
  ['Humanitarian', /^(aid|relief|refugees?|humanitarian|displaced|shelter|famine|casualties|victims)$/],
  ['Political', /^(election|elections|parliament|vote|voted|party|coalition|minister|government|cabinet|resign\w*|bill|law)$/],
  ['Statement', /^(statement|denied|denial|warned|announced|declared|leaked|draft)$/],
];

/** Returns the category whose cues weigh most in the given term weights, or null when none occurs. */
export function categoryOf(terms: Record<string, number>): EventCategory | null {
  let best: EventCategory | null = null;
  let bestScore = 0;
  for (const [cat, re] of CATEGORY_CUES) {
    let s = 0;
    for (const [t, w] of Object.entries(terms)) if (re.test(t)) s += w;
    if (s > bestScore) [best, bestScore] = [cat, s];
  }
  return best;
}
