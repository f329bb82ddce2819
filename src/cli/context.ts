/** What every command starts from: the configuration (parsed once) and, where needed, the store. */
import { existsSync, readFileSync } from 'node:fs';
import { parseConfig, type Config } from '../config/config.ts';
import { CorroborateError } from '../domain/errors.ts';
import { parseDbSpec } from '../storage/dialect.ts';
import { describeHolder, type LockOptions } from '../storage/run-lock.ts';
import { classifyDbError, isDatabaseError, openStore, type Store } from '../storage/store.ts';

/** The help text of every command's `--db` option. */
export const DB_HELP =
  'database: a SQLite file or a postgres:// URL (default ./corroborate.db, env CORROBORATE_DB)';

export interface GlobalOptions {
  db?: string;
  config?: string;
  port?: number;
}

/** Returns the configuration from the optional config file, the environment and the command's options. */
export function loadConfig(opts: GlobalOptions): Config {
  const path =
    opts.config ??
    process.env.CORROBORATE_CONFIG ??
    (existsSync('corroborate.config.json') ? 'corroborate.config.json' : null);
  let file: Record<string, unknown> | null = null;
  if (path) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new CorroborateError('usage', `cannot read config file (${(err as Error).message})`, path);
    }
  }
  return parseConfig({
    env: process.env,
    file,
    overrides: {
      ...(opts.db ? { db: opts.db } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
    },
  });
}

/**
 * Runs `fn` with an open store, closing it afterwards whatever happens. A database's error met outside a
 * transaction (a run's lock, a single write) names the database, as one in a transaction does.
 */
export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config.db);
  try {
    return await fn(store);
  } catch (err) {
    throw isDatabaseError(err) ? classifyDbError(err, store.name) : err;
  } finally {
    await store.close();
  }
}

/**
 * Throws unless the database exists: commands that only read (or edit what is stored) refuse a SQLite
 * file that is not there rather than create an empty one (a typo in --db would show nothing).
 */
export function requireDatabase(config: Config): void {
  const spec = parseDbSpec(config.db);
  if (spec.dialect === 'sqlite' && spec.path !== ':memory:' && !existsSync(spec.path))
    throw new CorroborateError(
      'database',
      `no database at ${spec.path} (run \`corroborate ingest … --db ${spec.path}\` first)`,
    );
}

/** Runs `fn` with an open store that must already exist (see requireDatabase), closing it afterwards. */
export async function withExistingStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  requireDatabase(config);
  return withStore(config, fn);
}

/** The help text of the `--no-wait` option of the commands that place reports. */
export const NO_WAIT_HELP =
  'refuse at once, instead of waiting, while another run places reports in the same database';

/**
 * How a command that places reports waits for another run doing so: says once on standard error whom it
 * waits for; with `--no-wait`, refuses at once.
 */
export function lockOptions(opts: { wait?: boolean }): Omit<LockOptions, 'command'> {
  return {
    ...(opts.wait === false ? { waitMs: 0 } : {}),
    onWait: (holder) =>
      process.stderr.write(
        `waiting for another run placing reports in this database${holder ? ` (${describeHolder(holder)})` : ''}…\n`,
      ),
  };
}
