/**
 * Migration 005: stable event identity and field-level events — the record of merges and splits
 * (an event id that is gone still leads to the event its reports went to), per event the values of
 * each field with the reports that support them, the passages of reports that recall an earlier
 * event (background: a link to that event, not a report of it), and the passages by which a report of
 * several events (a round-up) backs each event beyond its first.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('event_lineage')
    .addColumn('id', serial, (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('article_ids_json', 'text', (c) => c.notNull())
    .addColumn('counterpart_ids_json', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('detail_json', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_lineage_from').on('event_lineage').columns(['from_id', 'id']).execute();
  await db.schema.createIndex('event_lineage_to').on('event_lineage').columns(['to_id', 'id']).execute();
  await db.schema.alterTable('events').addColumn('fields_json', 'text').execute();
  // Passages of reports linked to events: background links, and a round-up's further passages.
  for (const table of ['event_background', 'event_passages']) {
    await db.schema
      .createTable(table)
      .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id'))
      .addColumn('passage_start', 'integer', (c) => c.notNull())
      .addColumn('passage_end', 'integer', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('score', 'real', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['article_id', 'passage_start'])
      .execute();
    await db.schema.createIndex(`${table}_event`).on(table).column('event_id').execute();
  }
}
