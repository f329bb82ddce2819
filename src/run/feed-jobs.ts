/**
 * Polling feeds through the job queue (storage/job-queue.ts), in the stages a worker runs:
 *   - poll: the feeds that are due are queued (by any worker of the stage; a feed waits on the queue once),
 *     and each feed job polls its feed as `corroborate poll` does, queueing a fetch job per new item;
 *   - fetch: each fetch job fetches its page (or reads the article from the feed when the page cannot be
 *     had) and queues it as a report job, which the report stage places.
 * A feed moves on (its next poll, its validators) only once its items' fetch jobs are queued: a worker
 * killed before that leaves the feed due, and it is polled again (what it queued is not queued twice).
 * A page that cannot be fetched fails its job, which is retried with backoff and then lies on the
 * dead-letter list (`corroborate jobs dead`), not on the feed.
 */
import type { Fetcher } from '../pipeline/acquire/fetcher.ts';
import { FEED_QUEUE, FETCH_QUEUE, type JobQueue, type ReportJob } from '../storage/job-queue.ts';
import { eachLimited, emptyResult, exclusive, itemInput, readFeed } from './acquire.ts';
import type { RunDeps } from './ingest.ts';

/** Queues a poll of every feed that is due; returns how many were due. */
export async function queueDueFeeds(deps: RunDeps, queue: JobQueue): Promise<number> {
  const due = await deps.store.feeds.due(deps.clock.now());
  await queue.enqueueFeeds(due.map((f) => f.id));
  return due.length;
}

/** What a worker's turn at the poll and fetch stages did. */
export interface AcquireTurn {
  /** Feeds polled (not counting feed jobs found no longer due). */
  feeds: number;
  /** Fetch jobs queued by those polls. */
  found: number;
  /** Pages fetched (or read from their feed) and queued as reports. */
  fetched: number;
  /** Fetch jobs failed (to be retried, then dead). */
  fetchFailed: number;
}

/**
 * Takes up to `n` feed jobs and polls their feeds, `fetch.concurrency` at a time. A feed that is no longer
 * due (polled meanwhile) or no longer subscribed is skipped.
 */
export async function pollQueuedFeeds(
  deps: RunDeps,
  fetcher: Fetcher,
  queue: JobQueue,
  n: number,
): Promise<Pick<AcquireTurn, 'feeds' | 'found'> & { jobs: number }> {
  const jobs = await queue.takeFeeds(n);
  const turn = { jobs: jobs.length, feeds: 0, found: 0 };
  if (!jobs.length) return turn;
  const outlets = new Map((await deps.store.outlets.list()).map((o) => [o.id, o.name]));
  const write = exclusive();
  await eachLimited(jobs, deps.config.fetch.concurrency, async (job) => {
    try {
      const feed = await deps.store.feeds.get(job.feedId);
      if (feed && (!feed.nextPollAt || feed.nextPollAt <= deps.clock.now())) {
        // The feed's own failures (its fetch, its body) are written on it, as `poll` writes them.
        const read = await readFeed(deps, fetcher, feed, emptyResult(), write);
        if (read.kind === 'items') {
          const outlet = outlets.get(feed.outletId ?? '') ?? null;
          await queue.enqueueFetches(read.todo.map((item) => ({ item, outlet, feed: feed.url })));
          // Only now, with its items on the queue, does the feed move on.
          await write(() => deps.store.feeds.put(read.polled, deps.clock.now()));
          turn.found += read.todo.length;
        }
        turn.feeds++;
      }
      await queue.completeJobs(FEED_QUEUE, [job.id]);
    } catch (err) {
      // Anything else (the store refusing a write): the job is retried.
      await queue.fail(job.id, (err as Error).message, FEED_QUEUE);
    }
  });
  return turn;
}

/**
 * Takes up to `n` fetch jobs, fetches their pages `fetch.concurrency` at a time, and queues each page read
 * as a report job; a page that cannot be read fails its job.
 */
export async function fetchQueuedPages(
  deps: RunDeps,
  fetcher: Fetcher,
  queue: JobQueue,
  n: number,
): Promise<Pick<AcquireTurn, 'fetched' | 'fetchFailed'> & { jobs: number; firstError: string | null }> {
  const jobs = await queue.takeFetches(n);
  const turn = { jobs: jobs.length, fetched: 0, fetchFailed: 0, firstError: null as string | null };
  const reports: ReportJob[] = [];
  const read: string[] = [];
  await eachLimited(jobs, deps.config.fetch.concurrency, async (job) => {
    const got = await itemInput(fetcher, job.data.item, job.data.outlet);
    if ('input' in got) {
      reports.push({ input: got.input, origin: { file: job.data.item.url, line: null } });
      read.push(job.id);
      return;
    }
    const message = got.failure
      ? `${got.failure.kind}: ${got.failure.message}`
      : 'the page was not modified, and the feed does not carry the article';
    await queue.fail(job.id, message, FETCH_QUEUE);
    turn.fetchFailed++;
    turn.firstError ??= `${job.data.item.url}: ${message}`;
  });
  // The reports are on the queue before their fetch jobs complete: a worker killed in between fetches
  // them again, and queueing the same report again adds nothing.
  try {
    await queue.enqueue(reports);
    await queue.completeJobs(FETCH_QUEUE, read);
    turn.fetched = read.length;
  } catch (err) {
    for (const id of read) await queue.fail(id, (err as Error).message, FETCH_QUEUE);
    turn.fetchFailed += read.length;
    turn.firstError ??= (err as Error).message;
  }
  return turn;
}
