/** Figures written in words: "eight", "twenty-five", "a dozen", "two hundred and fifty", "three thousand". */
import { SCALES, SMALL_NUMBERS, TENS } from '../../lib/number-words.ts';

/** "one" is only read as part of a larger figure; "zero" is no count of people. */
const SMALL: Record<string, number> = Object.fromEntries(
  Object.entries(SMALL_NUMBERS).filter(([w]) => w !== 'zero'),
);

const WORD = `(?:${[...Object.keys(SMALL), ...Object.keys(TENS), 'hundred', 'dozen', ...Object.keys(SCALES)].join('|')})`;

/** A run of number words, joined by spaces, hyphens or "and"; "a" may open it ("a dozen", "a hundred"). */
const RUN = new RegExp(
  `\\b(?:an? (?=(?:dozen|hundred|thousand|million)\\b))?${WORD}(?:(?:[ -]| and )${WORD})*\\b`,
  'gi',
);

export interface WordFigure {
  start: number;
  end: number;
  text: string;
  value: number;
  /** "a dozen" is a round figure: about twelve. */
  round: boolean;
}

/** Returns the figures written in words in a text, each at least two ("one" alone is an article more than a count). */
export function findNumberWords(text: string): WordFigure[] {
  const out: WordFigure[] = [];
  for (const m of text.matchAll(RUN)) {
    let at = m.index;
    const tokens = [...m[0].matchAll(/[a-z]+/gi)].map((t) => ({
      word: t[0].toLowerCase(),
      at: at + t.index,
    }));
    // A run may hold two figures ("ten twelve-hour shifts" does not, "between ten and twelve" does): split where the grammar breaks.
    while (tokens.length) {
      const used = parse(tokens.map((t) => t.word));
      const last = tokens[used.length - 1];
      if (!last) break;
      const end = last.at + last.word.length;
      if (used.value >= 2) {
        const first = tokens[0] as { at: number };
        out.push({
          start: first.at,
          end,
          text: text.slice(first.at, end),
          value: used.value,
          round: used.round,
        });
      }
      tokens.splice(0, used.length);
      at = end;
    }
  }
  return out;
}

/** Reads the longest well-formed figure at the start of the words: how many words it used and its value. */
function parse(words: string[]): { length: number; value: number; round: boolean } {
  let total = 0;
  let current = 0;
  let prev: 'a' | 'small' | 'tens' | 'hundred' | 'dozen' | 'scale' | 'and' | null = null;
  let length = 0;
  let round = false;
  for (const w of words) {
    if ((w === 'a' || w === 'an') && prev === null) {
      current = 1;
      prev = 'a';
    } else if (
      w in SMALL &&
      prev !== 'small' &&
      prev !== 'a' &&
      prev !== 'dozen' &&
      (prev !== 'tens' || (SMALL[w] as number) < 10)
    ) {
      current += SMALL[w] as number;
      prev = 'small';
    } else if (w in TENS && (prev === null || prev === 'hundred' || prev === 'scale' || prev === 'and')) {
      current += TENS[w] as number;
      prev = 'tens';
    } else if (w === 'hundred' && current > 0 && current < 100 && prev !== 'dozen') {
      current *= 100;
      prev = 'hundred';
    } else if (w === 'dozen' && current > 0 && current < 10) {
      current *= 12;
      round = true;
      prev = 'dozen';
    } else if (w in SCALES && current > 0) {
      total += current * (SCALES[w] as number);
      current = 0;
      prev = 'scale';
    } else if (w === 'and' && (prev === 'hundred' || prev === 'scale')) {
      prev = 'and';
    } else break;
    length++;
  }
  // A figure does not end on "and" or on a bare "a".
  if (prev === 'and' || prev === 'a') length--;
  if (length === 0) return { length: 1, value: 0, round: false };
  return { length, value: total + current, round };
}
