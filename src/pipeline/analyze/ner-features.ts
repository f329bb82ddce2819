/**
 * The features the entity tagger reads for one token: the word and its shape, affixes, the words
 * and shapes around it, the tags it already gave the two tokens before, and what the gazetteers say
 * of the span the token sits in (country names, demonyms, capitals; person titles; organisation words).
 * Every feature is a short string; the perceptron learns a weight per feature and tag.
 */
import { COUNTRY_BY_CAPITAL, COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../../lib/countries.ts';
import {
  citiesByName,
  englishWords,
  firstNameSet,
  properNameKinds,
  regionsByName,
  wordCluster,
} from '../../lib/lexicons.ts';
import { dataText } from '../../lib/data-file.ts';
import { tokenize, type Token } from './ner-tokens.ts';

/** Words that introduce a person (the title itself is not part of the name in the training data). */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'sir',
  'president',
  'minister',
  'senator',
  'sen',
  'rep',
  'gov',
  'governor',
  'mayor',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'chancellor',
  'judge',
  'justice',
  'general',
  'gen',
  'colonel',
  'col',
  'captain',
  'capt',
  'lt',
  'sgt',
  'professor',
  'prof',
  'ambassador',
  'secretary',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'chairman',
  'chairwoman',
  'ceo',
  'director',
  'coach',
  'saint',
  'st',
]);

/** Words that end organisation names. */
const ORG_WORDS = new Set([
  'inc',
  'corp',
  'corporation',
  'co',
  'ltd',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'group',
  'company',
  'bank',
  'university',
  'college',
  'school',
  'institute',
  'ministry',
  'department',
  'agency',
  'council',
  'committee',
  'commission',
  'party',
  'union',
  'association',
  'federation',
  'foundation',
  'society',
  'church',
  'army',
  'navy',
  'police',
  'court',
  'parliament',
  'congress',
  'senate',
  'assembly',
  'times',
  'post',
  'news',
  'press',
  'club',
  'team',
  'airlines',
  'airways',
  'motors',
  'records',
  'hospital',
  'board',
  'office',
  'service',
  'services',
  'authority',
  'organization',
  'organisation',
  // Kinds of bodies, by what they are: alliances and movements, armed forces, public bodies, firms.
  'coalition',
  'alliance',
  'front',
  'movement',
  'league',
  'brotherhood',
  'forces',
  'brigade',
  'brigades',
  'corps',
  'guard',
  'administration',
  'bureau',
  'tribunal',
  'cabinet',
  'government',
  'secretariat',
  'directorate',
  'institution',
  'centre',
  'center',
  'fund',
  'trust',
  'network',
  'exchange',
  'consortium',
  'cooperative',
  'syndicate',
  'holdings',
  'partners',
  'associates',
  'industries',
  'technologies',
  'systems',
  'enterprises',
  'international',
  'energy',
  'railway',
  'railways',
  'lines',
  'orchestra',
  'magazine',
  'journal',
  'gazette',
  'herald',
  'tribune',
  'telegraph',
  'radio',
  'television',
  'broadcasting',
  'library',
  'museum',
  'academy',
  'seminary',
  'hospitals',
  'clinic',
  'laboratory',
  'laboratories',
  'mission',
  'commissions',
  'unions',
  'parties',
]);

/** Words that end place names. */
const PLACE_WORDS = new Set([
  'river',
  'lake',
  'mountain',
  'mountains',
  'mount',
  'island',
  'islands',
  'sea',
  'ocean',
  'bay',
  'valley',
  'county',
  'province',
  'state',
  'city',
  'street',
  'st',
  'avenue',
  'road',
  'park',
  'square',
  'bridge',
  'airport',
  'station',
  'district',
  'region',
  'gulf',
  'strait',
  'peninsula',
  'desert',
  'coast',
  'hill',
  'hills',
  'beach',
  'canyon',
]);

/** The longest name in the country gazetteer, in tokens. */
const MAX_GAZ_TOKENS = 6;

/** A token's shape: "Kyiv" → "Xx", "NATO" → "X", "2026" → "d", "U.S." → "X.X." (runs collapsed). */
export function shape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    const code = ch.charCodeAt(0);
    let c: string;
    if (code >= 48 && code <= 57) c = 'd';
    else if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      c = lower === upper ? (/\p{N}/u.test(ch) ? 'd' : ch) : ch === upper ? 'X' : 'x';
    }
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** For each first word of a name in a word list, the longest name it starts (in tokens): phrases are tried only that far. */
function longestFrom(names: Iterable<string>): Map<string, number> {
  const longest = new Map<string, number>();
  for (const name of names) {
    const words = name.split(' ');
    const first = words[0] as string;
    if (words.length > (longest.get(first) ?? 0)) longest.set(first, Math.min(words.length, MAX_GAZ_TOKENS));
  }
  return longest;
}

