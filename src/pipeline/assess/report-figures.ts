/**
 * The figures of a report that speak for its event:
 *   1. every figure of its lead, where its headline figures are (counts of any kind);
 *   2. figures further down that count what happened to people (deaths, injured, arrests,
 *      displaced, missing) — a toll is often given in the third paragraph;
 * leaving out rates ("6,000 people a day"), figures from sentences about earlier events (a date a
 * week or more before publication, or words that recall another event: "last year", "the worst
 * since", "a similar crash"), and parts of the count:
 *   3. a count below the least the report's first count of that kind allows ("injuring dozens", then
 *      "injuring 11 residents") is a part of it: one district's, one hospital's, the children among them.
 */
import type { Analysis, NumberMention } from '../../domain/analysis.ts';
import { MONTH_NAMES } from '../../lib/month-names.ts';
import { figureScope, reportMoment, type ScopedFigure } from './figure-scope.ts';

/** A figure that is a rate ("6,000 people a day") describes the setting, not the event. */
const RATE_CUES = /\b(a|per|each|every) (day|week|month|year)\b|\bdaily\b|\bannually\b|\bon average\b/i;

/** A sentence dated this many days before publication recalls an earlier event (background). */
const BACKGROUND_DAYS = 7;

/**
 * Words of a sentence about another or earlier event, or about a running total: its figures are
 * not this event's count. Written from how news recalls the past, not from any corpus.
 */
const BACKGROUND_CUES =
  /\b(?:last|previous|past) (?:year|month|week|decade|summer|winter|spring|autumn|fall)\b|\b(?:a|the) (?:year|decade|month)s? (?:ago|before|earlier)\b|\b(?:years|months|decades) ago\b|\bearlier this (?:year|month)\b|\b(?:in|from|between|during|until|by) (?:19|20)\d\d\b|\b(?:19|20)\d\d ?[-–] ?(?:19|20)?\d\d\b|\b(?:since|worst|deadliest|largest|biggest) (?:since|in|of|on record)\b|\bsince (?:the (?:start|beginning)|january|february|march|april|may|june|july|august|september|october|november|december|records began|(?:19|20)\d\d)\b|\b(?:so far |earlier )?this (?:year|month)\b|\bin recent (?:days|weeks|months|years)\b|\bbring(?:s|ing) the (?:total|number)\b|\b(?:a|another) (?:similar|separate|previous|earlier)\b|\bin a separate\b|\bprevious(?:ly)?\b|\bin total\b|\bcumulative\b|\bsince the \w+ (?:began|started)\b|\bso far in\b|\b(?:in|after|over) (?:the )?(?:\d+|[a-z]+) (?:days|weeks|months) of\b/i;

/**
 * A year named with "the" or a month ("by the 2004 tsunami", "in December 2004"), not the year the
 * report was published: another event, as "in 2004" is.
 */
const EARLIER_YEAR = new RegExp(
  `\\b(?:in|from|by|during|until|since|after) (?:the |early |late )?(?:(?:${MONTH_NAMES.en?.join('|')})\\.? )?((?:19|20)\\d\\d)\\b`,
  'gi',
);

/** "23 people were arrested" counts arrests, not participants. */
const PEOPLE = /^(people|persons?|protesters?|demonstrators?|men|women)$/;
const ARRESTED = /^[\w\s]{0,20}?\b(?:were|had been|have been|was)\s+(?:arrested|detained)\b/i;

export interface FiguresInput {
  text: string;
  publishedAt: string | null;
  analysis: Pick<Analysis, 'sentences' | 'times' | 'numbers'>;
  /** What the resolver read as the report's event: the event day it states, where it states one. */
  frame?: { date: string | null } | null;
}

/**
 * Returns the figures of a report that speak for its event: the lead's, and counts of people further
 * down, each with the stretch it counts over and the report's moment (figure-scope.ts).
 */
