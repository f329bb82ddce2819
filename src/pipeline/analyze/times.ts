/**
 * Time expressions anchored on the report's publication time, each with an interval and a precision.
 * Three passes, earlier ones winning where spans overlap:
 *   1. rules for what news copy says about periods: quarters, "the end of the month", "this week",
 *      "last month", "next year", weekends, month names without a day ("in March", "last October",
 *      "January 2027") and day ranges ("May 20 and 21");
 *   2. chrono-node for dates and days ("11 March 2025", "Tuesday", "yesterday", "6 a.m. on Thursday"),
 *      with the reading of a date without a year, or a bare weekday, fixed the way news copy means it:
 *      the most recent such day, unless the sentence looks ahead ("will meet on Tuesday");
 *   3. full dates in the other languages of src/lib/month-names.ts ("4 de septiembre de 2008",
 *      "12. März 2024", "5 сентября 2023 г."), which chrono's English reading misses;
 *   4. bare years ("in 2022", "since 2014", "by 2026").
 * A report without a publication time is anchored on its own date line ("1 de marzo de 2008" under the
 * title, src/lib/own-date-line.ts); one without either gets only what the text fixes by itself.
 */
import * as chrono from 'chrono-node';
import { findCalendarDates } from '../../lib/calendar-dates.ts';
import { ownDateLine } from '../../lib/own-date-line.ts';
import type { TimeExpression, TimePrecision } from '../../domain/analysis.ts';
import { matchWindows } from '../../lib/match-windows.ts';
import { monthNumber } from '../../lib/month-names.ts';

const DAY_MS = 86_400_000;

/** Month names as written (capitalised; "May" only as a month when capitalised), with common abbreviations. */
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';

function monthIndex(name: string): number {
  return (monthNumber(name.replace(/\.$/, '')) ?? 0) - 1;
}

/**
 * Words that make a day or month lie ahead of the report ("talks will open on Tuesday", "until
 * Thursday", "once the strike ends on Thursday"). Cues such as "by", "from" or "would" are left out:
 * in news copy they introduce past days as often as future ones.
 */
const FUTURE_CUES =
  /\b(will|shall|won't|'ll|expected to|is due to|are due to|set to|scheduled|plans? to|planned for|going to|is to|are to|next|coming|upcoming|ahead of|until|till|once|come back|resume|reopen|postponed to|moved to|delayed to)\b/gi;

/** Past-tense verbs: one after the last future cue puts the day back in the past ("will be harder than anyone admitted in May"). */
const PAST_VERB =
  /\b(\w{3,}ed|was|were|had|did|said|told|met|held|began|begun|took|went|came|left|ran|made|found|gave|saw|won|lost|sent|built|brought|fell|rose|broke|struck|spoke|wrote|kept|paid|sold|led|hit|shut|set up)\b/gi;

/** The sentence around an expression, up to it (and the expression itself). */
function sentenceUpTo(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 200), start);
  const cut = Math.max(
    before.lastIndexOf('. '),
    before.lastIndexOf('\n'),
    before.lastIndexOf('? '),
    before.lastIndexOf('! '),
  );
  return `${before.slice(cut + 1)}${text.slice(start, end)}`;
}

/** Words after which an -ed form is a participle, not a past tense ("will be published", "is expected"). */
const PARTICIPLE_AFTER = /\b(be|been|being|is|are|am|will|to|'ll|get|gets)\s+$/i;

/** How a sentence, up to an expression, places it: ahead (a future cue, no past verb after it), behind (a past verb), or unsaid. */
function tense(text: string, start: number, end: number): 'ahead' | 'behind' | 'unsaid' {
  const s = sentenceUpTo(text, start, end);
  let cueEnd = -1;
  for (const m of s.matchAll(FUTURE_CUES)) cueEnd = m.index + m[0].length;
  let lastPast = -1;
  for (const m of s.matchAll(PAST_VERB)) {
    if (
      m[0].toLowerCase().endsWith('ed') &&
      PARTICIPLE_AFTER.test(s.slice(Math.max(0, m.index - 12), m.index))
    )
      continue;
    lastPast = m.index;
  }
  if (cueEnd >= 0 && lastPast < cueEnd) return 'ahead';
  return lastPast >= 0 ? 'behind' : 'unsaid';
}

function looksAhead(text: string, start: number, end: number): boolean {
  return tense(text, start, end) === 'ahead';
}

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m, d));