let placeLongest: Map<string, number> | null = null;
let nameLongest: Map<string, number> | null = null;

/** True when the word starts with a capital letter. */
function capitalised(w: string): boolean {
  const ch = w.charAt(0);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Marks the tokens of the longest capitalised phrases `kindOf` knows: "B-x"/"I-x" for each kind x
 * it returns (space-separated when several), added to `marks`.
 */
function markPhrases(
  tokens: Token[],
  lower: string[],
  caps: boolean[],
  marks: string[],
  longest: Map<string, number>,
  kindOf: (phrase: string, n: number, from: number) => PhraseMarks | null,
): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!caps[i]) continue;
    const max = Math.min(longest.get(lower[i] as string) ?? 1, tokens.length - i);
    let phrase = lower[i] as string;
    const phrases = [phrase];
    for (let n = 2; n <= max; n++) phrases.push((phrase = `${phrase} ${lower[i + n - 1]}`));
    for (let n = phrases.length; n >= 1; n--) {
      if (n > 1 && !caps[i + n - 1]) continue;
      const found = kindOf(phrases[n - 1] as string, n, i);
      if (!found) continue;
      for (let k = 0; k < n; k++) {
        const add = k === 0 ? found.begin : found.inside;
        marks[i + k] = marks[i + k] ? `${marks[i + k]} ${add}` : add;
      }
      i += n - 1;
      break;
    }
  }
}

/** The marks a gazetteer phrase gives its first token and the others ("B-wP B-wL", "I-wP I-wL"). */
interface PhraseMarks {
  begin: string;
  inside: string;
}

function phraseMarks(kinds: string[]): PhraseMarks {
  return { begin: kinds.map((x) => `B-${x}`).join(' '), inside: kinds.map((x) => `I-${x}`).join(' ') };
}

const PLACE_MARKS = Object.fromEntries(
  ['country', 'demonym', 'capital', 'city', 'region'].map((k) => [k, phraseMarks([k])]),
) as Record<string, PhraseMarks>;
let nameMarks: Map<string, PhraseMarks> | null = null;

/**
 * Per token, what the gazetteers say of the phrase it sits in, as space-separated marks: a place
 * ("B-country", "I-city", "B-demonym", "B-capital", "B-region") and a WordNet proper noun's kinds
 * ("B-wP" a person, "I-wL" a place, "B-wO" a body…).
 */
export function gazetteerMarks(
  tokens: Token[],
  lower: string[] = tokens.map((t) => t.text.toLowerCase()),
): string[] {
  const cities = citiesByName();
  const regions = regionsByName();
  placeLongest ??= longestFrom([
    ...COUNTRY_BY_NAME.keys(),
    ...COUNTRY_BY_CAPITAL.keys(),
    ...cities.keys(),
    ...regions.keys(),
  ]);
  if (!nameMarks) {
    nameMarks = new Map(
      [...properNameKinds()].map(([name, kinds]) => [name, phraseMarks([...kinds].map((k) => `w${k}`))]),
    );
    nameLongest = longestFrom(nameMarks.keys());
  }
  const names = nameMarks;
  const caps = tokens.map((t) => capitalised(t.text));
  const marks = tokens.map(() => '');
  markPhrases(tokens, lower, caps, marks, placeLongest, (p, n) => {
    const kind = COUNTRY_BY_NAME.has(p)
      ? 'country'
      : n === 1 && COUNTRY_BY_DEMONYM.has(p)
        ? 'demonym'
        : COUNTRY_BY_CAPITAL.has(p)
          ? 'capital'
          : cities.has(p)
            ? 'city'
            : regions.has(p)
              ? 'region'
              : '';
    return kind ? (PLACE_MARKS[kind] as PhraseMarks) : null;
  });
  markPhrases(tokens, lower, caps, marks, nameLongest as Map<string, number>, (p) => names.get(p) ?? null);
  const orgs = organisations();
  markPhrases(tokens, lower, caps, marks, orgs.longest, (p, n, from) => {
    const written = orgs.names.get(p);
    if (written === undefined) return null;
    // An acronym counts only in its own capitals ("WHO", not "Who").
    if (
      written &&
      written !==
        tokens
          .slice(from, from + n)
          .map((t) => t.text)
          .join(' ')
    )
      return null;
    return ORG_MARKS;
  });
  markRuns(tokens, lower, caps, marks);
  return marks;
}

