/**
 * The store: one database connection (SQLite file or PostgreSQL URL), migrated on open,
 * exposing one repository per aggregate. The only door to the database.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CorroborateError } from '../domain/errors.ts';
import { ArticleRepository } from './article-repository.ts';
import { AuditRepository } from './audit-repository.ts';
import { describeDb, parseDbSpec, withDefaultUser, type Dialect, type DbSpec } from './dialect.ts';
import { SessionRepository, SubmissionRepository, UserRepository } from './editorial-repository.ts';
import { EventListRepository } from './event-list-repository.ts';
import { EntityRepository } from './entity-repository.ts';
import { EventRepository } from './event-repository.ts';
import { FeedRepository } from './feed-repository.ts';
import { migrateToLatest, migrationStatus } from './migrate.ts';
import { OutletRepository } from './outlet-repository.ts';
import { ReportLinkRepository } from './report-link-repository.ts';
import { PublishRepository } from './publish-repository.ts';
import type { Database } from './schema.ts';
import { withRunLock, type LockOptions } from './run-lock.ts';
import { SearchRepository } from './search-repository.ts';
import { SettingsRepository } from './settings-repository.ts';
import { withPreparedStatements, withStatementCache } from './statement-cache.ts';
import { StoryRepository } from './story-repository.ts';
import { ViewModelRepository } from './view-model-repository.ts';

/** The repositories over one connection or one transaction. */
export class Repositories {
  readonly outlets: OutletRepository;
  readonly articles: ArticleRepository;
  readonly search: SearchRepository;
  readonly events: EventRepository;
  readonly eventList: EventListRepository;
  readonly stories: StoryRepository;
  readonly audit: AuditRepository;
  readonly settings: SettingsRepository;
  readonly feeds: FeedRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly submissions: SubmissionRepository;
  readonly entities: EntityRepository;
  readonly reportLinks: ReportLinkRepository;
  readonly publish: PublishRepository;
  readonly viewModels: ViewModelRepository;

  constructor(db: Kysely<Database>, dialect: Dialect) {
    this.outlets = new OutletRepository(db);
    this.search = new SearchRepository(db, dialect);
    this.articles = new ArticleRepository(db, this.search);
    this.events = new EventRepository(db, dialect);
    this.eventList = new EventListRepository(db);
    this.stories = new StoryRepository(db);
    this.audit = new AuditRepository(db);
    this.settings = new SettingsRepository(db);
    this.feeds = new FeedRepository(db);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.submissions = new SubmissionRepository(db, dialect);
    this.entities = new EntityRepository(db);
    this.reportLinks = new ReportLinkRepository(db);
    this.publish = new PublishRepository(db);
    this.viewModels = new ViewModelRepository(db);
  }
}

export class Store extends Repositories {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    /** The database as it may be printed (no password). */
    readonly name: string,
    /** PostgreSQL: the schema worked in, when not the connection's own. */
    private readonly schema?: string,
  ) {
    super(db, dialect);
  }

  /** Each migration of this version in order, with when it was applied here (null: pending); then any unknown to it. */
  async migrations(): Promise<{ name: string; appliedAt: string | null; known: boolean }[]> {
    try {
      return await migrationStatus(this.db as unknown as Kysely<unknown>, this.dialect, this.schema);
    } catch (err) {
      throw classifyDbError(err, this.name);
    }
  }

  /** Applies the pending migrations (one process at a time; see migrateToLatest); returns their names. */
  async migrate(): Promise<string[]> {
    try {
      return await migrateToLatest(this.db as unknown as Kysely<unknown>, this.dialect, this.schema);
    } catch (err) {
      throw classifyDbError(err, this.name);
    }
  }

  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  async transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
    try {
      return await this.db
        .transaction()
        .execute((trx: Transaction<Database>) => fn(new Repositories(trx, this.dialect)));
    } catch (err) {
      throw classifyDbError(err, this.name);
    }
  }

  /**
   * Runs `fn` holding the database's lock `name`, which one run at a time holds (see run-lock.ts): waits
   * for a run that holds it, or is refused, as `opts` say.
   */
  exclusive<T>(name: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
    return withRunLock(this.db, this.dialect, name, opts, fn);
  }

  /** PostgreSQL: the schema the store works in (its connection's current schema); SQLite: null. */
  async workingSchema(): Promise<string | null> {
    if (this.dialect !== 'postgres') return null;
    const { rows } = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(this.db);
    return rows[0]?.s ?? null;
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.db.destroy();
  }
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (created if missing); tests use one each. */
  schema?: string;
  /**
   * How the database is read. SQLite: 'write' (the default, for ingest and the other commands) maps the
   * file into memory and keeps a 64 MB page cache: index lookups stay a few memory reads as the file
   * grows. 'serve' reads through the system's file cache with a 16 MB page cache: as fast for the web
   * app's point reads (measured side by side at 100,000 reports), and the server's resident memory does
   * not grow with the parts of the file it has touched. PostgreSQL: 'serve' opens, warms and keeps every
   * connection, turns parallel plans off and prepares the marked queries (see openPostgres).
   */
  access?: 'write' | 'serve';
  /** Whether to apply pending migrations on opening (the default); `corroborate migrate` opens without. */
  migrate?: boolean;
}

