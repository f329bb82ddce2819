/**
 * Stored view models (migration 011): an event's detail and card and a story's briefing are built when
 * the event changes and stored with the state they were built from; a page view (a process that has not
 * built them) reads the stored one while that state stands, and builds afresh once it has moved. Also:
 * the SQLite connection hands out one prepared statement per SQL text, but never one mid-iteration.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { getEvent, getEventCard } from '../src/run/event-views.ts';
import { getStoryBriefing } from '../src/run/story-views.ts';
import { withStatementCache } from '../src/storage/statement-cache.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { dropSchemas } from './support/databases.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';

/** A database that can be opened again by a second store (as a server opens what an ingest wrote). */
interface Reopenable {
  name: string;
  skip: string | false;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

function databases(): Reopenable[] {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-views-'));
  const url = process.env.CORROBORATE_TEST_PG;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_views`;
  return [
    {
      name: 'sqlite',
      skip: false,
      open: () => openStore(join(dir, 'views.sqlite')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
    {
      name: 'postgres',
      skip: url ? false : 'CORROBORATE_TEST_PG is not set (no PostgreSQL server given)',
      open: () => openStore(url as string, { schema }),
      cleanup: async () => {
        if (url) await dropSchemas(url, [schema]);
      },
    },
  ];
}

for (const db of databases()) {
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
      const reader = await db.open();
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

describe('prepared statements kept for reuse (SQLite)', () => {
  it('hands out the same statement for the same SQL, and a fresh one while the kept one is iterating', () => {
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
