/** The record of an editorial action, as the event pages that show it need it written. */
import type { AuditEntry } from '../domain/editorial.ts';
import type { Store } from '../storage/store.ts';
import { refreshViewModels } from './read-models.ts';

/**
 * Writes an editorial action to the audit log and marks the events it concerns changed, so that their
 * pages, built once for each state of an event, list it among the editorial changes; their stored
 * views are rebuilt.
 */
export async function recordEditorial(
  store: Store,
  entry: Omit<AuditEntry, 'id'>,
  eventIds: readonly string[],
): Promise<void> {
  await store.transaction(async (repos) => {
    await repos.audit.record(entry);
    await repos.events.touch(eventIds, entry.at);
  });
  await refreshViewModels(store, eventIds);
}
