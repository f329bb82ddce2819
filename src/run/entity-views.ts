/**
 * The entity index as a read model: refreshed for changed events (refreshReadModels), built once for a
 * database that has events but no index yet, and read a keyset page at a time by the pages and the API.
 * The report lineage index (report_links, read by outlet-views.ts) is refreshed in the same pass, from
 * the same reads of the events' reports.
 */
import { CorroborateError } from '../domain/errors.ts';
import { outletKey, type Outlet } from '../domain/outlet.ts';
import type { Lineage } from '../domain/provenance.ts';
import type { EntityEventsTable, EntityRow, EventSummary } from '../storage/entity-repository.ts';
import type { ReportLinksTable } from '../storage/report-link-repository.ts';
import type { Store } from '../storage/store.ts';
import {
  ENTITY_KINDS,
  EventEntityCollector,
  entityKey,
  entityKindOf,
  entitySlug,
  type EntityKind,
} from './event-entities.ts';
import { encodeCursor, keysetWindow, linkableUrl, pageLimit, pagePosition } from './page-cursor.ts';

export { entityKey, entityKindOf, type EntityKind } from './event-entities.ts';

/** Events refreshed per pass, and reports read per batch: memory stays bounded however big an event is. */
const EVENTS_PER_PASS = 100;
const REPORTS_PER_BATCH = 50;

/** The setting that records that the index was built for every stored event. */
const BUILT = 'readmodels.entities';

/** Brings the entity and report lineage indexes up to date for these events (building them first if never built). */
export async function refreshEntityViews(
  store: Store,
  eventIds: readonly string[],
  now = new Date().toISOString(),
): Promise<void> {
  if ((await store.settings.get(BUILT)) !== '1') return buildEntityViews(store, now);
  const outlets = outletIndex(await store.outlets.list());
  for (let i = 0; i < eventIds.length; i += EVENTS_PER_PASS)
    await refreshPass(store, [...new Set(eventIds.slice(i, i + EVENTS_PER_PASS))], outlets, now);
}

/** Builds the indexes for every stored event (once; a database that has them already is left as it is). */
export async function buildEntityViews(store: Store, now = new Date().toISOString()): Promise<void> {
  if ((await store.settings.get(BUILT)) === '1') return;
  const outlets = outletIndex(await store.outlets.list());
  const ids = await store.events.ids();
  for (let i = 0; i < ids.length; i += EVENTS_PER_PASS)
    await refreshPass(store, ids.slice(i, i + EVENTS_PER_PASS), outlets, now);
  await store.settings.set(BUILT, '1');
}

interface OutletIndex {
  names: Map<string, string>;
  /** Outlet id by the comparison key of its name and of each alias. */
  byKey: Map<string, string>;
}

function outletIndex(outlets: Outlet[]): OutletIndex {
  const byKey = new Map<string, string>();
  for (const o of outlets) for (const n of [o.name, ...(o.aliases ?? [])]) byKey.set(outletKey(n), o.id);
  return { names: new Map(outlets.map((o) => [o.id, o.name])), byKey };
}

/**
 * One pass over at most EVENTS_PER_PASS events:
 *   1. which of them are stored, and their reports;
 *   2. their active reports read in batches: entity mentions collected per event, lineage rows kept;
 *   3. each event entity given a key (an entity stored under the same name keeps its key, whatever kind
 *      this event's mentions vote for, so one name does not split over pages);
 *   4. in one transaction: the events' links and lineage rows replaced, the entities touched re-counted.
 */
async function refreshPass(store: Store, ids: string[], outlets: OutletIndex, now: string): Promise<void> {
  const dates = await store.entities.eventDates(ids);
  const members = await store.reportLinks.membersOf([...dates.keys()]);
  const collectors = new Map([...dates.keys()].map((id) => [id, new EventEntityCollector()]));
  const links: ReportLinksTable[] = [];
  for (let i = 0; i < members.length; i += REPORTS_PER_BATCH) {
    const batch = members.slice(i, i + REPORTS_PER_BATCH);
    const eventOf = new Map(batch.map((m) => [m.articleId, m.eventId]));
    for (const r of await store.reportLinks.indexInputs(batch.map((m) => m.articleId))) {
      const eventId = eventOf.get(r.id);
      if (!eventId || r.status !== 'active') continue;
      const outletName = r.outletId ? (outlets.names.get(r.outletId) ?? null) : null;
      collectors.get(eventId)?.add({
        articleId: r.id,
        text: r.text,
        publishedAt: r.publishedAt,
        analysis: r.analysis,
        outletName,
        lineage: r.lineage,
      });
      links.push(linkRow(r, eventId, r.lineage, outlets));
    }
  }
  await fillOriginOutlets(store, links);
  const rows = await keyedRows(store, collectors, dates);
  await store.transaction(async (repos) => {
    const before = await repos.entities.replaceEventLinks(ids, rows.rows);
    await repos.reportLinks.replace(ids, links);
    await repos.entities.recount([...new Set([...before, ...rows.kinds.keys()])], rows.kinds, now);
  });
}

