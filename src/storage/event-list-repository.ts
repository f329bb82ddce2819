/**
 * The read model of event and story lists (migration 008): one row per event with what a list shows and
 * filters on, each event's outlets, one row per story; keyset pages over them. Kept current by
 * run/event-list.ts; nothing here assesses or joins reports at read time.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DatePrecision, EventPlace } from '../domain/event.ts';
import { storyNames } from '../domain/story-names.ts';
import type { Database } from './schema.ts';

interface EventListTable {
  id: string;
  title: string;
  category: string | null;
  level: string | null;
  independent_sources: number;
  article_count: number;
  outlet_count: number;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  place_json: string | null;
  place_country: string | null;
  place_key: string | null;
  story_id: string | null;
  sort_date: string;
  updated_at: string;
}

interface StoryListTable {
  id: string;
  title: string;
  event_count: number;
  date_start: string | null;
  date_end: string | null;
  latest_event_id: string | null;
  latest_event_title: string | null;
  sort_date: string;
  created_at: string;
  updated_at: string;
}

type Tables = Database & {
  event_list: EventListTable;
  event_list_outlets: { event_id: string; outlet_id: string };
  event_list_names: { event_id: string; name: string };
  story_list: StoryListTable;
};

/** One event as a list shows it. */
export interface EventListRow {
  id: string;
  title: string;
  category: string | null;
  level: string | null;
  independentSources: number;
  articleCount: number;
  outletCount: number;
  date: { start: string; end: string; precision: DatePrecision } | null;
  place: EventPlace | null;
  storyId: string | null;
  /** The event's day, else when it was first stored. */
  sortDate: string;
  updatedAt: string;
}

/** One story as a list shows it. */
export interface StoryListRow {
  id: string;
  title: string;
  eventCount: number;
  span: { start: string; end: string } | null;
  latestEvent: { id: string; title: string } | null;
  /** The last event day, '' when no event is dated. */
  sortDate: string;
  createdAt: string;
  updatedAt: string;
}

/** Where a page starts: after (or before) the row with these sort keys. */
export interface ListCursor {
  sortDate: string;
  id: string;
  /** The "corroborated" order only. */
  independentSources?: number;
}

/** Which events a list holds. Absent fields do not filter. */
export interface EventListFilter {
  category?: string;
  level?: string;
  /** Events whose dates reach this day or later (YYYY-MM-DD). */
  from?: string;
  /** Events whose dates begin before this day (YYYY-MM-DD, exclusive: the day after the last one asked for). */
  toExclusive?: string;
  /** Events in this country (ISO code) or at a place of this name (lower-cased); either matches. */
  place?: { country?: string; key?: string };
  entity?: string;
  outlet?: string;
  story?: string;
}

export interface EventListPageQuery extends EventListFilter {
  sort: 'newest' | 'corroborated';
  /** Rows after this one in the order (older / less corroborated), or with `backwards`, before it. */
  cursor?: ListCursor;
  backwards?: boolean;
  limit: number;
}

/** What list rows are computed from, read in a few queries for a batch of events. */
export interface EventListFacts {
  events: {
    id: string;
    title: string;
    category: string | null;
    date_start: string | null;
    date_end: string | null;
    date_precision: string | null;
    place_json: string | null;
    story_id: string | null;
    created_at: string;
  }[];
  latest: { event_id: string; level: string; independent_sources: number }[];
  reports: { event_id: string; article_id: string; outlet_id: string | null }[];
  passages: { event_id: string; article_id: string; outlet_id: string | null }[];
}

type Eb = ExpressionBuilder<Tables, 'event_list'>;

/** Events of an entity or outlet up to which a filtered page is read from its events and sorted (a few ms). */
const SPARSE = 1000;

