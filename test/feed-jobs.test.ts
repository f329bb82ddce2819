/**
 * Feeds polled through the job queue on PostgreSQL, as a deployment runs it: workers of the poll and
 * fetch stages queue the due feeds, poll them and fetch their new pages, queueing each as a report, which
 * workers of the report stage place; the result is what `corroborate poll` makes. A page that cannot be
 * fetched is retried and then lies on the dead-letter list at the fetch stage. A feed polled again finds
 * nothing new and fetches no page twice.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ROOT } from '../bench/shared-data.ts';
import { openStore } from '../src/storage/store.ts';
import { runCliAsync } from './support/cli.ts';
import { postgresDatabase, sqliteDatabase } from './support/databases.ts';
import { partition } from './support/event-snapshot.ts';
import { articlePage, atom, rss, siteArticles } from './support/feed-site.ts';
import { serve, startWebServer, TEST_HOST, type WebServer } from './support/web-server.ts';

/** Each store's articles by address, grouped by event, with each event's level. */
async function outcome(address: string) {
  const store = await openStore(address);
  try {
    const assignments = await store.events.assignments();
    const urls = new Map<string, string>();
    for (const id of Object.keys(assignments)) urls.set(id, (await store.articles.get(id))?.url ?? id);
    const byUrl = Object.fromEntries(Object.entries(assignments).map(([a, e]) => [urls.get(a) as string, e]));
    const levels = (await store.events.overview()).map((o) => o.assessment?.level ?? null).sort();
    return { partition: partition(byUrl), levels, articles: await store.articles.count() };
  } finally {
    await store.close();
  }
}

