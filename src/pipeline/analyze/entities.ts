/**
 * Entity mentions: the statistical tagger's PER, ORG and LOC spans (ner-tagger.ts, trained on
 * redistributable annotated text), nationalities and groups from the demonym gazetteer, linked within
 * a document (a bare surname joins the full name met earlier) and across documents (the same
 * canonical form gives the same id; a country under any of its names is one entity).
 */
import type { EntityMention, EntityType, LinkedPlace, Span } from '../../domain/analysis.ts';
import { stableId } from '../../lib/hash.ts';
import { COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../../lib/countries.ts';
import { dataFile } from '../../lib/data-file.ts';
import { citiesByName, englishWords, firstNameSet } from '../../lib/lexicons.ts';
import { NerTagger, type NerLabel } from './ner-tagger.ts';
import { evidenceFor, linkPlace, placeEvidence, placeSpelling } from './place-link.ts';

export { linkPlace } from './place-link.ts';
import { tokenize, type Token } from './ner-tokens.ts';
import type { PackedModel } from './perceptron.ts';
import { initials } from '../../lib/initials.ts';

/** The statistical tagger, loaded on first use from the model file shipped in data/models. */
let tagger: NerTagger | null = null;
function nerTagger(): NerTagger {
  tagger ??= new NerTagger(dataFile<PackedModel>('models/ner-en.json.gz', false));
  return tagger;
}

const NER_TYPE: Record<NerLabel, EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'LOCATION' };

/** Titles and honorifics the tagger sometimes takes into a name; they are split off ("Mayor Rui Costa" → "Rui Costa"). */
const LEADING_TITLE =
  /^(?:(?:[Cc]ouncill?or|[Pp]resident|[Mm]inister|[Mm]ayor|President|Vice President|Prime Minister|Minister|Foreign Minister|Mayor|Governor|Senator|Chancellor|Secretary|General|Colonel|Captain|Judge|Ambassador|Commissioner|Chairman|Chairwoman|Director|Professor|King|Queen|Prince|Pope|Mr|Mrs|Ms|Dr|Sir)\.?\s+)+/;

/**
 * Head words that end an organisation's name: a capitalised run ending in one ("Port and City Press
 * Office", "Baltic Dockworkers' Union", "Baltgate Terminals") is an organisation, whatever the tagger
 * made of its parts.
 */
const ORG_HEADS = new Set([
  'union',
  'unions',
  'office',
  'ministry',
  'agency',
  'council',
  'commission',
  'authority',
  'authorities',
  'company',
  'group',
  'corporation',
  'corp',
  'inc',
  'ltd',
  'llc',
  'plc',
  'party',
  'association',
  'federation',
  'bank',
  'university',
  'institute',
  'service',
  'services',
  'department',
  'committee',
  'board',
  'coalition',
  'alliance',
  'police',
  'army',
  'navy',
  'organisation',
  'organization',
  'foundation',
  'fund',
  'network',
  'tribunal',
  'court',
  'parliament',
  'assembly',
  'senate',
  'congress',
  'cabinet',
  'government',
  'secretariat',
  'directorate',
  'club',
  'terminals',
  'airlines',
  'airways',
  'holdings',
  'partners',
  'systems',
  'shipping',
  'logistics',
  'engineering',
  'industries',
  'technologies',
  'energy',
  'syndicate',
  'cooperative',
  'society',
  'centre',
  'center',
  'bureau',
  'brigade',
  'forces',
  'guard',
  'institution',
  'observatory',
  'monitor',
  'watch',
  'tribune',
  'times',
  'gazette',
  'post',
  'herald',
  'journal',
  'standard',
  'radio',
  'television',
  'news',
  'press',
  'agency',
  'mission',
  'secretariat',
  'conference',
  'initiative',
  'movement',
  'front',
  'league',
  'consortium',
  'exchange',
  'railways',
  'railway',
  'port',
  'trust',
]);