const ORG_MARKS = phraseMarks(['org']);

/**
 * Well-known organisations (data/gazetteers/organisations.txt: large companies, news agencies and
 * outlets, international bodies, parties and armed groups), by their lower-case tokens; the value is
 * the name as written when it is an acronym (it must then match in capitals), else "".
 */
let orgNames: { names: Map<string, string>; longest: Map<string, number> } | null = null;
function organisations(): { names: Map<string, string>; longest: Map<string, number> } {
  if (orgNames) return orgNames;
  const names = new Map<string, string>();
  for (const line of dataText('gazetteers/organisations.txt').split('\n')) {
    const name = line.trim();
    if (!name || name.startsWith('#')) continue;
    const key = tokenize(name)
      .map((t) => t.text.toLowerCase())
      .join(' ');
    names.set(
      key,
      /^[\p{Lu}\d&.-]{2,}$/u.test(name)
        ? tokenize(name)
            .map((t) => t.text)
            .join(' ')
        : '',
    );
  }
  orgNames = { names, longest: longestFrom(names.keys()) };
  return orgNames;
}

/** Lower-case words that may stand inside a name between capitalised words ("Bank of England"). */
const RUN_CONNECTORS = new Set(['of', 'and', '&', 'for', 'the', 'de', 'du', 'des', 'on']);

/**
 * Marks the capitalised runs ("Housing Authority of New Orleans", "Northrop Grumman") by what their
 * last word makes of them, a class of language rather than a list of names: "R-org" when it is an
 * organisation's head word (Ministry, Bank, Party, Inc…), "R-place" when a place's (River, County…);
 * (the word before "of" — "Bank of England" — was tried as a head too and lowered ORG F1 on EWT dev
 * by about 0.02 over three training seeds);
 * and "R-acr" when the run is followed by an acronym in brackets ("… New Orleans (HANO)"), as bodies
 * are introduced. A run of one word gets a mark only from a following acronym.
 */
function markRuns(tokens: Token[], lower: string[], caps: boolean[], marks: string[]): void {
  const mark = (from: number, to: number, m: string) => {
    for (let k = from; k < to; k++) marks[k] = marks[k] ? `${marks[k]} ${m}` : m;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!caps[i]) continue;
    let end = i + 1; // one past the run's last capitalised token
    for (let k = i + 1; k < tokens.length; k++) {
      if (caps[k]) end = k + 1;
      else if (!RUN_CONNECTORS.has(lower[k] as string)) break;
    }
    const head = lower[end - 1] as string;
    if (end - i > 1 && ORG_WORDS.has(head)) mark(i, end, 'R-org');
    else if (end - i > 1 && PLACE_WORDS.has(head)) mark(i, end, 'R-place');
    // A place's name opening a longer run of capitalised words that ends in a word of no place
    // ("Chicago Symphony Orchestra", "Ohio Lottery", "Boston Pirates"; joining words end the run, so
    // "Greece on Friday" is not one): it names something of that place, most often a body or a team.
    let tight = i + 1;
    while (tight < end && caps[tight]) tight++;
    if (tight - i > 1 && placeOpens(marks[i] as string) && !inPlace(marks[tight - 1] as string))
      mark(i, tight, 'R-placefirst');
    if (
      tokens[end]?.text === '(' &&
      tokens[end + 2]?.text === ')' &&
      /^\p{Lu}{2,}$/u.test(tokens[end + 1]?.text ?? '')
    )
      mark(i, end, 'R-acr');
    i = end - 1;
  }
}

/** True when a token's gazetteer marks open a place's name (a country, city, region…) or a demonym. */
function placeOpens(marks: string): boolean {
  return /\bB-(?:country|demonym|capital|city|region)\b/.test(marks);
}

/** True when a token's gazetteer marks put it in a place's name or a demonym. */
function inPlace(marks: string): boolean {
  return /\b[BI]-(?:country|demonym|capital|city|region)\b/.test(marks);
}

