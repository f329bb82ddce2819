/**
 * The job queue's workers side by side (issue 20): the same generated text reports (bench/scale-reports.ts)
 * placed on PostgreSQL by 1 worker process and by 2, each into a database of its own, and once by one
 * `corroborate ingest` on SQLite as the reference grouping. Printed for each: reports per second of wall
 * time (from the first job taken to the last completed), p99 of a job's time from enqueue to assessed (its
 * completion comes after its events' assessment), the database's size, and the B-cubed F1 of its grouping
 * against the reference (1.0: the same events).
 * With --chaos, a third run: 3 workers, one of them killed with SIGKILL every few seconds and replaced,
 * compared with the 1-worker run (events, stories, levels). With --chaos-only, the 1-worker run and the
 * chaos run alone.
 *   npx tsx bench/workers.ts [--reports 20000] [--batch 20] [--chaos | --chaos-only] [--pg postgres://127.0.0.1:5432/postgres]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { bcubed } from '../src/lib/bcubed.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { openStore } from '../src/storage/store.ts';
import { writeScaleReports } from './scale-reports.ts';
import { ROOT } from './shared-data.ts';

const arg = (name: string, fallback: string) =>
  process.argv.includes(name) ? (process.argv[process.argv.indexOf(name) + 1] as string) : fallback;
const N = Number(arg('--reports', '20000'));
const BATCH = arg('--batch', '20');
const PG = withDefaultUser(
  arg('--pg', process.env.CORROBORATE_TEST_PG ?? 'postgres://127.0.0.1:5432/postgres'),
);
const CLI = join(ROOT, 'bin', 'corroborate.mjs');

function cli(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, CORROBORATE_DB: '', ...env },
  });
  if (r.status !== 0) throw new Error(`corroborate ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function onServer<T>(fn: (c: pg.Client) => Promise<T>, url = PG): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function freshDatabase(name: string): Promise<string> {
  await onServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return u.toString();
}

/** What a run decided: each report's event, each event's story and level. */
async function decided(db: string) {
  const store = await openStore(db);
  try {
    const assignments = await store.events.assignments();
    const overview = await store.events.overview();
    const events = Object.fromEntries(
      overview.map((o) => [o.event.id, `${o.event.storyId ?? '-'} ${o.assessment?.level ?? '-'}`]),
    );
    return { assignments, events };
  } finally {
    await store.close();
  }
}

/** From the queue's own records: the span from the first job taken to the last completed, and p99 of enqueue → done. */
async function queueTimes(db: string) {
  return onServer(async (c) => {
    const { rows } = await c.query<{ wait: number; started: Date; done: Date }>(
      `SELECT extract(epoch FROM completed_on - created_on) AS wait, started_on AS started, completed_on AS done
       FROM (SELECT name, state, created_on, started_on, completed_on FROM corroborate_jobs.job
             UNION ALL
             SELECT name, state, created_on, started_on, completed_on FROM corroborate_jobs.archive) j
       WHERE name = 'report' AND state = 'completed'`,
    );
    const waits = rows.map((r) => Number(r.wait)).sort((a, b) => a - b);
    const first = Math.min(...rows.map((r) => r.started.getTime()));
    const last = Math.max(...rows.map((r) => r.done.getTime()));
    const size = await c.query<{ s: string }>('SELECT pg_database_size(current_database()) AS s');
    return {
      completed: rows.length,
      spanSeconds: (last - first) / 1000,
      p99Seconds: waits[Math.floor(waits.length * 0.99)] ?? null,
      sizeMB: Math.round(Number(size.rows[0]?.s) / 2 ** 20),
    };
  }, db);
}

async function workersRun(label: string, file: string, workers: number) {
  const db = await freshDatabase(`bench_workers_${label}`);
  cli(['migrate', '--db', db]);
  cli(['ingest', file, '--db', db, '--queue', '--json']);
  process.stderr.write(`${label}: ${workers} worker${workers > 1 ? 's' : ''} placing ${N} reports…\n`);
  const t0 = performance.now();
  const totals = JSON.parse(
    cli([
      'worker',
      '--db',
      db,
      '--concurrency',
      String(workers),
      '--batch',
      BATCH,
      '--until-idle',
      '--json',
      '-q',
    ]),
  );
  const wall = (performance.now() - t0) / 1000;
  const q = await queueTimes(db);
  return { db, wall, totals, ...q, perSecond: N / q.spanSeconds };
}

