/** What the resolver compares: a report's content terms, names, event time and place. */
import type { ArticleRecord } from '../../domain/article.ts';
import type { EventPlace } from '../../domain/event.ts';
import { COUNTRY_BY_CAPITAL, COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../../lib/countries.ts';
import { readsAsFacility } from '../../lib/facility-names.ts';
import { landmarkOf } from '../../lib/landmarks.ts';
import { citiesByName, englishWords, firstNameSet, properNameKinds } from '../../lib/lexicons.ts';
import { wordTokens } from '../../lib/text-normalize.ts';
import { backgroundPassages } from './background.ts';
import { eventDateOf } from './event-date.ts';
import { STOPWORDS } from './stopwords.ts';

/** The lead (first sentences) says what happened; later paragraphs often recall earlier events. */
export const LEAD_SENTENCES = 4;

export interface ReportFeatures {
  articleId: string;
  /** Length-normalised term frequencies; lead terms count double. */
  terms: Record<string, number>;
  /** Lower-cased canonical names of people, organisations and places. */
  names: string[];
  /**
   * Who the report is about: the surnames of the people its headline and first sentences name. Two
   * reports of look-alike events (the same kind of thing, the same place, the same organisations)
   * most often differ here: another player arrested, another actor in rehab, another minister.
   */
  actors?: string[];
  /** Best estimate of when the reported event happened (ISO date), or null. */
  eventDate: string | null;
  /** Whether that date was stated in the lead (else it is the publication day). */
  dateStated: boolean;
  /**
   * The calendar years the text writes out in full (a year alone or in a date), in text order: all a
   * report without a date says about when it was written (see `undatedFit`).
   */
  years?: number[];
  title: string | null;
  publishedAt: string | null;
  place: EventPlace | null;
}

/** Returns the features the resolver matches on. */
export function reportFeatures(rec: ArticleRecord): ReportFeatures {
  const { article, analysis } = rec;
  const leadEnd =
    analysis.sentences[Math.min(LEAD_SENTENCES, analysis.sentences.length) - 1]?.end ?? article.text.length;
  const lead = `${article.title ?? ''}\n${article.text.slice(0, leadEnd)}`;
  const tf: Record<string, number> = {};
  const add = (text: string, w: number) => {
    for (const t of wordTokens(text))
      if (t.length > 2 && !STOPWORDS.has(t) && !/^\d+$/.test(t)) tf[t] = (tf[t] ?? 0) + w;
  };
  add(lead, 2);
  // Background passages tell of earlier events: their words are not this report's event.
  const place = placeOf(rec, leadEnd);
  const date = eventDateOf(rec, leadEnd, place?.name ?? null);
  let from = leadEnd;
  for (const b of backgroundPassages(rec, { eventDate: date.value })) {
    if (b.start < from) continue;
    add(article.text.slice(from, b.start), 1);
    from = b.end;
  }
  add(article.text.slice(from), 1);
  const norm = Math.sqrt(Object.values(tf).reduce((s, v) => s + v * v, 0)) || 1;
  for (const k of Object.keys(tf)) tf[k] = (tf[k] as number) / norm;
  const names = new Set(
    analysis.entities
      .filter((e) => e.start < leadEnd || e.type !== 'LOCATION')
      .map((e) => e.canonical.toLowerCase()),
  );
  // The dateline names where the report was filed: as strong a signal as a place named in the lead.
  if (place?.role === 'dateline') names.add(place.name.toLowerCase());
  for (const w of properWords(article.text, analysis.sentences)) names.add(w);
  const actorEnd = analysis.sentences[Math.min(ACTOR_SENTENCES, analysis.sentences.length) - 1]?.end ?? 0;
  const actors = [
    ...new Set(
      analysis.entities
        .filter((e) => e.type === 'PERSON' && e.start < actorEnd)
        .map((e) => surname(e.canonical)),
    ),
  ].filter((a) => a.length > 1);
  return {
    articleId: article.id,
    terms: tf,
    names: [...names],
    actors,
    eventDate: date.value,
    dateStated: date.stated,
    years: writtenYears(rec),
    title: article.title,
    publishedAt: article.publishedAt,
    place,
  };
}

/** The years of the text's time expressions that write a year in digits ("2008", "June 3, 2008"). */
function writtenYears(rec: ArticleRecord): number[] {
  return rec.analysis.times
    .filter((t) => /\b\d{4}\b/.test(t.text))
    .map((t) => Number(t.value.start.slice(0, 4)))
    .filter((y) => Number.isInteger(y));
}

/** Sentences at the top of a report whose people are its actors (a headline line counts as one). */
const ACTOR_SENTENCES = 2;

function surname(canonical: string): string {
  return (canonical.toLowerCase().split(/\s+/).at(-1) ?? '').replace(/['’]s$/, '');
}

/**
 * Capitalised words inside sentences (not sentence-initial): proper names the entity tagger may not
 * have typed (small villages, firms), which tell events apart as well as typed names do.
 */
function properWords(text: string, sentences: { start: number; end: number }[]): string[] {
  const out = new Set<string>();
  for (const s of sentences) {
    const re = /(?<=[\s(“"‘'])(\p{Lu}[\p{Ll}\p{M}]{2,})(?=[\s,.;:)’'”"!?]|$)/gu;
    const sentence = text.slice(s.start, s.end);
    for (const m of sentence.matchAll(re)) {
      const w = (m[1] as string).toLowerCase();
      if (!STOPWORDS.has(w)) out.add(w);
    }
  }
  return [...out];
}

/**
 * A facility a place name only modifies ("at the Weser terminals", "the Riverside plant"): the scene is
 * the facility, which is no place of the gazetteer's, so the name does not stand for where it happened.
 */
const FACILITY_AFTER =
  /^\s+(?:terminals?|port|plant|factory|refinery|shipyards?|docks?|quay(?:side)?s?|airport|station|mine|warehouses?|depot|pipeline)\b/i;

/**
 * A place that is part of a news outlet's name ("France 24 reported", "the Jakarta Post", "BBC Scotland",
 * "Times of India"): where the outlet is, not where its story happened.
 */
const OUTLET_AFTER =
  /^\s+(?:24|Times|Post|Herald|Tribune|Journal|Daily|News|Gazette|Chronicle|Star|Sun|Telegraph|Observer|Examiner|Standard|Mirror|Express|Courier|Inquirer|Dispatch|Press|Today|Mail|Sentinel|Enquirer|Monitor|Advertiser|Statesman|Radio|TV|Television|Broadcasting)\b/;
const OUTLET_BEFORE = /\b(?:BBC|ABC|CBS|NBC|CNN|Sky|Radio|TV|Voice of|Times of|Radio Free)\s+$/;

/** Whether a place is part of an outlet's name written around it (OUTLET_AFTER, OUTLET_BEFORE). */
function inOutletName(text: string, e: Entity): boolean {
  return (
    OUTLET_AFTER.test(text.slice(e.end, e.end + 20)) ||
    OUTLET_BEFORE.test(text.slice(Math.max(0, e.start - 14), e.start))
  );
}

/** A locative preposition right before a place name. */
const LOCATIVE = /\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$/i;

/** How news puts an event on a mountain, an island or a lake ("died on Everest", "sank off Crete"). */
const LANDMARK_LOCATIVE =
  /\b(?:on|off|atop|up|climbing|climb|summit of|slopes? of|foot of|shores? of|banks? of)\s+(?:the\s+)?$/i;

/** Whether the words right before a place put the event there ("in Paris", "on Mount Etna"). */
function isLocative(text: string, e: Entity): boolean {
  const before = text.slice(Math.max(0, e.start - 20), e.start);
  return LOCATIVE.test(before) || (!!landmarkOf(e.canonical) && LANDMARK_LOCATIVE.test(before));
}

/**
 * Where it happened: the dateline city when there is one, else the first place the lead puts it in
 * ("in Paris", "at the port of …"), else the first place named in the lead.
 */
function placeOf(rec: ArticleRecord, leadEnd: number): EventPlace | null {
  const dateline = rec.extracted.embedded.find((e) => e.kind === 'dateline');
  if (dateline) {
    const [city, region] = dateline.text.split(',').map((s) => s.trim());
    if (city && city.length <= 40) {
      const name = titleCase(city);
      // The same place named in the text and linked there to the gazetteer gives its country and coordinates.
      const linked = rec.analysis.entities.find(
        (e) => e.place?.precision === 'city' && e.canonical.toLowerCase() === name.toLowerCase(),
      )?.place;
      const country =
        (region && COUNTRY_BY_NAME.get(region.toLowerCase())?.code) ??
        linked?.country ??
        COUNTRY_BY_CAPITAL.get(name.toLowerCase())?.code ??
        null;
      return {
        name,
        country,
        lat: linked?.lat ?? null,
        lon: linked?.lon ?? null,
        role: 'dateline',
        precision: 'city',
      };
    }
  }
  const text = rec.article.text;
  // A name the tagger also reads as an organisation in the report ("Apple … Apple said") is a company;
  // a name the gazetteers lack that shares a word with one ("the Nordlinie Aurora" beside "Nordlinie
  // Shipping") is the company's ship, plant or brand.
  const orgNames = rec.analysis.entities
    .filter((e) => e.type === 'ORG')
    .map((e) => e.canonical.toLowerCase());
  const orgs = new Set(orgNames);
  const orgWords = new Set(orgNames.flatMap((n) => n.split(/\s+/)).filter((w) => w.length >= 4));
  const ofAnOrg = (e: Entity) =>
    orgs.has(e.canonical.toLowerCase()) ||
    (!inGazetteer(e) &&
      e.canonical
        .toLowerCase()
        .split(/\s+/)
        .some((w) => orgWords.has(w)));
  const landmarks = landmarkMentions(rec, leadEnd);
  const inLead = [
    ...rec.analysis.entities.filter(
      (e) =>
        e.type === 'LOCATION' &&
        e.start < leadEnd &&
        !landmarks.some((l) => l.start < e.end && l.end > e.start) &&
        !ofAnOrg(e),
    ),
    ...landmarks,
  ]
    .filter(
      (e) =>
        !FACILITY_AFTER.test(text.slice(e.end, e.end + 24)) &&
        !readsAsFacility(e.canonical) &&
        !inOutletName(text, e),
    )
    .sort((a, b) => a.start - b.start);
  // Where it happened is the place the lead puts it "in" or "at" ("met in Lisbon"); a place only
  // named ("35 countries including Ukraine") is a participant or a topic, not the scene.
  const scene = inLead.find((e) => isLocative(text, e)) ?? inLead.find((e) => inGazetteer(e)) ?? inLead[0];
  // "in the Netherlands" with Rotterdam named too: the city in that country is the more precise scene.
  const loc =
    scene?.place?.precision === 'country'
      ? (inLead.find((e) => e.place?.precision === 'city' && e.place.country === scene.place?.country) ??
        scene)
      : scene;
  const found = loc ? asPlace(loc, isLocative(text, loc) ? 'occurred' : 'mentioned') : null;
  if (found?.country) return found;
  // A scene of no country ("in the EU", "in North America") or none: where the report gives a country.
  const locative = (e: Entity) => isLocative(text, e);
  const followEnd =
    rec.analysis.sentences[LEAD_SENTENCES + FOLLOW_SENTENCES - 1]?.end ?? rec.article.text.length;
  const next = rec.analysis.entities.filter(
    (e) =>
      e.type === 'LOCATION' &&
      e.start >= leadEnd &&
      e.start < followEnd &&
      !!e.place?.country &&
      locative(e) &&
      !FACILITY_AFTER.test(text.slice(e.end, e.end + 24)) &&
      !inOutletName(text, e) &&
      !ofAnOrg(e),
  );
  const placed =
    inLead.find((e) => !!e.place?.country && locative(e)) ??
    inLead.find((e) => !!e.place?.country) ??
    next[0];
  return (
    (placed && asPlace(placed, locative(placed) ? 'occurred' : 'mentioned')) ??
    untaggedPlace(rec, leadEnd) ??
    nationOf(rec, leadEnd) ??
    found
  );
}

type Entity = ArticleRecord['analysis']['entities'][number];

/** Sentences after the lead read for "in <place>" when the lead puts the event nowhere with a country. */
const FOLLOW_SENTENCES = 3;

function asPlace(loc: Entity, role: EventPlace['role']): EventPlace {
  if (loc.place)
    return {
      name: loc.canonical,
      country: loc.place.country,
      lat: loc.place.lat,
      lon: loc.place.lon,
      role,
      precision: loc.place.precision,
    };
  const country = COUNTRY_BY_NAME.get(loc.canonical.toLowerCase());
  return {
    name: loc.canonical,
    country: country?.code ?? COUNTRY_BY_CAPITAL.get(loc.canonical.toLowerCase())?.code ?? null,
    lat: null,
    lon: null,
    role,
    precision: country ? 'country' : 'city',
  };
}

/**
 * The landmarks of the gazetteer named in the lead where the tagger read no place with a country: a
 * mountain it cut short ("Mount" of "Mount Everest") or took for a person ("Ben Nevis"), or missed. Each
 * is a place mention of its own, standing for the tagger's; a one-word name the tagger read as a person
 * or any name it read as an organisation is left to the tagger ("Petra", "the Kremlin said").
 */
function landmarkMentions(rec: ArticleRecord, leadEnd: number): Entity[] {
  const text = rec.article.text.slice(0, leadEnd);
  const out: Entity[] = [];
  for (const m of text.matchAll(LANDMARK_NAME)) {
    const name = m[0].replace(/['’]s$/, '');
    const landmark = landmarkOf(name);
    const country = landmark?.countries[0];
    if (!landmark || !country) continue;
    const start = m.index;
    const end = start + name.length;
    const overlapping = rec.analysis.entities.filter((e) => e.start < end && e.end > start);
    const kept = overlapping.some(
      (e) =>
        e.type === 'ORG' ||
        e.type === 'NORP' ||
        (e.type === 'PERSON' && !/\s/.test(name)) ||
        (e.type === 'LOCATION' && !!e.place?.country),
    );
    if (kept) continue;
    out.push({
      start,
      end,
      text: name,
      type: 'LOCATION',
      entityId: `landmark:${landmark.name}`,
      canonical: landmark.name,
      place: { country, lat: null, lon: null, precision: 'city' },
    } as Entity);
  }
  return out;
}

/** A name a landmark may have: "Mount …", "Mt. …", "Lake …", "Isle of …", or capitalised words ("Ben Nevis"). */
const LANDMARK_NAME =
  /(?:Mount|Mt\.?|Lake|Loch|Isle of)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?|\p{Lu}[\p{L}'’-]+(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}'’-]+){0,3}/gu;

/**
 * A place the entity tagger missed in the lead (it tagged no place with a country there): the first
 * capitalised name outside every tagged entity that is a country ("U.S. space contracts"), a landmark or
 * a city of the gazetteer that is no English word ("at its Cupertino headquarters"; only named, a large
 * city whose name is no person's); the largest city of the name. "In"/"at" before it make it where the
 * event happened; else it is only named.
 */
function untaggedPlace(rec: ArticleRecord, leadEnd: number): EventPlace | null {
  const text = rec.article.text.slice(0, leadEnd);
  const tagged = rec.analysis.entities.filter((e) => e.start < leadEnd);
  for (const m of text.matchAll(CAPITALISED)) {
    const start = m.index;
    const end = start + m[0].length;
    if (tagged.some((e) => e.start < end && e.end > start)) continue;
    const name = m[0];
    const key = name.toLowerCase();
    const role = SCAN_LOCATIVE.test(text.slice(Math.max(0, start - 20), start)) ? 'occurred' : 'mentioned';
    const country = COUNTRY_BY_NAME.get(/^(?:\p{L}\.)+$/u.test(key) ? key.replace(/\./g, '') : key);
    if (country)
      return { name: country.name, country: country.code, lat: null, lon: null, role, precision: 'country' };
    const landmark = landmarkOf(name);
    if (landmark?.countries[0])
      return { name, country: landmark.countries[0], lat: null, lon: null, role, precision: 'city' };
    // A city only where the text puts something there, or a large one whose name is no person's ("Obama").
    const city = englishWords().has(key) ? undefined : citiesByName().get(key)?.[0];
    const personToo = firstNameSet().has(key) || (properNameKinds().get(key) ?? '').includes('P');
    if (city && (role === 'occurred' || (city.population >= SCAN_CITY && !personToo)))
      return {
        name: city.name,
        country: city.country,
        lat: city.lat,
        lon: city.lon,
        role,
        precision: 'city',
      };
  }
  return null;
}

/** "In", "at" before a name the tagger missed, also with a possessive ("at its Cupertino headquarters"). */
const SCAN_LOCATIVE = /\b(?:in|at|near|outside|inside)\s+(?:the\s+|its\s+|their\s+)?$/i;

/** A city the tagger missed counts, when only named, from this many people. */
const SCAN_CITY = 100_000;

/** A capitalised name of up to four words, or an abbreviation with stops ("U.S.", "U.K."). */
const CAPITALISED = /(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){0,3}/gu;

/** A state's own body, named after its country ("<Country> Air Force", "<Country> Government"). */
const STATE_BODY =
  /^(?:government|administration|air force|army|navy|military|senate|congress|parliament|treasury|ministry|department|coast guard|police)\b/;

/**
 * A lead that names no place but the nation of its actors ("the Ruritanian carrier …", "<Country> Air
 * Force officials …"): the event is that country's, at country precision. The first such actor counts.
 */
function nationOf(rec: ArticleRecord, leadEnd: number): EventPlace | null {
  const text = rec.article.text;
  for (const e of rec.analysis.entities.filter((x) => x.start < leadEnd).sort((a, b) => a.start - b.start)) {
    const name = e.canonical.toLowerCase();
    let country = e.type === 'NORP' && !onlyDescribes(text, e) ? COUNTRY_BY_DEMONYM.get(name) : undefined;
    if (e.type === 'ORG') {
      const words = name.split(/\s+/);
      for (let k = Math.min(3, words.length - 1); k >= 1 && !country; k--) {
        const head = words.slice(0, k).join(' ');
        if (STATE_BODY.test(words.slice(k).join(' ')))
          country = COUNTRY_BY_NAME.get(head) ?? COUNTRY_BY_DEMONYM.get(head);
      }
    }
    if (country)
      return {
        name: country.name,
        country: country.code,
        lat: null,
        lon: null,
        role: 'mentioned',
        precision: 'country',
      };
  }
  return null;
}

/**
 * Nouns a nationality only describes, not the nation the event is of: its people ("a British climber",
 * "the American actress"), who are often abroad, and news outlets ("the German magazine", "a French
 * daily"), which report from home on events anywhere.
 */
const DESCRIBED =
  /^\s+(?:[\p{Ll}-]+\s+)??(?:climbers?|mountaineers?|hikers?|skiers?|tourists?|travell?ers?|visitors?|backpackers?|holidaymakers?|students?|teenagers?|nationals?|citizens?|expats?|expatriates?|residents?|man|men|woman|women|boys?|girls?|child|children|couple|family|families|actors?|actress(?:es)?|singers?|stars?|models?|players?|athletes?|drivers?|riders?|sailors?|swimmers?|journalists?|reporters?|photographers?|aid workers?|volunteers?|missionar(?:y|ies)|hostages?|newspapers?|papers?|dail(?:y|ies)|weekl(?:y|ies)|tabloids?|magazines?|broadcasters?|networks?|television|tv|radio|news agency|agency|websites?|outlets?|media)\b/iu;

/** Whether a nationality only describes a person or an outlet (DESCRIBED), or is part of a quoted title ("``American Pie''"). */
function onlyDescribes(text: string, e: Entity): boolean {
  if (DESCRIBED.test(text.slice(e.end, e.end + 40))) return true;
  return (
    /[“"‘'`]\s*$/.test(text.slice(Math.max(0, e.start - 3), e.start)) &&
    /^\s+\p{Lu}/u.test(text.slice(e.end, e.end + 3))
  );
}

/**
 * A place the gazetteers hold (a country, a region, a city with coordinates, a landmark), not one only
 * placed by its report.
 */
function inGazetteer(e: Entity): boolean {
  const place = e.place;
  return !!place && (place.precision !== 'city' || place.lat !== null || !!landmarkOf(e.canonical));
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}