/** Precomputed per-token values the feature function reads. */
export interface TokenInfo {
  lower: string[];
  /** The shape of token i, computed when first asked (the tagger never asks for most tokens). */
  shapeAt(i: number): string;
  gaz: string[];
  runHead: string[];
}

export function tokenInfo(tokens: Token[]): TokenInfo {
  const shapes: (string | undefined)[] = new Array(tokens.length);
  const lower = tokens.map((t) => t.text.toLowerCase());
  return {
    lower,
    shapeAt: (i) => (shapes[i] ??= shape((tokens[i] as Token).text)),
    gaz: gazetteerMarks(tokens, lower),
    runHead: runHeads(tokens, lower),
  };
}

/**
 * For each token in a run of two or more capitalised words ("Ohio State Lottery", "Bank of Lagos"),
 * the run's last word, lower-cased ("lottery"); "" elsewhere. What a run ends in says what it names
 * (a body, a place, a person), and the tagger learns it for every head word, not only a list's.
 */
export function runHeads(tokens: Token[], lower: string[]): string[] {
  const out = tokens.map(() => '');
  for (let i = 0; i < tokens.length; i++) {
    if (!capitalised((tokens[i] as Token).text)) continue;
    let end = i + 1;
    for (let k = i + 1; k < tokens.length; k++) {
      if (capitalised((tokens[k] as Token).text)) end = k + 1;
      else if (!RUN_CONNECTORS.has(lower[k] as string)) break;
    }
    if (end - i > 1) for (let k = i; k < end; k++) out[k] = lower[end - 1] as string;
    i = end - 1;
  }
  return out;
}

/** The head word of the run the token sits in, and its group by meaning (none outside a run). */
export function runHeadFeatures(head: string): string[] {
  return head ? [`rh=${head}`, `rhc=${clusterLevel2(head)}`] : [];
}

/**
 * The features come in groups by what they depend on, so the tagger can cache the score of every
 * group that depends on one word only (most of them) and look up only the rest per token:
 *   self (the word), prev / prev2 / next / next2 (a neighbour word), pair (three words), gazetteer
 *   marks, sentence position, and the tags already given (the only part decoding changes).
 */
const BOUNDARY_BEFORE = '<s>';
const BOUNDARY_AFTER = '</s>';

/** What the word itself says. */
export function selfFeatures(w: string): string[] {
  const lw = w.toLowerCase();
  const sh = shape(w);
  const f = [
    'b',
    `w=${lw}`,
    `W=${w}`,
    `s=${sh}`,
    `p3=${lw.slice(0, 3)}`,
    `x2=${lw.slice(-2)}`,
    `x3=${lw.slice(-3)}`,
    `x4=${lw.slice(-4)}`,
  ];
  if (ORG_WORDS.has(lw)) f.push('org-word');
  if (PLACE_WORDS.has(lw)) f.push('place-word');
  if (w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w)) f.push(`caps|len${Math.min(w.length, 6)}`);
  // Whether a capitalised word is also an ordinary English word ("Senate", "Apple") or not ("Huawei"),
  // and whether it is a known first name: the cues a name's unknown spelling still gives.
  // The word's groups by meaning (three nested levels), learnt from a large corpus: unseen names
  // share them with names the training data has.
  const c = wordCluster(lw);
  if (c) f.push(`c1=${c.slice(0, c.indexOf('.'))}`, `c2=${c.slice(0, c.lastIndexOf('.'))}`, `c3=${c}`);
  else f.push('c=none');
  if (/^\p{Lu}/u.test(w)) {
    f.push(englishWords().has(lw) ? 'dict' : 'nodict');
    if (firstNameSet().has(lw)) f.push('first-name');
  }
  return f;
}

/** The word's group at the middle level ("k.3"), or "" for a word without one. */
function clusterLevel2(lw: string): string {
  const c = wordCluster(lw);
  return c ? c.slice(0, c.lastIndexOf('.')) : '';
}

/** What the word before says (null at the start of the sentence). */
export function prevFeatures(w: string | null): string[] {
  if (w === null) return [`w-1=${BOUNDARY_BEFORE}`, `s-1=${BOUNDARY_BEFORE}`];
  const lw = w.toLowerCase();
  const f = [`w-1=${lw}`, `s-1=${shape(w)}`, `c-1=${clusterLevel2(lw)}`];
  if (TITLES.has(lw.replace(/\.$/, ''))) f.push('after-title');
  if (/^\p{Lu}/u.test(w) && firstNameSet().has(lw)) f.push('after-first-name');
  return f;
}

