/**
 * A database that refuses a write for a reason of its own (read-only) answers a web request with 503 and
 * the reason, not 500: the drivers' real errors through the server's one map from errors to answers, and,
 * on PostgreSQL, a server over a database whose transactions are read-only (as on a standby), where pages
 * still read and a log-in, which writes a session, is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { addUser } from '../src/run/accounts.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { statusFor } from '../src/server/error-status.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { openStore } from '../src/storage/store.ts';
import { postgresDatabase } from './support/databases.ts';
import { Client } from './support/editorial-client.ts';

const postgres = postgresDatabase();

/** Runs statements on the test server's maintenance database. */
async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({
    connectionString: withDefaultUser(process.env.CORROBORATE_TEST_PG as string),
  });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('a read-only database in a web answer [sqlite]', () => {
  it('maps SQLite refusing a write to a read-only connection to 503 naming the reason [sqlite]', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-ro-'));
    try {
      const file = join(dir, 'ro.sqlite');
      const w = new BetterSqlite3(file);
      w.exec('CREATE TABLE t (x INTEGER)');
      w.close();
      const r = new BetterSqlite3(file, { readonly: true });
      let caught: unknown;
      try {
        r.exec('INSERT INTO t VALUES (1)');
      } catch (err) {
        caught = err;
      }
      r.close();
      assert.ok(caught, 'the write was refused');
      assert.deepEqual(statusFor(caught), { status: 503, message: 'database is read-only' });
      // Errors the map does not know stay 500, with nothing of theirs shown.
      assert.deepEqual(statusFor(new Error('boom')), { status: 500, message: 'internal error' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a read-only database in a web answer [postgres]', { skip: postgres.skip }, () => {
  after(() => postgres.cleanup());

  it('maps a read-only transaction refusing a write to 503 naming the reason [postgres]', async () => {
    const client = new pg.Client({
      connectionString: withDefaultUser(process.env.CORROBORATE_TEST_PG as string),
    });
    await client.connect();
    let caught: unknown;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('CREATE TABLE corroborate_ro_probe (x integer)');
    } catch (err) {
      caught = err;
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
    assert.equal((caught as { code?: string }).code, '25006');
    assert.deepEqual(statusFor(caught), { status: 503, message: 'database is read-only' });
  });

  it('serves pages over a read-only database and refuses a log-in with 503, not 500 [postgres]', async () => {
    const address = await postgres.address();
    const name = new URL(address).pathname.slice(1);
    const config = parseConfig({});
    const writer = await openStore(address);
    try {
      await addUser(
        { store: writer, clock: systemClock() },
        { name: 'ed', role: 'editor', password: 'editor password one' },
        'test',
      );
    } finally {
      await writer.close();
    }
    await onServer(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
    const store = await openStore(address, { access: 'serve' });
    const app = createApp(depsFor(store, config.confidence, config.brief, config));
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const client = new Client(base);
      assert.equal((await client.get('/')).status, 200);
      const login = await client.logIn('ed', 'editor password one');
      assert.equal(login.status, 503, login.text.slice(0, 200));
      assert.match(login.text, /<h1>Not available<\/h1><p>database is read-only/);
      assert.doesNotMatch(login.text, new RegExp(name), 'the database is not named');
    } finally {
      await app.close();
      await store.close();
      await onServer(`ALTER DATABASE "${name}" RESET default_transaction_read_only`);
    }
  });
});
