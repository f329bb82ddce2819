/**
 * The resolve stage on a synthetic stream: up to 1,000,000 reports over a year, in time order, each
 * resolved against the event index (pipeline/resolve/event-index.ts) and joined to or founding an
 * event, on one core. Events whose dates fall out of the join window behind the stream are retired
 * from the index. Prints reports per second and the time per report around 10,000 reports and at the
 * end, their ratio (target: within 2×), the events held, memory, and how well the stream's own events
 * were recovered (pairwise precision and recall, as a check that the index finds the right events).
 *
 * The stream: events start uniformly over 365 days and get 1–8 reports within two days; an event has
 * 25 terms of its own and 3 names, drawn by a Zipf law from 60,000 words and 200,000 names; a report
 * takes 60% of its 40 terms from its event and the rest from the whole vocabulary, 2–3 of the event's
 * names and one name at random.
 *   npx tsx bench/resolve-scale.ts [--reports 1000000] [--days 365]
 */
import type { ArticleRecord } from '../src/domain/article.ts';
import { mulberry32 } from '../src/lib/random.ts';
import { EventIndex } from '../src/pipeline/resolve/event-index.ts';
import type { ReportFeatures } from '../src/pipeline/resolve/types.ts';
import { foundEvent, joinEvent, resolveReport } from '../src/pipeline/resolve/resolve-event.ts';
import { DEFAULT_CONFIG } from '../src/config/config.ts';

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const REPORTS = arg('--reports', 1_000_000);
/** Days the stream spans: with fewer, a short run has the reports per day of a long one (1,000,000 over 365 ≈ 100,000 over 37). */
const DAYS = arg('--days', 365);
const VOCABULARY = 60_000;
const NAMES = 200_000;
const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const opts = DEFAULT_CONFIG.resolve;

const rand = mulberry32(20251122);

/**
 * A Zipf draw from 1..n (weights 1/k), by inverting the approximate CDF ln(k)/ln(n), past the head:
 * the commonest words are stopwords the tokenizer drops, and no name is in more than a few % of news.
 */
function zipf(n: number): number {
  return HEAD + Math.min(n, Math.max(1, Math.floor(Math.exp(rand() * Math.log(n + 1)))));
}
const HEAD = 100;

interface StreamEvent {
  id: number;
  day: number;
  terms: string[];
  names: string[];
  reports: number;
}

/** The stream's events, enough for the reports asked for, sorted by day. */
function streamEvents(): StreamEvent[] {
  const out: StreamEvent[] = [];
  let reports = 0;
  while (reports < REPORTS) {
    const n = 1 + Math.floor(rand() * 8);
    out.push({
      id: out.length,
      day: Math.floor(rand() * DAYS),
      terms: Array.from({ length: 25 }, () => `w${zipf(VOCABULARY)}`),
      names: Array.from({ length: 3 }, () => `n${zipf(NAMES)}`),
      reports: n,
    });
    reports += n;
  }
  return out;
}

/** One report of an event: its features, as the resolver reads them. */
function reportOf(e: StreamEvent, k: number): ReportFeatures {
  const terms: Record<string, number> = {};
  for (let i = 0; i < 40; i++) {
    const t =
      rand() < 0.6 ? (e.terms[Math.floor(rand() * e.terms.length)] as string) : `w${zipf(VOCABULARY)}`;
    terms[t] = (terms[t] ?? 0) + 1;
  }
  const norm = Math.sqrt(Object.values(terms).reduce((s, v) => s + v * v, 0));
  for (const t of Object.keys(terms)) terms[t] = (terms[t] as number) / norm;
  const names = [...new Set([...e.names.slice(0, 2 + Math.floor(rand() * 2)), `n${zipf(NAMES)}`])];
  const date = new Date(START + (e.day + Math.floor(rand() * 3)) * DAY_MS).toISOString().slice(0, 10);
  return {
    articleId: `e${e.id}-r${k}`,
    terms,
    names,
    eventDate: date,
    dateStated: true,
    title: null,
    publishedAt: `${date}T12:00:00Z`,
    place: null,
  };
}

/**
 * The reports in date order, generated a day at a time (a report is dated up to two days after its
 * event starts), so that memory holds the stream's events and one day's reports, not a million reports.
 */
function* reportStream(events: StreamEvent[]): Generator<{ f: ReportFeatures; truth: number }> {
  const byDay = new Map<number, StreamEvent[]>();
  for (const e of events) add(byDay, e.day, e);
  const pending = new Map<number, { f: ReportFeatures; truth: number }[]>();
  let emitted = 0;
  // Reports dated past the last day are dropped: the stream ends as busy as it runs (no quiet tail to flatter the last window).
  for (let day = 0; day < DAYS; day++) {
    for (const e of byDay.get(day) ?? []) {
      for (let k = 0; k < e.reports; k++) {
        const f = reportOf(e, k);
        const d = (Date.parse(f.eventDate as string) - START) / DAY_MS;
        add(pending, d, { f, truth: e.id });
      }
    }
    for (const r of pending.get(day) ?? []) {
      if (emitted++ === REPORTS) return;
      yield r;
    }
    pending.delete(day);
  }
}

