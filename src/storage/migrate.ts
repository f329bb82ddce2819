/** Forward-only migrations, applied in order with Kysely's migrator on either database. */
import {
  DEFAULT_MIGRATION_TABLE,
  Migrator,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Dialect } from './dialect.ts';
import * as m001 from './migrations/001-initial.ts';
import * as m002 from './migrations/002-article-lookups.ts';
import * as m003 from './migrations/003-copy-index.ts';
import * as m004 from './migrations/004-outlet-registry.ts';
import * as m005 from './migrations/005-event-lineage.ts';
import * as m006 from './migrations/006-dispute-resolutions.ts';
import * as m007 from './migrations/007-outlet-aliases.ts';
import * as m008 from './migrations/008-event-list.ts';
import * as m009 from './migrations/009-entities.ts';
import * as m010 from './migrations/010-search.ts';
import * as m011 from './migrations/011-view-models.ts';
import * as m012 from './migrations/012-articles-outlet.ts';
import * as m013 from './migrations/013-search-index-upkeep.ts';
import * as m014 from './migrations/014-search-recent.ts';
import * as m015 from './migrations/015-accounts.ts';
import * as m016 from './migrations/016-event-edits.ts';
import * as m017 from './migrations/017-run-locks.ts';
import * as m018 from './migrations/018-report-frames.ts';
import * as m019 from './migrations/019-event-changes.ts';
import * as m020 from './migrations/020-unthreaded-events.ts';
import * as m021 from './migrations/021-event-removals-pruned.ts';
import * as m022 from './migrations/022-event-list-names.ts';

/** Every migration in order; add new files at the end and never edit an applied one. */
const MIGRATIONS: [string, { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> }][] = [
  ['001-initial', m001],
  ['002-article-lookups', m002],
  ['003-copy-index', m003],
  ['004-outlet-registry', m004],
  ['005-event-lineage', m005],
  ['006-dispute-resolutions', m006],
  ['007-outlet-aliases', m007],
  ['008-event-list', m008],
  ['009-entities', m009],
  ['010-search', m010],
  ['011-view-models', m011],
  ['012-articles-outlet', m012],
  ['013-search-index-upkeep', m013],
  ['014-search-recent', m014],
  ['015-accounts', m015],
  ['016-event-edits', m016],
  ['017-run-locks', m017],
  ['018-report-frames', m018],
  ['019-event-changes', m019],
  ['020-unthreaded-events', m020],
  ['021-event-removals-pruned', m021],
  ['022-event-list-names', m022],
];

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of MIGRATIONS) out[name] = { up: (db) => m.up(db, this.dialect) };
    return out;
  }
}

/**
 * Applies every pending migration (bookkeeping in `schema` when given); returns the names applied now.
 * One process at a time: on PostgreSQL Kysely's migrator holds an advisory lock and a transaction. On
 * SQLite it holds neither (its lock holds within a process, and it runs each statement on its own), so
 * two processes opening a new file at once both created its tables (one failed: "table … already
 * exists"), and a process killed mid-way left a schema half made: the pending migrations run here in
 * one immediate transaction, which waits for another process's and is undone whole if this one fails.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const run = async () => {
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };
  if (dialect !== 'sqlite') return run();
  const status = await migrationStatus(db, dialect, schema);
  const unknown = status.find((m) => !m.known);
  // As Kysely says it (see classifyDbError): a newer version upgraded the database.
  if (unknown)
    throw new Error(`corrupted migrations: previously executed migration ${unknown.name} is missing`);
  if (status.every((m) => m.appliedAt)) return [];
  // SQLite's one connection of this process: the migrator's statements run inside this transaction.
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    const applied = await run();
    await sql`COMMIT`.execute(db);
    return applied;
  } catch (err) {
    await sql`ROLLBACK`.execute(db).catch(() => undefined);
    throw err;
  }
}

/**
 * Each migration of this code in order, with when it was applied to the database (null: pending), then
 * any the database holds that this code does not know (`known: false`: a newer version applied them).
 */
export async function migrationStatus(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
): Promise<{ name: string; appliedAt: string | null; known: boolean }[]> {
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const ours = (await migrator.getMigrations()).map((m) => ({
    name: m.name,
    appliedAt: m.executedAt ? m.executedAt.toISOString() : null,
    known: true,
  }));
  if (!ours.some((m) => m.appliedAt)) return ours;
  const table = sql.table(schema ? `${schema}.${DEFAULT_MIGRATION_TABLE}` : DEFAULT_MIGRATION_TABLE);
  const applied = await sql<{ name: string; timestamp: string }>`
    SELECT name, timestamp FROM ${table} ORDER BY name`.execute(db);
  const names = new Set(ours.map((m) => m.name));
  const theirs = applied.rows
    .filter((r) => !names.has(r.name))
    .map((r) => ({ name: r.name, appliedAt: r.timestamp, known: false }));
  return [...ours, ...theirs];
}

/** The names of the migrations this code knows, in order. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);
