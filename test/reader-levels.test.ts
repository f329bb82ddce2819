/**
 * A reader's source policy applied to the support stored with each assessment (no report read again)
 * gives the same level, independent-source count, explanation and next step as assessing the event
 * again for the reader — for every event of the demo and the mini corpus, with each outlet left out in
 * turn, each counted lower in turn, and outlets left out two at a time; on SQLite and PostgreSQL.
 * And the run layer: answers cached per policy and data version, old assessments without support
 * assessed again for the reader.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestDemo } from '../bench/demo-score.ts';
import { parseConfig, type ConfidenceConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { levelForPolicy, weighOutlets, type ReaderPolicy } from '../src/pipeline/assess/reader-level.ts';
import { assessForReader } from '../src/run/assess-events.ts';
import { policyKey, readerLevels } from '../src/run/reader-levels.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { policyOutlets } from '../src/run/policy-outlets.ts';
import { setArticlesStatus } from '../src/run/withdraw.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { sqliteDatabase, testDatabases } from './support/databases.ts';
import { loadMiniCorpus, MINI_REPORTS } from './support/mini-corpus.ts';

const NOW = '2026-01-01T00:00:00Z';
const STANDARD = parseConfig({}).confidence;
const RULED: ConfidenceConfig = { ...STANDARD, disputeRule: 'trusted-majority' };

/** Each outlet left out, each counted lower, and neighbours left out two at a time. */
function policies(outletIds: string[]): ReaderPolicy[] {
  return [
    ...outletIds.map((id) => ({ exclude: [id], lower: [] })),
    ...outletIds.map((id) => ({ exclude: [], lower: [id] })),
    ...outletIds.map((id, i) => ({
      exclude: [id, outletIds[(i + 1) % outletIds.length] as string],
      lower: [],
    })),
  ];
}

/** Compares the stored-support answer with assessing again, for every event and policy; returns [agreed, compared]. */
async function agreement(
  store: Store,
  cfg: ConfidenceConfig,
  which: (p: ReaderPolicy) => boolean = () => true,
): Promise<[number, number, string[]]> {
  const ids = await store.events.ids();
  const latest = await store.events.latestAssessmentsOf(ids);
  const outlets = await store.outlets.list();
  const used = [
    ...new Set(
      [...latest.values()].flatMap((a) => [
        ...(a.support?.reports.map((r) => r.outletId) ?? []),
        ...(a.support?.others.flatMap((r) => r.outletId ?? []) ?? []),
      ]),
    ),
  ].sort();
  let agreed = 0;
  let compared = 0;
  const differ: string[] = [];
  for (const policy of policies(used).filter(which))
    for (const id of ids) {
      const support = latest.get(id)?.support;
      assert.ok(support, `event ${id} has its support stored`);
      const fast = levelForPolicy(support, weighOutlets(outlets, policy), cfg);
      const slow = await assessForReader(store, id, policy, cfg, NOW);
      const same =
        fast.level === slow.level &&
        fast.independentSources === slow.sources.length &&
        fast.explanation === slow.explanation &&
        fast.next === slow.next;
      compared++;
      if (same) agreed++;
      else differ.push(`${id} ${policyKey(policy)}: ${fast.level}/${slow.level} ${fast.explanation}`);
    }
  return [agreed, compared, differ];
}

