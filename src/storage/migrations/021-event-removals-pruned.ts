/**
 * Migration 021: when each event was deleted (`event_removals.removed_at`), so that deletions older than
 * a reader can need are pruned (EventRepository.pruneRemovals): a reprocess deletes every event, and the
 * list grew by that much each time. A reader whose horizon lies before what was pruned reads every event
 * again (EventRepository.changedSince says its changes are incomplete). Deletions listed before this
 * migration count as deleted now.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE event_removals ADD COLUMN removed_at timestamptz NOT NULL DEFAULT now()`.execute(
      db,
    );
  } else {
    // SQLite adds no column with a default that is not a constant: the trigger writes the time instead.
    const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
    await sql`ALTER TABLE event_removals ADD COLUMN removed_at text`.execute(db);
    await sql.raw(`UPDATE event_removals SET removed_at = ${now}`).execute(db);
    await sql`DROP TRIGGER IF EXISTS events_removed`.execute(db);
    await sql
      .raw(
        `CREATE TRIGGER events_removed AFTER DELETE ON events BEGIN
         UPDATE change_counters SET value = value + 1 WHERE name = 'events';
         INSERT INTO event_removals (event_id, change_seq, removed_at)
         VALUES (OLD.id, (SELECT value FROM change_counters WHERE name = 'events'), ${now}); END`,
      )
      .execute(db);
  }
  await db.schema.createIndex('event_removals_at').on('event_removals').column('removed_at').execute();
}
