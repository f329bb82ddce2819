/**
 * A worker of the job queue (storage/job-queue.ts), at the stages it is given: polls the due feeds and
 * fetches their pages (run/feed-jobs.ts), which queue report jobs; rebuilds story briefings; and places
 * reports. For those it takes a batch of report jobs, ingests them as
 * `corroborate ingest` does (extraction and analysis beside other workers, placement under the database's
 * placing lock), and completes each job with its outcome or fails it with its error (to be retried, then
 * dead). A batch whose run fails as a whole fails each job it did not place.
 *
 * Several workers (processes, on one machine or many) share the queue: each job is taken by one. What a
 * worker dies holding is adopted by the next worker that looks and placed before what was taken after it;
 * a report stored before the worker died is then found unchanged, so nothing is lost or stored twice, and
 * reports are placed in the order an undisturbed run places them.
 */
import { describeOrigin, type InputOrigin } from '../domain/article.ts';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import type { Fetcher } from '../pipeline/acquire/fetcher.ts';
import type { JobQueue, QueueCounts, QueuedJob, ReportOutcome } from '../storage/job-queue.ts';
import { fetchQueuedPages, pollQueuedFeeds, queueDueFeeds, type AcquireTurn } from './feed-jobs.ts';
import { ingest, type RunDeps } from './ingest.ts';
import { refreshStoryBriefings } from './read-models.ts';

/**
 * What a worker can take on: polling due feeds, fetching the pages they list, placing reports (extraction,
 * analysis, provenance, resolution and assessment of a report are one job: see the README), and
 * rebuilding story briefings.
 */
export const STAGES = ['poll', 'fetch', 'report', 'brief'] as const;
export type Stage = (typeof STAGES)[number];

export interface WorkerOptions {
  /** Jobs taken at once. */
  batchSize: number;
  /** The stages this worker runs (all by default). */
  stages?: ReadonlySet<Stage>;
  /** Fetches feeds and pages, for the poll and fetch stages. */
  fetcher?: Fetcher;
  /** How long an idle worker waits before it asks the queue again. */
  pollMs: number;
  /** Stop once no job waits, runs or waits for a retry (a backfill's worker), instead of waiting for more. */
  untilIdle: boolean;
  /** Stops the worker after the batch it is placing. */
  signal?: AbortSignal;
  /** Called after each batch. */
  onBatch?: (b: BatchResult) => void;
  /** Called after each turn at the poll and fetch stages that found work. */
  onAcquire?: (t: AcquireTurn & { firstError: string | null }) => void;
}

export interface BatchResult {
  jobs: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Jobs among them that a worker that died had taken. */
  adopted: number;
  /** The first failure of the batch, to print. */
  firstError: string | null;
}

export type WorkerTotals = Omit<BatchResult, 'firstError'> &
  AcquireTurn & {
    batches: number;
    /** Story briefings rebuilt. */
    briefings: number;
  };

/** Totals of nothing done yet, or the sum of several workers' totals. */
export function sumTotals(parts: WorkerTotals[] = []): WorkerTotals {
  const totals: WorkerTotals = {
    batches: 0,
    jobs: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    adopted: 0,
    briefings: 0,
    feeds: 0,
    found: 0,
    fetched: 0,
    fetchFailed: 0,
  };
  for (const r of parts) for (const k of Object.keys(totals) as (keyof WorkerTotals)[]) totals[k] += r[k];
  return totals;
}

/**
 * Runs until stopped (or, with `untilIdle`, until no job waits at its stages or at the stages before
 * them); returns what it did.
 */
export async function runWorker(deps: RunDeps, queue: JobQueue, opts: WorkerOptions): Promise<WorkerTotals> {
  const stages = opts.stages ?? new Set(STAGES);
  const fetcher = opts.fetcher;
  if ((stages.has('poll') || stages.has('fetch')) && !fetcher)
    throw new Error('a worker of the poll or fetch stage needs a fetcher');
  const totals = sumTotals();
  // From now on `ingest` finds a worker running, and queues its reports for it.
  await queue.present();
  let feedsQueuedAt = -Infinity;
  while (!opts.signal?.aborted) {
    let worked = false;
    if (fetcher && stages.has('poll')) {
      // Due feeds are queued at most once per pause, by every worker of the stage (a feed waits once).
      if (performance.now() - feedsQueuedAt >= opts.pollMs) {
        await queueDueFeeds(deps, queue);
        feedsQueuedAt = performance.now();
      }
      const p = await pollQueuedFeeds(deps, fetcher, queue, opts.batchSize);
      if (p.jobs) {
        worked = true;
        totals.feeds += p.feeds;
        totals.found += p.found;
        opts.onAcquire?.({ feeds: p.feeds, found: p.found, fetched: 0, fetchFailed: 0, firstError: null });
      }
    }
    if (fetcher && stages.has('fetch')) {
      const f = await fetchQueuedPages(deps, fetcher, queue, opts.batchSize);
      if (f.jobs) {
        worked = true;
        totals.fetched += f.fetched;
        totals.fetchFailed += f.fetchFailed;
        opts.onAcquire?.({ feeds: 0, found: 0, ...f });
      }
    }
    if (stages.has('report')) {
      // What dead workers left is placed (batch by batch, as they took it) before anything taken after it.
      const left = await queue.adoptOrphans();
      const batches = left.length ? left : [await queue.take(opts.batchSize)];
      for (const jobs of batches) {
        if (!jobs.length) continue;
        worked = true;
        const b = await placeBatch(deps, queue, jobs);
        if (left.length) b.adopted += jobs.length;
        totals.batches++;
        for (const k of ['jobs', 'inserted', 'updated', 'unchanged', 'failed', 'adopted'] as const)
          totals[k] += b[k];
        opts.onBatch?.(b);
      }
    }
    if (stages.has('brief')) {
      const briefings = await queue.takeBriefings(opts.batchSize);
      if (briefings.length) {
        worked = true;
        totals.briefings += briefings.length;
        await rebuildBriefings(deps, queue, briefings);
      }
    }
    if (worked) continue;
    if (opts.untilIdle && idle(await queue.counts(), stages)) break;
    await pause(opts.pollMs, opts.signal);
  }
  return totals;
}