/** 3 workers; every few seconds one is killed with SIGKILL and a new one started, until the queue is empty. */
async function chaosRun(file: string, config: string) {
  const db = await freshDatabase('bench_workers_chaos');
  const env = { CORROBORATE_CONFIG: config };
  cli(['migrate', '--db', db]);
  cli(['ingest', file, '--db', db, '--queue', '--json'], env);
  const start = () =>
    spawn(process.execPath, [CLI, 'worker', '--db', db, '--batch', BATCH, '-q'], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
  const workers: ChildProcess[] = [start(), start(), start()];
  let kills = 0;
  const t0 = performance.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 3000));
    const counts = JSON.parse(cli(['jobs', '--db', db, '--json'], env));
    process.stderr.write(`chaos: ${JSON.stringify(counts)}, ${kills} killed\n`);
    if (counts.waiting + counts.active + counts.retrying === 0) break;
    const i = Math.floor(Math.random() * workers.length);
    workers[i]?.kill('SIGKILL');
    kills++;
    workers[i] = start();
  }
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(
    workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.on('close', r)))),
  );
  const counts = JSON.parse(cli(['jobs', '--db', db, '--json'], env));
  // Nothing lost, nothing stored twice: each report once, one version each, in one event; nothing left to assess.
  const stored = await onServer(async (c) => {
    const one = async (q: string) => Number((await c.query<{ n: string }>(q)).rows[0]?.n);
    return {
      reports: await one('SELECT count(*) AS n FROM articles'),
      versions: await one('SELECT count(*) AS n FROM article_versions'),
      placed: await one('SELECT count(DISTINCT article_id) AS n FROM event_reports'),
      placements: await one('SELECT count(*) AS n FROM event_reports'),
      pending: await one('SELECT count(*) AS n FROM pending_events'),
    };
  }, db);
  return { db, kills, wall: (performance.now() - t0) / 1000, counts, stored };
}

/** Events whose story or level differ between two runs (the first five, and how many in all). */
function differences(a: Record<string, string>, b: Record<string, string>) {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((id) => a[id] !== b[id]);
  return {
    count: ids.length,
    first: ids.slice(0, 5).map((id) => `${id}: ${a[id] ?? '-'} / ${b[id] ?? '-'}`),
  };
}

const canonical = (o: Record<string, string>) => JSON.stringify(Object.entries(o).sort());

/** The chaos run, compared with an undisturbed run's decisions. */
async function compareChaos(
  file: string,
  dir: string,
  calm: Awaited<ReturnType<typeof decided>>,
  against: string,
): Promise<void> {
  const config = join(dir, 'chaos.json');
  writeFileSync(config, JSON.stringify({ queue: { retryDelaySeconds: 1, pollSeconds: 1 } }));
  const chaos = await chaosRun(file, config);
  const shaken = await decided(chaos.db);
  console.log(
    JSON.stringify({
      chaos: {
        kills: chaos.kills,
        wallSeconds: +chaos.wall.toFixed(1),
        queue: chaos.counts,
        stored: chaos.stored,
      },
      against,
      sameAssignments: canonical(calm.assignments) === canonical(shaken.assignments),
      sameEventsStoriesLevels: canonical(calm.events) === canonical(shaken.events),
      bcubed: +bcubed(shaken.assignments, calm.assignments).f1.toFixed(4),
      differences: differences(calm.events, shaken.events),
    }),
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-workers-'));
  try {
    const file = writeScaleReports(N, dir);
    if (process.argv.includes('--chaos-only')) {
      const one = await workersRun('one', file, 1);
      await compareChaos(file, dir, await decided(one.db), 'oneWorker');
      return;
    }
    process.stderr.write(`reference: one ingest of ${N} reports on SQLite…\n`);
    const sqlite = join(dir, 'reference.db');
    cli(['ingest', file, '--db', sqlite, '--json', '-q']);
    const reference = await decided(sqlite);
    const runs = [await workersRun('one', file, 1), await workersRun('two', file, 2)];
    for (const r of runs) {
      const d = await decided(r.db);
      console.log(
        JSON.stringify({
          workers: r === runs[0] ? 1 : 2,
          reportsPerSecond: +r.perSecond.toFixed(1),
          wallSeconds: +r.wall.toFixed(1),
          p99EnqueueToAssessedSeconds: r.p99Seconds === null ? null : +r.p99Seconds.toFixed(1),
          postgresMB: r.sizeMB,
          completed: r.completed,
          bcubedVsSqlite: +bcubed(d.assignments, reference.assignments).f1.toFixed(4),
        }),
      );
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const [calmOne, calmTwo] = [await decided(one.db), await decided(two.db)];
    console.log(
      JSON.stringify({
        speedup: +(two.perSecond / one.perSecond).toFixed(2),
        target: 1.6,
        twoAsOne: {
          sameAssignments: canonical(calmOne.assignments) === canonical(calmTwo.assignments),
          sameEventsStoriesLevels: canonical(calmOne.events) === canonical(calmTwo.events),
        },
      }),
    );
    if (process.argv.includes('--chaos')) await compareChaos(file, dir, calmOne, 'oneWorker');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
