/** An event's category from cue words in its reports' leads (DESIGN.md, "Event categories"). */
import type { EventCategory } from '../../domain/event.ts';

/**
 * Words that signal each category, most specific first (the order breaks ties). Read in the
 * founding report's headline and first sentence, where news copy states what happened; earlier
 * words weigh more, since the headline's subject is the event ("Inquiry blames … collapse"); each
 * category counts its earliest cue only, so a category with many cue words does not win by number.
 */
const CATEGORY_CUES: readonly [EventCategory, RegExp][] = [
  [
    'Disaster',
    /^(fire|wildfire|wildfires|blaze|flood|flooding|earthquake|quake|collapse|collapsed|storm|hurricane|landslide|eruption|drought|evacuat\w*|hectares|firefighters|burning|tsunami|cracks?|closure|closed)$/,
  ],
  [
    'Protest',
    /^(strike|strikes|striking|strikers|walkout|walked|protest|protests|protesters|demonstrators|demonstration|rally|march(es|ed|ers)?|marchers|walk|picket\w*|unrest|riot\w*)$/,
  ],
  [
    'Legal',
    /^(court|judge|ruling|ruled|verdict|lawsuit|sued|trial|prosecutors?|inquiry|investigation|charged|convicted|appeal|tribunal|fined|indictment|report)$/,
  ],
  [
    'Military',
    /^(troops|military|army|airstrike|airstrikes|shelling|missile|missiles|offensive|soldiers|battle|drills?|exercises?)$/,
  ],
  ['Security', /^(arrest\w*|attack|bomb\w*|shooting|terror\w*|hostage\w*|raid\w*|security|smuggl\w*)$/],
  [
    'Diplomatic',
    /^(talks|summit|negotiat\w*|delegations?|diplomat\w*|envoy|ministers?|treaty|compact|accord|bilateral|round)$/,
  ],
  [
    'Economic',
    /^(wage|wages|pay|deal|fund|funding|economy|economic|market|prices?|fuel|trade|tariffs?|budget|investment|shipping|contract|firm|company|bank)$/,
  ],
  ['Humanitarian', /^(aid|relief|refugees?|humanitarian|displaced|shelter|famine|casualties|victims)$/],
  ['Political', /^(election|elections|parliament|vote|voted|party|coalition|cabinet|resign\w*|bill|law)$/],
  ['Statement', /^(statement|denied|denial|warned|announced|declared|leaked|draft)$/],
];

/** How fast a cue's weight falls with its position in the text (per word). */
const POSITION_DECAY = 0.08;

/**
 * Talks, envoys and treaties are diplomacy only between states: a studio's contract talks with a film
 * director are not. A text names a state actor when it names a country or a nationality (the caller
 * knows from the analysis) or a government office in words like these.
 */
const STATE_ACTOR =
  /\b(?:governments?|ministr(?:y|ies)|ministers?|authorit(?:y|ies)|officials|delegations?|delegates|envoys?|diplomats?|commission|foreign office|state department|embassy|ambassadors?|president|prime minister|chancellor|kremlin|white house|united nations|nato|european union)\b/i;

/**
 * Returns the category whose cues weigh most in the text (headline and first sentence), or null when
 * none occurs. `namesState`: whether the analysis found a country or a nationality in it.
 */
export function categoryOf(text: string, namesState = true): EventCategory | null {
  const words = text.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? [];
  const diplomacy = namesState || STATE_ACTOR.test(text);
  const score = new Map<EventCategory, number>();
  words.forEach((w, i) => {
    const cat = CATEGORY_CUES.find(([c, re]) => (c !== 'Diplomatic' || diplomacy) && re.test(w))?.[0];
    if (cat) score.set(cat, Math.max(score.get(cat) ?? 0, 1 / (1 + POSITION_DECAY * i)));
  });
  let best: EventCategory | null = null;
  let bestScore = 0;
  for (const [cat] of CATEGORY_CUES) {
    const s = score.get(cat) ?? 0;
    if (s > bestScore) [best, bestScore] = [cat, s];
  }
  return best;
}
