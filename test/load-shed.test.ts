/**
 * Overload is shed, not queued: on a real HTTP server on 127.0.0.1, with expensive requests held open
 * up to their bound, the next expensive one gets 503 with Retry-After at once (JSON on the API, an HTML
 * page elsewhere) while a cheap page still answers 200; past the overall bound every route is shed; once
 * the held requests finish, requests are served again. Searches have a bound of their own. A burst of real
 * source-policy requests is shed past the bound too, on SQLite as well, whose reads never wait. Every test
 * runs on each database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { createApp, depsFor } from '../src/server/app.ts';
import { DEFAULT_LOAD_LIMITS } from '../src/server/load-shed.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

/** A request the test can hold open: its handler waits until released. */
class Gate {
  waiting = 0;
  private release: (() => void)[] = [];
  private arrived: (() => void)[] = [];
  private leaving: (() => void)[] = [];
  left = 0;
  async pass(): Promise<void> {
    this.waiting++;
    for (const a of this.arrived.splice(0)) a();
    await new Promise<void>((r) => this.release.push(r));
    this.waiting--;
    this.left++;
    for (const l of this.leaving.splice(0)) l();
  }
  /** Resolves once `n` requests wait at the gate. */
  async until(n: number): Promise<void> {
    while (this.waiting < n) await new Promise<void>((r) => this.arrived.push(r));
  }
  /** Resolves once `n` more requests have left the gate. */
  async done(n: number): Promise<void> {
    const target = this.left + n;
    while (this.left < target) await new Promise<void>((r) => this.leaving.push(r));
  }
  open(): void {
    for (const r of this.release.splice(0)) r();
  }
}

