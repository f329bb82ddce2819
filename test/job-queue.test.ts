/**
 * The job queue on PostgreSQL, through the command line as a deployment runs it: `ingest --queue` puts
 * reports on it (once: queueing them again adds nothing); `worker` processes place them, making the events
 * one ingest makes; a worker killed with SIGKILL mid-batch loses nothing and stores nothing twice; a job
 * that keeps failing lands on the dead-letter list, which `jobs dead` shows and `jobs retry` empties. On
 * SQLite the queue's commands are refused, naming why.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../bench/shared-data.ts';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { readOutletRegistry } from '../src/pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { ingest } from '../src/run/ingest.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { runCliAsync } from './support/cli.ts';
import { postgresDatabase, sqliteDatabase } from './support/databases.ts';
import { partition } from './support/event-snapshot.ts';

const DEMO = join(ROOT, 'data', 'demo');
const REPORTS = join(DEMO, 'reports.jsonl');
const OUTLETS = join(DEMO, 'outlets.json');
const TOTAL = readFileSync(REPORTS, 'utf8').split('\n').filter(Boolean).length;

const dir = mkdtempSync(join(tmpdir(), 'corroborate-queue-'));
/** Quick retries, so that a failing job moves on within seconds. */
const CONFIG = join(dir, 'config.json');
const QUICK = {
  retryDelaySeconds: 1,
  retryLimit: 1,
  maintenanceSeconds: 1,
  pollSeconds: 1,
  briefDelaySeconds: 1,
};
writeFileSync(CONFIG, JSON.stringify({ queue: QUICK }));
/** And more retries, with the default expiry (15 minutes): what a killed worker held is adopted, not expired. */
const KILL_CONFIG = join(dir, 'kill-config.json');
writeFileSync(KILL_CONFIG, JSON.stringify({ queue: { ...QUICK, retryLimit: 10 } }));
const env = { CORROBORATE_CONFIG: CONFIG };
const killEnv = { CORROBORATE_CONFIG: KILL_CONFIG };
after(() => rmSync(dir, { recursive: true, force: true }));

/** The grouping and each group's level: what a queue's run must leave as one ingest does. */
async function outcome(store: Store) {
  const assignments = await store.events.assignments();
  const levels = new Map((await store.events.overview()).map((o) => [o.event.id, o.assessment?.level]));
  const groups = new Map<string, string[]>();
  for (const [a, e] of Object.entries(assignments)) groups.set(e, [...(groups.get(e) ?? []), a]);
  const byGroup = [...groups].map(([e, as]) => `${as.sort().join(' ')} => ${levels.get(e)}`).sort();
  return { partition: partition(assignments), levels: byGroup, reports: Object.keys(assignments).length };
}

async function articleCount(address: string): Promise<number> {
  const store = await openStore(address);
  try {
    return Object.keys(await store.events.assignments()).length;
  } finally {
    await store.close();
  }
}

async function readOutcome(address: string) {
  const store = await openStore(address);
  try {
    return await outcome(store);
  } finally {
    await store.close();
  }
}

