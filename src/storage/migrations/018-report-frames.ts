/**
 * Migration 018: each report's own reading of its event (its frame: the day it states, its place, its
 * category), stored as the resolver made it, so that assessment reads it instead of reading the report
 * again: `frame_json` on `event_reports` (a report's first passage, or the whole report) and on
 * `event_passages` (a round-up's further passages). Rows from before hold null until their report is
 * placed again; assessment reads those reports as before.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('event_reports').addColumn('frame_json', 'text').execute();
  await db.schema.alterTable('event_passages').addColumn('frame_json', 'text').execute();
}
