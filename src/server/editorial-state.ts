/**
 * What the editorial routes share within one server: the rate limiters of the public submission form
 * and of logins, and the background fetching of submitted pages (stopped when the app closes).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CorroborateError } from '../domain/errors.ts';
import { SubmissionFetching } from '../run/submissions.ts';
import type { AppDeps } from './app-deps.ts';
import { RateLimiter } from './rate-limit.ts';

export interface EditorialState {
  submitsPerClient: RateLimiter;
  submitsAll: RateLimiter;
  loginsPerClient: RateLimiter;
  fetching: SubmissionFetching;
}

/** Builds the state for an app and closes it with the app. */
export function editorialState(app: FastifyInstance, deps: AppDeps): EditorialState {
  const e = deps.config.editorial;
  const state: EditorialState = {
    submitsPerClient: new RateLimiter(e.submitsPerClientMinute, 60_000),
    submitsAll: new RateLimiter(e.submitsPerMinute, 60_000),
    loginsPerClient: new RateLimiter(e.loginsPerClient, 600_000),
    fetching: new SubmissionFetching(runDeps(deps), (err) => app.log.error(err)),
  };
  app.addHook('onReady', async () => state.fetching.kick()); // what a stopped server left queued
  app.addHook('onClose', async () => state.fetching.close());
  return state;
}

/** How long an editor's request waits for a run that is placing reports. */
const LOCK_WAIT_MS = 20_000;

/** What the run layer needs from the server's dependencies, acting as `actor`. */
export function runDeps(deps: AppDeps, actor?: string) {
  return {
    store: deps.store,
    config: deps.config,
    clock: deps.clock,
    // An approved submission is ingested: behind a running ingest it waits a little, then says so.
    lock: { waitMs: LOCK_WAIT_MS },
    ...(actor ? { actor } : {}),
  };
}

/** Refuses the request (429 with Retry-After) when any limiter says so. */
export function limit(reply: FastifyReply, checks: [RateLimiter, string][], what: string): void {
  for (const [limiter, key] of checks) {
    const wait = limiter.take(key);
    if (wait) {
      void reply.header('Retry-After', String(wait));
      throw new CorroborateError('too-many', `too many ${what}; try again in ${wait} s`);
    }
  }
}
