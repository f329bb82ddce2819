/**
 * Numbers with the noun they count ("1,800 workers", "12 hectares", "35 countries", "4%"); thousands
 * may be grouped as tokenised text writes them ("230, 000"); a page address's numbers are left out.
 */
import type { NumberMention } from '../../domain/analysis.ts';
import { countKindAt } from './count-kind.ts';
import { findNumberWords } from './number-words.ts';

/** Words between a number and its noun that do not change what is counted. */
const SKIPPABLE = new Set([
  'more',
  'than',
  'about',
  'some',
  'of',
  'the',
  'other',
  'additional',
  'further',
  'new',
  'local',
  'at',
  'least',
  'its',
  'their',
  'his',
  'her',
  'our',
  'striking',
  'registered',
  'full-time',
  'permanent',
  'seasonal',
]);

/** A month name just before a number makes it a day of the month ("January 6"). */
const MONTH_BEFORE =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?\s+$/i;

/** A month name just after a number makes it a day of the month ("11 March"). */
const MONTH_AFTER =
  /^\s+(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;

/**
 * A line that opens with a page address, whole or tokenised ("http: / / www. example. com / 2013 / …",
 * "com / news / dozens - injured - 386911"): its numbers are ids and dates, not figures.
 */
const ADDRESS_LINE = /^\s*(?:https?:|www\.|[\w.-]+ \/ [\w.-]+ \/ )/;

/** The line of the text holding the offset. */
function lineAt(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? text.length : end);
}

/** A currency sign just before a figure makes it money. */
const CURRENCY_BEFORE = /[$€£¥₹]$/;

/** Words before a figure that qualify it, longest first. */
const APPROX: [RegExp, NonNullable<NumberMention['approx']>][] = [
  [/\b(?:more than|over|above|in excess of|upwards of)\s+$/i, 'more-than'],
  [/\bat least\s+$/i, 'at-least'],
  [/\b(?:less than|fewer than|under|below)\s+$/i, 'less-than'],
  [/\b(?:up to|as many as|as much as)\s+$/i, 'up-to'],
  [
    /\b(?:about|around|roughly|approximately|some|nearly|almost|close to|an estimated|estimated|about|approx\.)\s+$/i,
    'about',
  ],
];

/** Vague quantities: the words, and the values they allow. */
const VAGUE: [RegExp, number, number][] = [
  [/\btens of thousands(?: of)?\b/gi, 20_000, 99_999],
  [/\bhundreds of thousands(?: of)?\b/gi, 200_000, 999_999],
  [/\bseveral thousand\b/gi, 3_000, 9_999],
  [/\ba few thousand\b/gi, 2_000, 5_000],
  [/\bthousands of\b/gi, 2_000, 9_999],
  [/\bseveral hundred\b/gi, 300, 999],
  [/\ba few hundred\b/gi, 200, 500],
  [/\bhundreds of\b/gi, 200, 999],
  [/\bdozens of\b/gi, 24, 99],
  [/\bseveral dozen\b/gi, 36, 99],
  // Without "of" the quantity stands for its people ("dozens were injured", "hundreds fled").
  [/\bscores of\b/gi, 40, 99],
  [/\bdozens\b/gi, 24, 99],
  [/\bhundreds\b/gi, 200, 999],
  [/\bthousands\b/gi, 2_000, 9_999],
];

/**
 * Returns the numbers in a text, in digits or in words, with their units, qualifiers and ranges, and
 * what happened to the people they count; years and clock times are left out.
 */
export function findNumbers(text: string): NumberMention[] {
  const found = [...inDigits(text), ...inWords(text), ...onePerson(text)];
  const out = [...found, ...vague(text, found)]
    .filter((n) => !ADDRESS_LINE.test(lineAt(text, n.start))) // a page address ("… / aceh - 386911")
    .sort((a, b) => a.start - b.start);
  return out.map((n) => {
    // A share or a sum of money counts no people ("claimed 40%", "killed a $5 million deal").
    if (n.unit === '%' || CURRENCY_BEFORE.test(text.slice(Math.max(0, n.start - 1), n.start))) return n;
    const counts = countKindAt(text, n.start, n.end);
    return counts ? { ...n, counts } : n;
  });
}

function inDigits(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  const re =
    /(?<![\p{L}\p{N}.,:/=_&?#-])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:, \d{3})+(?![\d,])|\d+(?:\.\d+)?)(?:\s*(%|per ?cent|million|billion|thousand))?(?![\p{L}\p{N}:/-])/giu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const digits = m[1] as string;
    let value = Number(digits.replace(/, ?/g, ''));
    const scale = m[2]?.toLowerCase();
    if (scale === 'million') value *= 1e6;
    else if (scale === 'billion') value *= 1e9;
    else if (scale === 'thousand') value *= 1e3;
    if (/^(1[89]|20)\d\d$/.test(digits) && !scale) continue; // a year
    if (MONTH_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) continue; // a day of the month
    if (MONTH_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue; // "11 March"
    const unit = scale === '%' || scale?.startsWith('per') ? '%' : unitAfter(text, m.index + m[0].length);
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    const approx = APPROX.find(([re]) => re.test(before))?.[1];
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      value,
      unit,
      ...(approx ? { approx } : {}),
    });
  }
  return out;
}

/** Figures in words ("fifteen people", "a dozen injured", "two hundred and fifty"); "a dozen" is about twelve. */
function inWords(text: string): NumberMention[] {
  return findNumberWords(text).flatMap((w) => {
    if (MONTH_AFTER.test(text.slice(w.end, w.end + 12))) return []; // "fifth of May" is not read, "ten March" is a date
    const before = text.slice(Math.max(0, w.start - 20), w.start);
    const approx = APPROX.find(([re]) => re.test(before))?.[1] ?? (w.round ? 'about' : undefined);
    return [
      {
        start: w.start,
        end: w.end,
        text: w.text,
        value: w.value,
        unit: unitAfter(text, w.end),
        ...(approx ? { approx } : {}),
      },
    ];
  });
}

/**
 * "One" is read as a figure only before a word for one person ("one person", "one man", "only one
 * child"): elsewhere it is a pronoun or an article ("one of the", "one official said").
 */
const ONE_PERSON =
  /\b[Oo]ne(?=\s+(?:person|man|woman|child|boy|girl|resident|civilian|villager|worker|soldier|passenger|pedestrian)\b)/g;

function onePerson(text: string): NumberMention[] {
  return [...text.matchAll(ONE_PERSON)].map((m) => ({
    start: m.index,
    end: m.index + 3,
    text: m[0],
    value: 1,
    unit: unitAfter(text, m.index + 3),
  }));
}

/** Vague quantities ("hundreds of", "several thousand", "dozens") not inside a figure already read. */
function vague(text: string, found: NumberMention[]): NumberMention[] {
  const out: NumberMention[] = [];
  for (const [re, min, max] of VAGUE) {
    for (const v of text.matchAll(re)) {
      const start = v.index;
      const end = start + v[0].length;
      if ([...found, ...out].some((n) => n.start < end && start < n.end)) continue;
      out.push({
        start,
        end,
        text: v[0],
        value: min,
        unit: unitAfter(text, end),
        approx: 'about',
        range: { min, max },
      });
    }
  }
  return out;
}

function unitAfter(text: string, from: number): string | null {
  const words =
    text
      .slice(from, from + 60)
      .toLowerCase()
      .match(/\p{L}[\p{L}-]*/gu) ?? [];
  for (const w of words.slice(0, 4)) if (!SKIPPABLE.has(w)) return w;
  return null;
}