/** Opens (creating and migrating if needed) the database a `--db` value names; throws a `database` error naming it on failure. */
export async function openStore(raw: string, opts: OpenOptions = {}): Promise<Store> {
  const spec = parseDbSpec(raw);
  const name = describeDb(spec);
  const db =
    spec.dialect === 'sqlite'
      ? openSqlite(spec.path, name, opts.access ?? 'write')
      : openPostgres(spec, opts.schema, opts.access ?? 'write');
  try {
    if (spec.dialect === 'postgres' && opts.schema)
      await db.schema.createSchema(opts.schema).ifNotExists().execute();
    // The migrator reads the catalog of every schema; another session dropping a schema or a table of
    // its own meanwhile makes that read fail ("schema … does not exist", 3F000; "relation other.t does not
    // exist", 42P01), which says nothing of ours: read again (seen when test processes drop their schemas
    // and tables side by side). A table of ours that is truly missing fails the same way three times.
    for (let attempt = 1; opts.migrate !== false; attempt++) {
      try {
        await migrateToLatest(
          db as unknown as Kysely<unknown>,
          spec.dialect,
          spec.dialect === 'postgres' ? opts.schema : undefined,
        );
        break;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 3 || (code !== '3F000' && code !== '42P01')) throw err;
      }
    }
    if (spec.dialect === 'postgres' && opts.access === 'serve') await warmConnections(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw classifyDbError(err, name);
  }
  return new Store(db, spec.dialect, name, spec.dialect === 'postgres' ? opts.schema : undefined);
}

/** Opens a SQLite file; refuses a file whose permission bits forbid writing (even for root), so nothing is half-written. */
function openSqlite(path: string, name: string, access: 'write' | 'serve'): Kysely<Database> {
  const st = statOrNull(path);
  if (st && !st.isFile()) throw new CorroborateError('database', 'not a database file', name);
  if (st && (st.mode & 0o222) === 0)
    throw new CorroborateError('database', 'database file is read-only', name);
  if (!st && path !== ':memory:') {
    const dir = statOrNull(dirname(path));
    if (!dir?.isDirectory())
      throw new CorroborateError('database', `folder ${dirname(path)} does not exist`, name);
  }
  let conn: BetterSqlite3.Database;
  try {
    conn = new BetterSqlite3(path);
    conn.pragma('journal_mode = WAL');
    conn.pragma('foreign_keys = ON');
    conn.pragma('busy_timeout = 5000');
    // Reads through a memory map and a 64 MB page cache: index lookups (the copy index's bands, event
    // candidates) stay a few memory reads as the file grows past the cache, instead of a read call each.
    // A server reads through the file cache instead (OpenOptions.access).
    conn.pragma(access === 'serve' ? 'cache_size = -16384' : 'cache_size = -65536');
    if (path !== ':memory:' && access === 'write') conn.pragma('mmap_size = 4294967296');
  } catch (err) {
    throw classifyDbError(err, name);
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(conn) }) });
}

/** Connections to PostgreSQL a process holds at most. */
const PG_POOL_SIZE = 4;

