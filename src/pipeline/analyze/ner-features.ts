/**
 * The features the entity tagger reads for one token: the word and its shape, affixes, the words
 * and shapes around it, the tags it already gave the two tokens before, and what the gazetteers say
 * of the span the token sits in (country names, demonyms, capitals; person titles; organisation words).
 * Every feature is a short string; the perceptron learns a weight per feature and tag.
 */
import { COUNTRY_BY_CAPITAL, COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../../lib/countries.ts';
import { citiesByName, englishWords, firstNameSet } from '../../lib/lexicons.ts';
import type { Token } from './ner-tokens.ts';

/** Words that introduce a person (the title itself is not part of the name in the training data). */
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'president', 'minister', 'senator', 'sen', 'rep', 'gov', 'governor', 'mayor', 'king', 'queen', 'prince', 'princess', 'pope', 'chancellor', 'judge', 'justice', 'general', 'gen', 'colonel', 'col', 'captain', 'capt', 'lt', 'sgt', 'professor', 'prof', 'ambassador', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'ceo', 'director', 'coach', 'saint', 'st']);

/** Words that end organisation names. */
const ORG_WORDS = new Set(['inc', 'corp', 'corporation', 'co', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'sa', 'group', 'company', 'bank', 'university', 'college', 'school', 'institute', 'ministry', 'department', 'agency', 'council', 'committee', 'commission', 'party', 'union', 'association', 'federation', 'foundation', 'society', 'church', 'army', 'navy', 'police', 'court', 'parliament', 'congress', 'senate', 'assembly', 'times', 'post', 'news', 'press', 'club', 'team', 'airlines', 'airways', 'motors', 'records', 'hospital', 'board', 'office', 'service', 'services', 'authority', 'organization', 'organisation']);

/** Words that end place names. */
const PLACE_WORDS = new Set(['river', 'lake', 'mountain', 'mountains', 'mount', 'island', 'islands', 'sea', 'ocean', 'bay', 'valley', 'county', 'province', 'state', 'city', 'street', 'st', 'avenue', 'road', 'park', 'square', 'bridge', 'airport', 'station', 'district', 'region', 'gulf', 'strait', 'peninsula', 'desert', 'coast', 'hill', 'hills', 'beach', 'canyon']);

/** The longest name in the country gazetteer, in tokens. */
const MAX_GAZ_TOKENS = 6;

/** A token's shape: "Kyiv" → "Xx", "NATO" → "X", "2026" → "d", "U.S." → "X.X." (runs collapsed). */
export function shape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Per token, the gazetteer span it sits in: "B-country", "I-country", "demonym", "capital", or "". */
export function gazetteerMarks(tokens: Token[]): string[] {
  const cities = citiesByName();
  const marks = tokens.map(() => '');
  for (let i = 0; i < tokens.length; i++) {
    if (marks[i] || !/^\p{Lu}/u.test(tokens[i]?.text ?? '')) continue;
    // Phrases of 1…MAX_GAZ_TOKENS tokens from i, built once; the longest known one wins.
    const phrases: string[] = [];
    let phrase = '';
    for (let n = 1; n <= MAX_GAZ_TOKENS && i + n <= tokens.length; n++) {
      phrase = n === 1 ? (tokens[i] as Token).text.toLowerCase() : `${phrase} ${(tokens[i + n - 1] as Token).text.toLowerCase()}`;
      phrases.push(phrase);
    }
    for (let n = phrases.length; n >= 1; n--) {
      if (n > 1 && !/^\p{Lu}/u.test((tokens[i + n - 1] as Token).text)) continue;
      const p = phrases[n - 1] as string;
      const kind = COUNTRY_BY_NAME.has(p) ? 'country' : n === 1 && COUNTRY_BY_DEMONYM.has(p) ? 'demonym' : COUNTRY_BY_CAPITAL.has(p) ? 'capital' : cities.has(p) ? 'city' : '';
      if (!kind) continue;
      for (let k = 0; k < n; k++) marks[i + k] = `${k === 0 ? 'B' : 'I'}-${kind}`;
      break;
    }
  }
  return marks;
}

/** Precomputed per-token values the feature function reads. */
export interface TokenInfo {
  lower: string[];
  shapes: string[];
  gaz: string[];
}

export function tokenInfo(tokens: Token[]): TokenInfo {
  return { lower: tokens.map((t) => t.text.toLowerCase()), shapes: tokens.map((t) => shape(t.text)), gaz: gazetteerMarks(tokens) };
}

/** The features of token i, given the tags already assigned to tokens before it. */
export function nerFeatures(tokens: Token[], info: TokenInfo, i: number, prev: string, prev2: string): string[] {
  const w = (tokens[i] as Token).text;
  const lw = info.lower[i] as string;
  const sh = info.shapes[i] as string;
  const at = (k: number) => (k < 0 ? '<s>' : k >= tokens.length ? '</s>' : (info.lower[k] as string));
  const shAt = (k: number) => (k < 0 ? '<s>' : k >= tokens.length ? '</s>' : (info.shapes[k] as string));
  const prevWord = at(i - 1);
  const nextWord = at(i + 1);
  const f = [
    'b',
    `w=${lw}`,
    `W=${w}`,
    `s=${sh}`,
    `p3=${lw.slice(0, 3)}`,
    `x2=${lw.slice(-2)}`,
    `x3=${lw.slice(-3)}`,
    `x4=${lw.slice(-4)}`,
    `t=${prev}`,
    `tt=${prev2}|${prev}`,
    `tw=${prev}|${lw}`,
    `ts=${prev}|${sh}`,
    `w-1=${prevWord}`,
    `w-2=${at(i - 2)}`,
    `w+1=${nextWord}`,
    `w+2=${at(i + 2)}`,
    `s-1=${shAt(i - 1)}`,
    `s+1=${shAt(i + 1)}`,
    `s-1s+1=${shAt(i - 1)}|${sh}|${shAt(i + 1)}`,
    `w-1w=${prevWord}|${lw}`,
    `ww+1=${lw}|${nextWord}`,
    `t-s+1=${prev}|${shAt(i + 1)}`,
    `g=${info.gaz[i]}`,
    `g-1=${i > 0 ? info.gaz[i - 1] : '<s>'}`,
    `g+1=${i + 1 < tokens.length ? info.gaz[i + 1] : '</s>'}`,
  ];
  if (i === 0) f.push(`first|${sh}`);
  if (TITLES.has(prevWord.replace(/\.$/, ''))) f.push('after-title');
  if (ORG_WORDS.has(lw)) f.push('org-word');
  if (ORG_WORDS.has(nextWord)) f.push('before-org-word');
  if (PLACE_WORDS.has(lw)) f.push('place-word');
  if (PLACE_WORDS.has(nextWord)) f.push('before-place-word');
  if (w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w)) f.push(`caps|len${Math.min(w.length, 6)}`);
  // Whether a capitalised word is also an ordinary English word ("Senate", "Apple") or not ("Huawei"),
  // and whether it is a known first name: the cues a name's unknown spelling still gives.
  if (/^\p{Lu}/u.test(w)) {
    f.push(englishWords().has(lw) ? 'dict' : 'nodict');
    if (firstNameSet().has(lw)) f.push('first-name');
    if (firstNameSet().has(prevWord)) f.push('after-first-name');
  }
  return f;
}