/**
 * Head words that open a body's name before "of" ("Ministry of Defence", "Bank of England", "Region
 * of Western Greece" — a regional government): such a run is one organisation, whatever its last word.
 * Not "City of" or "District of", which name places as often ("District of Columbia").
 */
const BODY_OF = new Set([...ORG_HEADS, 'region', 'municipality', 'prefecture'].filter((w) => w !== 'port'));

/** Words naming an agreement, right after a place or one word after it ("Danube water compact"). */
const AGREEMENT_AFTER =
  /^\s+(?:[\p{L}-]+\s+)?(?:agreements?|accords?|treat(?:y|ies)|compacts?|conventions?|protocols?|pacts?|charters?)\b/iu;

/** Capitalised runs, joined by "of", "and", "for", "the" and similar (names of bodies). */
const CAPITALISED_RUN =
  /[\p{Lu}][\p{L}\p{M}'’.&–-]*(?:\s+(?:(?:of|and|for|the|on|de|du|des|la|le|van|von)\s+)*[\p{Lu}][\p{L}\p{M}'’.&–-]*)+/gu;

/** A generation after a surname ("Jr.", ", Sr.", "III"): the surname is the word before it. */
const GENERATION = /,?\s+(?:Jr|Sr|Jnr|Snr)\.?$|\s+(?:II|III|IV)$/;

/** Groups of nations named by a direction or alliance ("Western allies"). */
const GROUP_NOUNS = /^(allies|powers|governments|nations|countries|leaders|partners)$/i;

/**
 * Returns the entity mentions of a text, given its sentence spans, in three passes:
 *   1. the statistical tagger's PER, ORG and LOC spans, with leading titles split off;
 *   2. nationalities and groups ("Ukrainian", "Western allies") from the demonym gazetteer — the
 *      tagger has no NORP — wherever they stand, even before a title ("Ukrainian President …");
 *   3. a person's surname met alone anywhere in the document ("Later, Zielinski met…") is that
 *      person, even where the tagger did not see a name.
 */
