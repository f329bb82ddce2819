/**
 * MEANTIME English (../shared/data/meantime, Wikinews, CC BY 4.0) as named-entity data: each article
 * with its spacing restored and the names of its PER, ORG and LOC mentions as flat spans.
 *
 * How the annotation is read:
 *   1. Spacing. The texts are re-joined from tokens ("EADS )", "$ 40 billion", "Boeing 's", "`` Yes");
 *      they are re-joined as news writes them ("EADS)", "$40 billion", "Boeing's", '"Yes'), so neither
 *      the tagger nor its scores learn spacing that no report has.
 *   2. Named mentions only: headPos PROPN, types PER, ORG and LOC. PRO (products: aircraft, phones,
 *      software) and FIN (contracts, sums) are outside, as in Universal NER, which has no such types.
 *   3. A mention's extent is a whole noun phrase ("the United States Air Force ( USAF", "JSA Research
 *      defence analyst Paul Nesbit", "Steve Jobs , the Apple chief executive"); its name is the last
 *      run of capitalised words before an apposition, a bracket or a clause ("United States Air Force",
 *      "Paul Nesbit", "Steve Jobs"), and for a person the words after the last title in it ("Apple CEO
 *      Steve Jobs" → "Steve Jobs"; "the Prime Minister" names no one and is left out). A name that holds
 *      another mention's name ("Apple and AT&T") gives way to it. Determiners are never part of a name.
 *   4. Only the annotated part counts: MEANTIME marks every mention in an article's title and its first
 *      four sentences (lines 0 and 2–5; line 1 is the date) and beyond them only a few, so the rest of
 *      an article is neither trained on nor scored; articles with no mentions at all (14 of the 90) are
 *      left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NerRecord } from './ner-data.ts';
import { ROOT } from './shared-data.ts';

export const MEANTIME_EN = join(ROOT, '..', 'shared', 'data', 'meantime', 'meantime-en.jsonl');

interface Mention {
  start: number;
  end: number;
  text: string;
  type: string;
  headPos: string;
}

interface Raw {
  id: string;
  text: string;
  mentions: Mention[];
}

/** One MEANTIME article as NER data: its text re-spaced and the names in its annotated lines. */
export interface MeantimeArticle extends NerRecord {
  /** The annotated lines' spans in `text`: names found elsewhere are not scored. */
  annotated: { start: number; end: number }[];
  /** The annotated lines on their own (title, then one sentence a line), offsets per line. */
  lines: NerRecord[];
}

/** The lines MEANTIME annotates in full: the title (0) and the first four sentences (2–5). */
const ANNOTATED_LINES = new Set([0, 2, 3, 4, 5]);

export function meantimeAvailable(): boolean {
  return existsSync(MEANTIME_EN);
}

/** Tokens glued to the token before them ("EADS )", "Boeing 's", "10 %"). */
const NO_SPACE_BEFORE = new Set([
  ',',
  '.',
  ';',
  ':',
  '?',
  '!',
  ')',
  ']',
  '}',
  '%',
  "''",
  "'s",
  "'",
  "n't",
  "'re",
  "'ve",
  "'ll",
  "'d",
  "'m",
]);
/** Tokens glued to the token after them ("( EADS", "$ 40", "`` Yes"). */
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$', 'US$', 'C$', 'A$', '€', '£', '``']);
const QUOTES: Record<string, string> = { '``': '"', "''": '"' };

/** Re-joins a space-tokenised text; returns the new text and, per old offset of a token edge, the new one. */
export function respace(text: string): { text: string; at: Map<number, number> } {
  const at = new Map<number, number>();
  let out = '';
  let base = 0;
  for (const line of text.split('\n')) {
    if (base > 0) out += '\n';
    let glue = true; // no space before the next token
    let open = false; // inside a double quote: a closing '"' glues to the word before it
    let pos = base;
    for (const tok of line.split(' ')) {
      if (tok !== '') {
        const closing = tok === "''" || (tok === '"' && open);
        if (!glue && !NO_SPACE_BEFORE.has(tok) && !closing) out += ' ';
        at.set(pos, out.length);
        out += QUOTES[tok] ?? tok;
        at.set(pos + tok.length, out.length);
        const opening = tok === '``' || (tok === '"' && !open);
        if (opening) open = true;
        else if (closing) open = false;
        // "O' Leary" is one name.
        glue = NO_SPACE_AFTER.has(tok) || opening || (tok === "'" && out.endsWith("O'"));
      }
      pos += tok.length + 1;
    }
    base += line.length + 1;
  }
  return { text: out, at };
}

