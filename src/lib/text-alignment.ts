/**
 * Where the characters of a derived text stand in the text it was derived from. The derived text is
 * the source with lines dropped or cut (chrome, credits), whitespace collapsed, line breaks unified,
 * control characters removed and NFC applied — never reordered. Each derived line is found in the
 * source after the previous one (whole, at a line start if it can be); a line that was rewritten is
 * walked character by character, skipping what was removed.
 */

export interface TextAlignment {
  /** Returns the span of the source that the derived span [start, end) comes from. */
  span(start: number, end: number): { start: number; end: number };
}

/** Characters that may be removed from the source on the way: controls, zero-width marks. */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const REMOVABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u00ad\u200b-\u200d\ufeff]/;
/** Characters the derived text writes as one space (or drops at a line's ends). */
const SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
/** How far ahead a rewritten word is looked for before the walk gives up on it. */
const REANCHOR_CHARS = 400;

/** Returns the alignment of `derived` onto `source`. */
export function alignText(source: string, derived: string): TextAlignment {
  const startOf = new Int32Array(derived.length);
  const endOf = new Int32Array(derived.length);
  let cursor = 0;
  let at = 0;
  for (const line of derived.split('\n')) {
    if (at > 0) {
      // The line break before this line stands where the previous line ended.
      startOf[at - 1] = cursor;
      endOf[at - 1] = cursor;
    }
    if (line.length) {
      const found = findLine(source, line, cursor);
      cursor =
        found >= 0
          ? mapExact(found, line.length, at, startOf, endOf)
          : walk(source, line, cursor, at, startOf, endOf);
    }
    at += line.length + 1;
  }
  return {
    span(start, end) {
      const s = start < derived.length ? (startOf[start] as number) : source.length;
      const e = end > start && end - 1 < derived.length ? (endOf[end - 1] as number) : s;
      return { start: s, end: Math.max(s, e) };
    },
  };
}

/**
 * How far past the cursor a line is looked for: beyond the longest run of dropped lines (chrome,
 * credits) a text has between two kept ones, and short enough that a text whose every line was
 * rewritten is not searched to its end once per line.
 */
const SEARCH_WINDOW_CHARS = 20_000;

/** The line's position in the source from `from`: at a line start if it is there, else anywhere; -1 if absent. */
function findLine(source: string, line: string, from: number): number {
  const window = source.slice(from, from + line.length + SEARCH_WINDOW_CHARS);
  let first = -1;
  for (let i = window.indexOf(line), tries = 0; i >= 0 && tries < 50; tries++) {
    if (first < 0) first = from + i;
    if (startsLine(source, from + i)) return from + i;
    i = window.indexOf(line, i + 1);
  }
  return first;
}

function startsLine(source: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = source[k] as string;
    if (c === '\n' || c === '\r') return true;
    if (!SPACE.test(c) && !REMOVABLE.test(c)) return false;
  }
  return true;
}

function mapExact(found: number, length: number, at: number, startOf: Int32Array, endOf: Int32Array): number {
  for (let k = 0; k < length; k++) {
    startOf[at + k] = found + k;
    endOf[at + k] = found + k + 1;
  }
  return found + length;
}

/** Maps a rewritten line character by character; returns where it ends in the source. */
function walk(
  source: string,
  line: string,
  from: number,
  at: number,
  startOf: Int32Array,
  endOf: Int32Array,
): number {
  let j = anchor(source, line, 0, from);
  for (let k = 0; k < line.length; k++) {
    const c = line[k] as string;
    if (c === ' ') {
      startOf[at + k] = j;
      while (j < source.length && (SPACE.test(source[j] as string) || REMOVABLE.test(source[j] as string)))
        j++;
      endOf[at + k] = j;
      continue;
    }
    while (j < source.length && REMOVABLE.test(source[j] as string) && source[j] !== c) j++;
    const width = matchWidth(source, j, c);
    if (width === 0) {
      const moved = anchor(source, line, k, j);
      const w = moved === j ? 0 : matchWidth(source, moved, c);
      if (w > 0) j = moved;
      startOf[at + k] = j;
      endOf[at + k] = j + w;
      j += w;
      continue;
    }
    startOf[at + k] = j;
    endOf[at + k] = j + width;
    j += width;
  }
  return j;
}

/** How many source characters at `j` make the derived character `c` (NFC may join a letter and its accent); 0 if none. */
function matchWidth(source: string, j: number, c: string): number {
  if (source[j] === c) return 1;
  for (let w = 2; w <= 4 && j + w <= source.length; w++)
    if (source.slice(j, j + w).normalize('NFC') === c) return w;
  return 0;
}

/** Where the word of `line` at `k` is found in the source from `from` (within reach), else `from`. */
function anchor(source: string, line: string, k: number, from: number): number {
  const rest = line.slice(k);
  const word = /^\S{1,24}/.exec(rest)?.[0];
  if (!word) return from;
  const i = findLine(source, word, from);
  return i >= 0 && i <= from + REANCHOR_CHARS ? i : from;
}
