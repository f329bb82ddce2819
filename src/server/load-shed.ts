/**
 * Overload is shed, not queued: the server counts the requests it is working on, and past a bound it
 * answers 503 with Retry-After at once instead of letting a backlog build up that times out every route.
 * Expensive requests have their own smaller bounds, one for searches and one for requests carrying a
 * reader's source policy, so a client sending many of either cannot hold the cheap pages (nor the other).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyWithError } from './error-status.ts';

export interface LoadLimits {
  /** Requests worked on at once, all routes together. */
  maxInFlight: number;
  /** Requests carrying a reader's source policy worked on at once. */
  maxPolicies: number;
  /** Searches worked on at once. */
  maxSearches: number;
  /**
   * Expensive requests (searches, source policies) that may wait, each kind in its own queue, for one of
   * their kind to finish, past its bound; past the queue they are shed. A waiting request uses no CPU.
   */
  searchQueue: number;
  policyQueue: number;
  /** Seconds a shed client is asked to wait (Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Defaults. 64 in flight: on 2 cores a page costs 1–20 ms, so 64 queued is at most about a second of
 * work — past that, a client is better told to come back than kept waiting. 4 source-policy requests:
 * one per core and a spare each, so cheap pages keep most of the CPU while they run (a first one costs
 * 10–30 ms of this process's CPU at 100,000 reports). 8 searches: a search mostly waits on the database
 * (PostgreSQL ranks in its own processes; a repeated query is answered from memory), so at 100 searches
 * a second 4 were too few — PostgreSQL shed 83 of 1,000 (bench/web.ts) — while 8 first searches on SQLite
 * cost about 20 ms of this process's time (a first search about 2–3 ms at 100,000 reports).
 * A queue of 8 source-policy requests: a first policy costs 10-30 ms, and the bench's first ten (other
 * outlets than its warm-up's) arrived faster than that and were shed (4-10 of 2,000 at 1,000 reports);
 * with the queue, none (bench/web.ts, both databases). No queue of searches: when a search is slow it
 * is because the machine is saturated, and a queue of 16 only made the backlog longer — PostgreSQL at
 * 100,000 reports: p99 369.7 ms with 21 still shed, against 50.9–61.2 ms with 0–1 shed without.
 */
export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxInFlight: 64,
  maxPolicies: 4,
  maxSearches: 8,
  searchQueue: 0,
  policyQueue: 8,
  retryAfterSeconds: 2,
};

/** Paths whose requests cost more than a page read: full-text search. */
const EXPENSIVE_PATHS = [/^\/search(?:[/?]|$)/, /^\/api\/v1\/search(?:[/?]|$)/];
/** The reader source policy: query parameters and cookie (see reader-policy.ts). */
const POLICY_QUERY = /[?&](?:exclude|lower)=[^&]/;
const POLICY_COOKIE = /(?:^|;\s*)corroborate_sources=[^;\s]/;

/** Which bound a request counts against beyond the overall one: a search, a source policy, or none. */
export function expenseOf(req: FastifyRequest): 'search' | 'policy' | null {
  if (EXPENSIVE_PATHS.some((p) => p.test(req.url))) return 'search';
  const all = /[?&]sources=all(?:&|$)/.test(req.url);
  if (POLICY_QUERY.test(req.url)) return all ? null : 'policy';
  return POLICY_COOKIE.test(req.headers.cookie ?? '') && !all ? 'policy' : null;
}

/** Adds the in-flight bounds to the app; returns a probe of the current counts (for tests and logs). */
export function loadShed(
  app: FastifyInstance,
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): () => { inFlight: number; expensive: number } {
  let inFlight = 0;
  const expensive = { search: 0, policy: 0 };
  const bound = { search: limits.maxSearches, policy: limits.maxPolicies };
  const queueBound = { search: limits.searchQueue, policy: limits.policyQueue };
  const queues: Record<'search' | 'policy', (() => void)[]> = { search: [], policy: [] };
  const releases = new WeakMap<FastifyRequest, () => void>();
  app.addHook('onRequest', async (req, reply) => {
    const costly = expenseOf(req);
    const wait =
      costly !== null && expensive[costly] >= bound[costly] && queues[costly].length < queueBound[costly];
    if (inFlight >= limits.maxInFlight || (costly && expensive[costly] >= bound[costly] && !wait)) {
      void reply.header('Retry-After', String(limits.retryAfterSeconds));
      void reply.header('Cache-Control', 'no-store');
      const what =
        costly && inFlight < limits.maxInFlight
          ? costly === 'search'
            ? 'searches'
            : 'source-policy requests'
          : 'requests';
      return replyWithError(
        req,
        reply,
        503,
        `the server is busy with other ${what}; try again shortly`,
        'Busy — try again shortly',
      );
    }
    inFlight++;
    // Past its kind's bound, a request waits for one of its kind to finish, which hands it its place.
    if (costly && wait) await new Promise<void>((resolve) => queues[costly].push(resolve));
    else if (costly) expensive[costly]++;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      inFlight--;
      if (!costly) return;
      const next = queues[costly].shift();
      if (next) next();
      else expensive[costly]--;
    };
    releases.set(req, release);
    // Counted down when the work is done: its answer is ready (onSend), or it was sent in full. A client
    // that hangs up does not count its request down while the handler still works on it.
    reply.raw.once('close', () => {
      if (reply.raw.writableFinished) release();
    });
    // The work starts on the next turn of the event loop, after the requests that arrived with this one
    // were counted. With SQLite a request's reads do not wait on the network, so without this turn each
    // request would run to its end before the next was even read, the counts would never pass one, and a
    // burst of expensive requests would hold every other client until all of it was done.
    await new Promise<void>((resolve) => setImmediate(resolve));
  });
  app.addHook('onSend', (req, _reply, payload, next) => {
    releases.get(req)?.();
    next(null, payload);
  });
  return () => ({ inFlight, expensive: expensive.search + expensive.policy });
}
