/**
 * What stretch of time a figure counts, and whether two figures count the same thing (issue 17,
 * Figures). A count is comparable with another only when both count over the same span:
 *   1. the figure's own words: "another 20", "a further 20", "20 more" add to a count the report does
 *      not give — an increment, compared with nothing (so is a figure before "bringing the total to");
 *   2. the nearest cue of its sentence, if it has one:
 *      - a day or night ("on Saturday night", "overnight", "on Monday", "Tuesday's clashes", "on 6
 *        March"): that day's count; a day that is the report's own event day says no more than the
 *        report does, so the figure keeps no scope;
 *      - a span ("since Friday", "over the weekend", "in the past week", "a week of"): a count over it;
 *      - a running total ("so far", "in total", "bringing the total to", "the toll rose to"): all of it
 *        to the report's moment;
 *      a day that follows a verb of saying ("officials said on Monday") dates the saying, not the
 *      count, and "so far" after a superlative ("the deadliest attack so far") ranks, not counts;
 *   3. the report's moment: the event day it states (the resolver's frame, else the earliest day its
 *      lead names), else its publication day.
 * Two figures are compared when neither is an increment, their reports' moments agree, and their
 * scopes agree (the same day, the same span, both running totals) or neither has one.
 *
 * Reports of different moments (rule 3) are never compared. Counts of one incident told on different
 * days are a toll that grows; counts of an unrest told on different days are counts of different
 * nights, or totals to different days. A pair of lower bounds ("at least 40", "more than 200") could
 * be compared, but two lower bounds can always both hold, so the comparison could only ever agree:
 * "not at all" is the same verdict, said plainly. Moments differ when two stated event days differ,
 * or when a day that is only a publication day lies more than a day from the other (a report of an
 * evening's event is often published the next morning, and publication times cross time zones).
 */
import type {
  Analysis,
  DayRef,
  FigureScope,
  NumberMention,
  ReportMoment,
  ScopedFigure,
} from '../../domain/analysis.ts';

export type { DayRef, FigureScope, ReportMoment, ScopedFigure } from '../../domain/analysis.ts';

export interface ScopeInput {
  text: string;
  publishedAt: string | null;
  analysis: Pick<Analysis, 'sentences' | 'times'>;
  /** The event day the report states, where it states one (the resolver's frame, else its lead's day). */
  statedDay?: string | null;
}

const DAY_MS = 86_400_000;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;
const NUMBER_WORD = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)';
const UNIT = '(?:days?|nights?|weeks?|months?|hours?)';
const ORDINAL = '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d+(?:st|nd|rd|th))';

/** Words before a figure that make it an addition to a count given elsewhere ("another 20", "a further 20"). */
const INCREMENT_BEFORE = /\b(?:another|a further|further|an additional|additional)\s+$/i;
/** "20 more were arrested" (not "more than"). */
const MORE_AFTER = /^\s+more\b(?!\s+than)/i;

/** Running totals: all of a count to the report's moment. */
const TOTAL_CUES = [
  /\bso far\b/gi,
  /\bto date\b/gi,
  /\bin total\b/gi,
  // "In all" totals where it closes its clause ("14 died in all"), not in "in all parts of the city".
  /\bin all\b(?=\s*(?:[.,;:]|$))/gi,
  /\baltogether\b/gi,
  /\ba total of\b/gi,
  /\bbring(?:s|ing)?\b[^.;]{0,40}?\b(?:total|toll|tally|number)\b(?:[^.;]{0,40}?\bto\b)?/gi,
  /\b(?:toll|total|tally)\s+(?:has\s+|had\s+|now\s+)?(?:rose|risen|rises|climbed|climbs|jumped|reached|hit|passed|topped|stood|stands|increased)\b/gi,
];

/** Spans: a count over a stretch of several days or nights, or since a day. */
const SPAN_CUES = [
  new RegExp(
    `\\bsince (?:early |late )?(?:${WEEKDAY}|yesterday|last night|the weekend|last week|the \\w+ of ${WEEKDAY})`,
    'gi',
  ),
  /\b(?:over|during|at|on|throughout) the weekend\b|\bthis weekend\b/gi,
  new RegExp(`\\b(?:in|over|during|for) the (?:past|last|previous) (?:${NUMBER_WORD} )?${UNIT}\\b`, 'gi'),
  new RegExp(`\\b${NUMBER_WORD} (?:straight |consecutive |successive )?${UNIT} of\\b`, 'gi'),
  /\b(?:this|all) week\b|\bthroughout the week\b/gi,
];

/**
 * Days and nights: a weekday (with its part of the day), a night or day named by its distance from
 * publication, the nth day or night of a run ("on the third night of rioting"), or one the story
 * names ("that night", "during the night", "the day before").
 */