export function findEntities(text: string, sentences: Span[]): EntityMention[] {
  const raw: EntityMention[] = [];
  const allTokens: Token[] = [];
  const mention = (start: number, end: number, type: EntityType): EntityMention => {
    const name = text.slice(start, end);
    return { start, end, text: name, type, entityId: '', canonical: name };
  };
  let casing: Map<string, string> | null = null; // read only when a headline shouts
  for (const s of sentences) {
    const tokens = tokenize(text, s.start, s.end);
    allTokens.push(...tokens);
    // An all-caps headline is tagged in the casing the rest of the report uses for its words.
    const seen = isAllCaps(tokens)
      ? tokens.map((t) => ({ ...t, text: recase(t.text, (casing ??= documentCasing(text))) }))
      : tokens;
    const tagged = nerTagger()
      .tag(seen)
      .map((n) => {
        const title = n.label === 'PER' ? LEADING_TITLE.exec(text.slice(n.start, n.end)) : null;
        const start = title && title[0].length < n.end - n.start ? n.start + title[0].length : n.start;
        return mention(start, n.end, NER_TYPE[n.label]);
      });
    // A run of capitalised words ending in an organisation's head word is one organisation, replacing the tagger's pieces of it.
    const sentenceText = text.slice(s.start, s.end);
    // Only sentences holding a capitalised head word can hold such a run (most do not: the pattern is costly).
    const heads = tokens.some(
      (t) =>
        t.text.length > 1 &&
        t.text.charCodeAt(0) < 91 &&
        t.text.charCodeAt(0) > 64 &&
        (ORG_HEADS.has(t.text.toLowerCase()) || BODY_OF.has(t.text.toLowerCase())),
    );
    for (const run of heads ? sentenceText.matchAll(CAPITALISED_RUN) : []) {
      let start = s.start + run.index;
      // A sentence's full stop is not part of the name (an abbreviation's is: "Inc.", "Corp.").
      let name = run[0].replace(/['’]s$/, '').replace(/(?<=\s[\p{L}\p{M}'’-]{5,})\.$/u, '');
      const head = (name.split(/\s+/).at(-1) ?? '').toLowerCase().replace(/['’]$/, '');
      // Or a body's head word before "of" ("Ministry of Defence", "Region of Western Greece", "Port
      // Authority of Gdańsk").
      const bodyOf =
        /^(?:The\s+)?(?:\p{Lu}\S*\s+){0,3}?(\p{L}+)\s+of\s/u.exec(name)?.[1]?.toLowerCase() ?? '';
      if (!ORG_HEADS.has(head) && !BODY_OF.has(bodyOf)) continue;
      const lead = /^(?:The|A|An|This|That|Its|His|Her|Their)\s+/.exec(name);
      if (lead) {
        start += lead[0].length;
        name = name.slice(lead[0].length);
      }
      // "Olivier Vale of the Lake Board": a person of a body — the body is the organisation (not when
      // a body's head word stands before "of": "Port Authority of Gdańsk").
      const of = /^(\S+)(?:\s+\S+){0,2}?\s+of\s+(?:the\s+)?/u.exec(name);
      const beforeOf = /(\p{L}+)\s+of\s+(?:the\s+)?$/u.exec(of?.[0] ?? '')?.[1]?.toLowerCase() ?? '';
      if (of && firstNameSet().has((of[1] as string).toLowerCase()) && !BODY_OF.has(beforeOf)) {
        start += of[0].length;
        name = name.slice(of[0].length);
      }
      if (!name.includes(' ')) continue;
      const end = start + name.length;
      // Not over a person the tagger found ("Mayor Rui Costa's Office" keeps the person).
      if (
        tagged.some(
          (t) =>
            t.type === 'PERSON' && t.start >= start && t.end <= end && t.end - t.start > (end - start) / 2,
        )
      )
        continue;
      for (let i = tagged.length - 1; i >= 0; i--) {
        const t = tagged[i] as EntityMention;
        if (t.start < end && start < t.end) tagged.splice(i, 1);
      }
      tagged.push(mention(start, end, 'ORG'));
    }
    // A name followed by its initials in brackets ("the Valmora Ferry Workers Union (VFWU)") is a body's
    // name and the initials its short form, as reports introduce bodies.
    for (const run of sentenceText.includes('(') ? sentenceText.matchAll(CAPITALISED_RUN) : []) {
      const acronym = /^\s*\((\p{Lu}[\p{Lu}&]{1,9})\)/u.exec(sentenceText.slice(run.index + run[0].length));
      if (!acronym) continue;
      // The name is the run's shortest tail whose initials the brackets give ("Members of the Valmora
      // Ferry Workers Union (VFWU)" → "Valmora Ferry Workers Union").
      let start = -1;
      for (const w of run[0].matchAll(/(?<=^|\s)\p{Lu}\S*/gu))
        if (initials(run[0].slice(w.index)) === acronym[1]) {
          start = s.start + run.index + w.index;
          break;
        }
      const end = s.start + run.index + run[0].length;
      // Only a body's name: the tagger read an organisation in it, or it ends in a body's head word (not
      // a thing's: "Software Development Kit (SDK)", nor a person's).
      if (
        start < 0 ||
        !(
          tagged.some((t) => t.type === 'ORG' && t.start < end && start < t.end) ||
          ORG_HEADS.has((/(\p{L}+)$/u.exec(run[0])?.[1] ?? '').toLowerCase())
        )
      )
        continue;
      const aStart = s.start + run.index + run[0].length + acronym[0].indexOf('(') + 1;
      const aEnd = aStart + (acronym[1] as string).length;
      for (let i = tagged.length - 1; i >= 0; i--) {
        const t = tagged[i] as EntityMention;
        if ((t.start < end && start < t.end) || (t.start < aEnd && aStart < t.end)) tagged.splice(i, 1);
      }
      tagged.push(mention(start, end, 'ORG'), mention(aStart, aEnd, 'ORG'));
    }
    tagged.sort((a, b) => a.start - b.start);
    // "Port Authority" + "of" + "Gdańsk" is one organisation ("Bank of England", "University of Lagos").
    for (let i = tagged.length - 2; i >= 0; i--) {
      const [a, b] = [tagged[i] as EntityMention, tagged[i + 1] as EntityMention];
      if (
        a.type === 'ORG' &&
        (b.type === 'LOCATION' || b.type === 'ORG') &&
        /^ of (the )?$/.test(text.slice(a.end, b.start))
      )
        tagged.splice(i, 2, mention(a.start, b.end, 'ORG'));
    }
    const free = (m: Span) => !tagged.some((t) => t.start < m.end && m.start < t.end);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      const next = tokens[i + 1];
      if (!/^\p{Lu}/u.test(t.text) || !free(t)) continue;
      if (t.text.toLowerCase() === 'western' && next && GROUP_NOUNS.test(next.text)) {
        tagged.push(mention(t.start, next.end, 'NORP'));
        i++;
      } else if (COUNTRY_BY_DEMONYM.has(t.text.toLowerCase())) {
        tagged.push(mention(t.start, t.end, 'NORP'));
      }
    }
    raw.push(...tagged);
  }
  const surnames = new Set(
    raw
      .map((m) => (m.type === 'PERSON' ? m.text.replace(GENERATION, '') : ''))
      .filter((name) => name.includes(' '))
      .map((name) => nameKey(name.split(/\s+/).at(-1) as string)),
  );
  for (const t of allTokens) {
    if (!/^\p{Lu}/u.test(t.text) || !surnames.has(nameKey(t.text))) continue;
    if (!raw.some((m) => m.start < t.end && t.start < m.end)) raw.push(mention(t.start, t.end, 'PERSON'));
  }
  // A place that names an agreement ("the Kyoto Protocol", "the Minsk accords", "a Danube water compact")
  // is part of the document's name, not a place the report mentions.
  for (let i = raw.length - 1; i >= 0; i--) {
    const m = raw[i] as EntityMention;
    if (m.type === 'LOCATION' && AGREEMENT_AFTER.test(text.slice(m.end, m.end + 30))) raw.splice(i, 1);
  }
  // A "person" the report puts somewhere ("in Ano Kastritsi", "near Saravali") whose name opens with no
  // known first name is a place.
  for (const m of raw) {
    if (m.type !== 'PERSON') continue;
    const first = (m.text.split(/\s+/)[0] ?? '').toLowerCase();
    if (firstNameSet().has(first)) continue;
    if (
      /\b(?:in|near|outside|around|across|towards|into)\s+(?:the\s+)?$/i.test(
        text.slice(Math.max(0, m.start - 12), m.start),
      )
    )
      m.type = 'LOCATION';
  }
  const linked = linkWithinDocument(raw.sort((a, b) => a.start - b.start));
  for (const m of linked) if (m.type === 'PERSON') attachRole(text, m);
  return linked;
}