for (const db of testDatabases()) {
  describe(`a reader's level from stored support (${db.name})`, { skip: db.skip }, () => {
    let demo: Store;
    let mini: Store;
    before(async () => {
      [demo, mini] = await Promise.all([db.open(), db.open()]);
      await ingestDemo(demo);
      await loadMiniCorpus(mini);
    });
    after(async () => {
      await demo?.close();
      await mini?.close();
      await db.cleanup();
    });

    it('agrees with assessing again on every event of the demo, for every policy, under either dispute rule', async () => {
      // The rule settles disputes by trusted sources: what a reader counts lower bears on it.
      for (const [cfg, which] of [
        [STANDARD, () => true],
        [RULED, (p: ReaderPolicy) => p.lower.length > 0],
      ] as const) {
        const [agreed, compared, differ] = await agreement(demo, cfg, which);
        console.log(`demo (${db.name}, disputeRule ${cfg.disputeRule}): ${agreed} of ${compared} agree`);
        assert.ok(compared >= 100, 'many event and policy pairs compared');
        assert.deepEqual(differ, []);
      }
    });

    it('agrees on the mini corpus, also once reports are withdrawn and an event is Retracted', async () => {
      const [agreed, compared, differ] = await agreement(mini, STANDARD);
      console.log(`mini (${db.name}): ${agreed} of ${compared} agree`);
      assert.deepEqual(differ, []);
      const vote = MINI_REPORTS.find((r) => r.input.outlet === 'Town Crier')?.input.id as string;
      const deps = { store: mini, config: parseConfig({}), clock: fixedClock(NOW) };
      await setArticlesStatus(deps, [vote, 'm1'], 'withdrawn', 'test');
      const [agreedAfter, comparedAfter, differAfter] = await agreement(mini, STANDARD);
      console.log(`mini with withdrawals (${db.name}): ${agreedAfter} of ${comparedAfter} agree`);
      assert.deepEqual(differAfter, []);
      const levels = [...(await mini.events.latestAssessmentsOf(await mini.events.ids())).values()].map(
        (a) => a.level,
      );
      assert.ok(levels.includes('Retracted'), 'an event every report of which is withdrawn is Retracted');
    });

    it('caches answers per policy until the data changes, and assesses again an event stored without support', async () => {
      const ids = await demo.events.ids();
      const outlet = (await demo.outlets.list())[0]?.id as string;
      const policy = { exclude: [outlet], lower: [] };
      const first = await readerLevels(demo, ids, policy, STANDARD, NOW);
      assert.equal(first.size, ids.length);
      const again = await readerLevels(
        demo,
        [...ids].reverse(),
        { exclude: [outlet, outlet], lower: [] },
        STANDARD,
        NOW,
      );
      for (const id of ids)
        assert.equal(again.get(id), first.get(id), 'the same answer object, from the cache');
      // An assessment stored before support was kept: the reader's level comes from assessing again.
      const id = ids[0] as string;
      const latest = (await demo.events.latestAssessmentsOf([id])).get(id);
      assert.ok(latest);
      const { support: _dropped, ...old } = latest;
      const historyLength = (await demo.events.history(id)).length;
      const version = await demo.events.assessmentVersion();
      assert.equal(await demo.events.saveAssessment({ ...old, computedAt: NOW }), false, 'no new assessment');
      assert.equal((await demo.events.history(id)).length, historyLength, 'the history gains no entry');
      assert.ok((await demo.events.assessmentVersion()) > version, 'but the data version moves');
      const after = await readerLevels(demo, [id], policy, STANDARD, NOW);
      const slow = await assessForReader(demo, id, policy, STANDARD, NOW);
      assert.notEqual(
        after.get(id),
        first.get(id),
        'a new version of the data is not answered from the cache',
      );
      assert.equal(after.get(id)?.level, slow.level);
      assert.equal(after.get(id)?.explanation, slow.explanation);
      // Assessed again with its support: the latest entry takes it, still no new entry.
      assert.equal(await demo.events.saveAssessment(latest), false);
      assert.equal((await demo.events.history(id)).length, historyLength);
      assert.ok((await demo.events.latestAssessmentsOf([id])).get(id)?.support);
    });
  });
}

describe('policy keys', () => {
  it('are the same for the same outlets in any order, and differ between leaving out and counting lower', () => {
    assert.equal(
      policyKey({ exclude: ['b.example', 'a.example', 'b.example'], lower: [] }),
      policyKey({ exclude: ['a.example', 'b.example'], lower: [] }),
    );
    assert.notEqual(
      policyKey({ exclude: ['a.example'], lower: [] }),
      policyKey({ exclude: [], lower: ['a.example'] }),
    );
  });
});

