/**
 * The entity index (migration 009): entities with their cited description and event span, and which
 * events name them. Written by the read-model refresh, read by the entity pages and API in keyset pages.
 */
import { sql, type Kysely } from 'kysely';
import type { DatePrecision } from '../domain/event.ts';
import type { Database } from './schema.ts';

export interface EntitiesTable {
  key: string;
  slug: string;
  name: string;
  kind: string;
  description: string | null;
  description_article_id: string | null;
  description_start: number | null;
  description_end: number | null;
  event_count: number;
  first_date: string;
  last_date: string;
  updated_at: string;
}

export interface EntityEventsTable {
  entity_key: string;
  event_id: string;
  /** The event's start date, '' when it has none. */
  date_start: string;
  mentions: number;
  /** The spelling this event's reports use most. */
  name: string;
  description: string | null;
  description_article_id: string | null;
  description_start: number | null;
  description_end: number | null;
}

interface EntityTables extends Database {
  entities: EntitiesTable;
  entity_events: EntityEventsTable;
}

/** A stored entity. */
export interface EntityRow {
  key: string;
  slug: string;
  name: string;
  kind: string;
  description: { text: string; articleId: string; start: number; end: number } | null;
  eventCount: number;
  firstDate: string | null;
  lastDate: string | null;
  updatedAt: string;
}

/** One event of an entity, as its page lists it. */
export interface EntityEventRow {
  eventId: string;
  dateStart: string;
  mentions: number;
}

/** An event as an entity's page lists it, read in one batch per page. */
export interface EventSummary {
  id: string;
  title: string;
  category: string | null;
  date: { start: string; end: string; precision: DatePrecision } | null;
  place: { name: string; country: string | null } | null;
  storyId: string | null;
  level: string | null;
  independentSources: number;
  articleCount: number;
}

/** Rows per statement: below SQLite's bound-parameter limit with room for every column. */
const CHUNK = 200;