/** Words that name a role or title. */
const ROLE =
  '(?:president|vice[- ]president|prime minister|deputy prime minister|minister|foreign minister|secretary[- ]general|secretary|spokes(?:wo)?man|spokesperson|chair(?:man|woman|person)?|chief executive|chief|ceo|director|managing director|mayor|governor|ambassador|envoy|negotiator|mediator|general|colonel|commander|judge|prosecutor|councill?or|leader|head|analyst|engineer|lawyer|official|king|queen|chancellor|senator|commissioner|founder|coach|captain)';
/** Words that may qualify a role before a name: capitalised ones ("French", "Foreign Ministry") and a few lower-case ones. */
const ROLE_QUALIFIER =
  "(?:[\\p{Lu}][\\p{L}'’-]*|company|union|party|police|army|government|ministry|state|city|regional|foreign|deputy|former|acting|interim|senior|chief|ports?|industry|defence|defense|justice|finance)";
/** ROLE matching either case of each letter, so the rest of a pattern can stay case-sensitive. */
const ROLE_ANY_CASE = ROLE.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const ROLE_BEFORE = new RegExp(
  `((?:${ROLE_QUALIFIER}\\s+){0,3}?${ROLE_ANY_CASE}(?:\\s+of\\s+(?:the\\s+)?[\\p{Lu}][\\p{L}'’-]*(?:\\s+[\\p{Lu}][\\p{L}'’-]*)*)?)\\s+$`,
  'u',
);
const ROLE_AFTER = new RegExp(
  `^,\\s+((?:the|a|an|its|his|her|their)\\s+[^,;.]{0,50}?\\b${ROLE}\\b[^,;.]{0,40}?)(?=[,;.])`,
  'iu',
);

