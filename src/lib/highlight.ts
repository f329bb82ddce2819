/**
 * Highlights for search results, found in the text itself: a title with every match marked, and a
 * passage of a report's text around its densest cluster of matches. The database ranks; this only shows
 * where the words are, so the same code serves SQLite and PostgreSQL, and costs one regular-expression
 * scan of a text instead of the database tokenizing each result again (FTS5 snippet(), ts_headline).
 *
 * Words are runs of letters and digits, compared with accents folded and case ignored — as both indexes
 * tokenize (FTS5 unicode61 with remove_diacritics; PostgreSQL 'simple' over folded text). A phrase matches
 * its words in order with only non-word characters between; a prefix term matches words it begins.
 */
import { foldAccents } from './fold-accents.ts';

/** A term to find: a word or phrase, or (prefix) the beginning of a word. */
export interface HighlightTerm {
  text: string;
  prefix: boolean;
}

/** A run of text, matched (mark) or not. */
export interface TextPart {
  text: string;
  mark: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Matches looked at when choosing a passage: a word in every sentence of a long text is not read to its end. */
const MAX_MATCHES = 200;
/** The end of a sentence or a line, after which a passage may start. */
const SENTENCE_END = /[.!?…]["'”’)\]]*\s+|\n\s*/g;
/** Words shown before the first match of a passage that starts mid-sentence. */
const LEAD_WORDS = 4;
/** Characters a passage of N words is taken to span when matches are grouped (words of about 6.5 on average). */
const CHARS_PER_WORD = 6.5;

interface Match {
  start: number;
  end: number;
  term: number;
}

/** The words of a text, one at a time (one pattern for every query: compiled once, not per query). */
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Words already made comparable (texts repeat their words); emptied when full. */
const COMPARABLE = new Map<string, string>();
const COMPARABLE_MAX = 50_000;

/** A word as compared with a query's words: accents folded, lower case. */
function comparable(word: string): string {
  let out = COMPARABLE.get(word);
  if (out === undefined) {
    if (COMPARABLE.size >= COMPARABLE_MAX) COMPARABLE.clear();
    COMPARABLE.set(word, (out = foldAccents(word).toLowerCase()));
  }
  return out;
}

/** One term as the words it must match in a row (the last one only begun, for a prefix). */
interface Alternative {
  words: string[];
  prefix: boolean;
  term: number;
}

/** Finds the terms of one query in texts. */
export class Highlighter {
  private readonly alternatives: Alternative[];

  /**
   * The terms are compared with the text's words (runs of letters and digits, the way both indexes
   * tokenize), not compiled into a pattern of their own: a new pattern with Unicode classes cost about
   * 1.5 ms to compile and tier up, most of the highlighting of a query asked the first time.
   * `wordByWord` always reads the text word by word (the way taken where the fast one cannot be; tests
   * compare the two).
   */
  constructor(
    terms: readonly HighlightTerm[],
    private readonly wordByWord = false,
  ) {
    const alternatives: Alternative[] = [];
    terms.forEach((t, term) => {
      const words = foldAccents(t.text).match(WORD);
      if (words) alternatives.push({ words: words.map((w) => w.toLowerCase()), prefix: t.prefix, term });
    });
    // Longer phrases first: where a phrase and one of its words both match, the phrase is marked whole.
    this.alternatives = alternatives.sort((a, b) => b.words.length - a.words.length);
  }

  /** Returns the text with every match marked. */
  all(text: string): TextPart[] {
    const lower = comparableText(text);
    return parts(text, this.matches(text, lower, 0, text.length, Infinity), 0, text.length);
  }

  /**
   * Returns a passage of about `words` words around the part of the text with the most different terms
   * (then the most matches; then the earliest), with its matches marked and an ellipsis where the text
   * goes on. With no match, the text's first words.
   */
  passage(text: string, words: number): TextPart[] {
    const lower = comparableText(text);
    const found = this.matches(text, lower, 0, text.length, MAX_MATCHES);
    const anchor = densest(found, words * CHARS_PER_WORD);
    const from = anchor === null ? 0 : leadStart(text, anchor.start, words >> 1);
    const span = wordSpan(text, from, words);
    if (!span) return [];
    const out = parts(text, this.matches(text, lower, span.start, span.end, Infinity), span.start, span.end);
    if (hasWord(text.slice(0, span.start))) out.unshift({ text: '… ', mark: false });
    if (hasWord(text.slice(span.end))) out.push({ text: ' …', mark: false });
    return squeeze(out);
  }

  /**
   * The matches that start at or after `from` (a word's start) and end by `to`, at most `max`: found in the
   * text made comparable as a whole when that kept its length (lower), else word by word.
   */
  private matches(text: string, lower: string | null, from: number, to: number, max: number): Match[] {
    if (!this.alternatives.length) return [];
    return lower === null || this.wordByWord
      ? this.wordMatches(text, from, to, max)
      : this.foundMatches(lower, from, to, max);
  }

  /**
   * Matches found by searching the comparable text for each term's first word and checking the rest where
   * it stands: no word of the text is read unless a term's word begins there (a report's text of a few
   * thousand characters was read word by word, about 30 µs, for each result of each search). The same
   * matches as wordMatches: whole words, a phrase's words with only other characters between, a prefix
   * to its word's end; where matches overlap, the one that starts first, then the longer phrase.
   */
  private foundMatches(lower: string, from: number, to: number, max: number): Match[] {
    const found: (Match & { length: number; order: number })[] = [];
    this.alternatives.forEach((a, order) => {
      const first = a.words[0] as string;
      for (let at = lower.indexOf(first, from); at >= 0; at = lower.indexOf(first, at + 1)) {
        if (isWordChar(lower, before(lower, at))) continue;
        if (at >= to) break;
        const end = this.phraseEnd(lower, a, at);
        if (end < 0 || end > to) continue;
        found.push({ start: at, end, term: a.term, length: a.words.length, order });
      }
    });
    found.sort((x, y) => x.start - y.start || y.length - x.length || x.order - y.order);
    const out: Match[] = [];
    let next = from;
    for (const m of found) {
      if (out.length >= max) break;
      if (m.start < next) continue;
      out.push({ start: m.start, end: m.end, term: m.term });
      next = m.end;
    }
    return out;
  }

  /** Where an alternative that starts at a word's start `at` ends, or -1 where it does not match there. */
  private phraseEnd(lower: string, a: Alternative, at: number): number {
    let pos = at;
    for (let j = 0; j < a.words.length; j++) {
      const w = a.words[j] as string;
      if (j > 0) {
        while (pos < lower.length && !isWordChar(lower, pos)) pos++;
        if (!lower.startsWith(w, pos)) return -1;
      }
      pos += w.length;
      if (a.prefix && j === a.words.length - 1) {
        while (pos < lower.length && isWordChar(lower, pos)) pos += charLength(lower, pos);
      } else if (pos < lower.length && isWordChar(lower, pos)) return -1;
    }
    return pos;
  }

  /** Matches found by reading the text word by word, each word made comparable on its own. */
  private wordMatches(text: string, from: number, to: number, max: number): Match[] {
    const out: Match[] = [];
    const words: { start: number; end: number; word: string }[] = [];
    let ended = false;
    TOKEN.lastIndex = from;
    // Whether the text has a word at index k (reading words as far as needed, up to `to`).
    const has = (k: number): boolean => {
      while (words.length <= k && !ended) {
        const m = TOKEN.exec(text);
        if (!m || m.index + m[0].length > to) ended = true;
        else words.push({ start: m.index, end: m.index + m[0].length, word: comparable(m[0]) });
      }
      return words.length > k;
    };
    for (let i = 0; out.length < max && has(i); ) {
      const hit = this.alternatives.find(
        (a) =>
          has(i + a.words.length - 1) &&
          a.words.every((w, j) => {
            const word = (words[i + j] as { word: string }).word;
            return a.prefix && j === a.words.length - 1 ? word.startsWith(w) : word === w;
          }),
      );
      if (!hit) {
        i++;
        continue;
      }
      const last = words[i + hit.words.length - 1] as { end: number };
      out.push({ start: (words[i] as { start: number }).start, end: last.end, term: hit.term });
      i += hit.words.length;
    }
    return out;
  }
}

/**
 * The text made comparable as a whole (accents folded, lower case), or null where that changed its length
 * (a few letters lower-case to two characters), so that a position in it is no longer one in the text.
 */
function comparableText(text: string): string | null {
  const lower = foldAccents(text).toLowerCase();
  return lower.length === text.length ? lower : null;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the character (code point) at `i` is a letter or digit; false outside the text. */
function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  // ASCII is decided without a pattern: most characters of most texts.
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) as number));
}

