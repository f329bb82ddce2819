/**
 * Words and sentence shapes for the web load bench's generated reports (bench/web-generate.ts): every
 * text is assembled here from word lists written for the bench (no news is copied), and the analysis a
 * report would get (sentences with their certainty, entity mentions, times, quotes, numbers) is recorded
 * with the offsets of the words as they are placed, so the stored rows look like the pipeline's.
 */
import type {
  Analysis,
  CertaintyLevel,
  EntityMention,
  NumberMention,
  Quote,
  TimeExpression,
} from '../src/domain/analysis.ts';
import type { EventCategory } from '../src/domain/event.ts';

/** A verb in the forms a headline, a lead and a hedged lead need: base, past, headline (3rd person). */
type Verb = [base: string, past: string, head: string];

/** What an event is about, per category: its verb, its object, and the count its reports give. */
interface Happening {
  verb: Verb;
  object: string;
  count: { key: string; unit: string; after: string } | null;
}

const ISSUES = [
  'pay',
  'pensions',
  'fuel prices',
  'housing costs',
  'water rationing',
  'school closures',
  'a mining permit',
  'port automation',
  'grain prices',
  'rail fares',
  'a dam project',
  'land rights',
  'hospital waiting lists',
  'a new border fee',
  'fishing quotas',
  'power cuts',
  'bus routes',
  'a toll road',
  'tax on fertiliser',
  'shift patterns',
  'a factory closure',
  'rent controls',
  'visa rules',
  'a data law',
];
const GOODS = [
  'wheat',
  'copper',
  'natural gas',
  'rice',
  'steel',
  'timber',
  'cotton',
  'coffee',
  'lithium',
  'fertiliser',
  'diesel',
  'medicines',
  'solar panels',
  'cement',
];

export const HAPPENINGS: Readonly<Record<EventCategory, Happening[]>> = {
  Diplomatic: [
    { verb: ['sign', 'signed', 'signs'], object: 'a trade accord on {good}', count: null },
    { verb: ['open', 'opened', 'opens'], object: 'talks on {issue}', count: null },
    { verb: ['host', 'hosted', 'hosts'], object: 'a regional summit on {issue}', count: null },
  ],
  Military: [
    {
      verb: ['launch', 'launched', 'launches'],
      object: 'an offensive near the border',
      count: { key: 'deaths', unit: 'soldiers', after: 'were killed' },
    },
    { verb: ['withdraw', 'withdrew', 'withdraws'], object: 'troops from a frontier post', count: null },
    {
      verb: ['hold', 'held', 'holds'],
      object: 'naval exercises off the coast',
      count: { key: 'participants', unit: 'ships', after: 'took part' },
    },
  ],
  Political: [
    { verb: ['call', 'called', 'calls'], object: 'an early vote over {issue}', count: null },
    { verb: ['form', 'formed', 'forms'], object: 'a coalition after weeks of talks', count: null },
    {
      verb: ['reject', 'rejected', 'rejects'],
      object: 'a budget plan on {issue}',
      count: { key: 'participants', unit: 'members', after: 'voted against' },
    },
  ],
  Legal: [
    { verb: ['fine', 'fined', 'fines'], object: 'a shipping firm over {issue}', count: null },
    { verb: ['block', 'blocked', 'blocks'], object: 'a decree on {issue}', count: null },
    {
      verb: ['charge', 'charged', 'charges'],
      object: 'officials over {issue}',
      count: { key: 'arrests', unit: 'people', after: 'were charged' },
    },
  ],
  Economic: [
    { verb: ['raise', 'raised', 'raises'], object: 'tariffs on {good}', count: null },
    { verb: ['cut', 'cut', 'cuts'], object: 'its interest rate amid {issue}', count: null },
    {
      verb: ['ban', 'banned', 'bans'],
      object: 'exports of {good}',
      count: { key: 'participants', unit: 'firms', after: 'are affected' },
    },
  ],
  Humanitarian: [
    {
      verb: ['deliver', 'delivered', 'delivers'],
      object: 'aid to flooded districts',
      count: { key: 'displaced', unit: 'people', after: 'have left their homes' },
    },
    {
      verb: ['open', 'opened', 'opens'],
      object: 'shelters for families displaced by fighting',
      count: { key: 'displaced', unit: 'residents', after: 'were moved to shelters' },
    },
  ],
  Security: [
    {
      verb: ['arrest', 'arrested', 'arrests'],
      object: 'suspects after a raid on a warehouse',
      count: { key: 'arrests', unit: 'people', after: 'were detained' },
    },
    {
      verb: ['seize', 'seized', 'seizes'],
      object: 'a cargo of smuggled {good}',
      count: { key: 'arrests', unit: 'crew members', after: 'were held' },
    },
  ],
  Protest: [
    {
      verb: ['stage', 'staged', 'stages'],
      object: 'a strike over {issue}',
      count: { key: 'participants', unit: 'workers', after: 'walked out' },
    },
    {
      verb: ['march', 'marched', 'marches'],
      object: 'through the centre against {issue}',
      count: { key: 'participants', unit: 'people', after: 'joined the march' },
    },
    {
      verb: ['block', 'blocked', 'blocks'],
      object: 'roads in protest at {issue}',
      count: { key: 'participants', unit: 'farmers', after: 'took part' },
    },
  ],
  Disaster: [
    {
      verb: ['report', 'reported', 'reports'],
      object: 'deadly flooding after days of rain',
      count: { key: 'deaths', unit: 'people', after: 'died' },
    },
    {
      verb: ['evacuate', 'evacuated', 'evacuates'],
      object: 'villages as a wildfire spreads',
      count: { key: 'displaced', unit: 'residents', after: 'were evacuated' },
    },
    {
      verb: ['assess', 'assessed', 'assesses'],
      object: 'damage after an earthquake',
      count: { key: 'injured', unit: 'people', after: 'were injured' },
    },
  ],
  Statement: [
    { verb: ['announce', 'announced', 'announces'], object: 'a review of {issue}', count: null },
    { verb: ['warn', 'warned', 'warns'], object: 'of shortages of {good}', count: null },
  ],
};

