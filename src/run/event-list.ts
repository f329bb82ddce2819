/**
 * The events list read model, kept current on write: `refreshEventList` rebuilds the list rows of the
 * events that changed (and of their stories) from stored events, latest assessments and reports, in a
 * few batched queries per few hundred events. An event that is gone loses its row (the database also
 * drops it with the event). A database from before the list rows existed is rebuilt once, in batches,
 * by the first list read (`ensureEventList`).
 */
import { CAMEO_ROOTS, type DatePrecision, type EventCategory, type EventPlace } from '../domain/event.ts';
import type { EventListFacts, EventListRow } from '../storage/event-list-repository.ts';
import { EVENT_LIST_REBUILD } from '../storage/migrations/008-event-list.ts';
import type { Store } from '../storage/store.ts';

/** Events refreshed per batch: four reads and one write transaction each, memory bounded by the batch. */
const BATCH = 200;

/** Brings the list rows of these events and of their stories (before and after) up to date. */
export async function refreshEventList(store: Store, eventIds: readonly string[]): Promise<void> {
  const stories = new Set<string>();
  const ids = [...new Set(eventIds)];
  for (let i = 0; i < ids.length; i += BATCH)
    for (const s of await refreshBatch(store, ids.slice(i, i + BATCH))) stories.add(s);
  const all = [...stories];
  for (let i = 0; i < all.length; i += BATCH) await store.eventList.refreshStories(all.slice(i, i + BATCH));
}

/** Rebuilds one batch's rows; returns the stories they were and are in. */
async function refreshBatch(store: Store, ids: string[]): Promise<string[]> {
  const before = await store.eventList.storiesOf(ids);
  for (let attempt = 0; ; attempt++) {
    const { rows, outlets } = listRows(await store.eventList.facts(ids), new Date().toISOString());
    const found = new Set(rows.map((r) => r.id));
    const gone = ids.filter((id) => !found.has(id));
    try {
      await store.transaction((repos) => repos.eventList.put(rows, outlets, gone));
      return [...new Set([...before, ...rows.flatMap((r) => r.storyId ?? [])])];
    } catch (err) {
      // An event retired by another process between the read and the write fails the row's foreign key:
      // read the batch again (it is then gone).
      if (attempt > 0 || !isForeignKeyError(err)) throw err;
    }
  }
}

/** The list rows computed from a batch's facts, with each event's outlets. */
export function listRows(
  facts: EventListFacts,
  now: string,
): { rows: EventListRow[]; outlets: Map<string, string[]> } {
  const latest = new Map(facts.latest.map((a) => [a.event_id, a]));
  const members = new Map<string, { articles: string[]; outlets: Set<string> }>();
  const member = (id: string) => {
    let m = members.get(id);
    if (!m) members.set(id, (m = { articles: [], outlets: new Set() }));
    return m;
  };
  for (const r of facts.reports) {
    const m = member(r.event_id);
    m.articles.push(r.article_id);
    if (r.outlet_id) m.outlets.add(r.outlet_id);
  }
  // A round-up's passage counts as a report of each further event it backs (as in the event's detail).
  const reported = new Set(facts.reports.map((r) => `${r.event_id} ${r.article_id}`));
  for (const p of facts.passages) {
    if (reported.has(`${p.event_id} ${p.article_id}`)) continue;
    const m = member(p.event_id);
    m.articles.push(p.article_id);
    if (p.outlet_id) m.outlets.add(p.outlet_id);
  }
  const outlets = new Map<string, string[]>();
  const rows = facts.events.map((e): EventListRow => {
    const m = members.get(e.id);
    const a = latest.get(e.id);
    outlets.set(e.id, [...(m?.outlets ?? [])].sort());
    const date =
      e.date_start && e.date_end
        ? { start: e.date_start, end: e.date_end, precision: (e.date_precision ?? 'day') as DatePrecision }
        : null;
    return {
      id: e.id,
      title: e.title,
      category: e.category,
      level: a?.level ?? null,
      independentSources: Number(a?.independent_sources ?? 0),
      articleCount: m?.articles.length ?? 0,
      outletCount: m?.outlets.size ?? 0,
      date,
      place: e.place_json ? (JSON.parse(e.place_json) as EventPlace) : null,
      storyId: e.story_id,
      sortDate: date?.start ?? e.created_at,
      updatedAt: now,
    };
  });
  return { rows, outlets };
}

/** One event as lists show it: the cheap fields of EventJson (reports and lineage are in the detail only). */
export interface EventListItem {
  id: string;
  title: string;
  category: EventCategory | null;
  cameo: string | null;
  date: EventListRow['date'];
  place: EventPlace | null;
  level: string | null;
  articleCount: number;
  outletCount: number;
  independentSources: number;
  storyId: string | null;
}

/** Returns a list row in the shape lists answer with. */
export function listItem(r: EventListRow): EventListItem {
  const category = r.category as EventCategory | null;
  return {
    id: r.id,
    title: r.title,
    category,
    cameo: category ? (CAMEO_ROOTS[category] ?? null) : null,
    date: r.date,
    place: r.place,
    level: r.level,
    articleCount: r.articleCount,
    outletCount: r.outletCount,
    independentSources: r.independentSources,
    storyId: r.storyId,
  };
}

const rebuilt = new WeakMap<Store, Promise<void>>();

/** Makes sure the list rows exist: a database from before them is rebuilt once (in batches) before the first list read. */
export function ensureEventList(store: Store): Promise<void> {
  let done = rebuilt.get(store);
  if (!done) {
    done = rebuildIfAsked(store);
    rebuilt.set(store, done);
    done.catch(() => rebuilt.delete(store));
  }
  return done;
}

async function rebuildIfAsked(store: Store): Promise<void> {
  if ((await store.settings.get(EVENT_LIST_REBUILD)) !== 'rebuild') return;
  await rebuildEventList(store);
}

/** Rebuilds the list rows of every event and story, a batch at a time; returns how many events. */
export async function rebuildEventList(store: Store): Promise<number> {
  let n = 0;
  for (let last: string | null = null; ; ) {
    const ids = await store.eventList.eventIdsPage(last, BATCH);
    if (!ids.length) break;
    await refreshBatch(store, ids);
    n += ids.length;
    last = ids.at(-1) as string;
  }
  for (let last: string | null = null; ; ) {
    const ids = await store.eventList.storyIdsPage(last, BATCH);
    if (!ids.length) break;
    await store.eventList.refreshStories(ids);
    last = ids.at(-1) as string;
  }
  await store.settings.set(EVENT_LIST_REBUILD, 'built');
  return n;
}

function isForeignKeyError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
