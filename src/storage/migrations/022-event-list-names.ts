/**
 * Migration 022: the names of each event's list row (domain/story-names.ts), by which a story's briefing
 * finds related stories. Before, every event of every story was read to find them each time a briefing was
 * built. The rows go with their event's list row; a database that holds events already has its list rows
 * built again once by the first list read (EVENT_LIST_REBUILD), which writes their names.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { EVENT_LIST_REBUILD } from './008-event-list.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('event_list_names')
    .addColumn('event_id', 'text', (c) => c.notNull().references('event_list.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_list_names_pk', ['event_id', 'name'])
    .execute();
  await db.schema
    .createIndex('event_list_names_name')
    .on('event_list_names')
    .columns(['name', 'event_id'])
    .execute();
  const { rows } = await sql<{ n: number }>`select 1 as n from event_list limit 1`.execute(db);
  if (rows.length)
    await sql`insert into settings (key, value) values (${EVENT_LIST_REBUILD}, 'rebuild')
      on conflict (key) do update set value = 'rebuild'`.execute(db);
}