/** A report's lineage row: what it copies (first) or credits, by report and outlet where known. */
function linkRow(
  a: { id: string; outletId: string | null; publishedAt: string | null },
  eventId: string,
  lineage: Lineage[],
  outlets: OutletIndex,
): ReportLinksTable {
  const copy = lineage.find((l) => l.kind === 'copy');
  const credit = lineage.find((l) => l.kind === 'credit');
  const from = copy ?? credit;
  return {
    article_id: a.id,
    outlet_id: a.outletId,
    published_at: a.publishedAt ?? '',
    event_id: eventId,
    derives_kind: from?.kind ?? null,
    origin_article_id: from?.kind === 'copy' || from?.kind === 'credit' ? from.ofArticleId : null,
    origin_outlet_id: from?.kind === 'credit' ? (outlets.byKey.get(outletKey(from.source)) ?? null) : null,
  };
}

/** The outlet of each origin report, read in one batch (a report's outlet wins over a credit's name). */
async function fillOriginOutlets(store: Store, links: ReportLinksTable[]): Promise<void> {
  const ids = [...new Set(links.flatMap((l) => (l.origin_article_id ? [l.origin_article_id] : [])))];
  if (!ids.length) return;
  const outletOf = await store.reportLinks.outletsOfArticles(ids);
  for (const l of links)
    if (l.origin_article_id) l.origin_outlet_id = outletOf.get(l.origin_article_id) ?? l.origin_outlet_id;
}

/** Step 3: the rows of entity_events, with the kind of each key for entities not stored yet. */
async function keyedRows(
  store: Store,
  collectors: Map<string, EventEntityCollector>,
  dates: Map<string, string>,
): Promise<{ rows: EntityEventsTable[]; kinds: Map<string, EntityKind> }> {
  const found = [...collectors].map(([eventId, c]) => ({ eventId, entities: c.result() }));
  const stored = new Map<string, string>();
  for (const e of await store.entities.bySlugs(found.flatMap((f) => f.entities.map((x) => x.slug))))
    if (!stored.has(e.slug)) stored.set(e.slug, e.key);
  // A name new to the index takes one kind over all the pass's events: the one most of its mentions give.
  const votes = new Map<string, Map<EntityKind, number>>();
  for (const e of found.flatMap((f) => f.entities)) {
    const v = votes.get(e.slug) ?? new Map<EntityKind, number>();
    v.set(e.kind, (v.get(e.kind) ?? 0) + e.mentions);
    votes.set(e.slug, v);
  }
  const kindOf = (slug: string) =>
    [...(votes.get(slug) ?? [])].sort(
      (a, b) => b[1] - a[1] || ENTITY_KINDS.indexOf(a[0]) - ENTITY_KINDS.indexOf(b[0]),
    )[0]?.[0] ?? 'other';
  const kinds = new Map<string, EntityKind>();
  const rows = new Map<string, EntityEventsTable>();
  for (const { eventId, entities } of found)
    for (const e of entities) {
      const key = stored.get(e.slug) ?? `${kindOf(e.slug)}-${e.slug}`;
      if (!kinds.has(key)) kinds.set(key, kindOf(e.slug));
      const id = `${key}\u0000${eventId}`;
      const had = rows.get(id);
      if (had) {
        had.mentions += e.mentions;
        continue;
      }
      rows.set(id, {
        entity_key: key,
        event_id: eventId,
        date_start: dates.get(eventId) ?? '',
        mentions: e.mentions,
        name: e.name,
        description: e.description?.text ?? null,
        description_article_id: e.description?.articleId ?? null,
        description_start: e.description?.start ?? null,
        description_end: e.description?.end ?? null,
      });
    }
  return { rows: [...rows.values()], kinds };
}

/** An entity as lists and the API give it. */
export interface EntityJson {
  key: string;
  name: string;
  kind: string;
  eventCount: number;
  firstDate: string | null;
  lastDate: string | null;
  /** What a report says it is, and where (report id, sentence offsets). */
  description: { text: string; articleId: string; start: number; end: number } | null;
  url: string;
}

function entityJson(e: EntityRow): EntityJson {
  return {
    key: e.key,
    name: e.name,
    kind: e.kind,
    eventCount: e.eventCount,
    firstDate: e.firstDate,
    lastDate: e.lastDate,
    description: e.description,
    url: `/entities/${encodeURIComponent(e.key)}`,
  };
}

/** The query an entity list takes (raw, as a request gives it). */
export interface EntityListQuery {
  q?: string;
  kind?: string;
  limit?: string;
  after?: string;
  before?: string;
}

