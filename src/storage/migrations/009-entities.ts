/**
 * Migration 009: the entity index and the report lineage index, read models kept current on write.
 * - entities: one row per person, organisation or place the events' reports name, with a description
 *   taken from a report sentence (its citation: report id and sentence offsets) and its event span.
 * - entity_events: which events name which entity (both ways indexed: an entity's events newest first,
 *   an event's entities); the spelling and description candidate each event gives.
 * - report_links: one row per report of an event: its outlet, publication time and what it copies or
 *   credits (the report and outlet of origin), so an outlet's reports and its origin/copy counts are
 *   index range reads.
 * Dates and times are ISO text; a missing one is stored as '' so keyset pages sort on plain columns.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('entities')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('description_article_id', 'text')
    .addColumn('description_start', 'integer')
    .addColumn('description_end', 'integer')
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('first_date', 'text', (c) => c.notNull())
    .addColumn('last_date', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entities_slug').on('entities').column('slug').execute();
  await db.schema.createIndex('entities_rank').on('entities').columns(['event_count', 'key']).execute();
  await db.schema
    .createIndex('entities_kind_rank')
    .on('entities')
    .columns(['kind', 'event_count', 'key'])
    .execute();

  await db.schema
    .createTable('entity_events')
    .addColumn('entity_key', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('date_start', 'text', (c) => c.notNull())
    .addColumn('mentions', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('description_article_id', 'text')
    .addColumn('description_start', 'integer')
    .addColumn('description_end', 'integer')
    .addPrimaryKeyConstraint('entity_events_pk', ['entity_key', 'event_id'])
    .execute();
  await db.schema
    .createIndex('entity_events_by_entity')
    .on('entity_events')
    .columns(['entity_key', 'date_start', 'event_id'])
    .execute();
  await db.schema
    .createIndex('entity_events_by_event')
    .on('entity_events')
    .columns(['event_id', 'entity_key'])
    .execute();

  await db.schema
    .createTable('report_links')
    .addColumn('article_id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    /** 'copy' or 'credit' when the report derives from another; null for the report's own work. */
    .addColumn('derives_kind', 'text')
    .addColumn('origin_article_id', 'text')
    .addColumn('origin_outlet_id', 'text')
    .execute();
  await db.schema
    .createIndex('report_links_outlet')
    .on('report_links')
    .columns(['outlet_id', 'published_at', 'article_id'])
    .execute();
  await db.schema
    .createIndex('report_links_time')
    .on('report_links')
    .columns(['published_at', 'article_id'])
    .execute();
  await db.schema
    .createIndex('report_links_origin_outlet')
    .on('report_links')
    .columns(['origin_outlet_id', 'origin_article_id'])
    .execute();
  // The outlets index pages by name.
  await db.schema.createIndex('outlets_name').on('outlets').columns(['name', 'id']).execute();
  await db.schema.createIndex('report_links_event').on('report_links').column('event_id').execute();
}
