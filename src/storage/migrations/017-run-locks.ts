/**
 * Migration 017: `run_locks`, one row per lock a run holds (see run-lock.ts): who holds it (host,
 * process, command) and since when. On SQLite the row is the lock itself, held while its holder's process
 * runs; on PostgreSQL an advisory lock is the lock and the row only tells a waiting run whom it
 * waits for.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('run_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .execute();
}