/** The index of the character (code point) that ends just before `i`. */
function before(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

/** The length in UTF-16 units of the character at `i`. */
function charLength(text: string, i: number): number {
  return (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
}

/** The match that begins the window of `span` characters holding the most different terms, then most matches. */
function densest(found: readonly Match[], span: number): Match | null {
  let best: Match | null = null;
  let bestTerms = 0;
  let bestCount = 0;
  for (let i = 0; i < found.length; i++) {
    const first = found[i] as Match;
    const terms = new Set<number>();
    let count = 0;
    for (let j = i; j < found.length && (found[j] as Match).start < first.start + span; j++) {
      terms.add((found[j] as Match).term);
      count++;
    }
    if (terms.size > bestTerms || (terms.size === bestTerms && count > bestCount)) {
      best = first;
      bestTerms = terms.size;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Where a passage whose first match is at `at` starts: at its sentence's beginning when no more than `reach`
 * words precede the match in it, else LEAD_WORDS words before the match.
 */
function leadStart(text: string, at: number, reach: number): number {
  const from = Math.max(0, at - 400);
  const slice = text.slice(from, at);
  // The first word of the slice may be cut; it is used only when the slice starts the text.
  const before = [...slice.matchAll(WORD)].slice(from === 0 ? 0 : 1).map((m) => from + (m.index ?? 0));
  let sentence = from === 0 ? 0 : -1;
  for (const m of slice.matchAll(SENTENCE_END)) sentence = from + (m.index ?? 0) + m[0].length;
  if (sentence >= 0) {
    const inSentence = before.filter((w) => w >= sentence);
    if (inSentence.length <= reach) return inSentence[0] ?? at;
  }
  return before.slice(-LEAD_WORDS)[0] ?? at;
}

/** The span of `words` words starting at the first word at or after `from`. */
function wordSpan(text: string, from: number, words: number): { start: number; end: number } | null {
  const re = new RegExp(WORD.source, 'gu');
  re.lastIndex = from;
  let start = -1;
  let end = -1;
  for (let n = 0; n < words; n++) {
    const m = re.exec(text);
    if (!m) break;
    if (start < 0) start = m.index;
    end = m.index + m[0].length;
  }
  return start < 0 ? null : { start, end };
}

/** The text from `from` to `to` as parts, the matches marked. */
function parts(text: string, found: readonly Match[], from: number, to: number): TextPart[] {
  const out: TextPart[] = [];
  let at = from;
  for (const m of found) {
    if (m.start < at) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start), mark: false });
    out.push({ text: text.slice(m.start, m.end), mark: true });
    at = m.end;
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/** Parts with runs of white space made one space (a passage may cross paragraphs). */
function squeeze(list: TextPart[]): TextPart[] {
  return list.map((p) => ({ text: p.text.replace(/\s+/g, ' '), mark: p.mark }));
}

function hasWord(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
