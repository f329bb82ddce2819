/**
 * Two runs placing reports in one database at once, on every database: the second waits for the first
 * and then reads what it stored, so together they make the events one ingest after the other makes
 * (without the lock they made an event too many over these reports); each prints its own counts; with
 * `--no-wait` the second is refused, naming the run it found; an editor's merge or split waits for a run
 * or is refused likewise; a lock whose process has died is taken over.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { ROOT } from '../bench/shared-data.ts';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { readOutletRegistry } from '../src/pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { ingest, PLACING_LOCK, type IngestSummary } from '../src/run/ingest.ts';
import { mergeEvents, splitEvent } from '../src/run/regroup.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { runCliAsync } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';
import { snapshot } from './support/event-snapshot.ts';

const DEMO = join(ROOT, 'data', 'demo');
const OUTLETS = join(DEMO, 'outlets.json');
const lines = readFileSync(join(DEMO, 'reports.jsonl'), 'utf8').split('\n').filter(Boolean);
/** Two overlapping halves of the demo corpus: A holds the first 55 reports, B the last 55 (28 shared). */
const dir = mkdtempSync(join(tmpdir(), 'corroborate-concurrent-'));
const FILES = { A: join(dir, 'a.jsonl'), B: join(dir, 'b.jsonl') };
writeFileSync(FILES.A, lines.slice(0, 55).join('\n') + '\n');
writeFileSync(FILES.B, lines.slice(28).join('\n') + '\n');
const SHARED = 55 - 28;

const inputsOf = (f: string) => readInputs([f], 1e9).inputs;
const deps = (store: Store) => ({ store, config: parseConfig({}), clock: systemClock() });

async function withOutlets(store: Store): Promise<Store> {
  for (const o of readOutletRegistry(OUTLETS)) await store.outlets.upsert(o, systemClock().now());
  return store;
}

after(() => rmSync(dir, { recursive: true, force: true }));

