/** Orchestration of story threading: run the stage over all events and store what it decided. */
import type { ResolveConfig } from '../config/config.ts';
import type { EventCandidate } from '../pipeline/resolve/resolve-event.ts';
import { threadStories } from '../pipeline/resolve/thread-stories.ts';
import type { Store } from '../storage/store.ts';

/** Threads events into stories, stores new stories and assignments, and returns how many stories were created. */
export async function threadAllStories(store: Store, events: EventCandidate[], cfg: ResolveConfig, now: string): Promise<number> {
  const t = threadStories(events, cfg, now);
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