/** A page of entities, those in the most events first; `q` keeps names containing it (spelling variants folded). */
export async function listEntities(
  store: Store,
  query: EntityListQuery,
): Promise<{ entities: EntityJson[]; next: string | null; prev: string | null }> {
  const limit = pageLimit(query.limit);
  const pos = pagePosition(query, 'number');
  if (query.kind && !ENTITY_KINDS.includes(query.kind as EntityKind))
    throw new CorroborateError('usage', `must be one of ${ENTITY_KINDS.join(', ')}`, 'kind');
  if (query.q && query.q.length > 200) throw new CorroborateError('usage', 'longer than 200 characters', 'q');
  const slug = query.q?.trim() ? entitySlug(query.q) : '';
  if (query.q?.trim() && !slug) return { entities: [], next: null, prev: null };
  const rows = await store.entities.list({
    ...(slug ? { slug } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    limit,
    ...(pos.at ? { after: { eventCount: pos.at.sort, key: pos.at.id }, back: pos.back } : {}),
  });
  const page = keysetWindow(rows, limit, pos, (e) => encodeCursor(e.eventCount, e.key));
  return { entities: page.items.map(entityJson), next: page.next, prev: page.prev };
}

/** One entity in full: its cited description, a page of its events newest first, the entities it appears with. */
export interface EntityDetail extends EntityJson {
  /** The description's sentence and the report it stands in. */
  cited: {
    sentence: string;
    report: {
      id: string;
      title: string | null;
      url: string;
      outlet: string | null;
      publishedAt: string | null;
    };
  } | null;
  events: (EventSummary & { mentions: number; url: string })[];
  next: string | null;
  prev: string | null;
  related: (EntityJson & { sharedEvents: number })[];
  feed: string;
}

/** How many entities it appears with are shown. */
const RELATED = 12;

/**
 * Returns the entity with this key, `{ movedTo }` when the key is unknown but its name is stored under
 * another kind (the caller redirects), or undefined.
 */
export async function getEntity(
  store: Store,
  key: string,
  query: { limit?: string; after?: string; before?: string } = {},
): Promise<EntityDetail | { movedTo: string } | undefined> {
  const limit = pageLimit(query.limit);
  const pos = pagePosition(query, 'string');
  const e = await store.entities.get(key);
  if (!e) {
    const slug = key.includes('-') ? key.slice(key.indexOf('-') + 1) : key;
    const other = slug ? (await store.entities.bySlugs([slug]))[0] : undefined;
    return other && other.key !== key ? { movedTo: other.key } : undefined;
  }
  const [links, related, cited] = await Promise.all([
    store.entities.events(key, limit, pos.at && { dateStart: pos.at.sort, eventId: pos.at.id }, pos.back),
    store.entities.related(key, RELATED),
    citedSentence(store, e),
  ]);
  const page = keysetWindow(links, limit, pos, (l) => encodeCursor(l.dateStart, l.eventId));
  const summaries = await store.entities.eventSummaries(page.items.map((l) => l.eventId));
  return {
    ...entityJson(e),
    description: cited ? e.description : null,
    cited,
    events: page.items.flatMap((l) => {
      const s = summaries.get(l.eventId);
      return s ? [{ ...s, mentions: l.mentions, url: `/events/${encodeURIComponent(s.id)}` }] : [];
    }),
    next: page.next,
    prev: page.prev,
    related: related.map((r) => ({ ...entityJson(r), sharedEvents: r.shared })),
    feed: `/entities/${encodeURIComponent(e.key)}/feed.atom`,
  };
}

/** The description's sentence from the stored report, or null when the report no longer says it there. */
async function citedSentence(store: Store, e: EntityRow): Promise<EntityDetail['cited']> {
  const d = e.description;
  if (!d) return null;
  const a = await store.articles.get(d.articleId);
  const sentence = a?.text.slice(d.start, d.end) ?? '';
  if (!a || !sentence.includes(d.text)) return null;
  const outlet = a.outletId ? await store.outlets.get(a.outletId) : undefined;
  return {
    sentence,
    report: {
      id: a.id,
      title: a.title,
      url: linkableUrl(a.url),
      outlet: outlet?.name ?? null,
      publishedAt: a.publishedAt,
    },
  };
}

/**
 * The entity pages of the entities a card or briefing names, for these events: the card's name → the key
 * of the indexed entity (by its key, else by its name among the events' entities). A name the index does
 * not hold (an outlet, a nationality) gets no page.
 */
export async function entityPageKeys(
  store: Store,
  eventIds: readonly string[],
  named: readonly { name: string; type: Parameters<typeof entityKindOf>[0] }[],
): Promise<Map<string, string>> {
  const indexed = [...(await store.entities.ofEvents(eventIds)).values()].flat();
  const keys = new Set(indexed.map((e) => e.key));
  const byName = new Map(indexed.map((e) => [e.name.toLowerCase(), e.key]));
  const out = new Map<string, string>();
  for (const n of named) {
    const key = entityKey(n.name, entityKindOf(n.type));
    const found = keys.has(key) ? key : byName.get(n.name.toLowerCase());
    if (found) out.set(n.name, found);
  }
  return out;
}