/** Whether no job waits at the worker's stages, nor at the stages before them (which would feed them). */
function idle(c: QueueCounts, stages: ReadonlySet<Stage>): boolean {
  const waiting: Record<Stage, number> = {
    poll: c.feeds,
    fetch: c.fetches,
    report: c.waiting + c.active + c.retrying,
    brief: c.briefings,
  };
  const last = Math.max(...[...stages].map((s) => STAGES.indexOf(s)));
  return STAGES.slice(0, last + 1).every((s) => waiting[s] === 0);
}

/** Thrown from a batch's turn when jobs taken before it were left by a worker that died. */
class Orphaned extends Error {}

/**
 * Ingests the jobs' reports together, then completes or fails each job. Jobs taken before them that a
 * dead worker left are adopted and placed first, batch by batch as they were taken (in the queue's order:
 * as one ingest would have placed them).
 */
export async function placeBatch(deps: RunDeps, queue: JobQueue, jobs: QueuedJob[]): Promise<BatchResult> {
  const parts: BatchResult[] = [];
  for (;;) {
    try {
      parts.push(await placeOnce(deps, queue, jobs));
      break;
    } catch (err) {
      if (!(err instanceof Orphaned)) throw err;
      for (const left of await queue.adoptOrphans(jobs)) {
        const b = await placeBatch(deps, queue, left);
        parts.push({ ...b, adopted: b.adopted + left.length });
      }
    }
  }
  const sum = (k: keyof Omit<BatchResult, 'firstError'>) => parts.reduce((n, b) => n + b[k], 0);
  return {
    jobs: sum('jobs'),
    inserted: sum('inserted'),
    updated: sum('updated'),
    unchanged: sum('unchanged'),
    failed: sum('failed'),
    adopted: sum('adopted'),
    firstError: parts.find((b) => b.firstError)?.firstError ?? null,
  };
}

/** Ingests the jobs' reports in one run (refused with Orphaned before it places any), then completes or fails each. */
async function placeOnce(deps: RunDeps, queue: JobQueue, jobs: QueuedJob[]): Promise<BatchResult> {
  // Ingest names a report by where it was read and hands its origin back: each job's origin is its own object.
  const byOrigin = new Map<InputOrigin, QueuedJob>();
  const byWhere = new Map<string, QueuedJob[]>();
  const inputs: SourcedInput[] = jobs.map((j) => {
    const origin = { ...j.data.origin };
    byOrigin.set(origin, j);
    const w = describeOrigin(origin);
    byWhere.set(w, [...(byWhere.get(w) ?? []), j]);
    return { input: j.data.input, origin };
  });
  const done = new Map<string, ReportOutcome['outcome']>();
  const failed = new Map<string, string>();
  const failAt = (where: string, message: string) => {
    for (const j of byWhere.get(where) ?? []) if (!done.has(j.id)) failed.set(j.id, message);
  };
  try {
    await ingest(deps, inputs, {
      // A story changed by batch after batch is rebuilt once the burst is over, by whichever worker is free.
      deferStories: (ids) => queue.enqueueBriefings(ids),
      // Batches taken earlier are placed first, as one ingest would place their reports.
      turn: {
        ready: async () => {
          const turn = await queue.mayPlace(jobs);
          if (turn === 'orphaned')
            throw new Orphaned('jobs taken before these were left by a worker that died');
          return turn === 'go';
        },
        placed: () => queue.markPlaced(jobs.map((j) => j.id)),
      },
      onRejected: (where, reason, message) => failAt(where, `${reason}: ${message}`),
      onFailed: failAt,
      onPlaced: (source, outcome) => {
        const j = byOrigin.get(source.origin);
        if (j) done.set(j.id, outcome);
      },
    });
  } catch (err) {
    if (err instanceof Orphaned) throw err;
    for (const j of jobs) if (!done.has(j.id)) failed.set(j.id, (err as Error).message);
  }
  const result: BatchResult = {
    jobs: jobs.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    adopted: 0,
    firstError: null,
  };
  const completed = new Map<string, ReportOutcome['outcome']>();
  for (const j of jobs) {
    const error = failed.get(j.id);
    const outcome = done.get(j.id);
    if (error !== undefined || !outcome) {
      await queue.fail(j.id, error ?? 'not placed');
      result.failed++;
      result.firstError ??= `${describeOrigin(j.data.origin)}: ${error ?? 'not placed'}`;
    } else {
      completed.set(j.id, outcome);
      result[outcome]++;
    }
  }
  await queue.complete(completed);
  return result;
}

/** Rebuilds the stories' briefings; on an error, the jobs fail (to be retried). */
async function rebuildBriefings(
  deps: RunDeps,
  queue: JobQueue,
  jobs: { id: string; storyId: string }[],
): Promise<void> {
  try {
    await refreshStoryBriefings(deps.store, [...new Set(jobs.map((j) => j.storyId))]);
  } catch (err) {
    await queue.failBriefings(
      jobs.map((j) => j.id),
      (err as Error).message,
    );
    return;
  }
  await queue.completeBriefings(jobs.map((j) => j.id));
}

/** Waits `ms`, or less when the signal stops the worker. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  // A stop that came while a query was awaited has fired already: no event would end the wait.
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
