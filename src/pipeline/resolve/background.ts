/**
 * Background passages: sentences of a report that recall an earlier event ("The union staged its first
 * strike on March 11, …" in a report of August's strike). They link the report to that earlier event
 * without making it a report of it, and they do not count towards the report's own event.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import type { EventDate } from '../../domain/event.ts';
import { wordTokens } from '../../lib/text-normalize.ts';
import type { EventIndex } from './event-index.ts';
import { dateWindow, matchScore } from './resolve-event.ts';
import { STOPWORDS } from './stopwords.ts';
import type { EventCandidate, ReportFeatures } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * A passage that dates what it recalls to the day links at a quarter of the join threshold: its date
 * already picks the event, and one sentence shares few words with a whole event. Set on the demo
 * corpus (30 links, every one to the gold event of the report's story on the passage's date; 15 at
 * the full threshold, 33 at a tenth, also all right); on the held-out corpora 45 of 51 and 50 of 52
 * links go to that event (most of the rest to the event a day away or to the report's own).
 */
const DAY_FACTOR = 0.25;

/** A sentence dated this many days or more before the report's own event recalls an earlier one. */
export const BACKGROUND_DAYS = 7;

/** A passage recalling an earlier event, with the date it gives that event. */
export interface BackgroundPassage {
  start: number;
  end: number;
  date: EventDate;
}

/** A report's link to an earlier event its background passage recalls. */
export interface BackgroundLink {
  eventId: string;
  start: number;
  end: number;
  score: number;
}

/**
 * Returns the sentences (after the first) that date what they tell to well before the report's own
 * event — the event's day as the resolver reads it, else the publication day.
 */
export function backgroundPassages(
  rec: ArticleRecord,
  f: Pick<ReportFeatures, 'eventDate'>,
): BackgroundPassage[] {
  const own = Date.parse(f.eventDate ?? rec.article.publishedAt ?? '');
  if (Number.isNaN(own)) return [];
  const out: BackgroundPassage[] = [];
  for (const s of rec.analysis.sentences.slice(1)) {
    const t = rec.analysis.times.find(
      (x) =>
        x.start >= s.start &&
        x.end <= s.end &&
        (x.precision === 'day' || x.precision === 'week' || x.precision === 'month') &&
        own - Date.parse(x.value.end) >= BACKGROUND_DAYS * DAY_MS,
    );
    if (t)
      out.push({
        start: s.start,
        end: s.end,
        date: {
          start: t.value.start.slice(0, 10),
          end: t.value.end.slice(0, 10),
          precision: t.precision === 'month' ? 'month' : t.precision === 'week' ? 'week' : 'day',
        },
      });
  }
  return out;
}

/** The features of a passage alone, matched against events like a report's. */
export function passageFeatures(rec: ArticleRecord, p: BackgroundPassage): ReportFeatures {
  const text = rec.article.text.slice(p.start, p.end);
  const terms: Record<string, number> = {};
  for (const t of wordTokens(text))
    if (t.length > 2 && !STOPWORDS.has(t) && !/^\d+$/.test(t)) terms[t] = (terms[t] ?? 0) + 1;
  const norm = Math.sqrt(Object.values(terms).reduce((s, v) => s + v * v, 0)) || 1;
  for (const k of Object.keys(terms)) terms[k] = (terms[k] as number) / norm;
  const names = [
    ...new Set(
      rec.analysis.entities
        .filter((e) => e.start >= p.start && e.end <= p.end)
        .map((e) => e.canonical.toLowerCase()),
    ),
  ];
  return {
    articleId: rec.article.id,
    terms,
    names,
    eventDate: p.date.precision === 'day' ? p.date.start : null,
    dateStated: true,
    title: null,
    publishedAt: null,
    place: null,
  };
}

/**
 * Links each background passage to the earlier event it recalls: among the indexed events whose
 * date window meets the passage's date, the best match above the join threshold (never the report's
 * own event). A passage that matches none links nowhere.
 */
export function linkBackground(
  rec: ArticleRecord,
  passages: BackgroundPassage[],
  ownEventId: string | null,
  index: EventIndex,
  joinThreshold: number,
): BackgroundLink[] {
  const out: BackgroundLink[] = [];
  for (const p of passages) {
    const f = passageFeatures(rec, p);
    const from = Date.parse(p.date.start);
    const to = Date.parse(p.date.end);
    const meets = (c: EventCandidate) => {
      const w = c.event.id === ownEventId ? null : dateWindow(c.profile);
      return !!w && w.from <= to + DAY_MS && w.to >= from - DAY_MS;
    };
    let best: BackgroundLink | null = null;
    for (const c of index.candidates(f, meets)) {
      const score = matchScore(f, c.profile, index.idf, index.termNorm(c));
      const bar = joinThreshold * (p.date.precision === 'day' ? DAY_FACTOR : 1);
      if (score >= bar && (!best || score > best.score))
        best = { eventId: c.event.id, start: p.start, end: p.end, score: Math.round(score * 1000) / 1000 };
    }
    if (best) out.push(best);
  }
  return out;
}