/** Category weights: how often each kind of event is in the generated news (roughly a wire's mix). */
export const CATEGORY_WEIGHTS: readonly [EventCategory, number][] = [
  ['Political', 18],
  ['Economic', 15],
  ['Diplomatic', 12],
  ['Security', 10],
  ['Protest', 9],
  ['Legal', 9],
  ['Statement', 9],
  ['Military', 7],
  ['Disaster', 6],
  ['Humanitarian', 5],
];

const ORG_KINDS = [
  'Port Authority',
  'Farmers Union',
  'Transport Ministry',
  'City Council',
  'Energy Regulator',
  'Coast Guard',
  'Teachers Federation',
  'Health Agency',
  'Central Bank',
  'Electoral Commission',
  'Dockworkers Union',
  'Chamber of Commerce',
  'Water Board',
  'Interior Ministry',
  'Supreme Court',
  'Defence Ministry',
  'Mining Company',
  'Rail Operator',
  'Red Cross Society',
  'Opposition Alliance',
  'Workers Party',
  'Fisheries Council',
  'Audit Office',
  'Space Agency',
];
const ORG_PREFIXES = [
  'National',
  'Federal',
  'Northern',
  'Southern',
  'Eastern',
  'Western',
  'Coastal',
  'Central',
  'Provincial',
  'United',
  'Regional',
  'Highland',
  'Lowland',
  'Metropolitan',
  'Island',
  'Valley',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'ten',
  'vik',
  'sa',
  'ran',
  'dor',
  'bel',
  'fin',
  'gar',
  'hol',
  'is',
  'jen',
  'mar',
  'nov',
  'pet',
  'ros',
  'sil',
  'tor',
  'ul',
  'var',
  'wen',
  'zel',
  'bra',
  'cor',
  'dan',
  'el',
  'fal',
  'gri',
  'hem',
  'ost',
];
const SURNAME_ENDS = ['', 's', 'son', 'ez', 'ova', 'ski', 'er', 'ini', 'ides', 'berg', 'ley', 'ic', 'ant'];
/** What the people quoted are. */
export const ROLES = [
  'a spokesperson for the ministry',
  'the union leader',
  'a local councillor',
  'the agency director',
  'a senior official',
  'an economist',
  'a resident',
  'the mayor',
  'a lawyer for the families',
  'the chair of the committee',
];

