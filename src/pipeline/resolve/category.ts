/** An event's category from cue words in its reports' leads (DESIGN.md, "Event categories"). */
import type { EventCategory } from '../../domain/event.ts';
import { COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../../lib/countries.ts';

/**
 * Words that signal each category, most specific first (the order breaks ties). Read in the
 * founding report's headline and first sentence, where news copy states what happened; earlier
 * words weigh more, since the headline's subject is the event ("Inquiry blames … collapse"); each
 * category counts its earliest cue only, so a category with many cue words does not win by number.
 * "Announced" is no cue: news announces every kind of event ("the club announced that its coach …").
 * Words with an everyday sense beside the category's ("strike", "rally", "party", "walk", "security")
 * are phrase cues (PHRASE_CUES) instead, read only in the company that gives them the category's sense.
 */
const CATEGORY_CUES: readonly [EventCategory, RegExp][] = [
  [
    'Disaster',
    /^(fires?|wildfires?|blazes?|flames|ablaze|inferno|floods?|flooded|flooding|earthquakes?|quakes?|tremors?|aftershocks?|magnitude|collapse|collapsed|storms?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|avalanches?|landslides?|mudslides?|blizzards?|heatwaves?|eruptions?|erupted|erupts|volcanic|drought|evacuat\w*|hectares|firefighters|burning|tsunami|capsized|derailed|derailment|shipwreck|sinkholes?|cracks?|closure|closed)$/,
  ],
  [
    'Protest',
    /^(strikers|walkout|protest|protests|protesters|demonstrators|demonstration|march(es|ed|ers)?|marchers|picket\w*|unrest|riot\w*)$/,
  ],
  [
    'Legal',
    /^(court|judge|ruling|ruled|verdict|lawsuits?|sued|sues|suing|trial|prosecutors?|inquiry|investigation|charged|convicted|appeal|tribunal|fined|indictment|report|jury|jurors|sentenced|sentence|acquitted|guilty)$/,
  ],
  [
    'Military',
    /^(troops|military|army|airstrike|airstrikes|shelling|shelled|missile|missiles|offensive|soldiers|battle|drills?|exercises?|warplanes|invasion)$/,
  ],
  [
    'Security',
    /^(arrest\w*|attack|bomb\w*|shooting|terror\w*|hostage\w*|raid\w*|smuggl\w*|assault|murder\w*|manslaughter|homicide|killer|gunman|gunmen|stabb\w*|robbery|kidnap\w*|arson\w*|escapees?|fugitives?|jailbreaks?|manhunts?|dui|dwi)$/,
  ],
  [
    'Diplomatic',
    /^(talks|summit|negotiat\w*|delegations?|diplomat\w*|envoy|ministers?|treaty|compact|accord|bilateral|round|met|meet|meets|meeting)$/,
  ],
  [
    'Economic',
    /^(wage|wages|pay|deals?|fund|funding|economy|economic|market|prices?|fuel|trade|tariffs?|budget|investment|shipping|contracts?|firm|company|bank|acquire[ds]?|acquiring|acquisitions?|takeovers?|mergers?|merge[ds]?|merging|buy|buys|buying|bought|bids?|bidding|bidders?|stakes?|shares|profits?|losses|sales|revenue|earnings|bankruptcy|purchase[ds]?|lay-?offs|redundancies|buyouts?|bail-?outs?|dealers|dealerships)$/,
  ],
  ['Humanitarian', /^(aid|relief|refugees?|humanitarian|displaced|shelter|famine|casualties|victims)$/],
  [
    'Political',
    /^(election|elections|parliament|parliamentary|vote|voted|coalition|cabinet|resign\w*|bill|law|administration|regulations?|legislation|lawmakers|legislators|congress|senate|referendum)$/,
  ],
  ['Statement', /^(statement|denied|denial|warned|warns|declared|leaked|draft)$/],
];

/** Cues that are phrases: a word of everyday sense in the company that makes it the category's. */
const PHRASE_CUES: readonly [EventCategory, RegExp][] = [
  [
    'Protest',
    /\b(?:(?:general|hunger|national|nationwide|labou?r|workers'?|union|rail|teachers'?|doctors'?|nurses'?|dock|transport|one-day|two-day|24-hour|48-hour|indefinite)\s+strikes?|on strike|walk(?:ed|ing)? out|(?:protest|mass|opposition|anti-\w+|pro-\w+)\s+rall(?:y|ies)|rall(?:y|ies|ied)\s+(?:against|outside|in support|in protest))\b/gi,
  ],
  [
    'Military',
    /\b(?:air\s*strikes?|air\s+raids?|air\s+attacks?|aerial\s+(?:bomb\w*|attacks?)|(?:missile|drone|rocket|mortar|artillery|naval|military)\s+(?:strikes?|attacks?|fire|barrages?))\b/gi,
  ],
  [
    'Political',
    /\b(?:(?:political|ruling|opposition|governing|communist|democratic|republican|labou?r|conservative|socialist|liberal|nationalist|one|two|multi)[- ]part(?:y|ies)|party (?:leaders?|members|congress|conference|chairman|primary|candidates?))\b/gi,
  ],
  // A race for office: "a presidential hopeful", "the mayoral campaign", "on the campaign trail" ("campaign"
  // alone is also an advertiser's, an army's or a club's season; "candidate" a job applicant's).
  [
    'Political',
    /\b(?:(?:presidential|senate|senatorial|mayoral|gubernatorial|congressional|leadership|election|re-?election)\s+(?:hopefuls?|candidates?|candidacy|campaigns?|bids?|races?|nominees?|nomination|contenders?|debates?|primar(?:y|ies))|campaign\s+(?:trail|stops?|rall(?:y|ies)|events?|launch))\b/gi,
  ],
  // A government's rules: "finalized rules", "reverses the rule", "loosens the rules on …" ("ruled" is a court's).
  [
    'Political',
    /\b(?:final(?:ized|ised|izes|ises)|proposed|overturn(?:s|ed|ing)?|revers(?:es|ed|ing)|scrap(?:s|ped|ping)?|loosen(?:s|ed|ing)?|tighten(?:s|ed|ing)?|rescind(?:s|ed|ing)?|repeal(?:s|ed|ing)?)\s+(?:[\p{L}'’]+\s+){0,2}rules?\b/giu,
  ],
  // Escapes from custody and the suspects of a crime; not an escape from a flood or what scientists suspect.
  [
    'Security',
    /\b(?:escaped?|escapes|broke out)\s+(?:from\s+)?(?:an?\s+|the\s+)?(?:\w+\s+)?(?:prison|jail|custody|detention)|\b(?:prison|jail)\s+(?:escape|break)|\bescaped?\s+(?:inmates?|prisoners?|convicts?)|\b(?:a|the|one|two|three|four|\d+)\s+suspects?\b|\bsuspects?\s+(?:in|was|were|is|are|has|have|arrested|held|detained)\b|\b(?:in|into|police)\s+custody\b/gi,
  ],
  // A business's results, cuts and rescues: "posted its first annual loss", "cut 13,000 jobs", "close
  // 1,100 dealerships", "a financial assistance package" ("loss" and "aid" alone have everyday senses).
  [
    'Economic',
    /\b(?:(?:annual|quarterly|net|operating|pre-?tax|full-year|half-year|(?:first|second|third|fourth)[- ]quarter)\s+(?:loss|profit|deficit)|(?:posts?|posted|posting|reports?|reported|reporting)\s+(?:an?|its|their)\s+(?:\w+\s+){0,2}?(?:loss|profit)|(?:cut|cuts|cutting|axe|axes|axing|shed|sheds|shedding|eliminate|eliminates|eliminating|close|closes|closing|shut|shuts|shutting)\s+(?:(?:about|some|around|nearly|more than|over|up to|almost)\s+)?[\d,.]+(?:\s+million)?\s+(?:\w+\s+)?(?:jobs|positions|plants|factories|stores|dealerships|dealers|branches|workers|employees)|job (?:cuts|losses)|(?:financial|economic|federal|state)\s+(?:assistance|aid|support)|(?:rescue|assistance|stimulus|aid|bail-?out)\s+package)\b/gi,
  ],
  // "Security" alone is a crime or a threat; "security guarantees", "Security Council" are diplomacy, and
  // "security update", "security flaw", "security researchers" are a product's maintenance.
  [
    'Security',
    /\bsecurity\b(?!\s+(?:guarantees?|council|talks|pact|agreement|assurances?|cooperation|conference|summit|arrangements?|updates?|patch(?:es)?|fix(?:es)?|bulletins?|advisor(?:y|ies)|releases?|software|features?|settings|researchers?|experts?|firms?|companies|vendors?|suites?|flaws?|holes?|vulnerabilit(?:y|ies)|bugs?|tools?|products?))/gi,
  ],
  // Crimes on the road and fugitives: "a hit-and-run", "a drunk driver", "the escapees remain at large".
  [
    'Security',
    /\b(?:hit\s?-\s?and\s?-\s?run|drunk(?:en)?[- ]driv(?:er|ers|ing)|drink[- ]driv(?:er|ers|ing)|(?:remains?|remained|is|are|was|were|still)\s+(?:on the run|at large))\b/gi,
  ],
  // A deal between companies: "sold its stake", "lays off 300", "a $2 billion takeover", "for $4.5 billion",
  // "recalls 40,000 vehicles" ("buy" and "sell" alone have everyday senses: tickets, stories).
  [
    'Economic',
    /\b(?:(?:sell|sells|selling|sold)\s+(?:(?:its|a|the|his|her|their|a majority|a minority|controlling)\s+)?(?:\w+\s+){0,2}?(?:stake|unit|division|business|subsidiary|arm|brand|shares|operations|assets)|(?:lay|lays|laid|laying)\s+off|(?:for|in an?|an?)\s+(?:us)?\$\s?[\d.,]+\s*(?:million|billion|bn|m)\b(?:\s+(?:deal|takeover|offer|bid|acquisition|purchase|merger|buyout))?|(?:takeover|buyout|cash|all-share|all-cash|hostile)\s+(?:offer|bid|approach)|(?:product|vehicle|safety|voluntary|massive)\s+recalls?|recall(?:s|ed|ing)?\s+(?:(?:about|some|around|nearly|more than|over|up to|almost)\s+)?[\d,.]*(?:\s+million)?\s*(?:\w+\s+)?(?:vehicles|cars|trucks|units|products|models|devices|phones|laptops|batteries|toys|pounds|tons|tonnes))/gi,
  ],
  // Air made dangerous to breathe: a city's smog, an air-quality emergency ("pollution" alone may be a
  // policy's subject, "haze" a figure of speech).
  [
    'Disaster',
    /\b(?:smog|(?:toxic|hazardous|choking|severe|deadly|record)\s+(?:air|haze|pollution)|air\s+pollution|air[- ]quality\s+(?:alerts?|emergenc(?:y|ies)|warnings?|crisis)|pollution\s+(?:emergenc(?:y|ies)|alerts?|crisis|warnings?))\b/gi,
  ],
  // A minister's or a secretary's dealings abroad: a visit, a speech or an address to a foreign body.
  // US usage names ministers "secretaries" ("the Defense Secretary"); "ministers" is a word cue above.
  // Read only where a state is named, like every diplomatic cue.
  [
    'Diplomatic',
    /\b(?:(?:defen[cs]e|foreign|state)\s+secretar(?:y|ies)|secretar(?:y|ies)\s+of\s+(?:state|defen[cs]e)|(?:state|official|working|two-day|three-day|first)\s+visits?|visit(?:s|ed|ing)?\s+to|speech\s+(?:to|at|before)|address(?:ed|es|ing)?\s+(?:the\s+)?(?:\p{L}+\s+){0,2}(?:parliament|assembly|congress|conference|summit|forum|bundestag|diet|knesset))\b/giu,
  ],
];

/**
 * News that is none of the categories (product news, appointments, awards, sport): such a cue, read
 * before any category's, leaves the event without one ("Software maker releases a security patch",
 * "Club names new head coach", "Hosts win the cup"). A cue that is followed within NEUTRAL_WINDOW words
 * by a category's cue yields to it: "launches an offensive", "wins the election", "named in the lawsuit".
 */
const NEUTRAL_WORDS =
  /^(?:unveil\w*|launch(?:es|ed|ing)?|debuts?|debuted|premieres?|premiered|playoffs?|play-offs?|semi-?finals?|quarter-?finals?|touchdowns?|innings|hat-trick|overtime|half-?time)$/;
const NEUTRAL_PHRASES =
  /\b(?:(?:security|software|critical|emergency|cumulative|out-of-band|firmware)\s+(?:updates?|patch(?:es)?|fix(?:es)?)|(?:releases?|released|releasing|issues?|issued|issuing|ships?|shipped|rolls?\s+out|rolled\s+out|pushe?s?\s+out|pushed\s+out)\s+(?:\w+\s+){0,3}?(?:patch(?:es)?|updates?|fix(?:es)?|upgrades?|versions?|firmware|betas?|sdk)|(?:names?|named|appoints?|appointed|hires?|hired|promotes?|promoted|taps?|tapped)\s+(?:\p{L}+\s+){0,3}?(?:as\s+)?(?:(?:its|the|a|new|interim|acting)\s+){0,2}(?:chief executive|chief operating officer|chief financial officer|ceo|cfo|coo|chairman|chairwoman|head coach|coach|manager|editor|captain|conductor)|(?:wins?|won|winning|awarded|receives?|received|scoops?|scooped|collects?|collected|nominated for)\s+(?:\p{L}+\s+){0,3}?(?:awards?|prizes?|medals?|oscars?|grammys?|emmys?|trophy|trophies|titles?|championships?|cup|crown|pennant)|(?<!\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+)\d{1,3}-\d{1,3}(?![-\d]|,?\s*(?:\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))\b/giu;
const NEUTRAL_WINDOW = 4;

/**
 * A bombing, an attack or an assault by a state or its forces is military; by anyone else, a matter of
 * security. The agent is read in the words right before the cue ("Sudan bombs…", "Israel's assault…",
 * "government forces attacked…").
 */
const STATE_AGENT_CUE = /^(bomb\w*|attack\w*|assault\w*|raid\w*)$/;
const FORCES =
  /^(?:forces|army|military|troops|jets|warplanes|aircraft|planes?|helicopters?|gunships?|bombers|navy|drones?|artillery|government)$/;
const AGENT_WINDOW = 3;

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
 * Pages that report no event, whatever words of a category they hold (DESIGN.md, "Event categories"):
 * their headline and lead have the shape of a list or a piece about a subject, not of news of something
 * that happened. A price or a discount in a shopping list is not economic news; a "why" or a "how to" is
 * an explainer of a subject; an opinion or a fact check argues about news it does not report. Each shape
 * is read in the headline or the lead's first words (the page's own label for itself), and is common to
 * every outlet's furniture of the kind, not to any one site.
 *   1. A shopping roundup: "the best deals", "daily deals", "deals of the day", "Black Friday deals",
 *      "40% off", "on sale at" (a sale alone may be news: "record holiday sales", "the sale of a unit").
 *   2. An explainer or a how-to: a headline that opens "Why …", "How to …", "What is …", "Everything you
 *      need to know", "N things / tips / ways / reasons", or names its subject by what it is doing ("The
 *      law that's helping …", "The app that is changing …"), or calls itself an explainer.
 *   3. Opinion and fact checks: a headline labelled "Opinion:", "Commentary:", "Editorial:", "Column:",
 *      "Fact check:" ("Analysis:" is left out: an analysis of markets or a vote is read as their news).
 */
const NO_EVENT_SHAPES: readonly RegExp[] = [
  // 1. Shopping roundups (plural "deals": "strikes a deal" is news of one).
  /\b(?:best|top|daily|(?:to|mon|tues|wednes|thurs|fri|satur|sun)day['’]?s|weekend|early|biggest|hottest)\s+(?:[\p{L}\d'’-]+\s+){0,3}?deals\b|\bdeals?\s+of\s+the\s+(?:day|week)\b|\b(?:black\s+friday|cyber\s+monday|prime\s+day|boxing\s+day|holiday)\s+(?:deals|bargains|discounts)\b|\b\d{1,2}\s*%\s+off\b|\bon\s+sale\s+(?:for|at|from|now)\b/iu,
  // 2. Explainers and how-tos, by the headline's first words.
  /^(?:why\b|how\s+to\b|what\s+(?:is|are|was|were|does|do|you|we|to|it)\b|everything\s+you\s+need\s+to\s+know|(?:here['’]?s|this\s+is)\s+(?:why|how|what)\b|\d+\s+(?:\p{L}+\s+)?(?:things|tips|ways|reasons|questions|facts|lessons)\b|the\s+[\p{L}-]+\s+(?:that|which|who)(?:['’]s|\s+is|\s+are)\s+(?:\p{L}+ly\s+)?\p{L}+ing\b)/iu,
  /\b(?:explainer|explained|what\s+you\s+need\s+to\s+know)\b/iu,
  // 3. Opinion, analysis and fact checks labelled as such.
  /^(?:opinion|op-ed|commentary|editorial|column|fact[-\s]?check(?:ing)?|viewpoint|letters?)\s*[:|–—-]/iu,
];

/** Whether a headline and lead have the shape of a page that reports no event (NO_EVENT_SHAPES). */
export function reportsNoEvent(text: string): boolean {
  const [headline = '', lead = ''] = text.split('\n', 2);
  const head = headline.trim();
  const leadStart = lead.trim().split(/\s+/).slice(0, NO_EVENT_LEAD_WORDS).join(' ');
  return NO_EVENT_SHAPES.some((re, i) =>
    i === 1 || i === 3 ? re.test(head) || (!head && re.test(leadStart)) : re.test(head) || re.test(leadStart),
  );
}

/** How much of the lead is read for a no-event shape: its opening, where a list introduces itself. */
const NO_EVENT_LEAD_WORDS = 12;

/**
 * Returns the category whose cues weigh most in the text (headline and first sentence), or null when
 * none occurs. `namesState`: whether the analysis found a country or a nationality in it.
 */
export function categoryOf(text: string, namesState = true): EventCategory | null {
  if (reportsNoEvent(text)) return null;
  const lower = text.toLowerCase();
  const words = lower.match(/\p{L}[\p{L}'-]*|\d+/gu) ?? [];
  const diplomacy = namesState || STATE_ACTOR.test(text);
  const score = new Map<EventCategory, number>();
  /** Where a category's cue stands (word positions), for the neutral cues to yield to. */
  const cueAt = new Set<number>();
  const add = (cat: EventCategory, i: number) => {
    cueAt.add(i);
    score.set(cat, Math.max(score.get(cat) ?? 0, 1 / (1 + POSITION_DECAY * i)));
  };
  words.forEach((w, i) => {
    if (!wordSense(words, i)) return;
    const cat = CATEGORY_CUES.find(([c, re]) => (c !== 'Diplomatic' || diplomacy) && re.test(w))?.[0];
    if (!cat || (cat === 'Economic' && topicOfHead(words, i))) return;
    add(cat === 'Security' && STATE_AGENT_CUE.test(w) && byState(words, i) ? 'Military' : cat, i);
  });
  const at = (index: number) => (lower.slice(0, index).match(/\p{L}[\p{L}'-]*|\d+/gu) ?? []).length;
  for (const [cat, re] of PHRASE_CUES)
    if (cat !== 'Diplomatic' || diplomacy) for (const m of lower.matchAll(re)) add(cat, at(m.index));
  let best: EventCategory | null = null;
  let bestScore = 0;
  for (const [cat] of CATEGORY_CUES) {
    const s = score.get(cat) ?? 0;
    if (s > bestScore) [best, bestScore] = [cat, s];
  }
  return neutralScore(words, lower, at, cueAt) > bestScore ? null : best;
}

/**
 * The weight of the earliest cue of news of no category (NEUTRAL_WORDS, NEUTRAL_PHRASES) that yields to
 * no category's cue after it (`cueAt`: the word positions of the category cues read).
 */
function neutralScore(
  words: readonly string[],
  lower: string,
  at: (index: number) => number,
  cueAt: ReadonlySet<number>,
): number {
  const categoryAfter = (end: number) => {
    for (let k = end + 1; k <= end + NEUTRAL_WINDOW; k++) if (cueAt.has(k)) return true;
    return false;
  };
  let first = Infinity;
  words.forEach((w, i) => {
    if (i < first && NEUTRAL_WORDS.test(w) && !categoryAfter(i)) first = i;
  });
  for (const m of lower.matchAll(NEUTRAL_PHRASES)) {
    const i = at(m.index);
    if (i < first && !categoryAfter(at(m.index + m[0].length) - 1)) first = i;
  }
  return first === Infinity ? 0 : 1 / (1 + POSITION_DECAY * first);
}

/**
 * Whether a cue word is used in its category's sense: "March 3" is a month, not a march; "opened fire"
 * and "under fire" are shooting and criticism, not a blaze.
 */
function wordSense(words: readonly string[], i: number): boolean {
  const w = words[i] as string;
  const before = words[i - 1] ?? '';
  const after = words[i + 1] ?? '';
  if (w === 'march')
    return (
      !/^\d/.test(after) &&
      !/^\d/.test(before) &&
      !/^(?:in|since|until|by|last|next|early|late|mid)$/.test(before)
    );
  if (w === 'fire' || w === 'fires')
    return (
      !/^(?:opened|open|opening|opens|returned|under|cease)$/.test(before) &&
      !FIRED_ROLE.test(after) &&
      !FIRED_SHOT.test(after)
    );
  // "negotiated the purchase of …", "negotiating a merger": a commercial negotiation, not diplomacy.
  if (/^negotiat/.test(w)) return !COMMERCIAL_OBJECT.test(words.slice(i + 1, i + 4).join(' '));
  // "according to the company", "the firm said": the company is the source, not what happened.
  if (w === 'company' || w === 'firm')
    return (
      !/according to (?:the |its )?$/.test(`${words.slice(Math.max(0, i - 4), i).join(' ')} `) &&
      !SOURCE_AFTER.test(after)
    );
  // "murder trial", "manslaughter charges": the crime names the case, the trial is the event.
  if (CRIME.test(w)) return !LEGAL_PROCESS.test(after);
  // "a convicted killer escaped", "serving a life sentence", "awaiting trial": the person's past, not the event.
  if (/^(?:convicted|sentenced|condemned)$/.test(w)) return !CONVICT.test(after);
  if (/^(?:sentence|sentences|trial)$/.test(w))
    return !words
      .slice(Math.max(0, i - 3), i)
      .some((b) => /^(?:serving|served|serve|serves|awaiting|await|awaits|pending)$/.test(b));
  // "a refugee camp", "an aid agency": a humanitarian word that names a place or a body, not what happened.
  if (/^(?:aid|relief|refugees?|humanitarian)$/.test(w) && HUMANITARIAN_BODY.test(after)) return false;
  // "in a bid to end the dispute", "bid farewell": an attempt or a parting, not an offer for a company.
  if (w === 'bid' || w === 'bids') return !/^(?:to|farewell|adieu)$/.test(after);
  // "an offensive effort", "offensive remarks": the adjective, not an army's offensive.
  if (w === 'offensive') return !OFFENSIVE_ADJECTIVE.test(after);
  return true;
}

/** Places and bodies a humanitarian word names ("refugee camp", "aid agency", "relief workers"). */
const HUMANITARIAN_BODY =
  /^(?:camps?|centres?|centers?|agenc(?:y|ies)|organi[sz]ations?|groups?|officials?|workers?|charit(?:y|ies))$/;

/** People a court's word describes ("convicted killer", "sentenced inmate"). */
const CONVICT =
  /^(?:killers?|murderers?|felons?|rapists?|sex|child|drug|robbers?|inmates?|prisoners?|men|man|woman|women|criminals?|terrorists?|paedophiles?|pedophiles?|fraudsters?|thie(?:f|ves)|kidnappers?|arsonists?|offenders?|double|triple|serial|bank|cop|officer|former|ex-\w+)$/;
/** Nouns "offensive" describes as an adjective. */
const OFFENSIVE_ADJECTIVE =
  /^(?:effort|efforts|line|lineman|linemen|coordinator|players?|play|plays|performance|rebounds?|fouls?|output|struggles|woes|production|remarks?|comments?|language|tweets?|posts?|content|behaviou?r|material|jokes?|words?|slurs?|display|showing)$/;

/** What a commercial negotiation is about, in the words right after "negotiated" ("the purchase of"). */
const COMMERCIAL_OBJECT =
  /^(?:(?:the|a|an|its|their)\s+)?(?:\w+\s+)?(?:purchase|sale|acquisition|takeover|merger|contract|price|wages?|pay)s?\b/;
/** Words after "company" or "firm" that make it the source of the news ("the company said"). */
const SOURCE_AFTER = /^(?:said|says|website|statement|spokes\w*|announced|reported|stated)$/;

/** Whom an employer fires ("76ers fire coach", "board fires chief executive"): a dismissal, not a blaze. */
const FIRED_ROLE =
  /^(?:coach|manager|head|chief|ceo|director|president|staff|workers|employees|players?|him|her|them|his|their)$/;
/** What is fired at someone ("police fire tear gas", "troops fired shots"): shooting, not a blaze. */
const FIRED_SHOT =
  /^(?:tear|shots?|rounds|bullets|rubber|warning|live|rockets?|mortars?|on|at|into|upon|back)$/;
/** Crime words that name the case when a legal-process noun follows them. */
const CRIME = /^(?:murder\w*|manslaughter|homicide|assault|robbery|kidnap\w*|arson|dui|dwi|terror\w*)$/;
const LEGAL_PROCESS =
  /^(?:trial|trials|case|cases|charges?|charged|conviction|convictions|verdict|sentence|hearing|retrial|appeal)$/;

/** Categories whose nouns head a compound an economic word only modifies ("fuel price protest", "pay dispute trial"). */
const HEAD_CATEGORIES: ReadonlySet<EventCategory> = new Set(['Protest', 'Legal', 'Security']);

/** Whether an economic word only says what a protest, a case or a crime that follows it is about. */
function topicOfHead(words: readonly string[], i: number): boolean {
  return [words[i + 1], words[i + 2]].some(
    (w) => w !== undefined && CATEGORY_CUES.some(([c, re]) => HEAD_CATEGORIES.has(c) && re.test(w)),
  );
}

/**
 * Whether the words before a cue name a state or its forces as the agent ("Sudan bombs", "Israeli forces
 * shelled"), or the words after it in the passive ("bombed by Israel", "attacked by government planes").
 */
function byState(words: readonly string[], i: number): boolean {
  // The passive names the agent after the cue: "the camp was bombed by government forces".
  const by = words.indexOf('by', i + 1);
  if (by > i && by <= i + 2) {
    for (let k = by + 1; k <= by + AGENT_WINDOW && k < words.length; k++) {
      const w = (words[k] as string).replace(/['’]s$/, '');
      if (FORCES.test(w) || COUNTRY_BY_NAME.has(w) || COUNTRY_BY_DEMONYM.has(w)) return true;
    }
  }
  for (let k = Math.max(0, i - AGENT_WINDOW); k < i; k++) {
    const w = (words[k] as string).replace(/['’]s$/, '');
    if (FORCES.test(w) || COUNTRY_BY_NAME.has(w) || COUNTRY_BY_DEMONYM.has(w)) return true;
    const pair = k > 0 ? `${words[k - 1]} ${w}` : '';
    if (pair && COUNTRY_BY_NAME.has(pair)) return true;
  }
  return false;
}
