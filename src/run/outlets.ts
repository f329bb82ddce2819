/** The outlet registry in the store: importing a registry file's outlets, listing them for export. */
import { outletHosts, type Outlet } from '../domain/outlet.ts';
import type { Store } from '../storage/store.ts';

export interface OutletImport {
  added: number;
  updated: number;
}

/**
 * Stores every outlet of a registry (all or nothing: one transaction). An outlet already stored under
 * another id but sharing a domain with an entry is that entry's outlet: it is updated, not doubled.
 */
export async function importOutlets(store: Store, outlets: Outlet[], now: string): Promise<OutletImport> {
  const stored = await store.outlets.list();
  const byHost = new Map(stored.flatMap((o) => outletHosts(o).map((h) => [h, o] as const)));
  const byId = new Map(stored.map((o) => [o.id, o]));
  const result = { added: 0, updated: 0 };
  await store.transaction(async (repos) => {
    for (const o of outlets) {
      const existing = byId.get(o.id) ?? outletHosts(o).map((h) => byHost.get(h)).find(Boolean);
      await repos.outlets.upsert(existing ? { ...o, id: existing.id } : o, now);
      if (existing) result.updated++;
      else result.added++;
    }
  });
  return result;
}