describe('the /sources form', () => {
  const db = sqliteDatabase();
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let fireId: string;
  before(async () => {
    store = await db.open();
    await loadMiniCorpus(store);
    app = createApp(depsFor(store));
    const ids = await store.events.ids();
    const latest = await store.events.latestAssessmentsOf(ids);
    fireId = ids.find((id) => latest.get(id)?.sources.length === 3) as string;
  });
  after(async () => {
    await app.close();
    await store.close();
    await db.cleanup();
  });

  it('lists the outlets with reports, each with "leave out" and "count lower", and no policy yet', async () => {
    const r = await app.inject({ url: '/sources' });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /You count every source/);
    for (const name of ['Harbour News', 'Island Times', 'Med Wire', 'Town Crier'])
      assert.ok(r.body.includes(name));
    assert.equal((r.body.match(/type="checkbox" name="exclude"/g) ?? []).length, 4);
    assert.equal((r.body.match(/type="checkbox" name="lower"/g) ?? []).length, 4);
    assert.equal(r.headers['set-cookie'], undefined, 'looking sets nothing');
  });

  it('sets the policy from the submitted form in an HttpOnly cookie, and the levels follow it', async () => {
    const outlets = await store.outlets.list();
    const harbour = outlets.find((o) => o.name === 'Harbour News')?.id as string;
    const med = outlets.find((o) => o.name === 'Med Wire')?.id as string;
    const before = (await app.inject({ url: `/api/v1/events/${fireId}` })).json() as EventJson;
    assert.equal(before.independentSources, 3);
    // What a browser sends for the form with one "leave out" and one "count lower" ticked.
    const r = await app.inject({ url: `/sources?exclude=&lower=&exclude=${harbour}&lower=${med}` });
    assert.equal(r.statusCode, 200);
    const set = String(r.headers['set-cookie']);
    assert.match(set, /corroborate_sources=/);
    assert.match(set, /HttpOnly/);
    assert.doesNotMatch(set, /Secure/, 'not over plain HTTP');
    assert.match(r.body, /Leaving out: Harbour News\./);
    assert.match(r.body, /Counting lower: Med Wire\./);
    assert.match(r.body, new RegExp(`name="exclude" value="${harbour.replace(/\./g, '\\.')}" checked`));
    const cookie = set.split(';')[0] as string;
    const seen = (
      await app.inject({ url: `/api/v1/events/${fireId}`, headers: { cookie } })
    ).json() as EventJson;
    assert.equal(seen.independentSources, 2, 'the left-out outlet no longer counts');
    const again = await app.inject({ url: '/sources', headers: { cookie } });
    assert.match(again.body, /Leaving out: Harbour News\./, 'the form shows the policy the cookie holds');
    const reset = await app.inject({ url: '/sources?sources=all', headers: { cookie } });
    assert.match(String(reset.headers['set-cookie']), /Max-Age=0/);
    assert.match(reset.body, /You count every source/);
    const cleared = await app.inject({ url: '/sources?exclude=&lower=', headers: { cookie } });
    assert.match(String(cleared.headers['set-cookie']), /Max-Age=0/, 'submitting nothing ticked clears it');
  });

  it('keeps ?exclude= working on the API and pages', async () => {
    const harbour = (await store.outlets.list()).find((o) => o.name === 'Harbour News')?.id as string;
    const r = await app.inject({ url: `/api/v1/events/${fireId}?exclude=${harbour}` });
    assert.equal((r.json() as EventJson).independentSources, 2);
  });

  it('finds outlets by name and pages through them, never all at once', async () => {
    const found = await app.inject({ url: '/sources?q=harbour' });
    assert.match(found.body, /Harbour News/);
    assert.doesNotMatch(found.body, /Town Crier/);
    const first = await policyOutlets(store, { limit: 3 });
    assert.equal(first.outlets.length, 3);
    assert.equal(first.matching, 4);
    assert.ok(first.next);
    const second = await policyOutlets(store, { limit: 3, after: first.next });
    assert.deepEqual(
      [...first.outlets, ...second.outlets].map((o) => o.name),
      ['Harbour News', 'Island Times', 'Med Wire', 'Town Crier'],
    );
    assert.equal(second.next, null);
    const bad = await app.inject({ url: '/sources?after=nonsense' });
    assert.equal(bad.statusCode, 400);
  });
});
