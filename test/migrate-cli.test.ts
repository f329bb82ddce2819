/**
 * `corroborate migrate` on every database: a new database gets the whole schema, once when several
 * processes open it at the same time; a database one
 * migration behind gets that one; `--status` lists what is applied and pending and changes nothing; a
 * database a newer version upgraded is refused, by `migrate` and by every other command, naming the
 * migration, and nothing in it changes.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { MIGRATION_NAMES } from '../src/storage/migrate.ts';
import { runCli, runCliAsync } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';

/** Runs SQL statements on the database the command line names; returns the rows of the last. */
async function onDatabase(address: string, statements: string[]): Promise<unknown[]> {
  let rows: unknown[] = [];
  if (!/^postgres(ql)?:/.test(address)) {
    const db = new BetterSqlite3(address);
    for (const s of statements) {
      const st = db.prepare(s);
      rows = st.reader ? st.all() : (st.run(), []);
    }
    db.close();
    return rows;
  }
  const client = new pg.Client({ connectionString: withDefaultUser(address) });
  await client.connect();
  try {
    for (const s of statements) rows = (await client.query(s)).rows;
  } finally {
    await client.end();
  }
  return rows;
}

const last = MIGRATION_NAMES.at(-1) as string;

for (const db of testDatabases()) {
  describe(`corroborate migrate [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());

    it('applies the whole schema to a new database, then nothing; --status lists it', async () => {
      const address = await db.address();
      if (db.name === 'sqlite') {
        const r = runCli(['migrate', '--status', '--db', address]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /no database at/);
      } else {
        const r = runCli(['migrate', '--status', '--json', '--db', address]);
        assert.equal(r.code, 0, r.stderr);
        const s = JSON.parse(r.stdout) as { current: string | null; pending: string[] };
        assert.equal(s.current, null);
        assert.deepEqual(s.pending, MIGRATION_NAMES);
      }
      const first = runCli(['migrate', '--json', '--db', address]);
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(JSON.parse(first.stdout), { applied: MIGRATION_NAMES, current: last, pending: [] });
      const again = runCli(['migrate', '--db', address]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(
        again.stdout,
        new RegExp(`schema already up to date at ${last} \\(${MIGRATION_NAMES.length} migrations\\)`),
      );
      const status = runCli(['migrate', '--status', '--db', address]);
      assert.equal(status.code, 0, status.stderr);
      assert.equal(status.stdout.trim().split('\n').length, MIGRATION_NAMES.length + 1);
      assert.doesNotMatch(status.stdout, /pending/);
    });

    it('upgrades a new database once when several processes open it at once', async () => {
      // Without one process at a time, one in five such processes failed on SQLite ("table … already exists").
      for (let round = 0; round < 3; round++) {
        const address = await db.address();
        const runs = await Promise.all(
          Array.from({ length: 4 }, () => runCliAsync(['migrate', '--json', '--db', address])),
        );
        for (const r of runs) assert.equal(r.code, 0, r.stderr);
        const applied = runs.map((r) => (JSON.parse(r.stdout) as { applied: string[] }).applied);
        assert.deepEqual(applied.flat().sort(), [...MIGRATION_NAMES].sort(), 'each migration applied once');
      }
    });

    it('applies only what a database behind lacks, keeping what it holds', async () => {
      const address = await db.address();
      assert.equal(runCli(['migrate', '--db', address]).code, 0);
      // As a database of the version before the newest two migrations were (their undo, newest first:
      // update with each new one).
      const behind = MIGRATION_NAMES.slice(-2);
      assert.deepEqual(behind, ['021-event-removals-pruned', '022-event-list-names']);
      await onDatabase(address, [
        `DELETE FROM kysely_migration WHERE name IN ('${behind.join("', '")}')`,
        'DROP TABLE event_list_names',
        ...(db.name === 'sqlite' ? ['DROP TRIGGER events_removed'] : []),
        'DROP INDEX event_removals_at',
        'ALTER TABLE event_removals DROP COLUMN removed_at',
        `INSERT INTO event_removals (event_id, change_seq) VALUES ('e-gone', 1)`,
        `INSERT INTO settings (key, value) VALUES ('kept', 'yes')`,
      ]);
      const status = runCli(['migrate', '--status', '--json', '--db', address]);
      assert.deepEqual((JSON.parse(status.stdout) as { pending: string[] }).pending, behind);
      const r = runCli(['migrate', '--json', '--db', address]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { applied: behind, current: last, pending: [] });
      assert.deepEqual(await onDatabase(address, [`SELECT value FROM settings WHERE key = 'kept'`]), [
        { value: 'yes' },
      ]);
      assert.deepEqual(
        await onDatabase(address, [
          `SELECT event_id, removed_at IS NOT NULL AS timed FROM event_removals ORDER BY event_id`,
        ]),
        [{ event_id: 'e-gone', timed: db.name === 'sqlite' ? 1 : true }],
        'a deletion listed before counts as made at the upgrade',
      );
      assert.deepEqual(await onDatabase(address, [`SELECT count(*) AS n FROM event_list_names`]), [
        { n: db.name === 'sqlite' ? 0 : '0' },
      ]);
      const events = runCli(['events', '--json', '--db', address]);
      assert.equal(events.code, 0, events.stderr);
    });

    it('refuses a database a newer version upgraded, naming the migration, and changes nothing', async () => {
      const address = await db.address();
      assert.equal(runCli(['migrate', '--db', address]).code, 0);
      const applied = `SELECT name FROM kysely_migration ORDER BY name`;
      const before = await onDatabase(address, [
        `INSERT INTO kysely_migration (name, timestamp) VALUES ('999-from-the-future', '2030-01-01T00:00:00.000Z')`,
        applied,
      ]);
      for (const args of [['migrate'], ['migrate', '--status'], ['events']]) {
        const r = runCli([...args, '--db', address]);
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
        assert.match(
          r.stderr,
          /the database holds migration 999-from-the-future, which this version of Corroborate does not know/,
        );
      }
      const s = JSON.parse(runCli(['migrate', '--status', '--json', '--db', address]).stdout) as {
        unknown: string[];
        pending: string[];
      };
      assert.deepEqual(s, { ...s, unknown: ['999-from-the-future'], pending: [] });
      assert.deepEqual(await onDatabase(address, [applied]), before);
    });
  });
}