/** Interval helpers: [start, end) in UTC. */
const dayOf = (d: Date): Date => utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY_MS);
const mondayOf = (d: Date): Date => addDays(dayOf(d), -((d.getUTCDay() + 6) % 7));

interface Found {
  start: number;
  end: number;
  from: Date;
  to: Date;
  precision: TimePrecision;
}

/** Returns the time expressions of a text, resolved against `reference` (the publication time) or its own date line. */
export function findTimes(text: string, published: Date | null): TimeExpression[] {
  const reference = published ?? ownDateAnchor(text);
  const found: Found[] = [];
  const free = (s: number, e: number) => !found.some((f) => f.start < e && s < f.end);
  const add = (f: Found) => {
    if (free(f.start, f.end)) found.push(f);
  };
  if (reference) for (const f of periodRules(text, reference)) add(f);
  for (const f of chronoDates(text, reference)) add(f);
  for (const f of calendarDates(text)) add(f);
  for (const f of bareYears(text)) add(f);
  return found
    .sort((a, b) => a.start - b.start)
    .map((f) => ({
      start: f.start,
      end: f.end,
      text: text.slice(f.start, f.end),
      value: { start: f.from.toISOString(), end: f.to.toISOString() },
      precision: f.precision,
    }));
}

/** Pass 1: periods relative to the publication day, and month names and day ranges without a full date. */
function periodRules(text: string, ref: Date): Found[] {
  const out: Found[] = [];
  const y = ref.getUTCFullYear();
  const m = ref.getUTCMonth();
  const month = (yy: number, mm: number): [Date, Date] => [utc(yy, mm, 1), utc(yy, mm + 1, 1)];
  const year = (yy: number): [Date, Date] => [utc(yy, 0, 1), utc(yy + 1, 0, 1)];
  const push = (match: RegExpExecArray, [from, to]: [Date, Date], precision: TimePrecision) =>
    out.push({ start: match.index, end: match.index + match[0].length, from, to, precision });
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    for (const match of text.matchAll(re)) fn(match as RegExpExecArray);
  };

  // "the first quarter of 2026"
  each(
    /\b(?:the\s+)?(first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+of\s+((?:19|20)\d\d)\b/gi,
    (x) => {
      const q =
        {
          first: 0,
          '1st': 0,
          second: 1,
          '2nd': 1,
          third: 2,
          '3rd': 2,
          fourth: 3,
          '4th': 3,
          final: 3,
          last: 3,
        }[(x[1] as string).toLowerCase()] ?? 0;
      const yy = Number(x[2]);
      push(x, [utc(yy, q * 3, 1), utc(yy, q * 3 + 3, 1)], 'month');
    },
  );
  // "the end of the month", "later this year", "the start of next month" — the whole unit named.
  each(
    /\b(?:(?:the\s+)?(?:end|start|beginning|middle|rest|remainder)\s+of\s+(?:the\s+|this\s+)?|later\s+(?:this|in\s+the)\s+|earlier\s+(?:this|in\s+the)\s+)(month|year)\b/gi,
    (x) => {
      push(
        x,
        (x[1] as string).toLowerCase() === 'month' ? month(y, m) : year(y),
        (x[1] as string).toLowerCase() as TimePrecision,
      );
    },
  );
  each(
    /\b(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+|(?:early|late|later)\s+)next\s+(month|year)\b/gi,
    (x) => {
      push(
        x,
        (x[1] as string).toLowerCase() === 'month' ? month(y, m + 1) : year(y + 1),
        (x[1] as string).toLowerCase() as TimePrecision,
      );
    },
  );
  // "this week", "last month", "next year", "the past week", "the coming month"
  each(/\b(this|last|next|past|coming|previous)\s+(week|month|year)\b/gi, (x) => {
    const rel = (x[1] as string).toLowerCase();
    const offset = rel === 'this' ? 0 : rel === 'next' || rel === 'coming' ? 1 : -1;
    const unit = (x[2] as string).toLowerCase();
    if (unit === 'week') {
      const monday = addDays(mondayOf(ref), 7 * offset);
      push(x, [monday, addDays(monday, 7)], 'week');
    } else if (unit === 'month') push(x, month(y, m + offset), 'month');
    else push(x, year(y + offset), 'year');
  });
  // Weekends: Saturday and Sunday of this, last or next week.
  each(/\b(this|the|last|next|coming)\s+weekend\b/gi, (x) => {
    const rel = (x[1] as string).toLowerCase();
    const offset = rel === 'last' ? -1 : rel === 'next' || rel === 'coming' ? 1 : 0;
    const saturday = addDays(mondayOf(ref), 5 + 7 * offset);
    push(x, [saturday, addDays(saturday, 2)], 'day');
  });
  // Day ranges, with a year or without: "May 20 and 21", "19 to 21 August", "January 6-7, 2026",
  // "6–7 January 2026". With a year they must be read here too: else "January 6" alone is taken as a
  // day of no year below and the range's end is lost.
  const YEAR = '(?:\\s*,?\\s*((?:19|20)\\d\\d)\\b)?';
  const resolveDay = (mm: number, dd: number, at: number, end: number): number => {
    const ahead = looksAhead(text, at, end);
    const candidate = utc(y, mm, dd);
    if (ahead && candidate.getTime() < dayOf(ref).getTime() - DAY_MS) return y + 1;
    if (!ahead && candidate.getTime() > dayOf(ref).getTime() + DAY_MS) return y - 1;
    return y;
  };
  each(
    new RegExp(`\\b${MONTH}\\s+(\\d{1,2})\\s*(?:-|–|to|and|until|through)\\s*(\\d{1,2})\\b${YEAR}`, 'g'),
    (x) => {
      const mm = monthIndex(x[1] as string);
      const yy = x[4] ? Number(x[4]) : resolveDay(mm, Number(x[2]), x.index, x.index + x[0].length);
      push(x, [utc(yy, mm, Number(x[2])), utc(yy, mm, Number(x[3]) + 1)], 'day');
    },
  );
  each(
    new RegExp(`\\b(\\d{1,2})\\s*(?:-|–|to|and|until|through)\\s*(\\d{1,2})\\s+${MONTH}${YEAR}`, 'g'),
    (x) => {
      const mm = monthIndex(x[3] as string);
      const yy = x[4] ? Number(x[4]) : resolveDay(mm, Number(x[1]), x.index, x.index + x[0].length);
      push(x, [utc(yy, mm, Number(x[1])), utc(yy, mm, Number(x[2]) + 1)], 'day');
    },
  );
  // A day and month without a year ("April 14", "the 14th of April", "8 July"): resolved like a range.
  const NO_YEAR = '(?!\\s*,?\\s*(?:19|20)\\d\\d)';
  each(new RegExp(`\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}${NO_YEAR}`, 'g'), (x) => {
    const mm = monthIndex(x[2] as string);
    const yy = resolveDay(mm, Number(x[1]), x.index, x.index + x[0].length);
    push(x, [utc(yy, mm, Number(x[1])), utc(yy, mm, Number(x[1]) + 1)], 'day');
  });
  each(new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b${NO_YEAR}(?!\\s*[:.]\\d)`, 'g'), (x) => {
    const mm = monthIndex(x[1] as string);
    const yy = resolveDay(mm, Number(x[2]), x.index, x.index + x[0].length);
    push(x, [utc(yy, mm, Number(x[2])), utc(yy, mm, Number(x[2]) + 1)], 'day');
  });
  // "January 2027", "March of 2024" (not the month of a full date such as "1 January 2027")
  each(
    new RegExp(
      `(?<!\\d(?:st|nd|rd|th)?\\s{0,3}(?:of\\s+)?)\\b${MONTH}\\s+(?:of\\s+)?((?:19|20)\\d\\d)\\b`,
      'g',
    ),
    (x) => push(x, month(Number(x[2]), monthIndex(x[1] as string)), 'month'),
  );
  // A month name alone ("in March", "last October", "next May"): the nearest such month in the past,
  // unless told otherwise or the sentence looks ahead. A month beside a day number is a date (pass 2).
  each(
    new RegExp(
      `(?<!\\d(?:st|nd|rd|th)?\\s{0,3}(?:of\\s+)?)\\b(?:(last|next|this|early|late|mid|mid-|earlier in|later in)\\s+)?${MONTH}(?![A-Za-z])(?!\\s*\\d)`,
      'g',
    ),
    (x) => {
      const mm = monthIndex(x[2] as string);
      const rel = (x[1] ?? '').toLowerCase();
      let yy: number;
      if (rel === 'last') yy = mm < m ? y : y - 1;
      else if (rel === 'next') yy = mm > m ? y : y + 1;
      else if (rel === 'this') yy = y;
      else if (looksAhead(text, x.index, x.index + x[0].length)) yy = mm >= m ? y : y + 1;
      else yy = mm <= m ? y : y - 1;
      push(x, month(yy, mm), 'month');
    },
  );
  return out;
}

/** A year written out: "2013", "’13". */
const WRITTEN_YEAR = /\b(?:1[5-9]|2\d)\d\d\b|['’]\d\d\b/;

/** Pass 2: dates and days by chrono, over the paragraphs that can hold one. */
function chronoDates(text: string, reference: Date | null): Found[] {
  const ref = reference ?? utc(2000, 0, 1);
  const out: Found[] = [];
  for (const { r, index } of parseParagraphs(text, ref)) {
    const c = r.start;
    const precision = precisionOf(c);
    if (!precision) continue;
    // A clock time alone ("at 6 a.m.", "from 23 stations" misread as 23:00) names no day.
    if (
      !c.isCertain('day') &&
      !c.isCertain('weekday') &&
      !c.isCertain('month') &&
      !c.isCertain('year') &&
      !/\b(today|tonight|yesterday|tomorrow|this (morning|afternoon|evening))\b/i.test(r.text)
    )
      continue;
    // Nothing to anchor a relative date on: only a date whose year the text writes counts ("today",
    // "this past week" and "Tuesday" are certain of a year only relative to a reference chrono made up).
    if (!reference && (!c.isCertain('year') || !WRITTEN_YEAR.test(r.text))) continue;
    const end = index + r.text.length;
    // Part of a longer word ("Marchers", "Maybe", "Junebug") is no month.
    if (/\p{L}/u.test(text.charAt(end)) || /\p{L}/u.test(text.charAt(index - 1))) continue;
    let start = utcStart(c, precision);
    if (reference && !c.isCertain('year')) {
      const ahead = looksAhead(text, index, end);
      const today = dayOf(reference).getTime();
      if (c.isCertain('weekday') && !c.isCertain('day')) {
        // A bare weekday: the most recent such day (today included), or the next one when looking ahead.
        // With no tense to go by ("Delegations open talks on Tuesday"), the nearer one; a tie goes to the past.
        const dow = c.get('weekday') as number;
        const back = (reference.getUTCDay() - dow + 7) % 7;
        const forward = (dow - reference.getUTCDay() + 7) % 7;
        const how = tense(text, index, end);
        const day =
          how === 'ahead' || (how === 'unsaid' && forward < back)
            ? addDays(dayOf(reference), forward)
            : addDays(dayOf(reference), -back);
        start = new Date(day.getTime() + (start.getTime() - dayOf(start).getTime()));
      } else if (c.isCertain('day') && c.isCertain('month')) {
        // A date without a year: this year's, moved a year back (or on, looking ahead) when it falls on the wrong side.
        const candidate = utc(
          reference.getUTCFullYear(),
          (c.get('month') as number) - 1,
          c.get('day') as number,
        );
        let yy = reference.getUTCFullYear();
        if (ahead && candidate.getTime() < today - DAY_MS) yy++;
        if (!ahead && candidate.getTime() > today + DAY_MS) yy--;
        start = new Date(
          utc(yy, start.getUTCMonth(), start.getUTCDate()).getTime() +
            (start.getTime() - dayOf(start).getTime()),
        );
      }
    }
    const endComp = r.end;
    const last = endComp && endComp.isCertain('day') ? utcStart(endComp, 'day') : null;
    out.push({
      start: index,
      end,
      from: start,
      to: last && last > start ? addPrecision(last, 'day') : addPrecision(start, precision),
      precision,
    });
  }
  return out;
}

/** The day a report's own date line gives (its noon in UTC, so no zone moves it to another day), or null. */
export function ownDateAnchor(text: string): Date | null {
  const own = ownDateLine(text);
  return own ? new Date(`${own.day}T12:00:00Z`) : null;
}

/** Pass 3: full dates in any language of the month-names list, each a day. */
function calendarDates(text: string): Found[] {
  return findCalendarDates(text).map((d) => {
    const from = new Date(`${d.day}T00:00:00Z`);
    return { start: d.start, end: d.end, from, to: addDays(from, 1), precision: 'day' as const };
  });
}

/** Pass 4: a year standing alone ("in 2022", "since 2014"), not a quantity ("2026 people") or part of a number. */
function bareYears(text: string): Found[] {
  const out: Found[] = [];
  for (const x of text.matchAll(
    /(?<![\d,.$€£-])\b((?:19|20)\d\d)\b(?![\d,.%]\d|\s*(?:%|per\s?cent|people|workers|members|tonnes|tons|euros|dollars|km|kilometres|metres|hectares))/g,
  )) {
    const yy = Number(x[1]);
    out.push({
      start: x.index,
      end: x.index + 4,
      from: utc(yy, 0, 1),
      to: utc(yy + 1, 0, 1),
      precision: 'year',
    });
  }
  return out;
}

/**
 * What a paragraph must hold for chrono to find a date in it: a month or weekday name, a word for a
 * day relative to today, "ago", a clock time, or a numeric date. (Periods and bare years are read by
 * the rules; a count such as "3,000 workers" alone does not send a paragraph to chrono.)
 */
const TIME_TRIGGER =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|today|tonight|yesterday|tomorrow|ago|noon|midnight|this (?:morning|afternoon|evening)|last night)\b|\d{1,2}(?::\d{2}|\s*[ap]\.?m\b)|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/i;

/** How far around a date-like word chrono reads ("6 a.m. on Thursday, 21 August 2025"). */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 80;

/**
 * chrono over the stretches of text that can hold a time — a window around each date-like word,
 * merged and widened to word boundaries — with offsets into the whole text. Most of a report holds
 * none, and chrono's cost grows with the text it reads.
 */
function parseParagraphs(text: string, ref: Date): { r: chrono.ParsedResult; index: number }[] {
  const windows = matchWindows(text, new RegExp(TIME_TRIGGER.source, 'gi'), WINDOW_BEFORE, WINDOW_AFTER);
  const out: { r: chrono.ParsedResult; index: number }[] = [];
  for (const [from, to] of windows) {
    for (const r of chrono.parse(
      text.slice(from, to),
      { instant: ref, timezone: 'UTC' },
      { forwardDate: false },
    ))
      out.push({ r, index: from + r.index });
  }
  return out;
}

function precisionOf(c: chrono.ParsedComponents): TimePrecision | null {
  if (c.isCertain('minute')) return 'minute';
  if (c.isCertain('hour')) return 'hour';
  if (c.isCertain('day') || c.isCertain('weekday')) return 'day';
  if (c.isCertain('month')) return 'month';
  if (c.isCertain('year')) return 'year';
  return c.get('day') !== null ? 'day' : null;
}

function utcStart(c: chrono.ParsedComponents, p: TimePrecision): Date {
  const y = c.get('year') ?? 2000;
  const mo = p === 'year' ? 0 : (c.get('month') ?? 1) - 1;
  const d = p === 'year' || p === 'month' ? 1 : (c.get('day') ?? 1);
  const h = p === 'hour' || p === 'minute' ? (c.get('hour') ?? 0) : 0;
  const mi = p === 'minute' ? (c.get('minute') ?? 0) : 0;
  return new Date(Date.UTC(y, mo, d, h, mi));
}

function addPrecision(d: Date, p: TimePrecision): Date {
  const x = new Date(d.getTime());
  if (p === 'minute') x.setUTCMinutes(x.getUTCMinutes() + 1);
  else if (p === 'hour') x.setUTCHours(x.getUTCHours() + 1);
  else if (p === 'day') x.setUTCDate(x.getUTCDate() + 1);
  else if (p === 'week') x.setUTCDate(x.getUTCDate() + 7);
  else if (p === 'month') x.setUTCMonth(x.getUTCMonth() + 1);
  else x.setUTCFullYear(x.getUTCFullYear() + 1);
  return x;
}
