/**
 * The events a process places reports against (the resolver's candidate index), kept between its runs:
 * a worker places batch after batch, and reading every stored event for each batch made a batch's cost
 * grow with the store. The first run of a process reads every event; each later run reads only the events
 * changed since it last looked (by any process: see EventRepository.changedSince) and applies them, or
 * reads every event again when deletions it had not seen were pruned since.
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
  const changes = h && (await store.events.changedSince(h.horizon));
  if (!h || !changes?.complete) {
    // Its first run, or deletions it had not seen were pruned meanwhile: every event is read.
    const horizon = changes?.horizon ?? (await store.events.changeHorizon());
    const index = new EventIndex(await store.events.withProfiles());
    held.set(store, { index, horizon });
    return index;
  }
  for (const id of changes.removed) h.index.retire(id);
  for (const c of changes.events) h.index.replace(c);
  h.horizon = changes.horizon;
  return h.index;
}

/** Forgets the store's index: the next run reads every event again. */
export function dropPlacingIndex(store: Store): void {
  held.delete(store);
}
