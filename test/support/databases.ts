/** The databases every storage test runs against: a fresh SQLite file, and PostgreSQL when CORROBORATE_TEST_PG is set. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withDefaultUser } from '../../src/storage/dialect.ts';
import { openStore, type Store } from '../../src/storage/store.ts';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Why the database's tests are skipped, or false to run them. */
  skip: string | false;
  /** Opens a fresh, empty store. */
  open(): Promise<Store>;
  /** Opens the store opened last again, as the web server does (`access: 'serve'`). */
  serve(): Promise<Store>;
  /** Opens the store opened last again, as a second process writing to it would. */
  reopen(): Promise<Store>;
  /** A fresh, empty database as the command line names it: a SQLite file, or a PostgreSQL database of its own. */
  address(): Promise<string>;
  /** Removes everything the opened stores created. */
  cleanup(): Promise<void>;
}

/** Returns a fresh SQLite database in a temporary folder. */
export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-test-'));
  let n = 0;
  return {
    name: 'sqlite',
    skip: false,
    open: () => openStore(join(dir, `db-${n++}.sqlite`)),
    serve: () => openStore(join(dir, `db-${n - 1}.sqlite`), { access: 'serve' }),
    reopen: () => openStore(join(dir, `db-${n - 1}.sqlite`)),
    address: async () => join(dir, `db-${n++}.sqlite`),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Returns a PostgreSQL database working in fresh schemas, or one marked skipped when no server is configured. */
export function postgresDatabase(): TestDatabase {
  const url = process.env.CORROBORATE_TEST_PG;
  const schemas: string[] = [];
  const databases: string[] = [];
  return {
    name: 'postgres',
    skip: url ? false : 'CORROBORATE_TEST_PG is not set (no PostgreSQL server given)',
    open: async () => {
      const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemas.length}`;
      schemas.push(schema);
      return openStore(url as string, { schema });
    },
    serve: () => openStore(url as string, { schema: schemas.at(-1), access: 'serve' }),
    reopen: () => openStore(url as string, { schema: schemas.at(-1) }),
    address: async () => {
      const name = `t_${process.pid}_${Date.now().toString(36)}_${databases.length}`;
      databases.push(name);
      await onServer(url as string, (c) => c.query(`CREATE DATABASE "${name}"`));
      const at = new URL(withDefaultUser(url as string));
      at.pathname = `/${name}`;
      return at.toString();
    },
    cleanup: async () => {
      if (!url) return;
      await dropSchemas(url, schemas);
      for (const d of databases)
        await onServer(url, (c) => c.query(`DROP DATABASE IF EXISTS "${d}" WITH (FORCE)`));
    },
  };
}

/** Drops these PostgreSQL schemas with all they hold (a test's own, at its end). */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (!schemas.length) return;
  await onServer(url, async (c) => {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  });
}

/** Runs `fn` on a connection of its own to the server at `url`. */
async function onServer(url: string, fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** Both databases, in the order their tests run. */
export function testDatabases(): TestDatabase[] {
  return [sqliteDatabase(), postgresDatabase()];
}
