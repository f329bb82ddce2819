/**
 * The read models the web app reads from (the events list, entities, search, the stored cards and
 * briefings), kept current on write: `refreshReadModels` runs after events were assessed, merged, split
 * or withdrawn (settleEvents calls it).
 */
import type { Store } from '../storage/store.ts';
import { refreshEntityViews } from './entity-views.ts';
import { getEvent, getEventCard } from './event-views.ts';
import { refreshEventList } from './event-list.ts';
import { getStoryBriefing, relatedIndex, type RelatedIndex } from './story-views.ts';

/** Brings every read model up to date for these events (an id no longer stored is removed). */
export async function refreshReadModels(store: Store, eventIds: readonly string[]): Promise<void> {
  if (!eventIds.length) return;
  await refreshEventList(store, eventIds);
  await store.search.refreshEvents(eventIds);
  await refreshEntityViews(store, eventIds);
  await refreshViewModels(store, eventIds);
}

/**
 * Builds and stores the detail and card of each event and the briefing of each story they belong to (as a page
 * shows them without a language-model writer), unless the stored one was built from the same state;
 * drops the views of events no longer stored.
 */
export async function refreshViewModels(store: Store, eventIds: readonly string[]): Promise<void> {
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
  let related: Promise<RelatedIndex> | undefined;
  for (const id of stories) {
    related ??= relatedIndex(store);
    if (!(await getStoryBriefing(store, id, undefined, { persist: true, related })))
      await store.viewModels.remove([`story:${id}`]);
  }
}
