/**
 * Migration 011: stored view models. An event's card and a story's briefing are built from every report
 * they cite (tens of milliseconds for an event of a hundred reports); they are built when the event
 * changes (run/read-models.ts) and stored here with the state they were built from, so a page view reads
 * one row. `subject` is 'event:<id>' or 'story:<id>'; `state` is the key of what the view was built
 * from (the event's or story's rows as they stood), which a reader compares with the current one before
 * using the row. Nothing is backfilled: a subject without a row is built when it is first shown.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('view_models')
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .execute();
}
