/**
 * The poller as users run it (the real CLI in a child process) against a feed on 127.0.0.2: killed
 * with SIGKILL in the middle of a round and started again, it loses nothing and stores nothing twice;
 * stopped with SIGTERM, it exits cleanly. OPML import and export go through the same CLI. On every database.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ROOT } from '../bench/shared-data.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { openStore } from '../src/storage/store.ts';
import { runCliAsync } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';
import { articlePage, rss, siteArticles } from './support/feed-site.ts';
import { serve, startWebServer, TEST_HOST, type WebServer } from './support/web-server.ts';

const ITEMS = 30;

/**
 * PostgreSQL: waits until no other client is connected to the database at `url`, so that a killed
 * process's sessions have ended and a commit it had sent is done or undone. (On SQLite a commit is done
 * when the process that made it has exited.)
 */
async function othersGone(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  try {
    for (const t0 = Date.now(); ; ) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]?.n === 0) return;
      if (Date.now() - t0 > 30_000) throw new Error(`${rows[0]?.n} other sessions still open after 30 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await client.end();
  }
}

for (const db of testDatabases())
  describe(`poller [${db.name}]`, { skip: db.skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-poll-'));
    const config = join(dir, 'config.json');
    const articles = siteArticles(ITEMS, 11);
    let web: WebServer;
    let env: Record<string, string>;

    before(async () => {
      web = await startWebServer();
      // Each page takes a moment, so that a round lasts long enough to be killed in the middle.
      for (const a of articles)
        web.route(a.path, (_q, res) =>
          setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(a)), 60),
        );
      web.route('/feed.xml', serve(rss(articles), 'application/rss+xml'));
      writeFileSync(config, JSON.stringify({ fetch: { allowHosts: [TEST_HOST], politenessDelayMs: 0 } }));
      env = { CORROBORATE_CONFIG: config, CORROBORATE_DB: await db.address() };
    });
    after(async () => {
      await web.close();
      rmSync(dir, { recursive: true, force: true });
      await db.cleanup();
    });

    it(`loses nothing and stores nothing twice when killed with SIGKILL during a round [${db.name}]`, async () => {
      const added = await runCliAsync(
        ['feeds', 'add', `${web.origin}/feed.xml`, '--outlet', 'Harbour Post'],
        env,
      );
      assert.equal(added.code, 0, added.stderr);
      // Articles the poller has committed so far, read over a connection of this process's own.
      const watcher = await openStore(env.CORROBORATE_DB as string);
      const storedNow = () => watcher.articles.count();
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'corroborate.mjs'), 'poll', '--quiet'], {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((r) =>
        child.on('exit', (code, signal) => r(signal ? -1 : code)),
      );
      // Killed once part of the round is stored and part is not.
      const t0 = Date.now();
      try {
        while ((await storedNow()) < 10 && Date.now() - t0 < 60_000)
          await new Promise((r) => setTimeout(r, 20));
      } finally {
        child.kill('SIGKILL');
      }
      assert.equal(await exited, -1);
      await watcher.close();
      if (db.name === 'postgres') await othersGone(env.CORROBORATE_DB as string);
      const counter = await openStore(env.CORROBORATE_DB as string);
      const storedAtKill = await counter.articles.count();
      await counter.close();
      assert.ok(
        storedAtKill >= 10 && storedAtKill < ITEMS,
        `killed with ${storedAtKill} of ${ITEMS} items stored`,
      );

      const again = await runCliAsync(['poll', '--once', '--json'], env);
      assert.equal(again.code, 0, again.stderr);
      const round = JSON.parse(again.stdout.trim().split('\n').at(-1) as string) as {
        new: number;
        unchanged: number;
        failed: number;
      };
      assert.deepEqual([round.failed, round.new, round.unchanged], [0, ITEMS - storedAtKill, storedAtKill]);

      const store = await openStore(env.CORROBORATE_DB as string);
      try {
        assert.equal(await store.articles.count(), ITEMS);
        const stored = await store.articles.getMany(articles.map((a) => `${web.origin}${a.path}`));
        assert.equal(stored.length, ITEMS);
        assert.ok(
          stored.every((a) => a.version === 1),
          'no item stored twice as a new version',
        );
        assert.equal(Object.keys(await store.events.assignments()).length, ITEMS);
        assert.deepEqual(
          await store.events.pending(),
          [],
          'events left unassessed by the killed run were assessed',
        );
        const feed = (await store.feeds.list())[0];
        assert.equal(feed?.lastStatus, 200);
      } finally {
        await store.close();
      }
    });

    it(`stops cleanly on SIGTERM [${db.name}]`, async () => {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'corroborate.mjs'), 'poll', '--quiet'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      // Signal once the poller is running: after its first round's summary (start-up is slow on a loaded machine).
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no round within 60 s: ${stderr}`)), 60_000);
        child.stdout.once('data', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      child.kill('SIGTERM');
      const t0 = Date.now();
      assert.equal(await exited, 0, stderr);
      assert.ok(Date.now() - t0 < 10_000);
      assert.match(stderr, /stopping/);
    });

    it(`imports subscriptions from OPML and exports them again [${db.name}]`, async () => {
      const opml = join(dir, 'subs.opml');
      writeFileSync(
        opml,
        `<?xml version="1.0"?><opml version="2.0"><body><outline text="Ports"><outline text="Quay Daily" type="rss" xmlUrl="https://quay.example/rss"/></outline><outline text="Harbour Post" xmlUrl="${web.origin}/feed.xml"/></body></opml>`,
      );
      const r = await runCliAsync(['ingest', opml], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /1 feeds added, 1 already followed/);
      const list = JSON.parse((await runCliAsync(['feeds', 'list', '--json'], env)).stdout) as {
        url: string;
        outlet: string;
      }[];
      assert.deepEqual(
        list.map((f) => [f.url, f.outlet]),
        [
          [`${web.origin}/feed.xml`, 'Harbour Post'],
          ['https://quay.example/rss', 'Quay Daily'],
        ],
      );
      const out = join(dir, 'out.opml');
      assert.equal((await runCliAsync(['feeds', 'export', out], env)).code, 0);
      assert.match(readFileSync(out, 'utf8'), /xmlUrl="https:\/\/quay\.example\/rss"/);
      const removed = await runCliAsync(['feeds', 'remove', 'https://quay.example/rss'], env);
      assert.equal(removed.code, 0, removed.stderr);
      const missing = await runCliAsync(['feeds', 'remove', 'https://quay.example/rss'], env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /no such feed/);
    });
  });