export class EventListRepository {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<Omit<Tables, keyof Database>>();
  }

  /** Reads what the list rows of these events (at most a few hundred) are computed from: four queries. */
  async facts(ids: string[]): Promise<EventListFacts> {
    if (!ids.length) return { events: [], latest: [], reports: [], passages: [] };
    const events = await this.db
      .selectFrom('events')
      .select([
        'id',
        'title',
        'category',
        'date_start',
        'date_end',
        'date_precision',
        'place_json',
        'story_id',
        'created_at',
      ])
      .where('id', 'in', ids)
      .execute();
    const latest = await this.db
      .selectFrom('assessments')
      .select(['event_id', 'level', 'independent_sources'])
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('assessments')
          .select((e) => e.fn.max('id').as('id'))
          .where('event_id', 'in', ids)
          .groupBy('event_id'),
      )
      .execute();
    const members = (table: 'event_reports' | 'event_passages') =>
      this.db
        .selectFrom(table)
        .leftJoin('articles', 'articles.id', `${table}.article_id`)
        .select([`${table}.event_id as event_id`, `${table}.article_id as article_id`, 'articles.outlet_id'])
        .where(`${table}.event_id`, 'in', ids)
        .execute();
    return {
      events,
      latest,
      reports: await members('event_reports'),
      passages: await members('event_passages'),
    };
  }

  /** Writes these rows (replacing earlier ones) with each event's outlets; drops the rows of `gone` ids. */
  async put(rows: EventListRow[], outlets: Map<string, string[]>, gone: string[]): Promise<void> {
    if (gone.length) await this.db.deleteFrom('event_list').where('id', 'in', gone).execute();
    if (!rows.length) return;
    const ids = rows.map((r) => r.id);
    const values = rows.map(toRow);
    await this.db
      .insertInto('event_list')
      .values(values)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const k of Object.keys(values[0] as object))
            if (k !== 'id') set[k] = eb.ref(`excluded.${k}` as 'excluded.title');
          return set as never;
        }),
      )
      .execute();
    await this.db.deleteFrom('event_list_outlets').where('event_id', 'in', ids).execute();
    const pairs = rows.flatMap((r) =>
      (outlets.get(r.id) ?? []).map((o) => ({ event_id: r.id, outlet_id: o })),
    );
    for (let i = 0; i < pairs.length; i += 500)
      await this.db
        .insertInto('event_list_outlets')
        .values(pairs.slice(i, i + 500))
        .execute();
    await this.db.deleteFrom('event_list_names').where('event_id', 'in', ids).execute();
    const names = rows.flatMap((r) =>
      storyNames(r.title, r.place?.name ?? null).map((name) => ({ event_id: r.id, name })),
    );
    for (let i = 0; i < names.length; i += 500)
      await this.db
        .insertInto('event_list_names')
        .values(names.slice(i, i + 500))
        .execute();
  }

  /**
   * The stories other than `storyId` whose events' titles or places share one of `names` (see
   * domain/story-names.ts), with their titles and the names each shares: what related stories are found from.
   */
  async storiesNaming(
    names: string[],
    storyId: string,
  ): Promise<{ storyId: string; title: string; shared: string[] }[]> {
    const found = new Map<string, { storyId: string; title: string; shared: Set<string> }>();
    for (let i = 0; i < names.length; i += 400) {
      const rows = await this.db
        .selectFrom('event_list_names as n')
        .innerJoin('event_list as l', 'l.id', 'n.event_id')
        .innerJoin('stories as s', 's.id', 'l.story_id')
        .select(['l.story_id', 's.title', 'n.name'])
        .distinct()
        .where('n.name', 'in', names.slice(i, i + 400))
        .where('l.story_id', '<>', storyId)
        .execute();
      for (const r of rows) {
        const id = r.story_id as string;
        let f = found.get(id);
        if (!f) found.set(id, (f = { storyId: id, title: r.title, shared: new Set() }));
        f.shared.add(r.name);
      }
    }
    return [...found.values()].map((f) => ({ ...f, shared: [...f.shared].sort() }));
  }

  /** The story ids the stored rows of these events name. */
  async storiesOf(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('event_list')
      .select('story_id')
      .distinct()
      .where('id', 'in', ids)
      .where('story_id', 'is not', null)
      .execute();
    return rows.map((r) => r.story_id as string);
  }

  /** Returns whether any event has a list row. */
  async any(): Promise<boolean> {
    return !!(await this.db.selectFrom('event_list').select('id').limit(1).executeTakeFirst());
  }

  /** Returns one page of events in the asked order: up to `limit` rows (the caller asks one more to see if a page follows). */
  async page(q: EventListPageQuery): Promise<EventListRow[]> {
    const dir = q.backwards ? 'asc' : 'desc';
    const sparse = {
      entity: q.entity === undefined ? null : await this.fewIds('entity_events', 'entity_key', q.entity),
      outlet: q.outlet === undefined ? null : await this.fewIds('event_list_outlets', 'outlet_id', q.outlet),
    };
    let query = this.db
      .selectFrom('event_list')
      .selectAll()
      .where((eb) => eb.and(filters(eb, q, sparse)));
    if (q.cursor)
      query = query.where((eb) => after(eb, q.sort, q.cursor as ListCursor, q.backwards ? '>' : '<'));
    if (q.sort === 'corroborated') query = query.orderBy('independent_sources', dir);
    const rows = await query.orderBy('sort_date', dir).orderBy('id', dir).limit(q.limit).execute();
    return (q.backwards ? rows.reverse() : rows).map(fromRow);
  }

  /**
   * The events of an entity or outlet when it has at most SPARSE (read no further), else null: a page
   * of few is read by their ids and sorted; of many, down the order's index, each row checked.
   */
  private async fewIds(
    table: 'entity_events' | 'event_list_outlets',
    column: 'entity_key' | 'outlet_id',
    value: string,
  ): Promise<string[] | null> {
    const { rows } = await sql<{ event_id: string }>`select event_id from ${sql.table(table)} where ${sql.ref(
      column,
    )} = ${value} limit ${SPARSE + 1}`.execute(this.db);
    return rows.length > SPARSE ? null : rows.map((r) => r.event_id);
  }

  /**
   * One page of a story's events in the order its page lists them: dated ones by first day, then undated
   * ones (in the order they were made), then by id; `limit` rows after `after` (a row of the page before).
   */
  async ofStory(
    storyId: string,
    limit: number,
    after?: { undated: boolean; sortDate: string; id: string },
  ): Promise<EventListRow[]> {
    let q = this.db.selectFrom('event_list').selectAll().where('story_id', '=', storyId);
    if (after)
      q = q.where(
        sql<SqlBool>`(${UNDATED}, sort_date, id) > (${after.undated ? 1 : 0}, ${after.sortDate}, ${after.id})`,
      );
    const rows = await q.orderBy(UNDATED).orderBy('sort_date').orderBy('id').limit(limit).execute();
    return rows.map(fromRow);
  }

  /** How many events each of these stories holds, and the first and last day of those dated. */
  async storySpans(
    storyIds: string[],
  ): Promise<Map<string, { events: number; first: string | null; last: string | null }>> {
    if (!storyIds.length) return new Map();
    const dated = (col: 'date_start' | 'date_end') =>
      sql<string | null>`case when date_start is not null and date_end is not null then ${sql.ref(col)} end`;
    const rows = await this.db
      .selectFrom('event_list')
      .select((eb) => [
        'story_id',
        eb.fn.countAll<number>().as('n'),
        eb.fn.min(dated('date_start')).as('first'),
        eb.fn.max(dated('date_end')).as('last'),
      ])
      .where('story_id', 'in', storyIds)
      .groupBy('story_id')
      .execute();
    return new Map(
      rows.map((r) => [
        r.story_id as string,
        { events: Number(r.n), first: r.first ?? null, last: r.last ?? null },
      ]),
    );
  }

  /**
   * The latest `limit` events of a story, the last of its page's order (ofStory), in that order, and how
   * many events the story holds: a briefing reads these, whatever the story's size.
   */
  async latestOfStory(storyId: string, limit: number): Promise<{ rows: EventListRow[]; total: number }> {
    const undated = await this.db
      .selectFrom('event_list')
      .selectAll()
      .where('story_id', '=', storyId)
      .where(UNDATED, '=', 1)
      .orderBy('sort_date', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    // A dated row's sort date is its first day (event-list.ts): the story's index orders them.
    const dated =
      undated.length < limit
        ? await this.db
            .selectFrom('event_list')
            .selectAll()
            .where('story_id', '=', storyId)
            .where(UNDATED, '=', 0)
            .orderBy('sort_date', 'desc')
            .orderBy('id', 'desc')
            .limit(limit - undated.length)
            .execute()
        : [];
    const total = await this.db
      .selectFrom('event_list')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('story_id', '=', storyId)
      .executeTakeFirstOrThrow();
    return { rows: [...dated.reverse(), ...undated.reverse()].map(fromRow), total: Number(total.n) };
  }

  /** The list rows of these events (at most a few hundred), in no order. */
  async rows(ids: string[]): Promise<EventListRow[]> {
    if (!ids.length) return [];
    return (await this.db.selectFrom('event_list').selectAll().where('id', 'in', ids).execute()).map(fromRow);
  }

  /** Rebuilds the rows of these stories from the stories table and their events' rows; drops those gone. */
  async refreshStories(storyIds: string[]): Promise<void> {
    if (!storyIds.length) return;
    const stories = await this.db.selectFrom('stories').selectAll().where('id', 'in', storyIds).execute();
    // Counted and spanned by the database, and each story's latest event read through the story's index:
    // a story of thousands of events is not read row by row.
    const span = await this.storySpans(storyIds);
    const rows = [];
    for (const s of stories) {
      const sp = span.get(s.id);
      if (!sp?.events) continue;
      // The last in the story page's order (undated last), as the story's briefing counts its latest.
      const latest = await this.db
        .selectFrom('event_list')
        .select(['id', 'title'])
        .where('story_id', '=', s.id)
        .orderBy(UNDATED, 'desc')
        .orderBy('sort_date', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      rows.push({
        id: s.id,
        title: s.title,
        event_count: sp.events,
        date_start: sp.first ?? null,
        date_end: sp.last ?? null,
        latest_event_id: latest.id,
        latest_event_title: latest.title,
        sort_date: sp.last ?? '',
        created_at: s.created_at,
        updated_at: s.updated_at,
      });
    }
    const kept = new Set(rows.map((r) => r.id));
    const gone = storyIds.filter((id) => !kept.has(id));
    if (gone.length) await this.db.deleteFrom('story_list').where('id', 'in', gone).execute();
    for (const r of rows) {
      const { id: _id, ...rest } = r;
      await this.db
        .insertInto('story_list')
        .values(r)
        .onConflict((oc) => oc.column('id').doUpdateSet(rest))
        .execute();
    }
  }

  /** Returns one page of stories, latest event first (`limit` rows; the caller asks one more). */
  async storyPage(q: { cursor?: ListCursor; backwards?: boolean; limit: number }): Promise<StoryListRow[]> {
    const dir = q.backwards ? 'asc' : 'desc';
    let query = this.db.selectFrom('story_list').selectAll();
    const c = q.cursor;
    if (c) {
      const op = q.backwards ? '>' : '<';
      query = query.where((eb) =>
        eb.and([
          eb('sort_date', `${op}=`, c.sortDate),
          eb.or([eb('sort_date', op, c.sortDate), eb('id', op, c.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('sort_date', dir).orderBy('id', dir).limit(q.limit).execute();
    return (q.backwards ? rows.reverse() : rows).map((r) => ({
      id: r.id,
      title: r.title,
      eventCount: Number(r.event_count),
      span: r.date_start && r.date_end ? { start: r.date_start, end: r.date_end } : null,
      latestEvent:
        r.latest_event_id && r.latest_event_title !== null
          ? { id: r.latest_event_id, title: r.latest_event_title }
          : null,
      sortDate: r.sort_date,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  /** A page of story ids in id order (for a rebuild in batches). */
  async storyIdsPage(afterId: string | null, limit: number): Promise<string[]> {
    let q = this.db.selectFrom('stories').select('id').orderBy('id').limit(limit);
    if (afterId !== null) q = q.where('id', '>', afterId);
    return (await q.execute()).map((r) => r.id);
  }

  /** A page of event ids in id order (for a rebuild in batches). */
  async eventIdsPage(afterId: string | null, limit: number): Promise<string[]> {
    let q = this.db.selectFrom('events').select('id').orderBy('id').limit(limit);
    if (afterId !== null) q = q.where('id', '>', afterId);
    return (await q.execute()).map((r) => r.id);
  }
}

/** The WHERE conditions of a list's filters; `sparse` holds the events of an entity or outlet of few. */
function filters(
  eb: Eb,
  f: EventListFilter,
  sparse: { entity: string[] | null; outlet: string[] | null },
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.category !== undefined) out.push(eb('category', '=', f.category));
  if (f.level !== undefined) out.push(eb('level', '=', f.level));
  if (f.from !== undefined) out.push(eb('date_end', '>=', f.from));
  if (f.toExclusive !== undefined) {
    out.push(eb('date_start', '<', f.toExclusive));
    // A dated event's sort date is its start: the same bound, on the column the order's index begins with.
    out.push(eb('sort_date', '<', f.toExclusive));
  }
  if (f.story !== undefined) out.push(eb('story_id', '=', f.story));
  if (f.place) {
    const either: Expression<SqlBool>[] = [];
    if (f.place.country !== undefined) either.push(eb('place_country', '=', f.place.country));
    if (f.place.key !== undefined) either.push(eb('place_key', '=', f.place.key));
    out.push(eb.or(either));
  }
  // entity_events (migration 009) is the entity index's table: which events name which entity;
  // event_list_outlets which events an outlet reports.
  for (const [key, table, column] of [
    ['entity', 'entity_events', 'entity_key'],
    ['outlet', 'event_list_outlets', 'outlet_id'],
  ] as const) {
    const value = f[key];
    if (value === undefined) continue;
    const few = sparse[key];
    if (few) out.push(few.length ? eb('id', 'in', few) : sql<SqlBool>`1 = 0`);
    else
      out.push(
        sql<SqlBool>`exists (select 1 from ${sql.table(table)} as m where m.${sql.ref(column)} = ${value} and m.event_id = event_list.id)`,
      );
  }
  return out;
}

/** Rows strictly past the cursor in the order (op '<' going down the list, '>' going up), written so an index range applies. */
function after(eb: Eb, sort: EventListPageQuery['sort'], c: ListCursor, op: '<' | '>'): Expression<SqlBool> {
  const byDate = eb.or([
    eb('sort_date', op, c.sortDate),
    eb.and([eb('sort_date', '=', c.sortDate), eb('id', op, c.id)]),
  ]);
  if (sort === 'newest') return eb.and([eb('sort_date', `${op}=`, c.sortDate), byDate]);
  const n = c.independentSources ?? 0;
  return eb.and([
    eb('independent_sources', `${op}=`, n),
    eb.or([eb('independent_sources', op, n), eb.and([eb('independent_sources', '=', n), byDate])]),
  ]);
}

function toRow(r: EventListRow): EventListTable {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    level: r.level,
    independent_sources: r.independentSources,
    article_count: r.articleCount,
    outlet_count: r.outletCount,
    date_start: r.date?.start ?? null,
    date_end: r.date?.end ?? null,
    date_precision: r.date?.precision ?? null,
    place_json: r.place ? JSON.stringify(r.place) : null,
    place_country: r.place?.country?.toUpperCase() ?? null,
    place_key: r.place?.name ? r.place.name.trim().toLowerCase() : null,
    story_id: r.storyId,
    sort_date: r.sortDate,
    updated_at: r.updatedAt,
  };
}

/** 1 for a row without a date (a day range), 0 for one with: a story lists its undated events last. */
const UNDATED = sql<number>`case when date_start is not null and date_end is not null then 0 else 1 end`;

function fromRow(r: EventListTable): EventListRow {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    level: r.level,
    independentSources: Number(r.independent_sources),
    articleCount: Number(r.article_count),
    outletCount: Number(r.outlet_count),
    date:
      r.date_start && r.date_end
        ? { start: r.date_start, end: r.date_end, precision: (r.date_precision ?? 'day') as DatePrecision }
        : null,
    place: r.place_json ? (JSON.parse(r.place_json) as EventPlace) : null,
    storyId: r.story_id,
    sortDate: r.sort_date,
    updatedAt: r.updated_at,
  };
}