for (const db of testDatabases()) {
  describe(`two runs placing reports at once [${db.name}]`, { skip: db.skip }, () => {
    /** What one ingest of A and then one of B leave, and the other way round. */
    const reference: Record<'AB' | 'BA', Awaited<ReturnType<typeof snapshot>>> = {} as never;
    before(async () => {
      for (const order of ['AB', 'BA'] as const) {
        const store = await withOutlets(await db.open());
        for (const f of order) await ingest(deps(store), inputsOf(FILES[f as 'A' | 'B']));
        reference[order] = await snapshot(store);
        await store.close();
      }
    });
    after(() => db.cleanup());

    it('in one process over two connections: one waits, and the events are those of one ingest after the other', async () => {
      const first = await withOutlets(await db.open());
      const second = await db.reopen();
      const waited: string[] = [];
      const run = (store: Store, f: 'A' | 'B') =>
        ingest({ ...deps(store), lock: { onWait: () => waited.push(f) } }, inputsOf(FILES[f]));
      const [a, b] = await Promise.all([run(first, 'A'), run(second, 'B')]);
      assert.equal(waited.length, 1, 'exactly one run found the other placing reports');
      const order = waited[0] === 'B' ? 'AB' : 'BA';
      const [earlier, later] = order === 'AB' ? [a, b] : [b, a];
      assert.deepEqual(await snapshot(first), reference[order]);
      assertOwnCounts(earlier, later);
      await second.close();
      await first.close();
    });

    it('two `ingest` processes over overlapping files make the events of one ingest after the other', async () => {
      const address = await db.address();
      const cli = (f: 'A' | 'B') =>
        runCliAsync(['ingest', FILES[f], '--outlets', OUTLETS, '--db', address, '--json']);
      const [a, b] = await Promise.all([cli('A'), cli('B')]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const sa = JSON.parse(a.stdout) as IngestSummary;
      const sb = JSON.parse(b.stdout) as IngestSummary;
      // The one that stored the shared reports ran first (if both started before either locked, one waited).
      const order = sa.unchanged === 0 ? 'AB' : 'BA';
      const [earlier, later] = order === 'AB' ? [sa, sb] : [sb, sa];
      assertOwnCounts(earlier, later);
      const waiting = [a, b].filter((r) => /waiting for another run placing reports/.test(r.stderr));
      assert.ok(waiting.length <= 1, 'at most one run waited');
      const store = await openStore(address);
      try {
        assert.deepEqual(await snapshot(store), reference[order]);
      } finally {
        await store.close();
      }
    });

    it('runs waiting in one process hold none of its connections: the holder goes on, then each in turn', async () => {
      const store = await db.open();
      let release = () => undefined as void;
      let held = () => undefined as void;
      const holding = new Promise<void>((r) => (held = r));
      const order: string[] = [];
      const holder = store.exclusive(PLACING_LOCK, { command: 'ingest' }, async () => {
        held();
        await new Promise<void>((r) => (release = r));
        // The pool's other connections are free although six runs wait: the holder can still read.
        order.push(`holder read ${(await store.events.ids()).length} events`);
      });
      await holding;
      let waiting = 0;
      const waiters = Array.from({ length: 6 }, (_, i) =>
        store.exclusive(PLACING_LOCK, { command: 'ingest', onWait: () => waiting++ }, async () => {
          order.push(`waiter ${i}`);
          await store.events.ids();
        }),
      );
      while (waiting < 6) await new Promise((r) => setTimeout(r, 20));
      release();
      await holder;
      await Promise.all(waiters);
      assert.equal(order[0], 'holder read 0 events');
      assert.deepEqual(order.slice(1).sort(), Array.from({ length: 6 }, (_, i) => `waiter ${i}`).sort());
      await store.close();
    });

    it('a run that fails when its lock cannot be let go of fails with its own error; PostgreSQL lets go of the lock', async () => {
      const address = await db.address();
      const store = await openStore(address);
      // Another connection takes the lock's table away while the run holds the lock, so letting go fails too.
      const onDatabase = async (statement: string) => {
        if (db.name === 'sqlite') return void new BetterSqlite3(address).exec(statement).close();
        const client = new pg.Client({ connectionString: withDefaultUser(address) });
        await client.connect();
        await client.query(statement).finally(() => client.end());
      };
      try {
        await assert.rejects(
          store.exclusive('probe', { command: 'test' }, async () => {
            await onDatabase('ALTER TABLE run_locks RENAME TO run_locks_away');
            throw new Error('the run itself failed');
          }),
          /^Error: the run itself failed$/,
        );
        await onDatabase('ALTER TABLE run_locks_away RENAME TO run_locks');
        // On PostgreSQL the lock is the server's, let go of although its row stayed: the next run takes it.
        if (db.name === 'postgres')
          assert.equal(
            await store.exclusive('probe', { command: 'test', waitMs: 0 }, async () => 'taken'),
            'taken',
          );
      } finally {
        await store.close();
      }
    });

    it('with --no-wait a run is refused while another holds the lock, naming it; nothing is stored', async () => {
      const holder = await withOutlets(await db.open());
      const { release, done } = await holdLock(holder);
      const second = await db.reopen();
      await assert.rejects(
        ingest({ ...deps(second), lock: { waitMs: 0 } }, inputsOf(FILES.A)),
        (err: Error) =>
          /another run is placing reports in this database \(ingest, process \d+ on .+, since /.test(
            err.message,
          ),
      );
      assert.deepEqual(await second.events.assignments(), {});
      release();
      await done;
      const s = await ingest({ ...deps(second), lock: { waitMs: 0 } }, inputsOf(FILES.A));
      assert.equal(s.inserted, 55, 'the lock is free again once its holder is done');
      await second.close();
      await holder.close();
    });
  });
}

for (const db of testDatabases()) {
  describe(
    `an editor's merge or split while reports are being placed [${db.name}]`,
    { skip: db.skip },
    () => {
      // Its database is cleaned up by the suite after it, which uses the same.
      it('waits for the run or is refused, changing nothing, and is done once the run ends', async () => {
        const store = await withOutlets(await db.open());
        await ingest(deps(store), inputsOf(FILES.A));
        const events = await store.events.ids();
        assert.ok(events.length >= 2);
        const [from, into] = events as [string, string];
        const before = await store.events.assignments();
        const running = await db.reopen();
        const { release, done } = await holdLock(running);
        const refused = /another run is placing reports in this database \(ingest, process \d+/;
        const now = { ...deps(store), lock: { waitMs: 0 } };
        await assert.rejects(mergeEvents(now, from, into, 'test'), refused);
        const reports = (await store.events.reports(into)).map((r) => r.articleId);
        if (reports.length >= 2)
          await assert.rejects(splitEvent(now, into, reports.slice(0, 1), 'test'), refused);
        assert.deepEqual(await store.events.assignments(), before, 'nothing moved');
        // Waiting: the merge is done as soon as the run ends.
        let waited = false;
        const merging = mergeEvents(
          { ...deps(store), lock: { onWait: () => (waited = true) } },
          from,
          into,
          'test',
        );
        while (!waited) await new Promise((r) => setTimeout(r, 20));
        release();
        await done;
        await merging;
        assert.ok(Object.values(await store.events.assignments()).every((e) => e !== from));
        await running.close();
        await store.close();
      });
    },
  );

  describe(`a lock left by a process that died [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());
    it('is taken over by the next run', async () => {
      const address = await db.address();
      const store = await withOutlets(await openStore(address));
      // A process that takes the lock and is killed while holding it.
      const script = `
        const { openStore } = await import(${JSON.stringify(join(ROOT, 'src', 'storage', 'store.ts'))});
        const store = await openStore(${JSON.stringify(address)});
        await store.exclusive('${PLACING_LOCK}', { command: 'ingest' }, async () => {
          console.log('held');
          await new Promise(() => undefined);
        });`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
        child.once('exit', (code) => reject(new Error(`the holder exited early (${code})`)));
      });
      child.kill('SIGKILL');
      await exited;
      // SQLite sees the process gone at once; PostgreSQL once its server notices the closed connection.
      const s = await ingest({ ...deps(store), lock: { waitMs: 20_000 } }, inputsOf(FILES.A));
      assert.equal(s.inserted, 55);
      await store.close();
    });
  });
}

/** Takes the placing lock on `store` as a run would, and keeps it until `release` is called. */
async function holdLock(store: Store): Promise<{ release: () => void; done: Promise<void> }> {
  let release = () => undefined as void;
  let held = () => undefined as void;
  const holding = new Promise<void>((r) => (held = r));
  const done = store.exclusive(PLACING_LOCK, { command: 'ingest' }, async () => {
    held();
    await new Promise<void>((r) => (release = r));
  });
  await holding;
  return { release: () => release(), done };
}

/** Each run counts what it did itself: the earlier stored A's or B's 55, the later the rest. */
function assertOwnCounts(earlier: IngestSummary, later: IngestSummary): void {
  assert.equal(earlier.inserted, 55);
  assert.equal(earlier.unchanged, 0);
  assert.equal(later.inserted, 55 - SHARED);
  assert.equal(later.unchanged, SHARED);
}
