/**
 * A generated database for the web load bench (bench/web.ts): N reports (default 100,000, about 30,000
 * events) written as the pipeline would have stored them — outlets, articles with one short version each
 * (text, extraction, lineage, analysis, shingles), events with their field values, event reports with
 * tones, assessments with their level history, stories — then the project's read models refreshed for
 * every event (src/run/read-models.ts), in batches. Running the real pipeline on 100,000 reports is too
 * slow for a bench (about 50 reports per CPU-second), so nothing here is ingested: the rows are written
 * through Kysely in batched inserts, one transaction per batch of events. The shape is described in
 * bench/data/web.README.md. Texts are assembled from word lists (bench/web-text.ts).
 *
 *   npx tsx bench/web-generate.ts --db sqlite|postgres [--reports 100000] [--seed 18]
 */
import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Insertable } from 'kysely';
import pg from 'pg';
import { refreshReadModels, refreshViewModels } from '../src/run/read-models.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import type { Database } from '../src/storage/schema.ts';
import { Store } from '../src/storage/store.ts';
import { attachSupport } from './web-support.ts';
import { planWorld, planEvents, type EventRows, type World } from './web-world.ts';

/** Where a generated database goes: a SQLite file, or a fresh schema of a PostgreSQL database. */
export type WebTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string; schema: string };

/** What was written, and how long it took. */
export interface GenerateSummary {
  reports: number;
  events: number;
  outlets: number;
  stories: number;
  /** Rows in the entity index after the refresh (null when there is no such table). */
  entities: number | null;
  writeSeconds: number;
  refreshSeconds: number;
}

/** Events per write transaction, and per read-model refresh call. */
const EVENT_BATCH = 500;
const REFRESH_BATCH = 500;
/** Read-model refresh calls at once on PostgreSQL (the pool's connections). */
const PG_REFRESH_WORKERS = 4;
/** Rows per INSERT statement: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_INSERT = 400;

/** Builds the database: drops what the target held, migrates, writes every row, refreshes the read models. */
export async function generateWebDatabase(
  target: WebTarget,
  reports: number,
  opts: { seed?: number; log?: (line: string) => void } = {},
): Promise<GenerateSummary> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { db, store } = await openFresh(target);
  try {
    const t0 = performance.now();
    const world = planWorld(reports, opts.seed ?? 18);
    await insertRows(db, 'outlets', world.outletRows);
    await insertRows(db, 'stories', world.storyRows);
    const progress = meter(log, 'write', world.eventCount);
    const eventIds: string[] = [];
    for (const batch of planEvents(world, EVENT_BATCH)) {
      await db.transaction().execute((trx) => writeBatch(trx, batch));
      await indexReports(store, batch);
      eventIds.push(...batch.events.map((e) => e.id));
      progress(eventIds.length);
    }
    await db.insertInto('settings').values({ key: 'dataset.sample', value: 'fictional' }).execute();
    await attachSupport(db, meter(log, 'assessment support', world.eventCount));
    const t1 = performance.now();
    await refreshAll(store, eventIds, meter(log, 'read models', eventIds.length), log);
    const t2 = performance.now();
    // What autovacuum does on a server where it runs (it is off on some, this machine's included): the
    // planner's statistics (without them PostgreSQL guesses row counts and picks scans), and the dead rows
    // of generation cleared — search_recent alone kept 80,000 dead of 100,000 rows in its GIN index, read
    // by every search (a first search of reports cost 7.6 ms instead of 6.0).
    if (target.dialect === 'postgres') await sql`VACUUM (ANALYZE)`.execute(db);
    // Written last: bench/web.ts --reuse takes only a database whose generation ended.
    const marker = JSON.stringify({ reports, seed: opts.seed ?? 18 });
    await db.insertInto('settings').values({ key: 'bench.web.generated', value: marker }).execute();
    return {
      reports: world.reportCount,
      events: world.eventCount,
      outlets: world.outletRows.length,
      stories: world.storyRows.length,
      entities: await countIfTable(db, 'entities'),
      writeSeconds: (t1 - t0) / 1000,
      refreshSeconds: (t2 - t1) / 1000,
    };
  } finally {
    await store.close();
  }
}