/** Titles and roles that stand before a person's name in a mention ("Apple CEO Steve Jobs"). */
const PERSON_TITLES = new Set(
  'mr mr. mrs mrs. ms ms. dr dr. sir president vice senator sen. minister prime secretary governor mayor ceo chief executive officer chairman chairwoman spokesman spokeswoman spokesperson director general founder co-founder analyst king queen prince pope judge chancellor ambassador'.split(
    ' ',
  ),
);
const CONNECTORS = new Set(['of', 'and', '&', 'for', 'de', 'du', 'la', 'the', 'on']);
const STOP = /^(?:,|\(|which|who|that|in|at|based|,)$/;

const capital = (w: string) => /^[\p{Lu}\d]/u.test(w);

/** The token range of a mention's name, or null when it names no one. */
function nameOf(tokens: string[], type: string): [number, number] | null {
  let end = tokens.findIndex((t, i) => i > 0 && STOP.test(t));
  if (end < 0) end = tokens.length;
  if (type === 'PER') {
    const of = tokens.indexOf('of');
    if (of > 0 && of < end) end = of;
  }
  // The last capitalised run before the cut, connectors inside it.
  let last = end - 1;
  while (last >= 0 && !capital(tokens[last] as string)) last--;
  if (last < 0) return null;
  let first = last;
  while (first > 0) {
    const w = tokens[first - 1] as string;
    if (capital(w)) first--;
    else if (CONNECTORS.has(w) && first >= 2 && capital(tokens[first - 2] as string)) first -= 2;
    else break;
  }
  if (tokens[first] === 'The') first++;
  if (type === 'PER') {
    for (let k = last; k >= first; k--) {
      if (PERSON_TITLES.has((tokens[k] as string).toLowerCase())) {
        first = k + 1;
        break;
      }
    }
  }
  return first <= last ? [first, last + 1] : null;
}

const LABELS = new Set(['PER', 'ORG', 'LOC']);

/** The English MEANTIME articles as NER records (ids `meantime-en-…`, for the real-news split). */
export function readMeantimeNer(): MeantimeArticle[] {
  return readFileSync(MEANTIME_EN, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Raw)
    .filter((r) => r.mentions.length > 0)
    .map(articleOf);
}

function articleOf(raw: Raw): MeantimeArticle {
  const { text, at } = respace(raw.text);
  const spans: { start: number; end: number; type: string }[] = [];
  for (const m of raw.mentions) {
    if (m.headPos !== 'PROPN' || !LABELS.has(m.type)) continue;
    const words = raw.text.slice(m.start, m.end).split(' ');
    const name = nameOf(words, m.type);
    if (!name) continue;
    const offsetOf = (k: number) => m.start + words.slice(0, k).join(' ').length + (k > 0 ? 1 : 0);
    const start = at.get(offsetOf(name[0]));
    const end = at.get(offsetOf(name[1] - 1) + (words[name[1] - 1] as string).length);
    if (start === undefined || end === undefined) continue;
    if (!spans.some((s) => s.start === start && s.end === end)) spans.push({ start, end, type: m.type });
  }
  // A name holding another's gives way to it ("Apple and AT&T" → "Apple", "AT&T").
  const named = spans
    .filter((s) => !spans.some((o) => o !== s && o.start >= s.start && o.end <= s.end))
    .sort((a, b) => a.start - b.start);
  const lines: NerRecord[] = [];
  const annotated: { start: number; end: number }[] = [];
  let from = 0;
  text.split('\n').forEach((line, i) => {
    const to = from + line.length;
    if (!ANNOTATED_LINES.has(i)) {
      from = to + 1;
      return;
    }
    annotated.push({ start: from, end: to });
    lines.push({
      id: `${raw.id}:${i}`,
      text: line,
      entities: named
        .filter((e) => e.start >= from && e.end <= to)
        .map((e) => ({ ...e, start: e.start - from, end: e.end - from })),
    });
    from = to + 1;
  });
  const entities = named.filter((e) => annotated.some((a) => e.start >= a.start && e.end <= a.end));
  return { id: raw.id, text, entities, annotated, lines };
}