/** Keeps the title or role a report gives a person: before the name ("French President …") or after it (", the union's chairman,"). */
function attachRole(text: string, m: EntityMention): void {
  const before = ROLE_BEFORE.exec(text.slice(Math.max(0, m.start - 70), m.start));
  const after = ROLE_AFTER.exec(text.slice(m.end, m.end + 110));
  const role = (before?.[1] ?? after?.[1])
    ?.replace(/^(?:and|but|with|by|from|to|said|says|told)\s+/i, '')
    .trim();
  if (role) m.role = role;
}

/** Links a bare surname to the full name met earlier in the document, then gives every mention its id. */
/** True for a sentence of at least three words written in capitals ("ZELENSKY MEETS MACRON IN PARIS"). */
function isAllCaps(tokens: Token[]): boolean {
  let words = 0;
  let shouted = 0;
  for (const t of tokens) {
    // Most sentences give themselves away at once: more words not in capitals than a fifth of all tokens.
    if (words - shouted > tokens.length * 0.2) return false;
    if (t.text.length < 2 || !/\p{L}{2,}/u.test(t.text)) continue;
    words++;
    if (t.text === t.text.toUpperCase()) shouted++;
  }
  return words >= 3 && shouted / words >= 0.8;
}

/** For each lower-cased word, the casing the text uses most when it is not shouting. */
function documentCasing(text: string): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of text.matchAll(/[\p{L}][\p{L}\p{M}'’-]*/gu)) {
    const w = m[0];
    if (w.length > 1 && w === w.toUpperCase()) continue;
    const key = w.toLowerCase();
    const forms = counts.get(key) ?? new Map<string, number>();
    forms.set(w, (forms.get(w) ?? 0) + 1);
    counts.set(key, forms);
  }
  const out = new Map<string, string>();
  for (const [key, forms] of counts) out.set(key, [...forms].sort((a, b) => b[1] - a[1])[0]?.[0] as string);
  return out;
}

/** A word in capitals, re-cased: as the document writes it; else lower case if it is an ordinary word; else capitalised. Same length, so offsets hold. */
function recase(word: string, casing: Map<string, string>): string {
  if (word !== word.toUpperCase() || !/\p{L}/u.test(word)) return word;
  const lower = word.toLowerCase();
  const known = casing.get(lower);
  if (known && known.length === word.length) return known;
  if (word.length <= 4 && !englishWords().has(lower)) return word; // an acronym ("NATO", "UN")
  const titled0 = lower.charAt(0).toUpperCase() + lower.slice(1);
  // Places and first names are names even when the dictionary knows the word ("Paris", "Bill").
  if (
    (COUNTRY_BY_NAME.has(lower) || citiesByName().has(lower) || firstNameSet().has(lower)) &&
    titled0.length === word.length
  )
    return titled0;
  if (englishWords().has(lower)) return lower;
  const titled = lower.charAt(0).toUpperCase() + lower.slice(1);
  return titled.length === word.length ? titled : word;
}

