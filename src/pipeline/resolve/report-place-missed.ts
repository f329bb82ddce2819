/**
 * Places a report gives that the entity tagger did not tag as places with a country: landmarks it cut
 * short or took for a person, countries and cities it missed, and the nation of the lead's actors.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import type { EventPlace } from '../../domain/event.ts';
import { COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../../lib/countries.ts';
import { landmarkOf } from '../../lib/landmarks.ts';
import { citiesByName, englishWords, firstNameSet, properNameKinds } from '../../lib/lexicons.ts';
import type { Entity } from './types.ts';

/**
 * The landmarks of the gazetteer named in the lead where the tagger read no place with a country: a
 * mountain it cut short ("Mount" of "Mount Everest") or took for a person ("Ben Nevis"), or missed. Each
 * is a place mention of its own, standing for the tagger's; a one-word name the tagger read as a person
 * or any name it read as an organisation is left to the tagger ("Petra", "the Kremlin said").
 */
export function landmarkMentions(rec: ArticleRecord, leadEnd: number): Entity[] {
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
export function untaggedPlace(rec: ArticleRecord, leadEnd: number): EventPlace | null {
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
export function nationOf(rec: ArticleRecord, leadEnd: number): EventPlace | null {
  const text = rec.article.text;
  for (const e of rec.analysis.entities.filter((x) => x.start < leadEnd).sort((a, b) => a.start - b.start)) {
    const name = e.canonical.toLowerCase();
    let country = e.type === 'NORP' && !onlyDescribes(text, e) ? COUNTRY_BY_DEMONYM.get(name) : undefined;
    if (e.type === 'ORG') {
      const words = name.split(/\s+/);
      for (let k = Math.min(3, words.length - 1); k >= 1 && !country; k--) {
        // A country in the possessive is the body's nation too ("<Country>'s Ministry of Trade").
        const head = words
          .slice(0, k)
          .join(' ')
          .replace(/['’]s$/, '');
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