const SUBJECTS = [
  'Officials',
  'Residents',
  'Analysts',
  'The committee',
  'Local traders',
  'Two regional governors',
  'Observers',
  'Opposition lawmakers',
  'Aid groups',
  'Investors',
  'Neighbouring states',
  'Union members',
  'Engineers',
  'The regulator',
  'Several ministers',
  'Shipping firms',
];
const VERBS_PAST = [
  'welcomed',
  'questioned',
  'criticised',
  'reviewed',
  'postponed',
  'requested',
  'described',
  'expected',
  'debated',
  'supported',
  'challenged',
  'studied',
  'disputed',
  'praised',
  'delayed',
  'examined',
];
const OBJECTS = [
  'the timetable',
  'further talks',
  'an independent inquiry',
  'the new figures',
  'the proposal',
  'emergency funding',
  'the earlier estimate',
  'the terms of the deal',
  'a compensation scheme',
  'the safety record',
  'the draft report',
  'a fresh round of inspections',
  'the cost of repairs',
  'the list of demands',
  'the regional budget',
  'a wider investigation',
];
const ADVERBIALS = [
  'later in the week',
  'after a long meeting',
  'in a written statement',
  'despite heavy rain',
  'for the second time this month',
  'without giving details',
  'at a briefing in the capital',
  'before the deadline',
  'in a televised address',
  'on social media',
  'behind closed doors',
  'after an overnight session',
  'with some caution',
  'at the request of the families',
];
const QUOTE_OPENINGS = [
  'We will not accept',
  'This is only the beginning of',
  'Nobody expected',
  'We are ready to discuss',
  'People are worried about',
  'It is too early to judge',
  'We have asked for',
  'There is no plan for',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Content words a search for something in the generated reports can use (each appears in many texts). */
export const SEARCH_WORDS: readonly string[] = [
  ...new Set(
    [...ISSUES, ...GOODS, ...OBJECTS, ...ORG_KINDS]
      .flatMap((p) => p.toLowerCase().split(/[^a-z]+/))
      .filter((w) => w.length >= 5),
  ),
];

/**
 * Words of the generated texts (days and months of their dates) that SEARCH_WORDS leaves out: the bench
 * warms a server with searches for these before it measures searches for those.
 */
export const WARMUP_WORDS: readonly string[] = [...WEEKDAYS, ...MONTHS]
  .map((w) => w.toLowerCase())
  .filter((w) => !SEARCH_WORDS.includes(w));

/** Returns a made-up surname from syllables (no list of real people is used). */
export function surname(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rand, SYLLABLES);
  s += pick(rand, SURNAME_ENDS);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Returns an organisation's name: a place or a prefix, and a kind of body. */
export function organisation(rand: () => number, place: string): string {
  return `${rand() < 0.5 ? place : pick(rand, ORG_PREFIXES)} ${pick(rand, ORG_KINDS)}`;
}

/** Returns a random element. */
export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** An entity as a report mentions it. */
export interface Mention {
  id: string;
  name: string;
  type: 'PERSON' | 'ORG' | 'LOCATION';
  place?: EntityMention['place'];
}

/** Everything one report says about its event, decided by the generator. */
export interface ReportPlan {
  articleId: string;
  happening: Happening;
  /** The happening's object with its slots filled (the same for every report of the event). */
  object: string;
  actor: Mention;
  place: Mention | null;
  speaker: Mention;
  speakerRole: string;
  tone: CertaintyLevel;
  eventDay: string;
  publishedAt: string;
  count: { value: number; approx: boolean } | null;
  /** Outlet cited in the lead ("according to X"), when the report only cites. */
  citing: string | null;
  fillers: number;
}

/** Fills an object's {issue}/{good} slots (once per event). */
export function fillObject(rand: () => number, object: string): string {
  return object.replace('{issue}', () => pick(rand, ISSUES)).replace('{good}', () => pick(rand, GOODS));
}

/** The event's title, as a headline: actor, present-tense verb, object, place. */
export function headline(h: Happening, object: string, actor: string, place: string | null): string {
  return `${actor} ${h.verb[2]} ${object}${place ? ` in ${place}` : ''}`;
}

/** Appends text and records where each analysed piece lands. */
class TextBuilder {
  text = '';
  readonly entities: EntityMention[] = [];
  readonly times: TimeExpression[] = [];
  readonly quotes: Quote[] = [];
  readonly numbers: NumberMention[] = [];
  readonly sentences: Analysis['sentences'] = [];
  private sentenceStart = 0;

  add(s: string): this {
    this.text += s;
    return this;
  }
  entity(m: Mention): this {
    const start = this.text.length;
    this.text += m.name;
    this.entities.push({
      start,
      end: this.text.length,
      text: m.name,
      type: m.type,
      entityId: m.id,
      canonical: m.name,
      ...(m.place ? { place: m.place } : {}),
    });
    return this;
  }
  time(text: string, day: string): this {
    const start = this.text.length;
    this.text += text;
    const next = new Date(Date.parse(day) + 86_400_000).toISOString();
    this.times.push({
      start,
      end: this.text.length,
      text,
      value: { start: `${day}T00:00:00.000Z`, end: next },
      precision: 'day',
    });
    return this;
  }
  number(n: NumberMention): this {
    this.numbers.push(n);
    return this;
  }
  quote(text: string, speaker: Mention): this {
    const start = this.text.length;
    this.text += text;
    this.quotes.push({
      start,
      end: this.text.length,
      text,
      speaker: { text: speaker.name, entityId: speaker.id },
      verb: 'said',
      direct: true,
    });
    return this;
  }
  endSentence(level: CertaintyLevel, cues: string[]): this {
    this.sentences.push({ start: this.sentenceStart, end: this.text.length, certainty: { level, cues } });
    this.text += ' ';
    this.sentenceStart = this.text.length;
    return this;
  }
}

/** Returns a report's text and its analysis, written from its plan. */
export function writeReport(rand: () => number, p: ReportPlan): { text: string; analysis: Analysis } {
  const b = new TextBuilder();
  lead(b, p);
  if (p.count && p.happening.count) countSentence(b, p);
  b.add('"').quote(
    `${pick(rand, QUOTE_OPENINGS)} ${pick(rand, OBJECTS)} ${pick(rand, ADVERBIALS)}`,
    p.speaker,
  );
  b.add('," said ').entity(p.speaker).add(`, ${p.speakerRole}.`).endSentence('attributed', ['said']);
  for (let i = 0; i < p.fillers; i++) {
    b.add(
      `${pick(rand, SUBJECTS)} ${pick(rand, VERBS_PAST)} ${pick(rand, OBJECTS)} ${pick(rand, ADVERBIALS)}.`,
    );
    b.endSentence('certain', []);
  }
  const text = b.text.trimEnd();
  return {
    text,
    analysis: {
      id: p.articleId,
      sentences: b.sentences,
      entities: b.entities,
      times: b.times,
      quotes: b.quotes,
      numbers: b.numbers,
    },
  };
}

/** The lead: who did what, where and when, in the report's tone. */
function lead(b: TextBuilder, p: ReportPlan): void {
  const [base, past] = p.happening.verb;
  const when = whenPhrase(p.eventDay, p.publishedAt);
  b.entity(p.actor);
  const [verb, cue] = LEAD_VERBS[p.tone](base, past);
  const cues = cue ? [cue] : [];
  b.add(` ${verb} ${p.object}`);
  if (p.place) b.add(' in ').entity(p.place);
  b.add(' ').time(when, p.eventDay);
  if (p.citing) {
    b.add(`, according to ${p.citing}`);
    cues.push('according to');
  } else if (p.tone === 'attributed') {
    b.add(', officials said');
    cues.push('said');
  }
  b.add('.').endSentence(p.tone, cues);
}

/** The lead's verb phrase in each tone, with the words that show the tone. */
const LEAD_VERBS: Record<CertaintyLevel, (base: string, past: string) => [string, string | null]> = {
  certain: (_b, past) => [past, null],
  attributed: (_b, past) => [past, null],
  likely: (base) => [`is expected to ${base}`, 'is expected to'],
  possible: (base) => [`is considering whether to ${base}`, 'considering'],
  denied: (_b, past) => [`denied reports that it had ${past}`, 'denied reports'],
};

/** "on Tuesday" within a week of publication, else "on 12 March". */
function whenPhrase(day: string, publishedAt: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const days = (Date.parse(publishedAt) - d.getTime()) / 86_400_000;
  return days < 6 ? `on ${WEEKDAYS[d.getUTCDay()]}` : `on ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** "About 3,000 workers walked out, the organisers said." with the number recorded. */
function countSentence(b: TextBuilder, p: ReportPlan): void {
  const c = p.happening.count as NonNullable<Happening['count']>;
  const count = p.count as NonNullable<ReportPlan['count']>;
  const figure = count.value.toLocaleString('en-US');
  const start = b.text.length;
  const text = `${count.approx ? 'About ' : ''}${figure} ${c.unit}`;
  b.add(text);
  b.number({
    start,
    end: b.text.length,
    text,
    value: count.value,
    unit: c.unit,
    ...(count.approx ? { approx: 'about' as const } : {}),
    ...(c.key !== 'participants' ? { counts: c.key as NonNullable<NumberMention['counts']> } : {}),
  });
  b.add(` ${c.after}, the organisers said.`).endSentence('attributed', ['said']);
}