export function reportFigures(r: FiguresInput, leadEnd: number): ScopedFigure[] {
  const background = backgroundSentences(r, leadEnd);
  const kept = r.analysis.numbers
    .filter((n) => n.start < leadEnd || n.counts)
    .filter((n) => !background.some((s) => n.start >= s.start && n.end <= s.end))
    .map((n) =>
      !n.counts && n.unit && PEOPLE.test(n.unit) && ARRESTED.test(r.text.slice(n.end, n.end + 60))
        ? { ...n, unit: 'arrested' }
        : n,
    );
  // The event day the report states: the resolver's, else the earliest its lead names.
  const scoped = { ...r, statedDay: r.frame?.date ?? earliestDay(r, 0, leadEnd) };
  const moment = reportMoment(scoped);
  return withoutParts(kept).map((n) => {
    const scope = figureScope(scoped, n, r.analysis.numbers);
    return { ...n, ...(scope ? { scope } : {}), ...(moment ? { moment } : {}) };
  });
}

/**
 * Leaves out a count below the least the report's own first count of that kind allows ("injuring
 * dozens", later "injuring 11 residents"; "killing at least 40", later "12 of them children"): a part.
 */
function withoutParts(numbers: NumberMention[]): NumberMention[] {
  const least = new Map<string, number>();
  return numbers.filter((n) => {
    if (!n.counts) return true;
    const floor = least.get(n.counts);
    if (floor === undefined) {
      least.set(n.counts, lowest(n));
      return true;
    }
    return n.value >= floor;
  });
}

/** The least a figure allows: a vague quantity's floor, a lower bound, the figure itself; 0 for an upper bound. */
function lowest(n: NumberMention): number {
  if (n.range) return n.range.min;
  return n.approx === 'up-to' || n.approx === 'less-than' ? 0 : n.value;
}

/**
 * Sentences whose figures are not the event's: rates, sentences dated a week or more before
 * publication, and past the lead sentences dated to a day before any the lead gives (another day's
 * incident: "a raid on a market town on Tuesday killed seven" in a report of Thursday's bombing);
 * past the lead, or for counts of people anywhere, sentences that recall another event. (A lead's
 * other figures keep today's reading: dates and rates only.)
 */
function backgroundSentences(r: FiguresInput, leadEnd: number) {
  const pub = r.publishedAt ? Date.parse(r.publishedAt) : NaN;
  const leadDay = earliestDay(r, 0, leadEnd);
  const before = (s: { start: number; end: number }, day: string | null) => {
    const own = earliestDay(r, s.start, s.end);
    return day !== null && own !== null && own < day;
  };
  return r.analysis.sentences.filter((s) => {
    const text = r.text.slice(s.start, s.end);
    const dated = r.analysis.times.some(
      (t) =>
        t.start >= s.start &&
        t.end <= s.end &&
        !Number.isNaN(pub) &&
        pub - Date.parse(t.value.end) > BACKGROUND_DAYS * 86_400_000,
    );
    const year = Number.isNaN(pub) ? null : new Date(pub).getUTCFullYear();
    const recalls =
      (BACKGROUND_CUES.test(text) || [...text.matchAll(EARLIER_YEAR)].some((m) => Number(m[1]) !== year)) &&
      (s.start >= leadEnd ||
        r.analysis.numbers.some((n) => n.counts && n.start >= s.start && n.end <= s.end));
    return dated || recalls || RATE_CUES.test(text) || (s.start >= leadEnd && before(s, leadDay));
  });
}

/** The earliest day (ISO date) a time expression of the given stretch names to the day or closer, or null. */
function earliestDay(r: FiguresInput, start: number, end: number): string | null {
  const days = r.analysis.times
    .filter((t) => t.start >= start && t.end <= end && ['day', 'hour', 'minute'].includes(t.precision))
    .map((t) => t.value.start.slice(0, 10))
    .sort();
  return days[0] ?? null;
}
