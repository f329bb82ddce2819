/**
 * The read models the web app reads from (the events list, entities, search), kept current on write:
 * `refreshReadModels` runs after events were assessed, merged, split or withdrawn (settleEvents calls it).
 */
import type { Store } from '../storage/store.ts';
import { refreshEntityViews } from './entity-views.ts';
import { refreshEventList } from './event-list.ts';

/** Brings every read model up to date for these events (an id no longer stored is removed). */
export async function refreshReadModels(store: Store, eventIds: readonly string[]): Promise<void> {
  if (!eventIds.length) return;
  await refreshEventList(store, eventIds);
  await store.search.refreshEvents(eventIds);
  await refreshEntityViews(store, eventIds);
}