const DAY_CUE = new RegExp(
  [
    `\\b(?:${WEEKDAY})(?:['’]s)?(?:\\s+(?:night|morning|afternoon|evening))?\\b`,
    '\\b(?:overnight|last night|tonight|yesterday|today|this (?:morning|afternoon|evening))\\b',
    `\\b${ORDINAL}\\s+(?:(?:straight|consecutive|successive)\\s+)?(?:day|night)\\b`,
    '\\b(?:during|in) the night\\b|\\bthat (?:night|day|morning|afternoon|evening)\\b',
    '\\bthe (?:previous|following|next) (?:night|day)\\b|\\bthe (?:night|day) (?:before|after)\\b',
  ].join('|'),
  'gi',
);

/** Days counted back from publication for the relative words of DAY_CUE. */
const RELATIVE_DAYS: Record<string, number> = {
  overnight: 1,
  'last night': 1,
  yesterday: 1,
  tonight: 0,
  today: 0,
  'this morning': 0,
  'this afternoon': 0,
  'this evening': 0,
};

/** A verb of saying just before a day: the day dates the statement ("police said on Monday"). */
const SAID_BEFORE =
  /\b(?:said|says|told(?: [\w-]+){0,2}|announced|reported|confirmed|stated|added|declared|wrote|tweeted)(?: in a (?:statement|briefing|news conference|press conference))?\s+(?:on\s+|late\s+|early\s+)?$/i;

/** A superlative before "so far" or "to date": the words rank the event ("the deadliest attack so far"). */
const RANKED_BEFORE =
  /\bthe (?:[a-z]+iest|worst|biggest|largest|greatest|highest|heaviest|fiercest|longest|strongest|most \w+|first|only)\b[^.;,]{0,60}$/i;

interface Cue {
  start: number;
  end: number;
  /** Null for a cue that names the report's own day ("today"). */
  scope: Exclude<FigureScope, { kind: 'increment' }> | null;
}

/** Returns the scope of a figure: its own words first, then the nearest cue of its sentence; undefined when none. */
export function figureScope(
  r: ScopeInput,
  n: NumberMention,
  others: NumberMention[] = [],
): FigureScope | undefined {
  const own = incrementOf(r.text, n, others);
  if (own) return own;
  const sentence = r.analysis.sentences.find((s) => n.start >= s.start && n.start < s.end);
  if (!sentence) return undefined;
  const cues = sentenceCues(r, sentence.start, sentence.end);
  const distance = (c: Cue) => (c.end <= n.start ? n.start - c.end : Math.max(0, c.start - n.end));
  const cue = cues.sort((a, b) => distance(a) - distance(b))[0];
  const nearest = cue?.scope;
  if (!nearest) return undefined;
  // "Six more died, bringing the toll to 11": what brings a total up is an increment of it.
  if (nearest.kind === 'total' && /^bring/i.test(nearest.cue) && cue.start >= n.end)
    return { kind: 'increment', cue: nearest.cue };
  const moment = reportMoment(r);
  if (nearest.kind === 'day' && moment && sameDay(nearest.day, { date: moment.day })) return undefined;
  return nearest;
}

/** The report's moment: the event day it states, else its publication day; undefined when it has neither. */
export function reportMoment(r: Pick<ScopeInput, 'publishedAt' | 'statedDay'>): ReportMoment | undefined {
  if (r.statedDay) return { day: r.statedDay.slice(0, 10), stated: true };
  const pub = r.publishedAt ? Date.parse(r.publishedAt) : NaN;
  return Number.isNaN(pub) ? undefined : { day: new Date(pub).toISOString().slice(0, 10), stated: false };
}

/**
 * Whether two figures count over the same stretch: neither an increment, their reports' moments
 * agreeing, and their scopes agreeing (or neither having one).
 */
export function comparableFigures(a: ScopedFigure, b: ScopedFigure): boolean {
  if (a.scope?.kind === 'increment' || b.scope?.kind === 'increment') return false;
  if (a.moment && b.moment && momentsDiffer(a.moment, b.moment)) return false;
  if (!a.scope || !b.scope) return !a.scope && !b.scope;
  if (a.scope.kind === 'day' && b.scope.kind === 'day') return sameDay(a.scope.day, b.scope.day);
  if (a.scope.kind === 'span' && b.scope.kind === 'span') return a.scope.span === b.scope.span;
  return a.scope.kind === 'total' && b.scope.kind === 'total';
}

function momentsDiffer(a: ReportMoment, b: ReportMoment): boolean {
  if (a.stated && b.stated) return a.day !== b.day;
  return Math.abs(Date.parse(a.day) - Date.parse(b.day)) > DAY_MS;
}

/** Whether two day references name the same day: by date when both have one, else by weekday, else by word. */
function sameDay(a: DayRef, b: DayRef): boolean {
  if (a.date && b.date) return a.date === b.date;
  const wa = a.weekday ?? weekdayOf(a.date);
  const wb = b.weekday ?? weekdayOf(b.date);
  if (wa !== undefined && wb !== undefined) return wa === wb;
  return a.word !== undefined && a.word === b.word;
}

