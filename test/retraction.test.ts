/**
 * Withdrawn reports: an event whose every report was withdrawn becomes Retracted, with its history
 * kept; one that keeps other reports is re-assessed without the withdrawn one; a restore brings it
 * back. On every database, and from the command line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { getEvent, listEvents, type EventJson } from '../src/run/event-views.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Outlet } from '../src/domain/outlet.ts';
import { importOutlets, reassessOutlets } from '../src/run/outlets.ts';
import { setArticlesStatus } from '../src/run/withdraw.ts';
import type { Store } from '../src/storage/store.ts';
import { runCli } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';
import { loadMiniCorpus, miniCorpusAt } from './support/mini-corpus.ts';

for (const db of testDatabases()) {
  describe(`withdrawn reports [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let council: EventJson;
    let fire: EventJson;
    const deps = (at: string) => ({ store, config: parseConfig({}), clock: fixedClock(at), actor: 'test' });
    before(async () => {
      store = await db.open();
      await loadMiniCorpus(store);
      [council, fire] = (await listEvents(store)) as [EventJson, EventJson];
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    it(`retracts an event whose every report was withdrawn, keeping its history [${db.name}]`, async () => {
      const s = await setArticlesStatus(deps('2025-10-02T00:00:00Z'), ['m4'], 'withdrawn', 'taken down');
      assert.deepEqual(s.events, [{ id: council.id, level: 'Retracted' }]);
      const history = await store.events.history(council.id);
      assert.deepEqual(
        history.map((h) => h.level),
        ['Unconfirmed', 'Retracted'],
      );
      assert.match(history.at(-1)?.explanation ?? '', /withdrawn \(Town Crier\)/);
      assert.equal((await listEvents(store)).find((e) => e.id === council.id)?.level, 'Retracted');
    });

    it(`re-assesses an event without a withdrawn report, and only that event [${db.name}]`, async () => {
      const s = await setArticlesStatus(deps('2025-10-03T00:00:00Z'), ['m1'], 'withdrawn', 'corrected away');
      assert.deepEqual(
        s.events.map((e) => e.id),
        [fire.id],
        'only the event the report backs is re-assessed',
      );
      const now = (await listEvents(store)).find((e) => e.id === fire.id) as EventJson;
      assert.equal(now.independentSources, 2);
      assert.equal(now.level, 'Likely');
      assert.equal((await store.events.history(council.id)).length, 2, 'the other event is untouched');
    });

    it(`re-assesses only the events of an outlet whose tier changed, and says how many [${db.name}]`, async () => {
      const med = (await store.outlets.list()).find((o) => o.name === 'Med Wire') as Outlet;
      const before = {
        fire: (await store.events.history(fire.id)).length,
        council: (await store.events.history(council.id)).length,
      };
      const imported = await importOutlets(store, [{ ...med, tier: 'trusted' }], '2025-10-03T12:00:00Z');
      assert.deepEqual(imported.changed, [med.id]);
      assert.equal(
        await reassessOutlets(deps('2025-10-03T12:00:00Z'), imported.changed),
        1,
        'one event holds a Med Wire report',
      );
      const latest = (await store.events.history(fire.id)).at(-1);
      assert.equal((await store.events.history(fire.id)).length, before.fire + 1);
      assert.ok(
        latest?.sources.some((x) => x.label === 'Med Wire' && x.tier === 'trusted'),
        'the new tier is in the assessment',
      );
      assert.equal(
        (await store.events.history(council.id)).length,
        before.council,
        'the council event was not recomputed',
      );
      assert.equal(
        await reassessOutlets(
          deps('2025-10-03T12:00:00Z'),
          (await importOutlets(store, [{ ...med, tier: 'trusted' }], '2025-10-03T12:00:00Z')).changed,
        ),
        0,
        'an import that changes nothing re-assesses nothing',
      );
    });

    it(`brings a restored report back [${db.name}]`, async () => {
      await setArticlesStatus(deps('2025-10-04T00:00:00Z'), ['m4'], 'active', 'back online');
      assert.deepEqual(
        (await store.events.history(council.id)).map((h) => h.level),
        ['Unconfirmed', 'Retracted', 'Unconfirmed'],
      );
      const app = createApp(depsFor(store));
      const page = await app.inject({ url: `/events/${council.id}` });
      assert.match(page.body, /Verification history/);
      assert.equal(
        (page.body.match(/<li><span class="when">/g) ?? []).length,
        3,
        'each change of level is listed',
      );
      assert.deepEqual(
        ((await getEvent(store, council.id)) as EventJson).levelHistory?.map((h) => [h.level, h.at]),
        [
          ['Unconfirmed', '2025-10-01T00:00:00Z'],
          ['Retracted', '2025-10-02T00:00:00Z'],
          ['Unconfirmed', '2025-10-04T00:00:00Z'],
        ],
      );
      await app.close();
      await assert.rejects(
        setArticlesStatus(deps('2025-10-04T00:00:00Z'), ['nope'], 'withdrawn', 'x'),
        /nope: no such article/,
      );
    });
  });
}

for (const db of testDatabases())
  describe(`withdrawing from the command line [${db.name}]`, { skip: db.skip }, () => {
    let address: string;
    before(async () => {
      address = await miniCorpusAt(db);
    });
    after(() => db.cleanup());

    it('withdraws a report, prints the events re-assessed, and names an unknown id', () => {
      const r = runCli(['articles', 'withdraw', 'm4', '--db', address, '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        (JSON.parse(r.stdout) as { events: { level: string }[] }).events.map((e) => e.level),
        ['Retracted'],
      );
      const bad = runCli(['articles', 'withdraw', 'nope', '--db', address]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /nope: no such article/);
    });
  });