export class EntityRepository {
  private readonly db: Kysely<EntityTables>;

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<EntityTables>;
  }

  /** Replaces the entity links of these events with `rows`; returns the keys linked before (to re-count). */
  async replaceEventLinks(
    eventIds: readonly string[],
    rows: readonly EntityEventsTable[],
  ): Promise<string[]> {
    const before = await this.keysOfEvents(eventIds);
    for (const ids of chunks(eventIds))
      await this.db.deleteFrom('entity_events').where('event_id', 'in', ids).execute();
    for (const part of chunks(rows, 50)) await this.db.insertInto('entity_events').values(part).execute();
    return before;
  }

  /** The keys of the entities these events name. */
  async keysOfEvents(eventIds: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const ids of chunks(eventIds)) {
      const rows = await this.db
        .selectFrom('entity_events')
        .select('entity_key')
        .where('event_id', 'in', ids)
        .execute();
      for (const r of rows) out.add(r.entity_key);
    }
    return [...out];
  }

  /** Stored entities with these slugs (any kind), the most-evented first. */
  async bySlugs(
    slugs: readonly string[],
  ): Promise<{ key: string; slug: string; kind: string; eventCount: number }[]> {
    const out: { key: string; slug: string; kind: string; eventCount: number }[] = [];
    for (const part of chunks([...new Set(slugs)])) {
      const rows = await this.db
        .selectFrom('entities')
        .select(['key', 'slug', 'kind', 'event_count'])
        .where('slug', 'in', part)
        .execute();
      for (const r of rows)
        out.push({ key: r.key, slug: r.slug, kind: r.kind, eventCount: Number(r.event_count) });
    }
    return out.sort((a, b) => b.eventCount - a.eventCount || a.key.localeCompare(b.key));
  }

  /**
   * Re-counts these entities from their event links: event count and date span, the spelling of the
   * event that names it most, the description of its newest event that has one; deletes those left
   * without events. `kinds` gives the kind of an entity not stored yet.
   */
  async recount(keys: readonly string[], kinds: ReadonlyMap<string, string>, now: string): Promise<void> {
    for (const part of chunks(keys)) {
      const agg = await this.db
        .selectFrom('entity_events')
        .select((eb) => [
          'entity_key',
          eb.fn.countAll<string | number>().as('n'),
          eb.fn.min(sql<string>`nullif(date_start, '')`).as('first'),
          eb.fn.max(sql<string>`nullif(date_start, '')`).as('last'),
        ])
        .where('entity_key', 'in', part)
        .groupBy('entity_key')
        .execute();
      const named = await this.ranked(part, 'mentions');
      const described = await this.ranked(part, 'date_start', true);
      const existing = new Map(
        (await this.db.selectFrom('entities').select(['key', 'kind']).where('key', 'in', part).execute()).map(
          (r) => [r.key, r.kind],
        ),
      );
      const found = new Set(agg.map((a) => a.entity_key));
      const gone = part.filter((k) => !found.has(k));
      if (gone.length) await this.db.deleteFrom('entities').where('key', 'in', gone).execute();
      const rows: EntitiesTable[] = agg.map((a) => {
        const key = a.entity_key;
        const d = described.get(key);
        return {
          key,
          slug: key.slice(key.indexOf('-') + 1),
          name: named.get(key)?.name ?? key,
          kind: existing.get(key) ?? kinds.get(key) ?? key.slice(0, key.indexOf('-')),
          description: d?.description ?? null,
          description_article_id: d?.description_article_id ?? null,
          description_start: d?.description_start ?? null,
          description_end: d?.description_end ?? null,
          event_count: Number(a.n),
          first_date: a.first ?? '',
          last_date: a.last ?? '',
          updated_at: now,
        };
      });
      // Many rows a statement: each statement is prepared anew, so one a row would cost more than the rows.
      for (const batch of chunks(rows, 50))
        await this.db
          .insertInto('entities')
          .values(batch)
          .onConflict((oc) =>
            oc.column('key').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              kind: eb.ref('excluded.kind'),
              description: eb.ref('excluded.description'),
              description_article_id: eb.ref('excluded.description_article_id'),
              description_start: eb.ref('excluded.description_start'),
              description_end: eb.ref('excluded.description_end'),
              event_count: eb.ref('excluded.event_count'),
              first_date: eb.ref('excluded.first_date'),
              last_date: eb.ref('excluded.last_date'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
    }
  }

  /**
   * For each key, its first event link by `order` descending (ties by event id): by mentions for the
   * spelling, by date for the description (only links with one).
   */
  private async ranked(
    keys: readonly string[],
    order: 'mentions' | 'date_start',
    withDescription = false,
  ): Promise<Map<string, EntityEventsTable>> {
    let q = this.db
      .selectFrom('entity_events')
      .selectAll()
      .select(
        sql<number>`row_number() over (partition by entity_key order by ${sql.ref(order)} desc, event_id desc)`.as(
          'rn',
        ),
      )
      .where('entity_key', 'in', keys);
    if (withDescription) q = q.where('description', 'is not', null);
    const rows = await this.db.selectFrom(q.as('r')).selectAll().where('rn', '=', 1).execute();
    return new Map(rows.map((r) => [r.entity_key, r]));
  }

  /** The start date ('' when none) of each of these events that is stored. */
  async eventDates(eventIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const ids of chunks(eventIds)) {
      const rows = await this.db
        .selectFrom('events')
        .select(['id', 'date_start'])
        .where('id', 'in', ids)
        .execute();
      for (const r of rows) out.set(r.id, r.date_start ?? '');
    }
    return out;
  }

  /** Title, date, place, latest level and report count of each of these events (three queries a batch). */
  async eventSummaries(eventIds: readonly string[]): Promise<Map<string, EventSummary>> {
    const out = new Map<string, EventSummary>();
    for (const ids of chunks(eventIds)) {
      const events = await this.db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
      const latest = this.db
        .selectFrom('assessments')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('event_id', 'in', ids)
        .groupBy('event_id');
      const levels = await this.db
        .selectFrom('assessments')
        .select(['event_id', 'level', 'independent_sources'])
        .where('id', 'in', latest)
        .execute();
      const counts = await this.db
        .selectFrom('event_reports')
        .select((eb) => ['event_id', eb.fn.countAll<string | number>().as('n')])
        .where('event_id', 'in', ids)
        .groupBy('event_id')
        .execute();
      const level = new Map(levels.map((l) => [l.event_id, l]));
      const count = new Map(counts.map((c) => [c.event_id, Number(c.n)]));
      for (const e of events) {
        const place = e.place_json
          ? (JSON.parse(e.place_json) as { name: string; country: string | null })
          : null;
        out.set(e.id, {
          id: e.id,
          title: e.title,
          category: e.category,
          date:
            e.date_start && e.date_end
              ? {
                  start: e.date_start,
                  end: e.date_end,
                  precision: (e.date_precision ?? 'day') as DatePrecision,
                }
              : null,
          place: place && { name: place.name, country: place.country },
          storyId: e.story_id,
          level: level.get(e.id)?.level ?? null,
          independentSources: Number(level.get(e.id)?.independent_sources ?? 0),
          articleCount: count.get(e.id) ?? 0,
        });
      }
    }
    return out;
  }

  /** Returns the entity with this key, or undefined. */
  async get(key: string): Promise<EntityRow | undefined> {
    const r = await this.db.selectFrom('entities').selectAll().where('key', '=', key).executeTakeFirst();
    return r && toEntity(r);
  }

  /** How many entities are stored. */
  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('entities')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * A page of entities, those in the most events first (then by key), after the cursor; `slug` keeps
   * those whose slug contains it, `kind` those of that kind. Returns up to `limit + 1` rows (one more
   * tells the caller a next page exists).
   */
  async list(q: {
    slug?: string;
    kind?: string;
    limit: number;
    after?: { eventCount: number; key: string };
    /** Read backwards from `after` (the page before it), nearest first. */
    back?: boolean;
  }): Promise<EntityRow[]> {
    let query = this.db.selectFrom('entities').selectAll();
    if (q.kind) query = query.where('kind', '=', q.kind);
    // A slug holds letters, digits and hyphens only, so it carries no LIKE wildcard.
    if (q.slug) query = query.where('slug', 'like', `%${q.slug}%`);
    const after = q.after;
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('event_count', q.back ? '>' : '<', after.eventCount),
          eb.and([eb('event_count', '=', after.eventCount), eb('key', q.back ? '<' : '>', after.key)]),
        ]),
      );
    const rows = await query
      .orderBy('event_count', q.back ? 'asc' : 'desc')
      .orderBy('key', q.back ? 'desc' : 'asc')
      .limit(q.limit + 1)
      .execute();
    return rows.map(toEntity);
  }

  /**
   * A page of an entity's events, newest first (undated last), after the cursor (or, `back`, before it,
   * nearest first); up to `limit + 1`.
   */
  async events(
    key: string,
    limit: number,
    after?: { dateStart: string; eventId: string },
    back = false,
  ): Promise<EntityEventRow[]> {
    let query = this.db
      .selectFrom('entity_events')
      .select(['event_id', 'date_start', 'mentions'])
      .where('entity_key', '=', key);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('date_start', back ? '>' : '<', after.dateStart),
          eb.and([eb('date_start', '=', after.dateStart), eb('event_id', back ? '>' : '<', after.eventId)]),
        ]),
      );
    const rows = await query
      .orderBy('date_start', back ? 'asc' : 'desc')
      .orderBy('event_id', back ? 'asc' : 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map((r) => ({ eventId: r.event_id, dateStart: r.date_start, mentions: Number(r.mentions) }));
  }

  /**
   * The entities named most often in the same events as this one, counted over its newest `window`
   * events (so the cost is bounded however many events it has).
   */
  async related(key: string, limit: number, window = 500): Promise<(EntityRow & { shared: number })[]> {
    const recent = this.db
      .selectFrom('entity_events')
      .select('event_id')
      .where('entity_key', '=', key)
      .orderBy('date_start', 'desc')
      .orderBy('event_id', 'desc')
      .limit(window);
    const counts = await this.db
      .selectFrom('entity_events')
      .select((eb) => ['entity_key', eb.fn.countAll<string | number>().as('shared')])
      .where('event_id', 'in', recent)
      .where('entity_key', '<>', key)
      .groupBy('entity_key')
      .orderBy('shared', 'desc')
      .orderBy('entity_key')
      .limit(limit)
      .execute();
    if (!counts.length) return [];
    const rows = await this.db
      .selectFrom('entities')
      .selectAll()
      .where(
        'key',
        'in',
        counts.map((c) => c.entity_key),
      )
      .execute();
    const byKey = new Map(rows.map((r) => [r.key, toEntity(r)]));
    return counts.flatMap((c) => {
      const e = byKey.get(c.entity_key);
      return e ? [{ ...e, shared: Number(c.shared) }] : [];
    });
  }

  /** The entities each of these events names, the most-mentioned first (for lists and feeds). */
  async ofEvents(eventIds: readonly string[]): Promise<Map<string, { key: string; name: string }[]>> {
    const out = new Map<string, { key: string; name: string }[]>();
    for (const ids of chunks(eventIds)) {
      const rows = await this.db
        .selectFrom('entity_events')
        .innerJoin('entities', 'entities.key', 'entity_events.entity_key')
        .select(['entity_events.event_id', 'entities.key', 'entities.name', 'entity_events.mentions'])
        .where('entity_events.event_id', 'in', ids)
        .orderBy('entity_events.mentions', 'desc')
        .orderBy('entities.key')
        .execute();
      for (const r of rows)
        out.set(r.event_id, [...(out.get(r.event_id) ?? []), { key: r.key, name: r.name }]);
    }
    return out;
  }
}

function toEntity(r: EntitiesTable): EntityRow {
  return {
    key: r.key,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    description:
      r.description && r.description_article_id && r.description_start !== null && r.description_end !== null
        ? {
            text: r.description,
            articleId: r.description_article_id,
            start: Number(r.description_start),
            end: Number(r.description_end),
          }
        : null,
    eventCount: Number(r.event_count),
    firstDate: r.first_date || null,
    lastDate: r.last_date || null,
    updatedAt: r.updated_at,
  };
}

function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
