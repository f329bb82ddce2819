/**
 * The poller: rounds of pollFeeds, sleeping until the next feed is due (at most a minute, so feeds
 * added meanwhile are seen). It stops when its signal is aborted (SIGTERM): the feeds in flight finish,
 * no new one starts, and whatever was not finished is simply due again at the next start. A feed that
 * fails, or whose items fail, has the error recorded on it; the round goes on with the other feeds.
 */
import type { Fetcher } from '../pipeline/acquire/fetcher.ts';
import { addResult, emptyResult, pollFeeds, type AcquireResult } from './acquire.ts';
import type { RunDeps } from './ingest.ts';

/** Longest sleep between rounds. */
const MAX_IDLE_MS = 60_000;

export interface PollerOptions {
  once: boolean;
  signal: AbortSignal;
  /** Called after every round with its counts. */
  onRound?: (round: AcquireResult) => void;
}

/** Runs rounds until told to stop (or one round with `once`); returns the counts of all rounds. */
export async function runPoller(
  deps: RunDeps,
  fetcher: Fetcher,
  opts: PollerOptions,
): Promise<AcquireResult> {
  const total = emptyResult();
  for (;;) {
    const round = await pollFeeds(deps, fetcher, opts.signal);
    addResult(total, round);
    opts.onRound?.(round);
    if (opts.once || opts.signal.aborted) return total;
    await sleep(await untilNextDue(deps), opts.signal);
    if (opts.signal.aborted) return total;
  }
}

async function untilNextDue(deps: RunDeps): Promise<number> {
  const now = Date.parse(deps.clock.now());
  const next = (await deps.store.feeds.list())
    .map((f) => (f.nextPollAt ? Date.parse(f.nextPollAt) : now))
    .reduce((a, b) => Math.min(a, b), now + MAX_IDLE_MS);
  return Math.max(1000, Math.min(MAX_IDLE_MS, next - now));
}

/**
 * Waits `ms`, or until `signal` is aborted; not at all if it already is (a stop may come while a query of
 * the store is awaited, as on PostgreSQL).
 */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