function linkWithinDocument(mentions: EntityMention[]): EntityMention[] {
  // Full names anywhere in the document: a short form may come first (in a headline, say).
  const persons: string[] = mentions
    .filter((m) => m.type === 'PERSON' && m.text.includes(' '))
    .map((m) => m.text);
  const orgs: string[] = mentions.filter((m) => m.type === 'ORG' && m.text.includes(' ')).map((m) => m.text);
  const kept: EntityMention[] = [];
  // The countries and divisions the report's place names give (the dateline's among them): an ambiguous
  // name is linked by the evidence of the others.
  const evidence = placeEvidence(mentions.filter((m) => m.type === 'LOCATION').map((m) => m.canonical));
  for (const m of mentions) {
    // A short form of an organisation named in full in the report ("Baltgate" for "Baltgate Terminals",
    // "NATO" for "North Atlantic Treaty Organization": the initials of its capitalised words).
    if (m.type === 'ORG' && !m.text.includes(' ')) {
      const full =
        orgs.find((o) => nameKey(o.split(/\s+/)[0] as string) === nameKey(m.text)) ??
        (isAcronym(m.text) ? orgs.find((o) => initials(o) === m.text.replace(/\./g, '')) : undefined);
      if (full) m.canonical = full;
    }
    if (!m.text.includes(' ')) {
      // A bare surname joins the full name met earlier, whatever its spelling ("Zelenskyy" → "Volodymyr Zelensky").
      const key = nameKey(m.text);
      const full = persons.find(
        (p) => nameKey(p.replace(GENERATION, '').split(/\s+/).at(-1) as string) === key,
      );
      if (full) {
        m.type = 'PERSON';
        m.canonical = full;
      }
    }
    kept.push(m);
    const place =
      m.type === 'LOCATION'
        ? linkPlace(m.canonical, {
            ...evidenceFor(m.canonical, evidence),
            qualifier: qualifierOf(m, mentions, evidence),
          })
        : null;
    // A place left unlinked keeps a name as the gazetteer writes it, not a headline's capitals.
    if (!place && m.type === 'LOCATION' && m.canonical === m.canonical.toUpperCase())
      m.canonical = placeSpelling(m.canonical) ?? m.canonical;
    if (place) {
      m.place = place.place;
      m.canonical = place.name;
    }
    // A city's id carries its country and a region's its code, so two places of one name stay apart.
    const where = place?.place.precision === 'city' ? place.place.country : place?.place.region;
    m.entityId = where
      ? stableId('ent', m.type, nameKey(m.canonical), where)
      : stableId('ent', m.type, nameKey(m.canonical));
  }
  return kept;
}

/** The region or country written right after a place, after a comma ("London, Ontario"), linked. */
function qualifierOf(
  m: EntityMention,
  mentions: readonly EntityMention[],
  evidence: ReturnType<typeof placeEvidence>,
): LinkedPlace | undefined {
  const next = mentions.find((n) => n.type === 'LOCATION' && n.start > m.end);
  if (!next || next.start - m.end > QUALIFIER_GAP) return undefined;
  const place = linkPlace(next.canonical, evidenceFor(next.canonical, evidence))?.place;
  return place && place.precision !== 'city' ? place : undefined;
}

/** At most a comma and a space stand between a place and its region ("Paris, Texas"). */
const QUALIFIER_GAP = 2;

/** An acronym: two to six capitals ("NATO", "U.N."). */
function isAcronym(w: string): boolean {
  return /^(?:\p{Lu}\.?){2,6}$/u.test(w);
}

/**
 * A name's linking key: case, diacritics and punctuation dropped, and the spelling variants that
 * transliteration produces folded together — "Zelenskyy", "Zelenskiy", "Zelenskij" and "Zelensky"
 * give one key, as do "Navalnyi" and "Navalny".
 */
export function nameKey(name: string): string {
  const hit = nameKeys.get(name);
  if (hit !== undefined) return hit;
  const key = computeNameKey(name);
  if (nameKeys.size >= 50_000) nameKeys.clear(); // bounded: memory stays flat over any input
  nameKeys.set(name, key);
  return key;
}

const nameKeys = new Map<string, string>();

function computeNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) =>
      w
        .replace(/(?:iy|yy|ij|yj|yi|ii|iy)$/, 'y')
        .replace(/(?<=[a-z])kh/g, 'h')
        .replace(/ck/g, 'k'),
    )
    .join(' ');
}
