/** Orchestration of story threading and of the work left after events change: thread, assess, tidy. */
import type { Config } from '../config/config.ts';
import {
  threadChanged,
  threadStories,
  type EventCandidate,
  type EventIndex,
  type Threading,
} from '../pipeline/resolve/index.ts';
import type { Store } from '../storage/store.ts';
import { assessEvents } from './assess-events.ts';
import { refreshReadModels, type RefreshOptions } from './read-models.ts';

/**
 * Stores what threading decided (new stories, events' stories) and takes the threaded events off the list
 * of those to thread, in one transaction; returns how many stories were created.
 */
async function storeThreading(
  store: Store,
  t: Threading,
  threaded: string[],
  eventOf: (id: string) => EventCandidate | undefined,
): Promise<number> {
  await store.transaction(async (repos) => {
    for (const s of t.stories) await repos.stories.put(s);
    for (const a of t.assignments) {
      const e = eventOf(a.eventId);
      if (!e) continue;
      e.event = { ...e.event, storyId: a.storyId };
      await repos.events.put(e.event, e.profile);
    }
    await repos.events.clearUnthreaded(threaded);
  });
  return t.stories.length;
}

/** The lock of assessing the events on the to-do list: one run at a time assesses (see assessPending). */
export const SETTLING_LOCK = 'settling';

/**
 * Finishes after events changed: threads the changed ones into stories, assesses every event on the durable
 * to-do list (also those a killed run left), clears the list and drops stories left without events.
 */
export async function settleEvents(
  store: Store,
  config: Config,
  now: string,
): Promise<{ storiesCreated: number; assessed: number }> {
  const storiesCreated = await threadPending(store, config, now);
  return { storiesCreated, assessed: await assessPending(store, config, now) };
}

/**
 * Threads the events changed since they were last threaded (an ingest's, or those a killed run left) into
 * stories; returns how many stories were created. Given the index of the stored events (a run placing
 * reports holds one, current with what it stored), only the events near the changed ones are read; else
 * every stored event is.
 */
export async function threadPending(
  store: Store,
  config: Config,
  now: string,
  index?: EventIndex,
): Promise<number> {
  const ids = await store.events.unthreaded();
  if (!ids.length) return 0;
  const changed = new Set(ids);
  if (index) {
    const t = threadChanged(index, config.resolve, now, changed);
    return storeThreading(store, t, ids, (id) => index.get(id));
  }
  const events = await store.events.withProfiles();
  const byId = new Map(events.map((e) => [e.event.id, e]));
  return storeThreading(store, threadStories(events, config.resolve, now, changed), ids, (id) =>
    byId.get(id),
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
