/**
 * The events a process places reports against (the resolver's candidate index), kept between its runs:
 * a worker places batch after batch, and reading every stored event for each batch made a batch's cost
 * grow with the store. The first run of a process reads every event; each later run reads only the events
 * changed since it last looked (by any process: see EventRepository.changedSince) and applies them.
 * Read under the placing lock, so no other placer's changes are in flight. A run that fails drops it
 * (what it put in memory may not be stored).
 */
import { EventIndex } from '../pipeline/resolve/index.ts';
import type { Store } from '../storage/store.ts';

interface Held {
  index: EventIndex;
  /** Where the changes not yet applied begin (EventRepository.changeHorizon). */
  horizon: number;
}

const held = new WeakMap<Store, Held>();

/** The store's events as an index, current with what is stored (to be read under the placing lock). */
export async function placingIndex(store: Store): Promise<EventIndex> {
  const h = held.get(store);
  if (!h) {
    const horizon = await store.events.changeHorizon();
    const index = new EventIndex(await store.events.withProfiles());
    held.set(store, { index, horizon });
    return index;
  }
  const changes = await store.events.changedSince(h.horizon);
  for (const id of changes.removed) h.index.retire(id);
  for (const c of changes.events) h.index.replace(c);
  h.horizon = changes.horizon;
  return h.index;
}

/** Forgets the store's index: the next run reads every event again. */
export function dropPlacingIndex(store: Store): void {
  held.delete(store);
}
