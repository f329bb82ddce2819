/**
 * Stored view models (migration 011): an event's detail and card and a story's briefing are built when
 * the event changes and stored with the state they were built from; a page view (a process that has not
 * built them) reads the stored one while that state stands, and builds afresh once it has moved. Also:
 * the SQLite connection hands out one prepared statement per SQL text, but never one mid-iteration, and a
 * PostgreSQL server connection prepares each query marked PREPARED once.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { getEvent, getEventCard } from '../src/run/event-views.ts';
import { getStoryBriefing } from '../src/run/story-views.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { PREPARED, withPreparedStatements, withStatementCache } from '../src/storage/statement-cache.ts';
import { postgresDatabase, testDatabases } from './support/databases.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';

for (const db of testDatabases()) {
  describe(`stored view models [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());

    it(`stores each event's detail and card and each story's briefing on write, and reads them back while their state stands [${db.name}]`, async () => {
      const writer = await db.open();
      let ids: string[];
      let storyIds: string[];
      try {
        await loadMiniCorpus(writer);
        const rows = await writer.eventList.page({ sort: 'newest', limit: 100 });
        ids = rows.map((r) => r.id);
        storyIds = [...new Set(rows.flatMap((r) => (r.storyId ? [r.storyId] : [])))];
        assert.ok(ids.length >= 2, `events: ${ids.length}`);
        for (const id of ids) {
          assert.ok(await writer.viewModels.get(`event:${id}`), `the card of ${id} is stored`);
          assert.ok(await writer.viewModels.get(`event-detail:${id}`), `the detail of ${id} is stored`);
        }
        for (const id of storyIds) assert.ok(await writer.viewModels.get(`story:${id}`));
        // Marked copies under the same state: a reader that uses the stored rows shows the marks.
        const id = ids[0] as string;
        for (const subject of [`event:${id}`, `event-detail:${id}`]) {
          const row = await writer.viewModels.get(subject);
          const body = JSON.parse(row?.body ?? '{}') as { title: string };
          await writer.viewModels.put(
            subject,
            row?.state ?? '',
            JSON.stringify({ ...body, title: 'STORED' }),
          );
        }
        // A stale row (built from another state) for the second event.
        const other = ids[1] as string;
        const stale = await writer.viewModels.get(`event-detail:${other}`);
        const staleBody = JSON.parse(stale?.body ?? '{}') as { title: string };
        await writer.viewModels.put(
          `event-detail:${other}`,
          'an older state',
          JSON.stringify({ ...staleBody, title: 'STALE' }),
        );
      } finally {
        await writer.close();
      }
      // A second store on the same database, as a server opens what an ingest wrote.
      const reader = await db.reopen();
      try {
        const id = ids[0] as string;
        assert.equal((await getEvent(reader, id))?.title, 'STORED', 'the detail is read from its row');
        assert.equal((await getEventCard(reader, id))?.title, 'STORED', 'the card is read from its row');
        const other = await getEvent(reader, ids[1] as string);
        assert.ok(other && other.title !== 'STALE', 'a row of another state is not used: built afresh');
        assert.ok(Array.isArray(other.recalledIn), 'the passages recalling it are read afresh');
        for (const sid of storyIds) assert.ok(await getStoryBriefing(reader, sid));
      } finally {
        await reader.close();
      }
    });
  });
}

// SQLite only: the cache wraps a better-sqlite3 connection. PostgreSQL's counterpart follows.
describe('prepared statements kept for reuse [sqlite]', () => {
  it('hands out the same statement for the same SQL, and a fresh one while the kept one is iterating [sqlite]', () => {
    const conn = new BetterSqlite3(':memory:');
    const db = withStatementCache(conn, 2);
    try {
      db.prepare('CREATE TABLE t (n INTEGER)').run([]);
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      for (let n = 0; n < 5; n++) db.prepare('INSERT INTO t (n) VALUES (?)').run([n]);
      assert.equal(db.prepare('INSERT INTO t (n) VALUES (?)'), insert, 'the same statement again');
      const select = db.prepare('SELECT n FROM t ORDER BY n');
      const rows = select.iterate([]);
      assert.deepEqual(rows.next().value, { n: 0 });
      const meanwhile = db.prepare('SELECT n FROM t ORDER BY n');
      assert.notEqual(meanwhile, select, 'the kept one is mid-iteration');
      assert.equal(meanwhile.all([]).length, 5);
      rows.return?.();
      assert.equal(db.prepare('SELECT n FROM t ORDER BY n'), select, 'kept again once its iteration ended');
      db.prepare('SELECT 1');
      db.prepare('SELECT 2');
      assert.notEqual(
        db.prepare('SELECT n FROM t ORDER BY n'),
        select,
        'the least recently used was dropped',
      );
    } finally {
      db.close();
    }
  });
});

// PostgreSQL: a server's connections (openStore's `access: 'serve'`) send the queries marked PREPARED as
// named statements, prepared once each; no store is needed, only a connection of the server.
const postgres = postgresDatabase();
describe('prepared statements kept for reuse [postgres]', { skip: postgres.skip }, () => {
  it('prepares a query marked PREPARED once on the connection, named by its text, and no other [postgres]', async () => {
    const pool = new pg.Pool({
      connectionString: withDefaultUser(process.env.CORROBORATE_TEST_PG as string),
      max: 1,
    });
    const client = await pool.connect();
    try {
      withPreparedStatements(client);
      const marked = `${PREPARED} SELECT $1::int + 1 AS n`;
      for (const n of [1, 2, 3]) assert.deepEqual((await client.query(marked, [n])).rows, [{ n: n + 1 }]);
      assert.deepEqual((await client.query('SELECT $1::int AS m', [7])).rows, [{ m: 7 }]);
      const { rows } = await client.query<{ name: string; statement: string }>(
        'SELECT name, statement FROM pg_prepared_statements',
      );
      assert.deepEqual(
        rows.map((r) => r.statement),
        [marked],
        'the marked query, prepared once; the others unnamed',
      );
      assert.match(rows[0]?.name ?? '', /^c[0-9a-f]{24}$/);
    } finally {
      client.release();
      await pool.end();
    }
  });
});