const events = streamEvents();
const total = Math.min(
  REPORTS,
  events.reduce((n, e) => n + e.reports, 0),
);
const truth = new Int32Array(total);
const index = new EventIndex();
/** Reports per timed window: 10,000, or a tenth of a short stream. */
const WINDOW = Math.min(10_000, Math.max(100, Math.floor(total / 10)));
const assigned: string[] = new Array(total);
const windowMs: { at: number; ms: number }[] = [];
/** Time spent in the resolve stage (index upkeep, resolving, joining or founding) — not generating the stream. */
let resolveMs = 0;
let windowResolveMs = 0;
const t0 = performance.now();
const record = (id: string) =>
  ({ article: { id, title: id, text: '' }, analysis: { sentences: [] } }) as unknown as ArticleRecord;
let i = 0;
for (const { f, truth: t } of reportStream(events)) {
  const start = performance.now();
  if (i % 1000 === 0)
    index.retireBefore(
      new Date(Date.parse(f.eventDate as string) - (opts.maxDayGap + 1) * DAY_MS).toISOString().slice(0, 10),
    );
  const r = resolveReport(f, null, index, opts);
  const next =
    r.kind === 'join'
      ? joinEvent(index.get(r.eventId) as NonNullable<ReturnType<EventIndex['get']>>, f, 'now')
      : foundEvent(record(f.articleId), f, 'now');
  index.put(next);
  windowResolveMs += performance.now() - start;
  assigned[i] = next.event.id;
  truth[i] = t;
  i++;
  if (i % WINDOW === 0) {
    windowMs.push({ at: i, ms: windowResolveMs });
    resolveMs += windowResolveMs;
    windowResolveMs = 0;
    if (i % 100_000 === 0)
      process.stderr.write(
        `\r  ${i.toLocaleString('en')} reports, ${((performance.now() - t0) / 1000).toFixed(0)} s (${(resolveMs / 1000).toFixed(0)} s resolving), ${index.size.toLocaleString('en')} events in the index`,
      );
  }
}
resolveMs += windowResolveMs;
const memory = process.memoryUsage();
process.stderr.write('\n');
const seconds = resolveMs / 1000;
const wall = (performance.now() - t0) / 1000;
const first = windowMs[0] as { ms: number };
const last = windowMs.at(-1) as { at: number; ms: number };

// Pairwise precision and recall of the recovered events, over every pair of reports grouped together.
/** Of the pairs of reports in one group of `groups`, how many `same` also puts together. */
function pairsKept<K>(
  groups: Map<K, number[]>,
  same: (a: number, b: number) => boolean,
): { pairs: number; kept: number } {
  let pairs = 0;
  let kept = 0;
  for (const members of groups.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        pairs++;
        if (same(members[a] as number, members[b] as number)) kept++;
      }
    }
  }
  return { pairs, kept };
}
const byTruth = new Map<number, number[]>();
truth.forEach((t, k) => add(byTruth, t, k));
const byEvent = new Map<string, number[]>();
assigned.forEach((e, k) => add(byEvent, e, k));
const recall = pairsKept(byTruth, (a, b) => assigned[a] === assigned[b]);
const precision = pairsKept(byEvent, (a, b) => truth[a] === truth[b]);
const us = (ms: number) => ((ms * 1000) / WINDOW).toFixed(0);
console.log(
  `resolve-scale ${total.toLocaleString('en')} reports, ${seconds.toFixed(1)} s in the resolve stage (${wall.toFixed(1)} s with generating the stream): ${(total / seconds).toFixed(0)} reports/s on one core (target ≥ 2,000)`,
);
console.log(
  `resolve-scale per report: ${us(first.ms)} µs over the first ${WINDOW.toLocaleString('en')}, ${us(last.ms)} µs over the last ${WINDOW.toLocaleString('en')} (at ${last.at.toLocaleString('en')}); ratio ${(last.ms / first.ms).toFixed(2)}× (target ≤ 2×) | events in the index at the end ${index.size.toLocaleString('en')}, founded ${new Set(assigned).size.toLocaleString('en')}, largest ${[...byEvent.values()].reduce((m, l) => Math.max(m, l.length), 0)} reports | RSS ${(memory.rss / 1024 / 1024).toFixed(0)} MB, heap ${(memory.heapUsed / 1024 / 1024).toFixed(0)} MB (at the end of the stream)`,
);
console.log(
  `resolve-scale recovered events: pairwise precision ${(precision.kept / Math.max(1, precision.pairs)).toFixed(3)}, recall ${(recall.kept / Math.max(1, recall.pairs)).toFixed(3)} (${byTruth.size.toLocaleString('en')} true events)`,
);

function add<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
