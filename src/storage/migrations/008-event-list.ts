/**
 * Migration 008: the read model of event and story lists. One row per event with what a list shows
 * and filters on (kept current on write by run/event-list.ts), the outlets of each event for the outlet
 * filter, and one row per story with its list sort key. Rows go with their event or story (ON DELETE
 * CASCADE), so an event retired by a merge, a reprocess or an editor leaves no row behind.
 * A database that holds events already is marked to be rebuilt once (EVENT_LIST_REBUILD).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/** The settings key whose value 'rebuild' asks for the list rows of every event to be built once. */
export const EVENT_LIST_REBUILD = 'read-model.event-list';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('event_list')
    .addColumn('id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('level', 'text')
    .addColumn('independent_sources', 'integer', (c) => c.notNull())
    .addColumn('article_count', 'integer', (c) => c.notNull())
    .addColumn('outlet_count', 'integer', (c) => c.notNull())
    .addColumn('date_start', 'text')
    .addColumn('date_end', 'text')
    .addColumn('date_precision', 'text')
    .addColumn('place_json', 'text')
    .addColumn('place_country', 'text')
    /** The place's name, lower-cased, for the place filter. */
    .addColumn('place_key', 'text')
    .addColumn('story_id', 'text')
    /** The event's day, else when it was first stored: the "newest" order. */
    .addColumn('sort_date', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('event_list').columns(columns).execute();
  await index('event_list_newest', ['sort_date desc', 'id desc']);
  await index('event_list_corroborated', ['independent_sources desc', 'sort_date desc', 'id desc']);
  await index('event_list_category', ['category', 'sort_date desc', 'id desc']);
  await index('event_list_level', ['level', 'sort_date desc', 'id desc']);
  await index('event_list_country', ['place_country', 'sort_date desc', 'id desc']);
  await index('event_list_place', ['place_key', 'sort_date desc', 'id desc']);
  await index('event_list_story', ['story_id', 'sort_date']);

  await db.schema
    .createTable('event_list_outlets')
    .addColumn('event_id', 'text', (c) => c.notNull().references('event_list.id').onDelete('cascade'))
    .addColumn('outlet_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_list_outlets_pk', ['event_id', 'outlet_id'])
    .execute();
  await db.schema
    .createIndex('event_list_outlets_outlet')
    .on('event_list_outlets')
    .columns(['outlet_id', 'event_id'])
    .execute();

  await db.schema
    .createTable('story_list')
    .addColumn('id', 'text', (c) => c.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('date_start', 'text')
    .addColumn('date_end', 'text')
    .addColumn('latest_event_id', 'text')
    .addColumn('latest_event_title', 'text')
    /** The last event day ('' when no event is dated): the list order, latest first. */
    .addColumn('sort_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('story_list_latest')
    .on('story_list')
    .columns(['sort_date desc', 'id desc'])
    .execute();

  // A database from before this migration: its rows are built once, in batches, by the first list read.
  const { rows } = await sql<{ n: number }>`select 1 as n from events limit 1`.execute(db);
  if (rows.length)
    await sql`insert into settings (key, value) values (${EVENT_LIST_REBUILD}, 'rebuild')`.execute(db);
}