export function prev2Features(w: string | null): string[] {
  return [`w-2=${w === null ? BOUNDARY_BEFORE : w.toLowerCase()}`];
}

/** What the word after says (null at the end of the sentence). */
export function nextFeatures(w: string | null): string[] {
  if (w === null) return [`w+1=${BOUNDARY_AFTER}`, `s+1=${BOUNDARY_AFTER}`];
  const lw = w.toLowerCase();
  const f = [`w+1=${lw}`, `s+1=${shape(w)}`, `c+1=${clusterLevel2(lw)}`];
  if (ORG_WORDS.has(lw)) f.push('before-org-word');
  if (PLACE_WORDS.has(lw)) f.push('before-place-word');
  return f;
}

export function next2Features(w: string | null): string[] {
  return [`w+2=${w === null ? BOUNDARY_AFTER : w.toLowerCase()}`];
}

/** The shapes of the word and its neighbours together. */
export function shapeTripleFeatures(shPrev: string, sh: string, shNext: string): string[] {
  return [`s-1s+1=${shPrev}|${sh}|${shNext}`];
}

/** The word with the word before and the word after (lower-cased, boundaries marked). */
export function wordPairFeatures(lwPrev: string, lw: string, lwNext: string): string[] {
  return [`w-1w=${lwPrev}|${lw}`, `ww+1=${lw}|${lwNext}`];
}

/** The gazetteer marks of the token and its neighbours, one feature per mark ("" when none). */
export function gazFeatures(g: string, gPrev: string, gNext: string): string[] {
  const out: string[] = [];
  for (const [name, marks] of [
    ['g', g],
    ['g-1', gPrev],
    ['g+1', gNext],
  ] as const) {
    if (!marks.includes(' ')) out.push(`${name}=${marks}`);
    else for (const m of marks.split(' ')) out.push(`${name}=${m}`);
  }
  return out;
}

/** The tags already given, alone. */
export function tagPairFeatures(prev: string, prev2: string): string[] {
  return [`t=${prev}`, `tt=${prev2}|${prev}`];
}

/** The previous tag with the word. */
export function tagWordFeatures(prev: string, lw: string, sh: string): string[] {
  return [`tw=${prev}|${lw}`, `ts=${prev}|${sh}`];
}

/** The previous tag with the next word's shape; the sentence's first token also by its own shape. */
export function tagNextFeatures(prev: string, shNext: string, firstShape: string | null): string[] {
  return firstShape === null
    ? [`t-s+1=${prev}|${shNext}`]
    : [`t-s+1=${prev}|${shNext}`, `first|${firstShape}`];
}

/** Everything the tagger reads at token i (training uses this; the tagger sums the same groups from caches). */
export function nerFeatures(
  tokens: Token[],
  info: TokenInfo,
  i: number,
  prev: string,
  prev2: string,
): string[] {
  const word = (k: number) => (k >= 0 && k < tokens.length ? (tokens[k] as Token).text : null);
  const lwAt = (k: number) =>
    k < 0 ? BOUNDARY_BEFORE : k >= tokens.length ? BOUNDARY_AFTER : (info.lower[k] as string);
  const shAt = (k: number) =>
    k < 0 ? BOUNDARY_BEFORE : k >= tokens.length ? BOUNDARY_AFTER : info.shapeAt(k);
  return [
    ...selfFeatures(word(i) as string),
    ...prevFeatures(word(i - 1)),
    ...prev2Features(word(i - 2)),
    ...nextFeatures(word(i + 1)),
    ...next2Features(word(i + 2)),
    ...shapeTripleFeatures(shAt(i - 1), shAt(i), shAt(i + 1)),
    ...wordPairFeatures(lwAt(i - 1), lwAt(i), lwAt(i + 1)),
    ...gazFeatures(
      info.gaz[i] as string,
      i > 0 ? (info.gaz[i - 1] as string) : BOUNDARY_BEFORE,
      i + 1 < tokens.length ? (info.gaz[i + 1] as string) : BOUNDARY_AFTER,
    ),
    ...runHeadFeatures(info.runHead[i] as string),
    ...tagPairFeatures(prev, prev2),
    ...tagWordFeatures(prev, lwAt(i), shAt(i)),
    ...tagNextFeatures(prev, shAt(i + 1), i === 0 ? shAt(i) : null),
  ];
}

export { BOUNDARY_AFTER, BOUNDARY_BEFORE };
