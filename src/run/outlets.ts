/** The outlet registry in the store: importing a registry file's outlets, listing them for export. */
import { outletHosts, type Outlet } from '../domain/outlet.ts';
import type { Store } from '../storage/store.ts';
import type { RunDeps } from './ingest.ts';
import { settleEvents } from './settle-events.ts';

export interface OutletImport {
  added: number;
  updated: number;
  /** Stored outlets whose name, kind, owner or tier changed: the assessments of their events depend on them. */
  changed: string[];
}

/**
 * Stores every outlet of a registry (all or nothing: one transaction). An outlet already stored under
 * another id but sharing a domain with an entry is that entry's outlet: it is updated, not doubled.
 */
export async function importOutlets(store: Store, outlets: Outlet[], now: string): Promise<OutletImport> {
  const stored = await store.outlets.list();
  const byHost = new Map(stored.flatMap((o) => outletHosts(o).map((h) => [h, o] as const)));
  const byId = new Map(stored.map((o) => [o.id, o]));
  const result: OutletImport = { added: 0, updated: 0, changed: [] };
  await store.transaction(async (repos) => {
    for (const o of outlets) {
      const existing =
        byId.get(o.id) ??
        outletHosts(o)
          .map((h) => byHost.get(h))
          .find(Boolean);
      await repos.outlets.upsert(existing ? { ...o, id: existing.id } : o, now);
      if (existing) result.updated++;
      else result.added++;
      if (
        existing &&
        (existing.tier !== o.tier ||
          existing.kind !== o.kind ||
          existing.ownerGroup !== o.ownerGroup ||
          existing.name !== o.name)
      )
        result.changed.push(existing.id);
    }
  });
  return result;
}

/**
 * Re-assesses the events that hold a report from these outlets — and only those — after their tier,
 * kind, owner or name changed; returns how many events were re-assessed.
 */
export async function reassessOutlets(deps: RunDeps, outletIds: string[]): Promise<number> {
  if (!outletIds.length) return 0;
  const events = await deps.store.events.idsWithOutlets(outletIds);
  if (!events.length) return 0;
  await deps.store.events.markPending(events, deps.clock.now());
  return (await settleEvents(deps.store, deps.config, deps.clock.now())).assessed;
}
