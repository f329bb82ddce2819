/** Time expressions anchored on the report's publication date (chrono-node), with their precision. */
import * as chrono from 'chrono-node';
import type { TimeExpression, TimePrecision } from '../../domain/analysis.ts';

const DAY_MS = 86_400_000;

/** Returns the time expressions of a text, resolved against `reference` (the publication time). */
export function findTimes(text: string, reference: Date | null): TimeExpression[] {
  const ref = reference ?? new Date(Date.UTC(2000, 0, 1));
  const out: TimeExpression[] = [];
  for (const { r, index } of parseParagraphs(text, ref)) {
    const c = r.start;
    const precision = precisionOf(c);
    if (!precision) continue;
    if (!reference && !c.isCertain('year')) continue; // nothing to anchor a relative date on
    let start = utcStart(c, precision);
    const before = text.slice(Math.max(0, index - 80), index);
    if (looksBackward(r.text, before) && start.getTime() - ref.getTime() > DAY_MS && !c.isCertain('day')) start = new Date(start.getTime() - 7 * DAY_MS);
    const endComp = r.end;
    const endStart = endComp ? utcStart(endComp, precisionOf(endComp) ?? precision) : start;
    out.push({
      start: index,
      end: index + r.text.length,
      text: r.text,
      value: { start: start.toISOString(), end: addPrecision(endStart, precision).toISOString() },
      precision,
    });
  }
  return out;
}

/** Words without which a paragraph holds no date or time expression chrono would find. */
const TIME_TRIGGER = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|tomorrow|now|week|month|year|ago|noon|midnight|morning|afternoon|evening|night|weekend|decade|century|spring|summer|autumn|fall|winter|last|next|this|later|earlier|one|two|three|four|five|six|seven|eight|nine|ten)/i;

/** chrono over the paragraphs that can hold a time (most cannot), with offsets into the whole text. */
function parseParagraphs(text: string, ref: Date): { r: chrono.ParsedResult; index: number }[] {
  const out: { r: chrono.ParsedResult; index: number }[] = [];
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    const para = text.slice(from, to);
    if (TIME_TRIGGER.test(para)) {
      for (const r of chrono.parse(para, { instant: ref, timezone: 'UTC' }, { forwardDate: false })) out.push({ r, index: from + r.index });
    }
    from = to + 1;
  }
  return out;
}

/** Words before a weekday that put it in the future ("talks will open on Tuesday"). */
const FUTURE_CUES = /\b(will|shall|expected to|set to|due to|scheduled|plans? to|going to|is to|are to|next|coming|upcoming|ahead of)\b/i;

/** A bare weekday ("on Thursday") in news copy means the last such day unless the sentence looks ahead. */
function looksBackward(expression: string, before: string): boolean {
  const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'));
  return !FUTURE_CUES.test(expression) && !FUTURE_CUES.test(before.slice(sentenceStart + 1));
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
