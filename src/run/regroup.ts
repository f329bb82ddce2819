/**
 * Orchestration of event identity: a new grouping of reports into events is applied to storage with
 * its history. Event ids never change: an event keeps its id while it has reports; an event whose
 * reports all went elsewhere is retired with a merge record pointing to the event that took most of
 * them (its old URL redirects there), and reports leaving an event that stays are recorded as a split.
 * Editors merge and split events by hand through the same path (`corroborate events merge|split`);
 * their decisions are marked with who made them, and reprocessing keeps to them (reprocess.ts).
 */
import type { ArticleRecord } from '../domain/article.ts';
import { CorroborateError } from '../domain/errors.ts';
import type { Event } from '../domain/event.ts';
import { stableId } from '../lib/hash.ts';
import { rebuildEvent, reportFeatures, type EventCandidate } from '../pipeline/resolve/index.ts';
import type { Store } from '../storage/store.ts';
import { PLACING_LOCK, type RunDeps } from './ingest.ts';
import { refreshReadModels } from './read-models.ts';
import { settleEvents } from './settle-events.ts';

/** Events to store and the event of each report they hold. */
export interface Grouping {
  events: EventCandidate[];
  /** Article id → event id, for every report whose event is set (others stay where they are). */
  assignments: Map<string, string>;
}

export interface RegroupSummary {
  merged: number;
  split: number;
  /** Ids of the events that were stored, gained or lost reports. */
  changed: string[];
}

/**
 * Stores the grouping in one transaction: events, moved reports, retired events, merge and split
 * records. `scope` names the only events the grouping touches (an editor's merge or split), so the
 * rest of the database is not read.
 */
export async function applyGrouping(
  store: Store,
  next: Grouping,
  reason: string,
  now: string,
  decidedBy: string | null = null,
  scope?: string[],
): Promise<RegroupSummary> {
  // The reports as they stand: of the events in `scope` (an editor's merge or split), or of every event.
  const before = scope
    ? Object.fromEntries(
        (await Promise.all(scope.map((id) => store.events.reports(id))))
          .flat()
          .map((r) => [r.articleId, r.eventId]),
      )
    : await store.events.assignments();
  const kept = new Set([...(scope ?? (await store.events.ids())), ...next.events.map((e) => e.event.id)]);
  // from event → destination event → the reports that moved
  const moves = new Map<string, Map<string, string[]>>();
  const arriving = new Map<string, string[]>();
  for (const [articleId, to] of next.assignments) {
    const from = before[articleId];
    if (from === to) continue;
    if (from)
      add(
        add(moves, from, () => new Map<string, string[]>()),
        to,
        () => [],
      ).push(articleId);
    add(arriving, to, () => []).push(articleId);
  }
  // An event that keeps no report and is not among the events stored now is gone.
  const staying = new Set<string>();
  for (const [articleId, e] of Object.entries(before))
    if ((next.assignments.get(articleId) ?? e) === e) staying.add(e);
  const stored = new Set(next.events.map((e) => e.event.id));
  for (const from of moves.keys()) if (!staying.has(from) && !stored.has(from)) kept.delete(from);
  /** The reports an event holds once the grouping is applied (among those stored before). */
  const members = new Map<string, string[]>();
  for (const a of Object.keys(before).sort())
    add(members, next.assignments.get(a) ?? (before[a] as string), () => []).push(a);
  const after = (eventId: string) => members.get(eventId) ?? [];
  const summary: RegroupSummary = {
    merged: 0,
    split: 0,
    changed: [...new Set([...stored, ...moves.keys(), ...arriving.keys()])]
      .filter((id) => kept.has(id))
      .sort(),
  };
  const retired: string[] = [];
  await store.transaction(async (repos) => {
    for (const e of next.events) await repos.events.put(e.event, e.profile);
    for (const [to, ids] of arriving) {
      const moved = ids.filter((a) => before[a]);
      await repos.events.moveReports(moved, to);
      for (const a of ids.filter((x) => !before[x]))
        await repos.events.addReport({ eventId: to, articleId: a, score: 1, tone: null, joinedAt: now });
    }
    for (const [from, dests] of [...moves].sort((a, b) => a[0].localeCompare(b[0]))) {
      const ordered = [...dests].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
      const successor = kept.has(from) ? null : (ordered[0] as [string, string[]]);
      for (const [to, articleIds] of ordered) {
        if (successor && to === successor[0]) continue;
        await repos.events.recordLineage({
          fromId: from,
          toId: to,
          kind: 'split',
          reason,
          articleIds: articleIds.sort(),
          counterpartIds: after(from),
          decidedBy,
          detail: null,
          at: now,
        });
        summary.split++;
      }
      if (successor) {
        const detail = await repos.events.retire(from, successor[0]);
        retired.push(from);
        const joined = new Set(successor[1]);
        const counterpartIds = after(successor[0]).filter((a) => !joined.has(a));
        await repos.events.recordLineage({
          fromId: from,
          toId: successor[0],
          kind: 'merge',
          reason,
          articleIds: successor[1].sort(),
          counterpartIds,
          decidedBy,
          detail,
          at: now,
        });
        summary.merged++;
      }
    }
    await repos.events.markPending(summary.changed, now);
  });
  // The read models drop the rows of the events retired (an id no longer stored is removed).
  await refreshReadModels(store, retired);
  return summary;
}

