/**
 * The read models the web app reads from (the events list, entities, search, the stored cards and
 * briefings), kept current on write: `refreshReadModels` runs after events were assessed, merged, split
 * or withdrawn (settleEvents calls it).
 */
import type { Store } from '../storage/store.ts';
import { refreshEntityViews } from './entity-views.ts';
import { getEvent, getEventCard } from './event-views.ts';
import { refreshEventList } from './event-list.ts';
import { getStoryBriefing } from './story-views.ts';

export interface RefreshOptions {
  /**
   * Given, the briefings of the stories the events belong to are handed to it (a queue's worker has them
   * rebuilt once a burst of changes is over) rather than rebuilt now. A stored briefing built from another
   * state is not shown meanwhile: a reader's request rebuilds it (see `cached`).
   */
  deferStories?: (storyIds: string[]) => Promise<void>;
}

/** Brings every read model up to date for these events (an id no longer stored is removed). */
export async function refreshReadModels(
  store: Store,
  eventIds: readonly string[],
  opts: RefreshOptions = {},
): Promise<void> {
  if (!eventIds.length) return;
  await refreshEventList(store, eventIds);
  await store.search.refreshEvents(eventIds);
  await refreshEntityViews(store, eventIds);
  await refreshViewModels(store, eventIds, opts);
}

/**
 * Builds and stores the detail and card of each event and the briefing of each story they belong to (as a page
 * shows them without a language-model writer), unless the stored one was built from the same state;
 * drops the views of events no longer stored.
 */
export async function refreshViewModels(
  store: Store,
  eventIds: readonly string[],
  opts: RefreshOptions = {},
): Promise<void> {
  const gone: string[] = [];
  const stories = new Set<string>();
  for (const id of new Set(eventIds)) {
    const event = await store.events.get(id);
    if (!event) {
      gone.push(`event:${id}`, `event-detail:${id}`);
      continue;
    }
    await getEvent(store, id, { persist: true });
    await getEventCard(store, id, undefined, { persist: true });
    if (event.storyId) stories.add(event.storyId);
  }
  await store.viewModels.remove(gone);
  if (opts.deferStories) await opts.deferStories([...stories]);
  else await refreshStoryBriefings(store, [...stories]);
}

/** Builds and stores the briefing of each story (as a page shows it without a language-model writer). */
export async function refreshStoryBriefings(store: Store, storyIds: readonly string[]): Promise<void> {
  for (const id of storyIds) {
    if (!(await getStoryBriefing(store, id, undefined, { persist: true })))
      await store.viewModels.remove([`story:${id}`]);
  }
}
