/**
 * `corroborate demo` builds a fresh SQLite database from the demo corpus and serves it within a minute. It
 * deletes the file it is given first, so it builds SQLite only: given a postgres:// database it refuses,
 * naming --db, and leaves that database as it was.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { ROOT } from '../bench/shared-data.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { runCliAsync } from './support/cli.ts';
import { postgresDatabase, sqliteDatabase } from './support/databases.ts';

/** The promise: from the command to a served page in under a minute on this machine. */
const DEMO_DEADLINE_MS = 60_000;

describe('demo command [sqlite]', () => {
  const db = sqliteDatabase();
  after(() => db.cleanup());

  it(`serves the demo within ${DEMO_DEADLINE_MS / 1000} s and stops cleanly on SIGTERM [sqlite]`, async () => {
    const file = await db.address();
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'corroborate.mjs'), 'demo', '--port', '0', '--db', file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL within the deadline:\n${out}`)),
        DEMO_DEADLINE_MS,
      );
      child.stdout.on('data', () => {
        const m = /serving .* at (http:\/\/localhost:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      child.on('exit', (code) => reject(new Error(`demo exited with ${code}:\n${out}`)));
    });
    const home = await fetch(url);
    const body = await home.text();
    const elapsed = Date.now() - t0;
    console.log(`demo served its home page ${elapsed} ms after the command started`);
    assert.equal(home.status, 200);
    assert.match(body, /Fictional sample/);
    assert.ok((body.match(/<li>/g) ?? []).length >= 12, 'at least 12 events listed');
    assert.ok(elapsed < DEMO_DEADLINE_MS);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});

// The demo deletes and rebuilds the SQLite file it is given; it does not empty a PostgreSQL database.
const postgres = postgresDatabase();
describe('demo command [postgres]', { skip: postgres.skip }, () => {
  after(() => postgres.cleanup());

  it('refuses a postgres:// database as a usage error naming --db, and creates nothing in it [postgres]', async () => {
    const url = await postgres.address();
    const r = await runCliAsync(['demo', '--port', '0', '--db', url]);
    assert.equal(r.code, 2, `usage error: ${r.stderr}`);
    assert.match(r.stderr, /--db: the demo builds a fresh SQLite file; give a file path/);
    assert.equal(r.stdout, '', 'nothing built, nothing served');
    const client = new pg.Client({ connectionString: withDefaultUser(url) });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
      );
      assert.equal(Number(rows[0]?.n), 0, 'no table created');
    } finally {
      await client.end();
    }
  });
});
