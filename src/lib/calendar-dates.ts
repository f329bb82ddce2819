/**
 * Calendar dates (a day, a month and a year) written in text, in any language of month-names.ts:
 *   1. day, month name, year: "12. März 2024", "3 janvier 2025", "4 de septiembre de 2008",
 *      "5 сентября 2023 г.", "12 Mart 2024", "01-Mar-08";
 *   2. month name, day, year: "March 01 , 2008", "Nov. 19, 2019";
 *   3. year first: "2026-01-10", "2024/03/12", "2024年3月12日", "2024년 3월 12일";
 *   4. all-numeric day and month, ordered by the language: "12.03.2024", "05/10/2018".
 * Earlier forms win where two overlap. Only the day is read: times of day are the callers' business.
 */
import { matchWindows } from './match-windows.ts';
import { monthAlternation, monthNumber, numericMonthFirst } from './month-names.ts';

export interface CalendarDate {
  /** YYYY-MM-DD. */
  day: string;
  start: number;
  end: number;
  text: string;
  form: 'day-month-year' | 'month-day-year' | 'year-first' | 'numeric';
}

/** Years a news date may carry; anything else is a number, not a year. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** A two-digit year up to this is 20xx ("01-Mar-08"), above it 19xx. */
const TWO_DIGIT_PIVOT = 50;

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
/** What may follow a day number: "12.", "1er", "3rd", "1º". */
const ORDINAL = '(?:\\.|er|ᵉʳ|º|°|st|nd|rd|th)?';

let patterns: { re: RegExp; form: CalendarDate['form'] }[] | null = null;

function compiled(): { re: RegExp; form: CalendarDate['form'] }[] {
  if (patterns) return patterns;
  const M = `(${monthAlternation()})\\.?`;
  patterns = [
    // 01-Mar-08, 1/Mar/2008
    { re: new RegExp(`${B}(\\d{1,2})([-/])${M}\\2('?\\d{2}|\\d{4})${E}`, 'giu'), form: 'day-month-year' },
    {
      re: new RegExp(
        `${B}(\\d{1,2})${ORDINAL}\\s*(?:de\\s+|of\\s+)?${M}(?:\\s*,\\s*|\\s+(?:de|del|of)\\s+|\\s*)(\\d{4})${E}`,
        'giu',
      ),
      form: 'day-month-year',
    },
    {
      // Any word before the day, checked against the month names afterwards: an alternation of every
      // month form tried at every letter is the slowest part of reading a long text.
      re: new RegExp(`${B}(\\p{L}{3,})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s*(\\d{4})${E}`, 'giu'),
      form: 'month-day-year',
    },
    {
      re: /(?<!\d)((?:19|20)\d\d)\s*(?:[-/.]|年|년)\s*(\d{1,2})\s*(?:[-/.]|月|월)\s*(\d{1,2})(?:\s*(?:日|일))?(?![\d])/gu,
      form: 'year-first',
    },
    { re: /(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d|\d\d)(?![\d])/g, form: 'numeric' },
  ];
  return patterns;
}

/**
 * Every date here has a year: a four-digit one, or two digits after a dash, slash or dot ("01-Mar-08",
 * "12.03.24"). The patterns run only over windows around those (a day and a month name reach at most
 * WINDOW_BEFORE characters before the year, a year-first date WINDOW_AFTER after it), which keeps the
 * month-name alternation off most of a long text.
 */
const YEAR_LIKE = /(?:19|20)\d\d|\d[./-]\d{1,2}[./-]\d\d(?!\d)|\p{L}\.?[-/]'?\d\d(?!\d)/gu;
const WINDOW_BEFORE = 48;
const WINDOW_AFTER = 16;

/** Returns the calendar dates written in a text, in order, numeric ones read in `language`'s order. */
export function findCalendarDates(text: string, language: string | null = null): CalendarDate[] {
  const windows = matchWindows(text, YEAR_LIKE, WINDOW_BEFORE, WINDOW_AFTER);
  return windows.flatMap(([from, to]) => datesIn(text.slice(from, to), from, language));
}

function datesIn(text: string, offset: number, language: string | null): CalendarDate[] {
  const found: CalendarDate[] = [];
  for (const { re, form } of compiled()) {
    for (const m of text.matchAll(re)) {
      const start = m.index + offset;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      const day = readMatch(m, form, language);
      if (day) found.push({ day, start, end, text: m[0], form });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function readMatch(m: RegExpMatchArray, form: CalendarDate['form'], language: string | null): string | null {
  const g = (i: number) => m[i] as string;
  switch (form) {
    case 'day-month-year':
      return m[2] === '-' || m[2] === '/'
        ? ymd(year(g(4)), monthNumber(g(3)), Number(g(1)))
        : ymd(year(g(3)), monthNumber(g(2)), Number(g(1)));
    case 'month-day-year':
      return ymd(year(g(3)), monthNumber(g(1)), Number(g(2)));
    case 'year-first':
      return ymd(Number(g(1)), Number(g(2)), Number(g(3)));
    case 'numeric': {
      // Two-digit years only in the dotted form ("12.03.24"); a slashed "3/4/24" is too often a score.
      if (g(4).length === 2 && g(2) !== '.') return null;
      const [a, b] = [Number(g(1)), Number(g(3))];
      const monthFirst = a > 12 ? false : b > 12 ? true : g(2) !== '.' && numericMonthFirst(language);
      return monthFirst ? ymd(year(g(4)), a, b) : ymd(year(g(4)), b, a);
    }
  }
}

function year(raw: string): number {
  const digits = raw.replace(/^'/, '');
  if (digits.length === 4) return Number(digits);
  const n = Number(digits);
  return n <= TWO_DIGIT_PIVOT ? 2000 + n : 1900 + n;
}

/** YYYY-MM-DD when the parts make a real day, else null. */
function ymd(y: number, m: number | null, d: number): string | null {
  if (!m || y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