for (const db of testDatabases()) {
  describe(`load shedding [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let base: string;
    const gate = new Gate();
    const OVERALL = 8;
    const SEARCHES = 3;
    before(async () => {
      store = await db.open();
      app = createApp(depsFor(store), {
        // No queues here: past a bound, shed at once (the queue has a test of its own).
        load: { maxInFlight: OVERALL, maxSearches: SEARCHES, searchQueue: 0, policyQueue: 0 },
        routes: {
          'GET /api/v1/test-slow': 'public',
          'GET /api/v1/search/test-slow': 'public',
          'GET /test-slow': 'public',
        },
      });
      // Test-only slow routes: one an API route, one a page; expensive when they carry a source policy.
      app.get('/api/v1/test-slow', async () => {
        await gate.pass();
        return { ok: true };
      });
      // Under /api/v1/search: expensive as a search.
      app.get('/api/v1/search/test-slow', async () => {
        await gate.pass();
        return { ok: true };
      });
      app.get('/test-slow', async (_req, reply) => {
        await gate.pass();
        return reply.type('text/html; charset=utf-8').send('<p>done</p>');
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      gate.open();
      await app?.close();
      await store?.close();
    });

    it(`sheds the expensive request past its bound at once, while a cheap page still answers [${db.name}]`, async () => {
      const n = DEFAULT_LOAD_LIMITS.maxPolicies;
      const held = Array.from({ length: n }, () =>
        fetch(`${base}/api/v1/test-slow?exclude=some-outlet.example`),
      );
      await gate.until(n);

      const started = performance.now();
      const shed = await fetch(`${base}/api/v1/test-slow?exclude=some-outlet.example`);
      assert.equal(shed.status, 503);
      assert.equal(shed.headers.get('retry-after'), String(DEFAULT_LOAD_LIMITS.retryAfterSeconds));
      assert.deepEqual(Object.keys((await shed.json()) as object).sort(), ['error', 'status']);
      const cookie = await fetch(`${base}/test-slow`, {
        headers: { cookie: 'corroborate_sources=%7B%22exclude%22%3A%5B%22a%22%5D%7D' },
      });
      assert.equal(cookie.status, 503, 'the policy cookie makes a request expensive too');
      assert.match(cookie.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await cookie.text(), /Busy/);
      const search = await fetch(`${base}/api/v1/search?q=fire`);
      assert.equal(search.status, 200, "a search counts against its own bound, not the policies'");
      await search.text();
      // Answered, not queued: well under the time any held request will take (they wait for the gate).
      assert.ok(performance.now() - started < 2000);

      const cheap = await fetch(`${base}/methodology`);
      assert.equal(cheap.status, 200, 'a cheap page still answers');
      await cheap.text();

      gate.open();
      for (const r of await Promise.all(held)) assert.equal(r.status, 200);
      const again = await fetch(`${base}/api/v1/events?exclude=some-outlet.example`);
      assert.equal(again.status, 200, 'served again once the held requests are done');
      await again.text();
    });

    it(`keeps counting a request whose client hung up until its handler is done [${db.name}]`, async () => {
      const n = DEFAULT_LOAD_LIMITS.maxPolicies;
      const aborts = Array.from({ length: n }, () => new AbortController());
      const held = aborts.map((a) =>
        fetch(`${base}/api/v1/test-slow?exclude=some-outlet.example`, { signal: a.signal }).catch(
          () => 'aborted',
        ),
      );
      await gate.until(n);
      for (const a of aborts) a.abort();
      assert.deepEqual(await Promise.all(held), Array(n).fill('aborted'));
      const shed = await fetch(`${base}/api/v1/events?exclude=some-outlet.example`);
      assert.equal(shed.status, 503, 'the handlers still work: their slots are still taken');
      await shed.text();
      const waiting = gate.done(n);
      gate.open();
      await waiting;
      // The handlers have returned; their answers are being dropped on closed sockets. Ask until served.
      let status = 0;
      for (let i = 0; i < 200 && status !== 200; i++) {
        const r = await fetch(`${base}/api/v1/events?exclude=some-outlet.example`);
        status = r.status;
        await r.text();
      }
      assert.equal(status, 200);
    });

    it(`sheds every route past the overall bound, and serves again when the load is gone [${db.name}]`, async () => {
      const held = Array.from({ length: OVERALL }, () => fetch(`${base}/test-slow`));
      await gate.until(OVERALL);
      const page = await fetch(`${base}/methodology`);
      assert.equal(page.status, 503);
      assert.ok(page.headers.get('retry-after'));
      assert.match(await page.text(), /<h1>Busy/);
      const api = await fetch(`${base}/api/v1/events`);
      assert.equal(api.status, 503);
      assert.equal(((await api.json()) as { status: number }).status, 503);
      gate.open();
      for (const r of await Promise.all(held)) assert.equal(r.status, 200);
      const after = await fetch(`${base}/methodology`);
      assert.equal(after.status, 200);
      await after.text();
    });

    it(`lets expensive requests past their bound wait in a bounded queue, and sheds past the queue [${db.name}]`, async () => {
      const gated = new Gate();
      const queued = createApp(depsFor(store), {
        load: { maxSearches: 2, searchQueue: 2 },
        routes: { 'GET /api/v1/search/test-slow': 'public' },
      });
      queued.get('/api/v1/search/test-slow', async () => {
        await gated.pass();
        return { ok: true };
      });
      await queued.listen({ host: '127.0.0.1', port: 0 });
      const pool = new Pool(`http://127.0.0.1:${(queued.server.address() as AddressInfo).port}`, {
        connections: 10,
        pipelining: 1,
      });
      const ask = async () => {
        const r = await pool.request({ path: '/api/v1/search/test-slow', method: 'GET' });
        await r.body.dump();
        return r.statusCode;
      };
      try {
        const running = [ask(), ask()];
        await gated.until(2);
        // Five more at once: two wait in the queue, three find it full and are shed at once.
        const later = Array.from({ length: 5 }, ask);
        const settled: number[] = [];
        for (const p of later) void p.then((st) => settled.push(st));
        const deadline = Date.now() + 10_000;
        while (settled.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        assert.deepEqual(settled, [503, 503, 503]);
        assert.equal(gated.waiting, 2, 'the queued requests do not run while the bound is taken');
        const left = gated.done(2);
        gated.open();
        await left; // the two running are through: the two queued take their places
        await gated.until(2);
        gated.open();
        assert.deepEqual(
          (await Promise.all([...running, ...later])).sort(),
          [200, 200, 200, 200, 503, 503, 503],
        );
      } finally {
        gated.open();
        await pool.destroy();
        await queued.close();
      }
    });

    it(`sheds searches past their own bound, while a source-policy request is still served [${db.name}]`, async () => {
      const n = SEARCHES;
      const held = Array.from({ length: n }, () => fetch(`${base}/api/v1/search/test-slow`));
      await gate.until(n);
      const shed = await fetch(`${base}/api/v1/search?q=fire`);
      assert.equal(shed.status, 503);
      assert.match(((await shed.json()) as { error: string }).error, /searches/);
      const policy = await fetch(`${base}/api/v1/events?exclude=some-outlet.example`);
      assert.equal(policy.status, 200);
      await policy.text();
      gate.open();
      for (const r of await Promise.all(held)) assert.equal(r.status, 200);
    });
  });

  // Made for SQLite, whose reads never wait (a request could run to its end before the next is read); on
  // PostgreSQL, whose reads do wait, the burst must be counted and shed the same.
  describe(`load shedding of a burst of real requests [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let base: string;
    before(async () => {
      store = await db.open();
      await loadMiniCorpus(store);
      app = createApp(depsFor(store));
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await db.cleanup();
    });

    it(`counts a burst of source-policy requests as they arrive and sheds those past the bound [${db.name}]`, async () => {
      // 40 connections, opened by a first wave of cheap requests; then a source-policy request on each at
      // once, which the server reads in one turn. A request that ran to its end before the next was read
      // would leave the count at one and shed none.
      const outlets = (await store.outlets.list()).map((o) => o.id);
      assert.ok(outlets.length >= 2);
      const pool = new Pool(base, { connections: 40, pipelining: 1 });
      const wave = (path: (i: number) => string) =>
        Promise.all(
          Array.from({ length: 40 }, async (_x, i) => {
            const r = await pool.request({ path: path(i), method: 'GET' });
            await r.body.dump();
            return r.statusCode;
          }),
        );
      try {
        assert.deepEqual(await wave(() => '/methodology'), Array(40).fill(200));
        const burst = await wave(
          (i) => `/api/v1/events?exclude=${encodeURIComponent(outlets[i % outlets.length] as string)}&n=${i}`,
        );
        const shed = burst.filter((st) => st === 503).length;
        assert.ok(
          burst.every((st) => st === 200 || st === 503),
          `statuses: ${burst.join(' ')}`,
        );
        assert.ok(shed > 0, `some of the burst was shed (${shed} of 40)`);
        assert.ok(burst.length - shed >= DEFAULT_LOAD_LIMITS.maxPolicies, 'the bound was served');
      } finally {
        await pool.close();
      }
    });
  });
}
