/**
 * The job queue's admin page, against the running app on both databases. On PostgreSQL: the counts and
 * the dead-letter list (where each report was read, its address as text, its last error); retrying one
 * job, then all, from the page's forms puts them back on the queue; an id not on the list is refused,
 * naming it, and nothing is retried; editors are refused (403). On SQLite the page says there is no queue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig, type Config } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { addUser } from '../src/run/accounts.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { JobQueue } from '../src/storage/job-queue.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { Client, csrfOf } from './support/editorial-client.ts';

const ADMIN = { name: 'ada', password: 'admin password one' };
const EDITOR = { name: 'ed', password: 'editor password one' };

/** The dead-letter table's rows as the page shows them: [read from, address, last error]. */
function deadRows(page: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...(r[1] as string).matchAll(/<td data-label="(?:Read from|Address|Last error)">([\s\S]*?)<\/td>/g)].map(
      (c) => (c[1] as string).replace(/<[^>]+>/g, ''),
    ),
  );
}

for (const db of testDatabases())
  describe(`the job queue's admin page [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let config: Config;
    let app: ReturnType<typeof createApp>;
    let queue: JobQueue | null = null;
    let admin: Client;
    let editor: Client;
    before(async () => {
      store = await db.open();
      config = parseConfig({
        file: { queue: { retryLimit: 0 } },
        overrides: db.name === 'postgres' ? { db: process.env.CORROBORATE_TEST_PG as string } : {},
      });
      const deps = { store, clock: systemClock() };
      await addUser(deps, { name: ADMIN.name, role: 'admin', password: ADMIN.password }, 'test');
      await addUser(deps, { name: EDITOR.name, role: 'editor', password: EDITOR.password }, 'test');
      app = createApp(depsFor(store, config.confidence, config.brief, config));
      await app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      admin = new Client(base);
      editor = new Client(base);
      assert.equal((await admin.logIn(ADMIN.name, ADMIN.password)).status, 303);
      assert.equal((await editor.logIn(EDITOR.name, EDITOR.password)).status, 303);
    });
    after(async () => {
      await queue?.close();
      await app.close();
      await store.close();
      await db.cleanup();
    });

    it('is for admins only, and linked from their desk', async () => {
      assert.equal((await new Client(admin.base).get('/admin/jobs')).status, 401);
      assert.equal((await editor.get('/admin/jobs')).status, 403);
      assert.equal((await editor.send('POST', '/admin/jobs/retry', { form: { all: '1' } })).status, 403);
      assert.match((await admin.get('/editor')).text, /<a href="\/admin\/jobs">Job queue<\/a>/);
      assert.doesNotMatch((await editor.get('/editor')).text, /\/admin\/jobs/);
    });

    if (db.name === 'sqlite')
      it('says that SQLite has no job queue', async () => {
        const page = await admin.get('/admin/jobs');
        assert.equal(page.status, 200);
        assert.match(page.text, /SQLite, which has no job queue/);
        assert.match(page.text, /need PostgreSQL/);
      });

    if (db.name === 'postgres')
      it('lists dead jobs, retries one and then all from the page, and refuses an id not on the list', async () => {
        queue = await JobQueue.open(config.db, store, config.queue);
        const job = (n: number, url: string) => ({
          input: { url, title: `Report ${n}`, text: `Text of report ${n}.` },
          origin: { file: 'reports.jsonl', line: n },
        });
        await queue.enqueue([job(1, 'https://news.example/one'), job(2, 'javascript:alert(1)')]);
        const taken = await queue.take(2);
        assert.equal(taken.length, 2);
        for (const t of taken) await queue.fail(t.id, `cannot read <${t.data.input.url}>`);
        await queue.enqueue([job(3, 'https://news.example/three')]);

        let page = await admin.get('/admin/jobs');
        assert.equal(page.status, 200);
        assert.match(page.text, /1 waiting, 0 running, 0 waiting for a retry, 2 dead jobs/);
        assert.deepEqual(deadRows(page.text).sort(), [
          ['reports.jsonl:1', 'https://news.example/one', 'cannot read &lt;https://news.example/one&gt;'],
          ['reports.jsonl:2', 'javascript:alert(1)', 'cannot read &lt;javascript:alert(1)&gt;'],
        ]);
        assert.doesNotMatch(page.text, /href="javascript:/, 'an address is shown as text, not a link');
        const dead = await queue.dead();
        const csrf = csrfOf(page.text);

        const unknown = await admin.send('POST', '/admin/jobs/retry', {
          form: { _csrf: csrf, id: '00000000-0000-0000-0000-000000000000' },
        });
        assert.equal(unknown.status, 404);
        assert.match(unknown.text, /no such job on the dead-letter list/);
        assert.match(unknown.text, /00000000-0000-0000-0000-000000000000/);
        assert.equal((await queue.counts()).dead, 2, 'nothing retried');

        const one = dead[0]?.id as string;
        page = await admin.send('POST', '/admin/jobs/retry', { form: { _csrf: csrf, id: one } });
        assert.equal(page.status, 200);
        assert.match(page.text, /1 job back on the queue/);
        assert.match(page.text, /2 waiting, 0 running, 0 waiting for a retry, 1 dead job;/);
        assert.deepEqual(
          (await queue.dead()).map((d) => d.id),
          [dead[1]?.id],
        );

        page = await admin.send('POST', '/admin/jobs/retry', {
          form: { _csrf: csrf, all: '1' },
        });
        assert.match(page.text, /1 job back on the queue/);
        assert.match(page.text, /No dead jobs/);
        // This test took jobs as a worker does, and counts as one until it closes the queue.
        assert.deepEqual(await queue.counts(), {
          waiting: 3,
          active: 0,
          retrying: 0,
          dead: 0,
          briefings: 0,
          feeds: 0,
          fetches: 0,
          workers: 1,
        });

        const both = await admin.send('POST', '/admin/jobs/retry', {
          form: { _csrf: csrf, all: '1', id: one },
        });
        assert.equal(both.status, 400);
        assert.match(both.text, /name one job to retry, or retry all/);
      });
  });