/** How many jobs of a queue there are so far (report jobs: pages the poll and fetch stages queued). */
async function jobsOf(address: string, queue = 'report'): Promise<number> {
  const c = new pg.Client({ connectionString: address });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM corroborate_jobs.job WHERE name = $1`,
      [queue],
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0; // the queue is not made yet
  } finally {
    await c.end();
  }
}

const db = postgresDatabase();
describe('feeds polled by workers [postgres]', { skip: db.skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-feed-jobs-'));
  const config = join(dir, 'config.json');
  /** Jobs a killed worker held are retried after 5 s (the default is 15 minutes). */
  const killConfig = join(dir, 'kill-config.json');
  const articles = siteArticles(9, 5);
  const missing = articles[8]?.path as string;
  let web: WebServer;
  let env: Record<string, string>;
  const pageRequests = () => web.seen.filter((s) => s.path.startsWith('/news/')).length;

  before(async () => {
    web = await startWebServer();
    // Every page answers but one, which the feed lists and the site no longer has; each takes a moment,
    // so that a worker can be killed between two of them.
    for (const a of articles.slice(0, 8))
      web.route(a.path, (_q, res) =>
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(a)), 100),
      );
    web.route('/rss.xml', serve(rss(articles.slice(0, 5)), 'application/rss+xml'));
    web.route('/atom.xml', serve(atom(articles.slice(5), web.origin), 'application/atom+xml'));
    const quick = { retryDelaySeconds: 1, retryLimit: 1, pollSeconds: 1, briefDelaySeconds: 1 };
    const fetch = { allowHosts: [TEST_HOST], politenessDelayMs: 0 };
    writeFileSync(config, JSON.stringify({ fetch, queue: quick }));
    writeFileSync(
      killConfig,
      JSON.stringify({ fetch, queue: { ...quick, retryLimit: 2, expireSeconds: 5, maintenanceSeconds: 1 } }),
    );
    env = { CORROBORATE_CONFIG: config };
  });
  after(async () => {
    await web.close();
    rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
  });

  /** Runs `corroborate worker --until-idle --json` with these options; returns its totals. */
  async function workUntilIdle(address: string, args: string[], on = env) {
    const r = await runCliAsync(['worker', '--db', address, ...args, '--until-idle', '--json', '-q'], on);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, number>;
  }

  async function subscribed(address: string): Promise<void> {
    for (const [path, outlet] of [
      ['/rss.xml', 'Harbour Post'],
      ['/atom.xml', 'Valley Courier'],
    ] as const) {
      const r = await runCliAsync(
        ['feeds', 'add', `${web.origin}${path}`, '--outlet', outlet, '--db', address],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
    }
  }

  /** One `poll` round on SQLite, fetching and placing in one process: what the workers must make. */
  let reference: Awaited<ReturnType<typeof outcome>> | undefined;
  async function referenceOutcome() {
    if (reference) return reference;
    const sqlite = await sqliteDatabase().address();
    await subscribed(sqlite);
    const round = await runCliAsync(['poll', '--once', '--json', '--db', sqlite], env);
    assert.equal(round.code, 0, round.stderr);
    assert.deepEqual(
      [JSON.parse(round.stdout).new, JSON.parse(round.stdout).failed],
      [8, 1],
      'eight pages stored, the lost one failed',
    );
    return (reference = await outcome(sqlite));
  }

  it('poll and fetch workers queue the new pages; report workers place them as `poll` does; a lost page is dead at the fetch stage', async () => {
    const reference = await referenceOutcome();
    const address = await db.address();
    await subscribed(address);
    const before = pageRequests();
    const a = await workUntilIdle(address, ['--stages', 'poll,fetch', '--concurrency', '2']);
    assert.deepEqual(
      [a.feeds, a.found, a.fetched, a.fetchFailed, a.jobs],
      [2, 9, 8, 2, 0],
      'both feeds polled, nine pages found, eight fetched, the lost one tried twice; no report placed',
    );
    assert.equal(pageRequests() - before, 10, 'each page fetched once, the lost one once more on its retry');
    assert.equal(await jobsOf(address, 'feed'), 2, 'each feed queued once by the two workers');
    const counts = JSON.parse((await runCliAsync(['jobs', '--db', address, '--json'], env)).stdout);
    assert.deepEqual(
      [counts.waiting, counts.feeds, counts.fetches, counts.dead],
      [8, 0, 0, 1],
      'the eight pages wait as reports',
    );
    assert.equal(
      (await outcome(address)).articles,
      0,
      'nothing is placed by a worker of the poll and fetch stages',
    );
    const dead = JSON.parse((await runCliAsync(['jobs', 'dead', '--db', address, '--json'], env)).stdout);
    assert.deepEqual(
      dead.map((d: { stage: string; url: string; where: string }) => [d.stage, d.url, d.where]),
      [['fetch', `${web.origin}${missing}`, `feed ${web.origin}/atom.xml`]],
    );
    assert.match(dead[0].error, /http-4xx/);
    // The feeds moved on once their pages were queued.
    const feeds = JSON.parse((await runCliAsync(['feeds', 'list', '--db', address, '--json'], env)).stdout);
    assert.deepEqual(
      feeds.map((f: { lastStatus: number; nextPollAt: string | null }) => [f.lastStatus, !!f.nextPollAt]),
      [
        [200, true],
        [200, true],
      ],
    );

    const p = await workUntilIdle(address, ['--stages', 'report,brief', '--concurrency', '2']);
    assert.deepEqual([p.inserted, p.failed, p.feeds, p.fetched], [8, 0, 0, 0]);
    assert.deepEqual(await outcome(address), reference, 'the same articles, events and levels as `poll`');

    // Due again: every worker stage at once finds nothing new and fetches no page twice.
    const store = await openStore(address);
    try {
      for (const f of await store.feeds.list())
        await store.feeds.put({ ...f, nextPollAt: null }, f.nextPollAt ?? '');
    } finally {
      await store.close();
    }
    const pagesBefore = pageRequests();
    const g = await workUntilIdle(address, []);
    // The lost page is found again, and left on the dead-letter list until an editor retries it.
    assert.deepEqual([g.feeds, g.found, g.fetched, g.jobs], [2, 1, 0, 0]);
    assert.equal(pageRequests(), pagesBefore, 'no page fetched again');
    assert.equal((await outcome(address)).articles, 8);
  });

  it('a poll and fetch worker killed with SIGKILL mid-way loses no page and stores none twice', async () => {
    const address = await db.address();
    await subscribed(address);
    const killEnv = { CORROBORATE_CONFIG: killConfig };
    const victim = spawn(
      process.execPath,
      [
        join(ROOT, 'bin', 'corroborate.mjs'),
        'worker',
        '--db',
        address,
        '--stages',
        'poll,fetch',
        '--batch',
        '2',
        '-q',
      ],
      { env: { ...process.env, ...killEnv }, stdio: 'ignore' },
    );
    const ended = new Promise((r) => victim.on('close', r));
    // Killed once some pages are queued as reports and others are not.
    try {
      const t0 = Date.now();
      while ((await jobsOf(address)) < 2 && Date.now() - t0 < 120_000)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      victim.kill('SIGKILL');
    }
    await ended;
    const queued = await jobsOf(address);
    assert.ok(queued >= 2 && queued < 8, `killed with ${queued} of 8 pages queued`);
    // What it held is retried once it expires; every stage then runs to the end.
    assert.equal((await workUntilIdle(address, [], killEnv)).inserted, 8);
    assert.deepEqual(await outcome(address), await referenceOutcome());
    const store = await openStore(address);
    try {
      assert.equal(await store.articles.count(), 8);
      assert.deepEqual(
        (await store.feeds.list()).map((f) => [f.lastStatus, !!f.nextPollAt]),
        [
          [200, true],
          [200, true],
        ],
      );
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown stage, naming it', async () => {
    const r = await runCliAsync(['worker', '--db', await db.address(), '--stages', 'poll,place'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /expected stages among poll, fetch, report, brief.*poll,place/);
  });
});