const pg = postgresDatabase();
describe('the job queue [postgres]', { skip: pg.skip }, () => {
  let reference: Awaited<ReturnType<typeof outcome>>;
  before(async () => {
    const store = await pg.open();
    for (const o of readOutletRegistry(OUTLETS)) await store.outlets.upsert(o, systemClock().now());
    await ingest({ store, config: parseConfig({}), clock: systemClock() }, readInputs([REPORTS], 1e9).inputs);
    reference = await outcome(store);
    await store.close();
  });
  after(() => pg.cleanup());

  it('ingest --queue queues each report once; two worker processes make the events one ingest makes', async () => {
    const address = await pg.address();
    const q = await runCliAsync(
      ['ingest', REPORTS, '--outlets', OUTLETS, '--db', address, '--queue', '--json'],
      env,
    );
    assert.equal(q.code, 0, q.stderr);
    assert.deepEqual(JSON.parse(q.stdout), {
      read: TOTAL,
      queued: TOTAL,
      alreadyQueued: 0,
      failed: 0,
      failures: [],
    });
    const again = await runCliAsync(['ingest', REPORTS, '--db', address, '--queue', '--json'], env);
    assert.equal(
      JSON.parse(again.stdout).alreadyQueued,
      TOTAL,
      'the same reports queued again are the same jobs',
    );
    const jobs = await runCliAsync(['jobs', '--db', address, '--json'], env);
    assert.deepEqual(JSON.parse(jobs.stdout), {
      waiting: TOTAL,
      active: 0,
      retrying: 0,
      dead: 0,
      briefings: 0,
      feeds: 0,
      fetches: 0,
      workers: 0,
    });

    const w = await runCliAsync(
      ['worker', '--db', address, '--concurrency', '2', '--batch', '10', '--until-idle', '--json', '-q'],
      env,
    );
    assert.equal(w.code, 0, w.stderr);
    const totals = JSON.parse(w.stdout);
    assert.equal(totals.jobs, TOTAL);
    assert.equal(totals.inserted, TOTAL);
    assert.deepEqual(await readOutcome(address), reference);
    // Each story's briefing was rebuilt once its changes were over, from the stored state.
    assert.ok(totals.briefings > 0);
    const store = await openStore(address);
    try {
      for (const story of await store.stories.list())
        assert.ok(await store.viewModels.get(`story:${story.id}`), `story ${story.id} has its briefing`);
    } finally {
      await store.close();
    }

    // Queued once more after they were placed: their finished jobs are still on the queue.
    const third = await runCliAsync(['ingest', REPORTS, '--db', address, '--queue', '--json'], env);
    assert.equal(JSON.parse(third.stdout).alreadyQueued, TOTAL);
    const w2 = await runCliAsync(['worker', '--db', address, '--until-idle', '--json', '-q'], env);
    assert.equal(JSON.parse(w2.stdout).jobs, 0);
    assert.deepEqual(await readOutcome(address), reference);
  });

  it('processes opening a new queue at once each find it made (it was installed once)', async () => {
    const address = await pg.address();
    const runs = await Promise.all(
      [1, 2, 3].map(() => runCliAsync(['jobs', '--db', address, '--json'], env)),
    );
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
  });

  it('ingest --queue --follow waits for the workers and prints what they placed', async () => {
    const address = await pg.address();
    const following = runCliAsync(
      ['ingest', REPORTS, '--outlets', OUTLETS, '--db', address, '--queue', '--follow', '--json'],
      env,
    );
    // The worker starts once the reports are queued (or the command has ended: it failed).
    let ended = false;
    void following.then(() => (ended = true));
    while (!ended && (await waiting(address)) < TOTAL) await new Promise((r) => setTimeout(r, 100));
    if (ended) assert.fail(`the command ended before the worker started: ${(await following).stderr}`);
    const w = await runCliAsync(['worker', '--db', address, '--until-idle', '--json', '-q'], env);
    assert.equal(w.code, 0, w.stderr);
    const f = await following;
    assert.equal(f.code, 0, f.stderr);
    assert.deepEqual(JSON.parse(f.stdout).placed, { inserted: TOTAL, updated: 0, unchanged: 0, dead: [] });
  });

  it('ingest places the reports itself while no worker runs, and queues them while one does', async () => {
    const address = await pg.address();
    const lines = readFileSync(REPORTS, 'utf8').split('\n').filter(Boolean);
    const part = (name: string, from: number, to: number) => {
      const f = join(dir, name);
      writeFileSync(f, lines.slice(from, to).join('\n') + '\n');
      return f;
    };
    const first = part('first.jsonl', 0, 40);
    const second = part('second.jsonl', 40, TOTAL - 5);
    const last = part('last.jsonl', TOTAL - 5, TOTAL);
    const here = await runCliAsync(['ingest', first, '--outlets', OUTLETS, '--db', address, '--json'], env);
    assert.equal(here.code, 0, here.stderr);
    assert.equal(JSON.parse(here.stdout).inserted, 40, 'placed here: no worker runs');

    const worker = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'corroborate.mjs'), 'worker', '--db', address, '-q'],
      {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((r) => worker.on('close', r));
    try {
      let ended = false;
      void exited.then(() => (ended = true));
      while (!ended && (await jobCounts(address)).workers < 1) await new Promise((r) => setTimeout(r, 50));
      assert.ok(!ended, 'the worker runs');
      const queued = await runCliAsync(['ingest', second, '--db', address, '--json'], env);
      assert.equal(queued.code, 0, queued.stderr);
      assert.deepEqual(JSON.parse(queued.stdout), {
        read: TOTAL - 45,
        queued: TOTAL - 45,
        alreadyQueued: 0,
        workersRunning: 1,
        failed: 0,
        failures: [],
      });
      const text = await runCliAsync(['ingest', last, '--db', address, '--here'], env);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /5 new/, 'placed here when asked, though a worker runs');
      for (;;) {
        const c = await jobCounts(address);
        if (c.waiting + c.active + c.retrying === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(await articleCount(address), TOTAL);
    } finally {
      worker.kill('SIGTERM');
    }
    assert.equal(await exited, 0, 'the worker stops after its batch on SIGTERM');
    assert.equal((await jobCounts(address)).workers, 0);
    const refused = await runCliAsync(['ingest', last, '--db', address, '--here', '--follow'], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--here places the reports in this process/);
  });

  it('a worker killed with SIGKILL mid-batch loses no report and stores none twice', async () => {
    const address = await pg.address();
    const q = await runCliAsync(
      ['ingest', REPORTS, '--outlets', OUTLETS, '--db', address, '--queue'],
      killEnv,
    );
    assert.equal(q.code, 0, q.stderr);
    const victim = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'corroborate.mjs'), 'worker', '--db', address, '--batch', '7', '-q'],
      { env: { ...process.env, ...killEnv }, stdio: 'ignore' },
    );
    const ended = new Promise((r) => victim.on('close', r));
    // Killed once some reports are stored and others are not.
    for (;;) {
      const n = await articleCount(address);
      if (n >= 10) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    victim.kill('SIGKILL');
    await ended;
    assert.ok((await articleCount(address)) < TOTAL, 'killed before the end');
    const held = JSON.parse((await runCliAsync(['jobs', '--db', address, '--json'], killEnv)).stdout).active;
    const w = await runCliAsync(['worker', '--db', address, '--until-idle', '--json', '-q'], killEnv);
    assert.equal(w.code, 0, w.stderr);
    // The killed worker's jobs (none, if it died between batches) were adopted at once, not left to expire.
    assert.equal(JSON.parse(w.stdout).adopted, held);
    const after = await readOutcome(address);
    assert.equal(after.reports, TOTAL);
    assert.deepEqual(after, reference);
    const jobs = JSON.parse((await runCliAsync(['jobs', '--db', address, '--json'], killEnv)).stdout);
    assert.deepEqual(jobs, {
      waiting: 0,
      active: 0,
      retrying: 0,
      dead: 0,
      briefings: 0,
      feeds: 0,
      fetches: 0,
      workers: 0,
    });
  });

  it('a job that keeps failing lands on the dead-letter list; jobs dead names it, jobs retry re-queues it', async () => {
    const address = await pg.address();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      [
        JSON.stringify({
          url: 'https://example.org/fine',
          text: 'The council approved the budget on Monday, officials said.',
        }),
        JSON.stringify({ url: 'javascript:alert(1)', text: 'A report whose address may not be stored.' }),
      ].join('\n') + '\n',
    );
    assert.equal((await runCliAsync(['ingest', bad, '--db', address, '--queue'], env)).code, 0);
    const w = await runCliAsync(['worker', '--db', address, '--until-idle', '--json', '-q'], env);
    assert.equal(w.code, 0, w.stderr);
    const totals = JSON.parse(w.stdout);
    assert.deepEqual(
      [totals.batches, totals.jobs, totals.inserted, totals.failed],
      [2, 3, 1, 2],
      'tried, retried once (retryLimit 1), then dead',
    );
    const dead = JSON.parse((await runCliAsync(['jobs', 'dead', '--db', address, '--json'], env)).stdout);
    assert.equal(dead.length, 1);
    assert.equal(dead[0].where, `${bad}:2`);
    assert.match(dead[0].error, /must be an http\(s\) address, not a javascript: address/);
    const text = await runCliAsync(['jobs', '--db', address], env);
    assert.match(text.stdout, /0 waiting, 0 running, 0 waiting for a retry, 1 dead/);

    const unknown = await runCliAsync(
      ['jobs', 'retry', '00000000-0000-8000-a000-000000000000', '--db', address],
      env,
    );
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /no such job on the dead-letter list/);
    const r = await runCliAsync(['jobs', 'retry', dead[0].id, '--db', address, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { retried: [dead[0].id] });
    assert.deepEqual(JSON.parse((await runCliAsync(['jobs', '--db', address, '--json'], env)).stdout), {
      waiting: 1,
      active: 0,
      retrying: 0,
      dead: 0,
      briefings: 0,
      feeds: 0,
      fetches: 0,
      workers: 0,
    });
  });
});

async function jobCounts(
  address: string,
): Promise<{ waiting: number; active: number; retrying: number; workers: number }> {
  const r = await runCliAsync(['jobs', '--db', address, '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function waiting(address: string): Promise<number> {
  const r = await runCliAsync(['jobs', '--db', address, '--json'], env);
  return r.code === 0 ? (JSON.parse(r.stdout) as { waiting: number }).waiting : 0;
}

describe('the job queue [sqlite]', () => {
  const db = sqliteDatabase();
  after(() => db.cleanup());
  it('is refused, naming why, by worker, jobs and ingest --queue', async () => {
    const address = await db.address();
    assert.equal((await runCliAsync(['ingest', REPORTS, '--db', address, '--json'])).code, 0);
    for (const args of [['worker', '--until-idle'], ['jobs'], ['ingest', REPORTS, '--queue']]) {
      const r = await runCliAsync([...args, '--db', address]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /the job queue needs PostgreSQL/);
    }
    const follow = await runCliAsync(['ingest', REPORTS, '--follow', '--db', address]);
    assert.equal(follow.code, 2, follow.stderr);
    assert.match(follow.stderr, /the job queue needs PostgreSQL/);
  });
});
