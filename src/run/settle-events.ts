/** Orchestration of story threading and of the work left after events change: thread, assess, tidy. */
import type { Config, ResolveConfig } from '../config/config.ts';
import { threadStories, type EventCandidate } from '../pipeline/resolve/index.ts';
import type { Store } from '../storage/store.ts';
import { assessEvents } from './assess-events.ts';
import { refreshReadModels, type RefreshOptions } from './read-models.ts';

/** Threads events (those in `only`, when given) into stories, stores new stories and assignments, and returns how many stories were created. */
export async function threadAllStories(
  store: Store,
  events: EventCandidate[],
  cfg: ResolveConfig,
  now: string,
  only?: ReadonlySet<string>,
): Promise<number> {
  const t = threadStories(events, cfg, now, only);
  if (!t.assignments.length) return 0;
  const byId = new Map(events.map((e) => [e.event.id, e]));
  await store.transaction(async (repos) => {
    for (const s of t.stories) await repos.stories.put(s);
    for (const a of t.assignments) {
      const e = byId.get(a.eventId);
      if (!e) continue;
      e.event = { ...e.event, storyId: a.storyId };
      await repos.events.put(e.event, e.profile);
    }
  });
  return t.stories.length;
}

/** The lock of assessing the events on the to-do list: one run at a time assesses (see assessPending). */
export const SETTLING_LOCK = 'settling';

/**
 * Finishes after events changed: threads the changed ones into stories, assesses every event on the durable
 * to-do list (also those a killed run left), clears the list and drops stories left without events.
 * `events` are the stored events with profiles when the caller holds them already.
 */
export async function settleEvents(
  store: Store,
  config: Config,
  now: string,
  events?: EventCandidate[],
): Promise<{ storiesCreated: number; assessed: number }> {
  const storiesCreated = await threadPending(store, config, now, events);
  return { storiesCreated, assessed: await assessPending(store, config, now) };
}

/** Threads the events on the to-do list into stories; returns how many stories were created. */
export async function threadPending(
  store: Store,
  config: Config,
  now: string,
  events?: EventCandidate[],
): Promise<number> {
  const pending = await store.events.pending();
  if (!pending.length) return 0;
  return threadAllStories(
    store,
    events ?? (await store.events.withProfiles()),
    config.resolve,
    now,
    new Set(pending),
  );
}

/**
 * Assesses the events on the to-do list, refreshes their read models, and clears them from the list
 * unless a run marked one again meanwhile (it stays for the next). One run at a time, under its own lock:
 * an ingest assesses after it has let go of the placing lock, so the next run places reports while it
 * assesses, and two never append the same change to an event's history.
 */
export async function assessPending(
  store: Store,
  config: Config,
  now: string,
  opts: RefreshOptions = {},
): Promise<number> {
  return store.exclusive(SETTLING_LOCK, { command: 'assess' }, async () => {
    const marks = await store.events.pendingMarks();
    if (!marks.length) return 0;
    const ids = marks.map((m) => m.eventId);
    await assessEvents(store, ids, config.confidence, now);
    // The read models are refreshed before the to-do list is cleared, so a run killed in between leaves
    // the events pending and the next run refreshes them again.
    await refreshReadModels(store, ids, opts);
    await store.events.clearPending(marks);
    await store.stories.removeUnused();
    return ids.length;
  });
}
