/**
 * Migration 019: a change mark on every event row, so that a process holding the events in memory (a
 * worker's candidate index, kept between batches) reads only what changed since it last looked, not every
 * event (see EventRepository.changedSince).
 * - `events.change_seq`, set by a trigger whenever an event is inserted or a column the resolver reads is
 *   updated (not its assessed fields or its count of editorial actions);
 * - `event_removals`: each event deleted, with the same mark.
 * On SQLite, writers take turns, so the mark is a counter (`change_counters`) the trigger advances. On
 * PostgreSQL, writers overlap, and a counter would either hold back later writers until each commits or
 * let a reader pass over a mark not yet committed: the mark is the writing transaction's id, and a reader
 * asks next for every mark from the oldest transaction still running when it read (see changeHorizon).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/** The columns whose update marks an event changed: those a cached event is read from. */
const WATCHED = [
  'title',
  'category',
  'date_start',
  'date_end',
  'date_precision',
  'place_json',
  'story_id',
  'profile_json',
  'updated_at',
].join(', ');

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('change_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('events_change_seq').on('events').column('change_seq').execute();
  await db.schema
    .createTable('event_removals')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_removals_seq').on('event_removals').column('change_seq').execute();
  if (dialect === 'postgres') await postgresTriggers(db);
  else await sqliteTriggers(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.change_seq := txid_current(); RETURN NEW; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION event_removed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO event_removals (event_id, change_seq) VALUES (OLD.id, txid_current()); RETURN OLD; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER events_changed BEFORE INSERT OR UPDATE OF ${WATCHED} ON events
       FOR EACH ROW EXECUTE FUNCTION event_changed()`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER events_removed AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION event_removed()`)
    .execute(db);
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('change_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO change_counters (name, value) VALUES ('events', 0)`.execute(db);
  const advance = `UPDATE change_counters SET value = value + 1 WHERE name = 'events';`;
  const mark = `(SELECT value FROM change_counters WHERE name = 'events')`;
  await sql
    .raw(
      `CREATE TRIGGER events_inserted AFTER INSERT ON events BEGIN ${advance}
       UPDATE events SET change_seq = ${mark} WHERE id = NEW.id; END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER events_changed AFTER UPDATE OF ${WATCHED} ON events BEGIN ${advance}
       UPDATE events SET change_seq = ${mark} WHERE id = NEW.id; END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER events_removed AFTER DELETE ON events BEGIN ${advance}
       INSERT INTO event_removals (event_id, change_seq) VALUES (OLD.id, ${mark}); END`,
    )
    .execute(db);
}