/**
 * Merges one event into another (an editor's decision); returns what changed once re-assessed. Holds the
 * lock of the runs that place reports (an ingest under way holds the events as it read them, and would
 * place reports in the event merged away): waits for such a run, or is refused, as `deps.lock` says.
 */
export async function mergeEvents(
  deps: RunDeps,
  fromId: string,
  intoId: string,
  reason: string,
): Promise<RegroupSummary> {
  return deps.store.exclusive(PLACING_LOCK, { command: 'event merge', ...deps.lock }, () =>
    merge(deps, fromId, intoId, reason),
  );
}

async function merge(deps: RunDeps, fromId: string, intoId: string, reason: string): Promise<RegroupSummary> {
  const { store, clock } = deps;
  if (fromId === intoId) throw new CorroborateError('usage', 'an event cannot be merged into itself', fromId);
  const [from, into] = [await existingEvent(store, fromId), await existingEvent(store, intoId)];
  const fromReports = (await store.events.reports(from.id)).map((r) => r.articleId);
  const intoReports = (await store.events.reports(into.id)).map((r) => r.articleId);
  const event = rebuildEvent(
    into.id,
    await readInOrder(store, [...intoReports, ...fromReports]),
    clock.now(),
    into,
  );
  const summary = await applyGrouping(
    store,
    { events: [event], assignments: new Map(fromReports.map((a) => [a, into.id])) },
    reason,
    clock.now(),
    deps.actor ?? 'editor',
    [from.id, into.id],
  );
  await settleEvents(store, deps.config, clock.now());
  await store.audit.record({
    at: clock.now(),
    actor: deps.actor ?? 'system',
    action: 'event-merge',
    subject: { kind: 'event', id: into.id },
    detail: { from: from.id, reason, reports: fromReports.length },
  });
  return summary;
}

/**
 * Splits reports off an event into a new one (an editor's decision); the event keeps its id and the
 * rest of its reports. Returns what changed and the new event's id. Holds the lock of the runs that
 * place reports, as a merge does.
 */
export async function splitEvent(
  deps: RunDeps,
  eventId: string,
  articleIds: string[],
  reason: string,
): Promise<RegroupSummary & { newEventId: string }> {
  return deps.store.exclusive(PLACING_LOCK, { command: 'event split', ...deps.lock }, () =>
    split(deps, eventId, articleIds, reason),
  );
}

async function split(
  deps: RunDeps,
  eventId: string,
  articleIds: string[],
  reason: string,
): Promise<RegroupSummary & { newEventId: string }> {
  const { store, clock } = deps;
  const event = await existingEvent(store, eventId);
  const members = (await store.events.reports(event.id)).map((r) => r.articleId);
  const leaving = [...new Set(articleIds)];
  const stranger = leaving.find((a) => !members.includes(a));
  if (stranger)
    throw new CorroborateError('usage', `report ${stranger} is not a report of event ${event.id}`, stranger);
  if (!leaving.length || leaving.length === members.length)
    throw new CorroborateError('usage', 'a split must leave at least one report on each side', event.id);
  const stay = members.filter((a) => !leaving.includes(a));
  const part = await readInOrder(store, leaving);
  let newId = stableId('evt', (part[0] as { rec: ArticleRecord }).rec.article.id);
  if (await store.events.get(newId)) newId = stableId('evt', `${newId}|split|${event.id}`);
  const now = clock.now();
  const events = [
    rebuildEvent(event.id, await readInOrder(store, stay), now, event),
    rebuildEvent(newId, part, now),
  ];
  const summary = await applyGrouping(
    store,
    { events, assignments: new Map(leaving.map((a) => [a, newId])) },
    reason,
    now,
    deps.actor ?? 'editor',
    [event.id],
  );
  await settleEvents(store, deps.config, now);
  await store.audit.record({
    at: now,
    actor: deps.actor ?? 'system',
    action: 'event-split',
    subject: { kind: 'event', id: event.id },
    detail: { into: newId, reason, reports: leaving },
  });
  return { ...summary, newEventId: newId };
}

/** The stored event, or a not-found error naming the id (an event merged away names where it went). */
export async function existingEvent(store: Store, id: string): Promise<Event> {
  const e = await store.events.get(id);
  if (e) return e;
  const now = await store.events.successor(id);
  throw new CorroborateError('not-found', now ? `event was merged into ${now}` : 'no such event', id);
}

/** The reports' records with their resolver features, in the order the pipeline reads them. */
export async function readInOrder(
  store: Store,
  articleIds: string[],
): Promise<{ rec: ArticleRecord; features: ReturnType<typeof reportFeatures> }[]> {
  const recs = await store.articles.records(articleIds);
  const at = (r: ArticleRecord) => r.article.publishedAt ?? r.article.ingestedAt;
  return recs
    .sort((a, b) => at(a).localeCompare(at(b)) || a.article.id.localeCompare(b.article.id))
    .map((rec) => ({ rec, features: reportFeatures(rec) }));
}

function add<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}