/**
 * Calls the project's read-model refresh for every event, REFRESH_BATCH at a time: one batch after
 * another on SQLite (one connection); on PostgreSQL, after the first alone, batches on each of the pool's
 * connections at once, and a batch that failed there (two batches touching one entity's row) again alone
 * at the end.
 */
async function refreshAll(
  store: Store,
  ids: string[],
  progress: (done: number) => void,
  log: (line: string) => void,
  refresh: (store: Store, ids: string[]) => Promise<void> = refreshReadModels,
): Promise<void> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) batches.push(ids.slice(i, i + REFRESH_BATCH));
  const failed: string[][] = [];
  let done = 0;
  // The first call alone: a read model may build itself whole on its first refresh (the entity index does).
  let next = 1;
  await refresh(store, batches[0] ?? []);
  progress((done += batches[0]?.length ?? 0));
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as string[];
      try {
        await refresh(store, batch);
      } catch (err) {
        if (store.dialect === 'sqlite') throw err;
        failed.push(batch);
        continue;
      }
      progress((done += batch.length));
    }
  };
  await Promise.all(Array.from({ length: store.dialect === 'sqlite' ? 1 : PG_REFRESH_WORKERS }, worker));
  if (failed.length) log(`  read models: ${failed.length} batches failed side by side; again one at a time`);
  for (const batch of failed) {
    await refresh(store, batch);
    progress((done += batch.length));
  }
}

/** Writes one batch of events with their reports, versions, memberships and assessments. */
async function writeBatch(db: Kysely<Database>, b: EventRows): Promise<void> {
  await insertRows(db, 'events', b.events);
  await insertRows(db, 'articles', b.articles);
  await insertRows(db, 'article_versions', b.versions);
  await insertRows(db, 'event_reports', b.reports);
  await insertRows(db, 'assessments', b.assessments);
  await insertRows(db, 'event_background', b.background);
}

/**
 * Feeds the search index of reports, kept on article save (which these rows bypass), when there is one:
 * in one transaction on SQLite (one connection), on PostgreSQL over the pool's connections at once.
 */
