/**
 * Migration 020: `unthreaded_events`, the events changed since they were last threaded into stories. It
 * was the assessment to-do list (`pending_events`), which assessment clears: a run's assessment, running
 * while the next run placed reports, cleared events that run had changed before it threaded them, so they
 * looked for no story, and which events did depended on timing. Written with the report that changes an
 * event; cleared by threading, in the transaction that stores what it decided. The events pending now are
 * carried over.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('unthreaded_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .execute();
  await sql`INSERT INTO unthreaded_events (event_id) SELECT DISTINCT event_id FROM pending_events`.execute(
    db,
  );
}