function openPostgres(
  spec: Extract<DbSpec, { dialect: 'postgres' }>,
  schema: string | undefined,
  access: 'write' | 'serve',
): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: withDefaultUser(spec.url),
    max: PG_POOL_SIZE,
    connectionTimeoutMillis: 5000,
    // A server keeps its connections (warmed at start, see warmConnections); a command lets an idle one go.
    idleTimeoutMillis: access === 'serve' ? 0 : 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  // A server answers many small requests at once: a parallel plan's workers cost more to start than the
  // query takes (a search spent 40 ms starting two workers for a scan its plan never ran) and take the
  // cores the other requests need. Ingest and the other commands keep them. Set on each new connection,
  // so that it holds whatever options the database address carries. A server's connections also prepare
  // the queries marked PREPARED (withPreparedStatements), each kept with one generic plan, written to
  // serve every value: planning a search's queries cost about as much as running them (about 2 of 3-5 ms
  // each at 100,000 reports).
  if (access === 'serve')
    pool.on('connect', (client) => {
      withPreparedStatements(client);
      void client
        .query('SET max_parallel_workers_per_gather = 0; SET plan_cache_mode = force_generic_plan')
        .catch(() => undefined);
    });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * PostgreSQL, for a server: opens every connection of the pool and has each plan a read of every table of
 * the schema. A new connection's first query on a table reads the catalog for it and its indexes (about
 * 20-90 ms for an event page's dozen tables); done here, before the server listens, the first readers do
 * not pay it, nor those queued behind them (an event page's p99 over the first second of load was 350 ms
 * without, on a server just started). The connections are then kept (openPostgres).
 */
async function warmConnections(db: Kysely<Database>): Promise<void> {
  const tables = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(
    db,
  );
  let held = 0;
  let allHeld = () => undefined as void;
  const barrier = new Promise<void>((resolve) => (allHeld = resolve));
  await Promise.all(
    Array.from({ length: PG_POOL_SIZE }, () =>
      db.connection().execute(async (conn) => {
        if (++held === PG_POOL_SIZE) allHeld();
        await barrier; // every connection is held at once, so each warm-up runs on a connection of its own
        for (const t of tables.rows) await sql`SELECT * FROM ${sql.table(t.name)} LIMIT 0`.execute(conn);
        // The first plan of a full-text query also reads the text-search configuration, its functions and
        // operators (10-20 ms of a first search's 20-40): a search for a word no report has.
        const repos = new Repositories(conn, 'postgres');
        const nothing = [{ text: 'corroboratewarmup', prefix: false }];
        await repos.search.version();
        await repos.search.reports(nothing, 1);
        await repos.search.events(nothing, 1);
      }),
    ),
  );
  await new Repositories(db, 'postgres').search.warm();
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Whether an error was raised by the database itself (a SQLite or PostgreSQL error carrying its code), not
 * elsewhere in a command (a fetch's ECONNREFUSED is no database's).
 */
export function isDatabaseError(err: unknown): boolean {
  return err instanceof BetterSqlite3.SqliteError || err instanceof pg.DatabaseError;
}

/** Whether the database refused a write because it is read-only (a read-only file or connection, a standby). */
export function isReadOnlyError(err: unknown): boolean {
  const known = isDatabaseError(err) ? classifyDbError(err, '') : err;
  return known instanceof CorroborateError && known.message === READ_ONLY;
}

const READ_ONLY = 'database is read-only';

/** Returns a `database` error with a one-line reason for a driver error; passes product errors through. */
export function classifyDbError(err: unknown, name: string): Error {
  if (err instanceof CorroborateError) return err;
  const e = err as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e.code ?? e.errors?.[0]?.code ?? '';
  const reasons: Record<string, string> = {
    SQLITE_READONLY: READ_ONLY,
    SQLITE_READONLY_DBMOVED: READ_ONLY,
    SQLITE_CANTOPEN: 'cannot open database file',
    SQLITE_NOTADB: 'file is not a SQLite database',
    SQLITE_CORRUPT: 'database file is corrupt',
    SQLITE_FULL: 'disk is full',
    SQLITE_BUSY: 'database is locked by another process',
    ECONNREFUSED: 'cannot connect to database (connection refused)',
    ENOTFOUND: 'cannot connect to database (unknown host)',
    ETIMEDOUT: 'cannot connect to database (timed out)',
    EHOSTUNREACH: 'cannot connect to database (host unreachable)',
    '3D000': 'database does not exist',
    // A database (or server) whose transactions are read-only: a hot standby, default_transaction_read_only.
    '25006': READ_ONLY,
    '28P01': 'authentication failed',
  };
  const reason = reasons[code] ?? (code === '28000' ? `not authorised (${e.message})` : undefined);
  // Kysely's word for a database upgraded by a newer version: a migration applied that this one lacks.
  const newer = /previously executed migration (\S+) is missing/.exec(e.message ?? '');
  if (newer)
    return new CorroborateError(
      'database',
      `the database holds migration ${newer[1]}, which this version of Corroborate does not know (a newer version upgraded it)`,
      name,
    );
  if (reason) return new CorroborateError('database', reason, name);
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(e.message ?? ''))
    return new CorroborateError('database', 'cannot connect to database (timed out)', name);
  return err instanceof Error ? err : new Error(String(err));
}