function weekdayOf(date: string | undefined): number | undefined {
  return date ? new Date(`${date}T00:00:00Z`).getUTCDay() : undefined;
}

/**
 * "another 20", "a further 20", "20 more": an increment. "More" after a figure means "others" when an
 * earlier figure of its sentence counts another kind ("killing three and injuring 12 more").
 */
function incrementOf(text: string, n: NumberMention, others: NumberMention[]): FigureScope | undefined {
  const before = INCREMENT_BEFORE.exec(text.slice(Math.max(0, n.start - 20), n.start));
  if (before) return { kind: 'increment', cue: before[0].trim() };
  const after = MORE_AFTER.exec(text.slice(n.end, n.end + 12));
  if (!after) return undefined;
  const sentenceStart = Math.max(text.lastIndexOf('. ', n.start), text.lastIndexOf('\n', n.start)) + 1;
  const othersBefore = others.some(
    (o) => o.start >= sentenceStart && o.end <= n.start && o.counts && o.counts !== n.counts,
  );
  return othersBefore ? undefined : { kind: 'increment', cue: 'more' };
}

/** The scope cues of a sentence: running totals and spans first, then days they do not cover. */
function sentenceCues(r: ScopeInput, start: number, end: number): Cue[] {
  const text = r.text.slice(start, end);
  const cues: Cue[] = [];
  const covered = (s: number, e: number) => cues.some((c) => c.start < e && s < c.end);
  for (const re of TOTAL_CUES)
    for (const m of text.matchAll(re)) {
      if (/^(?:so far|to date)$/i.test(m[0]) && RANKED_BEFORE.test(text.slice(0, m.index))) continue;
      cues.push({
        start: start + m.index,
        end: start + m.index + m[0].length,
        scope: { kind: 'total', cue: m[0] },
      });
    }
  for (const re of SPAN_CUES)
    for (const m of text.matchAll(re)) {
      const s = start + m.index;
      const e = s + m[0].length;
      if (!covered(s, e))
        cues.push({ start: s, end: e, scope: { kind: 'span', span: spanKey(m[0]), cue: m[0] } });
    }
  for (const m of text.matchAll(DAY_CUE)) {
    const s = start + m.index;
    const e = s + m[0].length;
    if (covered(s, e) || SAID_BEFORE.test(r.text.slice(Math.max(0, s - 60), s))) continue;
    const day = dayOf(r, s, e, m[0]);
    cues.push({ start: s, end: e, scope: day ? { kind: 'day', day, cue: m[0] } : null });
  }
  // Calendar dates the time reader fixed ("on 6 March", "March 11"), where no weekday already stands.
  for (const t of r.analysis.times) {
    if (t.start < start || t.end > end || !['day', 'hour', 'minute'].includes(t.precision)) continue;
    if (covered(t.start, t.end) || SAID_BEFORE.test(r.text.slice(Math.max(0, t.start - 60), t.start)))
      continue;
    cues.push({
      start: t.start,
      end: t.end,
      scope: { kind: 'day', day: { date: t.value.start.slice(0, 10) }, cue: t.text },
    });
  }
  return cues;
}

/** A span's words without their preposition or article: "over the weekend" and "at the weekend" are one span. */
function spanKey(words: string): string {
  return words
    .toLowerCase()
    .replace(/^(?:in|over|during|for|at|on|throughout|this|all)\s+/, '')
    .replace(/^the\s+/, '')
    .replace(/\b(?:past|last|previous)\b/, 'past')
    .replace(/\s+/g, ' ');
}

/**
 * The day a day cue names: the date the time reader gave it, else counted from publication, else its
 * weekday or its word; null for "today" in a report of unknown date, which is the report's own day.
 */
function dayOf(r: ScopeInput, start: number, end: number, words: string): DayRef | null {
  const t = r.analysis.times.find(
    (x) => x.start < end && start < x.end && ['day', 'hour', 'minute'].includes(x.precision),
  );
  if (t) return { date: t.value.start.slice(0, 10) };
  const lower = words.toLowerCase().replace(/[’]/g, "'");
  const weekday = WEEKDAYS.findIndex((w) => lower.startsWith(w));
  if (weekday >= 0) return { weekday };
  const back = RELATIVE_DAYS[lower];
  const pub = r.publishedAt ? Date.parse(r.publishedAt) : NaN;
  if (back === undefined) return { word: lower.replace(/\s+(?:straight|consecutive|successive)\b/, '') };
  if (!Number.isNaN(pub)) return { date: new Date(pub - back * DAY_MS).toISOString().slice(0, 10) };
  if (back === 0) return null;
  return { word: lower === 'last night' ? 'overnight' : lower };
}
