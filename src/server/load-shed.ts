/**
 * Overload is shed, not queued: the server counts the requests it is working on, and past a bound it
 * answers 503 with Retry-After at once instead of letting a backlog build up that times out every route.
 * Expensive requests (search, and any request carrying a reader's source policy) have their own smaller
 * bound, so a client sending many of them cannot hold the cheap pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyWithError } from './error-status.ts';

export interface LoadLimits {
  /** Requests worked on at once, all routes together. */
  maxInFlight: number;
  /** Expensive requests worked on at once. */
  maxExpensive: number;
  /** Seconds a shed client is asked to wait (Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Defaults. 64 in flight: on 2 cores a page costs 1–20 ms, so 64 queued is at most about a second of
 * work — past that, a client is better told to come back than kept waiting. 4 expensive: one per core
 * and a spare each, so cheap pages keep most of the CPU while expensive ones run.
 */
export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxInFlight: 64, maxExpensive: 4, retryAfterSeconds: 2 };

/** Paths whose requests cost more than a page read: full-text search. */
const EXPENSIVE_PATHS = [/^\/search(?:[/?]|$)/, /^\/api\/v1\/search(?:[/?]|$)/];
/** The reader source policy: query parameters and cookie (see reader-policy.ts). */
const POLICY_QUERY = /[?&](?:exclude|lower)=[^&]/;
const POLICY_COOKIE = /(?:^|;\s*)corroborate_sources=[^;\s]/;

/** Whether a request is expensive: a search, or one that carries a reader's source policy. */
export function isExpensive(req: FastifyRequest): boolean {
  if (EXPENSIVE_PATHS.some((p) => p.test(req.url))) return true;
  if (POLICY_QUERY.test(req.url)) return !/[?&]sources=all(?:&|$)/.test(req.url);
  return POLICY_COOKIE.test(req.headers.cookie ?? '') && !/[?&]sources=all(?:&|$)/.test(req.url);
}

/** Adds the in-flight bounds to the app; returns a probe of the current counts (for tests and logs). */
export function loadShed(
  app: FastifyInstance,
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): () => { inFlight: number; expensive: number } {
  let inFlight = 0;
  let expensive = 0;
  const releases = new WeakMap<FastifyRequest, () => void>();
  app.addHook('onRequest', async (req, reply) => {
    const costly = isExpensive(req);
    if (inFlight >= limits.maxInFlight || (costly && expensive >= limits.maxExpensive)) {
      void reply.header('Retry-After', String(limits.retryAfterSeconds));
      void reply.header('Cache-Control', 'no-store');
      const what =
        costly && inFlight < limits.maxInFlight ? 'searches and source-policy requests' : 'requests';
      return replyWithError(req, reply, 503, `the server is busy with other ${what}; try again shortly`);
    }
    inFlight++;
    if (costly) expensive++;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      inFlight--;
      if (costly) expensive--;
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
  return () => ({ inFlight, expensive });
}
