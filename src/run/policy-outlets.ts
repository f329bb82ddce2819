/**
 * The outlets a reader chooses from for a source policy (the /sources form): those with stored
 * reports, by name, searchable by name or id and paged (keyset), never the whole registry at once.
 * The list is read once per version of the data and kept: a page is a filter over it in memory.
 */
import { CorroborateError } from '../domain/errors.ts';
import type { Outlet } from '../domain/outlet.ts';
import type { Store } from '../storage/store.ts';

/** Outlets on one page of the form. */
export const POLICY_OUTLETS_PAGE = 50;
/** A search longer than this is cut: outlet names are short. */
const MAX_QUERY = 100;

export interface PolicyOutletsPage {
  outlets: Outlet[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
  /** How many outlets match the search, over all pages. */
  matching: number;
}

interface Listed {
  version: number;
  outlets: Promise<{ withReports: Outlet[]; byId: Map<string, Outlet> }>;
}

const listed = new WeakMap<Store, Listed>();

/** Returns one page of the outlets with reports whose name, id or alias holds `query`, by name. */
export async function policyOutlets(
  store: Store,
  opts: { query?: string; after?: string; limit?: number } = {},
): Promise<PolicyOutletsPage> {
  const { withReports } = await outletsNow(store);
  const q = (opts.query ?? '').trim().slice(0, MAX_QUERY).toLowerCase();
  const matching = q
    ? withReports.filter((o) => [o.name, o.id, ...(o.aliases ?? [])].some((s) => s.toLowerCase().includes(q)))
    : withReports;
  const after = opts.after ? decodeCursor(opts.after) : null;
  const start = after ? matching.findIndex((o) => compare(o, { name: after[0], id: after[1] }) > 0) : 0;
  const limit = Math.min(Math.max(opts.limit ?? POLICY_OUTLETS_PAGE, 1), 200);
  const page = start < 0 ? [] : matching.slice(start, start + limit);
  const last = page.at(-1);
  const more = start >= 0 && start + limit < matching.length;
  return { outlets: page, next: more && last ? encodeCursor(last) : null, matching: matching.length };
}

/** Returns the stored outlets with these ids (for naming those a policy holds). */
export async function outletsById(store: Store, ids: readonly string[]): Promise<Map<string, Outlet>> {
  const { byId } = await outletsNow(store);
  return new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id) as Outlet] as const] : [])));
}

async function outletsNow(store: Store): Promise<Awaited<Listed['outlets']>> {
  const version = await store.events.assessmentVersion();
  let hit = listed.get(store);
  if (hit?.version !== version) {
    const outlets = Promise.all([store.outlets.list(), store.outlets.idsWithReports()]).then(([all, ids]) => {
      const has = new Set(ids);
      return {
        withReports: all.filter((o) => has.has(o.id)).sort(compare),
        byId: new Map(all.map((o) => [o.id, o])),
      };
    });
    hit = { version, outlets };
    listed.set(store, hit);
    outlets.catch(() => listed.delete(store));
  }
  return hit.outlets;
}

function compare(a: Pick<Outlet, 'name' | 'id'>, b: Pick<Outlet, 'name' | 'id'>): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function encodeCursor(o: Outlet): string {
  return Buffer.from(JSON.stringify([o.name, o.id])).toString('base64url');
}

function decodeCursor(raw: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((s) => typeof s === 'string'))
      return v as [string, string];
  } catch {
    // falls through to the usage error
  }
  throw new CorroborateError('usage', 'not a cursor from this list', 'after');
}