async function indexReports(store: Store, b: EventRows): Promise<void> {
  const docs = b.versions.map((v) => ({ id: v.article_id, title: v.title ?? null, text: v.text }));
  const searchOf = (repos: unknown) => (repos as { search?: SearchIndex }).search;
  if (!searchOf(store)?.indexReport) return;
  if (store.dialect === 'sqlite') {
    await store.transaction(async (repos) => {
      for (const d of docs) await searchOf(repos)?.indexReport?.(d);
    });
    return;
  }
  let next = 0;
  const worker = async () => {
    while (next < docs.length) await searchOf(store)?.indexReport?.(docs[next++] as (typeof docs)[number]);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

/** The part of the search repository (src/storage/search-repository.ts) that indexes a report. */
interface SearchIndex {
  indexReport?(r: { id: string; title: string | null; text: string }): Promise<void>;
}

/** Inserts rows in statements of ROWS_PER_INSERT (fewer for wide rows). */
async function insertRows<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .execute();
}

/** Opens the target emptied and migrated: a new SQLite file, or the schema dropped and created again. */
async function openFresh(target: WebTarget, fresh = true): Promise<{ db: Kysely<Database>; store: Store }> {
  if (target.dialect === 'sqlite') {
    if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.path}${suffix}`, { force: true });
    const conn = new BetterSqlite3(target.path);
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = OFF'); // a generated file: a crash means generating again
    conn.pragma('cache_size = -262144');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
    await migrateToLatest(db as unknown as Kysely<unknown>, 'sqlite');
    return { db, store: new Store(db, 'sqlite', target.path) };
  }
  const admin = new pg.Client({ connectionString: withDefaultUser(target.url) });
  await admin.connect();
  if (fresh) await admin.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
  await admin.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  await admin.end();
  const pool = new pg.Pool({
    connectionString: withDefaultUser(target.url),
    max: 4,
    options: `-c search_path=${target.schema} -c synchronous_commit=off`,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db as unknown as Kysely<unknown>, 'postgres', target.schema);
  return { db, store: new Store(db, 'postgres', `${target.url} (schema ${target.schema})`) };
}

async function countIfTable(db: Kysely<Database>, table: string): Promise<number | null> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === table)) return null;
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Returns a progress printer: a line at most every 2 s and at the end, with the rate. */
function meter(
  log: (line: string) => void,
  what: string,
  total: number,
): (done: number, of?: number) => void {
  const start = performance.now();
  let last = 0;
  return (done, of = total) => {
    total = of;
    const now = performance.now();
    if (done < total && now - last < 2000) return;
    last = now;
    const s = (now - start) / 1000;
    log(
      `  ${what}: ${done}/${total} events (${Math.round((100 * done) / total)}%, ${s.toFixed(0)} s, ${Math.round(done / s)}/s)`,
    );
  };
}

/** The target a `--db` choice names, for a number of reports (the bench's own paths and schemas). */
export function benchTarget(dialect: 'sqlite' | 'postgres', reports: number, pgUrl: string): WebTarget {
  return dialect === 'sqlite'
    ? { dialect, path: `/tmp/corroborate-bench-web-${reports}.db` }
    : { dialect, url: pgUrl, schema: `bench_web_${reports}` };
}

/** The store a server opens for a target (with the schema on PostgreSQL). */
export function targetDb(target: WebTarget): { db: string; schema?: string } {
  return target.dialect === 'sqlite' ? { db: target.path } : { db: target.url, schema: target.schema };
}

export type { World };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  if (args.includes('--help') || !value('--db')) {
    console.log(
      'usage: npx tsx bench/web-generate.ts --db sqlite|postgres [--reports 100000] [--seed 18] [--pg URL]\n' +
        '       [--attach-support]  only add the stored support to the latest assessments of a database made before\n' +
        '       [--refresh-views]   only build the stored cards and briefings of a database made before\n' +
        'Writes a generated database for bench/web.ts: /tmp/corroborate-bench-web-N.db, or schema bench_web_N.',
    );
    process.exit(value('--db') || args.includes('--help') ? 0 : 2);
  }
  const dialect = value('--db') === 'postgres' ? 'postgres' : 'sqlite';
  const reports = Number(value('--reports') ?? 100_000);
  const target = benchTarget(dialect, reports, value('--pg') ?? 'postgres://127.0.0.1:5432/test');
  if (args.includes('--attach-support')) {
    // A database generated before assessments kept their support: complete it in place.
    const { db, store } = await openFresh(target, false);
    const n = await attachSupport(
      db,
      meter((l) => process.stderr.write(`${l}\n`), 'assessment support', 1),
    );
    await store.close();
    console.log(JSON.stringify({ target: targetDb(target), supported: n }));
    return;
  }
  if (args.includes('--refresh-views')) {
    // A database generated before cards and briefings were stored (migration 011): build them in place.
    const { db, store } = await openFresh(target, false);
    const ids = (await db.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
    const log = (l: string) => process.stderr.write(`${l}\n`);
    await refreshAll(store, ids, meter(log, 'stored views', ids.length), log, refreshViewModels);
    if (target.dialect === 'postgres') await sql`ANALYZE`.execute(db);
    await store.close();
    console.log(JSON.stringify({ target: targetDb(target), events: ids.length }));
    return;
  }
  const summary = await generateWebDatabase(target, reports, { seed: Number(value('--seed') ?? 18) });
  console.log(JSON.stringify({ target: targetDb(target), ...summary }));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
