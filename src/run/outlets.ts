/** The outlet registry in the store: importing a registry file's outlets, listing them for export. */
import { CorroborateError } from '../domain/errors.ts';
import {
  OUTLET_KINDS,
  OUTLET_TIERS,
  outletHosts,
  type Outlet,
  type OutletKind,
  type OutletTier,
} from '../domain/outlet.ts';
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

/**
 * An editor's change to an outlet's kind, tier or owner: stored, the events holding its reports
 * re-assessed, and the change written to the audit log (before and after). Returns how many events
 * were re-assessed.
 */
export async function editOutlet(
  deps: RunDeps,
  id: string,
  change: { kind?: string; tier?: string; ownerGroup?: string | null },
): Promise<{ outlet: Outlet; reassessed: number }> {
  const before = await deps.store.outlets.get(id);
  if (!before) throw new CorroborateError('not-found', 'no such outlet', id);
  if (change.kind !== undefined && !OUTLET_KINDS.includes(change.kind as OutletKind))
    throw new CorroborateError('usage', `a kind is one of ${OUTLET_KINDS.join(', ')}`, 'kind');
  if (change.tier !== undefined && !OUTLET_TIERS.includes(change.tier as OutletTier))
    throw new CorroborateError('usage', `a tier is one of ${OUTLET_TIERS.join(', ')}`, 'tier');
  const owner = change.ownerGroup === undefined ? before.ownerGroup : change.ownerGroup?.trim() || null;
  if (owner && owner.length > 200)
    throw new CorroborateError('usage', 'an owner has at most 200 characters', 'owner');
  const after: Outlet = {
    ...before,
    kind: (change.kind as OutletKind | undefined) ?? before.kind,
    tier: (change.tier as OutletTier | undefined) ?? before.tier,
    ownerGroup: owner,
  };
  const now = deps.clock.now();
  const done = await importOutlets(deps.store, [after], now);
  const reassessed = await reassessOutlets(deps, done.changed);
  await deps.store.audit.record({
    at: now,
    actor: deps.actor ?? 'editor',
    action: 'outlet-edit',
    subject: { kind: 'outlet', id },
    detail: {
      before: { kind: before.kind, tier: before.tier, owner: before.ownerGroup },
      after: { kind: after.kind, tier: after.tier, owner: after.ownerGroup },
      eventsReassessed: reassessed,
    },
  });
  return { outlet: after, reassessed };
}
