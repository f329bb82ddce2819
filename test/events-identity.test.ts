/**
 * Events and stories over the demo corpus, on every database: stable identity (merges and splits are
 * recorded, an id merged away redirects, pages and API), field-level events, stories in the app and
 * the API, and `reprocess` deciding the same whatever order the reports arrived in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestDemo } from '../bench/demo-score.ts';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { EventLineageEntry } from '../src/domain/event.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { resolveDispute } from '../src/run/disputes.ts';
import { mergeEvents, splitEvent } from '../src/run/regroup.ts';
import { reprocess } from '../src/run/reprocess.ts';
import type { StoryJson } from '../src/run/story-views.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { partition, snapshot } from './support/event-snapshot.ts';

const deps = (store: Store) => ({ store, config: parseConfig({}), clock: systemClock(), actor: 'test' });

for (const db of testDatabases()) {
  describe(`events and stories [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let events: EventJson[];
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      app = createApp(depsFor(store));
      events = ((await app.inject({ url: '/api/v1/events' })).json() as { events: EventJson[] }).events;
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });
    const byTitle = (re: RegExp) => events.find((e) => re.test(e.title)) as EventJson;

    it(`serves stories in the API and the pages, their events in date order [${db.name}]`, async () => {
      // The list gives each story's count and span; its events are in the story's own route.
      const list = (await app.inject({ url: '/api/v1/stories' })).json() as {
        stories: { id: string; eventCount: number }[];
        next: string | null;
      };
      assert.equal(list.stories.length, 4);
      assert.equal(list.next, null);
      const stories: StoryJson[] = [];
      for (const s of list.stories) {
        const one = (await app.inject({ url: `/api/v1/stories/${s.id}` })).json() as StoryJson;
        assert.equal(one.events.length, s.eventCount, `${s.id}: the list counts the story's events`);
        stories.push(one);
      }
      for (const s of stories) {
        assert.ok(s.events.length >= 2, `${s.title} threads at least two events`);
        const days = s.events.map((e) => e.date?.start ?? '');
        assert.deepEqual(days, [...days].sort(), `${s.title}: events in date order`);
      }
      const port = stories.find((s) => s.events.some((e) => /Gdańsk/.test(e.title))) as StoryJson;
      const one = await app.inject({ url: `/api/v1/stories/${port.id}` });
      assert.deepEqual(
        (one.json() as StoryJson).events.map((e) => e.id),
        port.events.map((e) => e.id),
      );
      const page = await app.inject({ url: `/stories/${port.id}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /How we got here/);
      for (const e of port.events)
        assert.ok(page.body.includes(`/events/${e.id}`), `the story page links ${e.id}`);
      assert.match((await app.inject({ url: '/' })).body, new RegExp(`/stories/${port.id}`));
      assert.equal((await app.inject({ url: '/api/v1/stories/sty_nope' })).statusCode, 404);
    });

    it(`gives each field its values with the reports behind them [${db.name}]`, async () => {
      const strike = byTitle(/walk out over pay/);
      const detail = (await app.inject({ url: `/api/v1/events/${strike.id}` })).json() as EventJson;
      const fields = detail.fields;
      assert.ok(fields, 'the assessed event has its fields');
      const counts = fields.numbers.participants ?? [];
      const values = counts.map((v) => v.value);
      assert.ok(
        values.some((v) => /3,000/.test(v)) && values.some((v) => /1,800/.test(v)),
        `both disputed figures: ${values.join(' | ')}`,
      );
      const members = new Set(detail.reports.map((r) => r.articleId));
      for (const v of [...counts, ...fields.date, ...fields.place])
        for (const a of v.articleIds) assert.ok(members.has(a), `${a} is a report of the event`);
      assert.equal(fields.place[0]?.value, 'Gdańsk');
      // The support matrix: each disputed figure backed by the independent sources giving it.
      const figures = (detail.support ?? []).filter((r) => r.field === 'number of participants');
      assert.ok(figures.some((r) => /1,800/.test(r.value) && r.sources.length >= 1));
      for (const r of detail.support ?? [])
        assert.ok(r.sources.length <= r.reports, `${r.field} ${r.value}: no more sources than reports`);
      assert.match((await app.inject({ url: `/events/${strike.id}` })).body, /Who reports what/);
    });

    it(`links a report's background passages to the earlier events they recall, not as reports of them [${db.name}]`, async () => {
      const march = byTitle(/walk out over pay/);
      const detail = (await app.inject({ url: `/api/v1/events/${march.id}` })).json() as EventJson;
      const recalled = detail.recalledIn ?? [];
      assert.ok(recalled.length >= 3, `${recalled.length} passages recall the March strike`);
      const own = new Set(detail.reports.map((r) => r.articleId));
      for (const r of recalled) {
        assert.ok(!own.has(r.articleId), `${r.articleId} recalls the strike; it is not a report of it`);
        assert.match(r.text, /March/, 'the passage dates the strike');
        const theirs = events.find((e) => e.id === r.eventId);
        assert.equal(theirs?.storyId, march.storyId, 'a later event of the same story recalls it');
      }
      assert.match((await app.inject({ url: `/events/${march.id}` })).body, /Recalled in later reports/);
    });

    it(`lets an editor settle a dispute: the level follows, the history keeps both, the page shows who settled it [${db.name}]`, async () => {
      const strike = byTitle(/walk out over pay/);
      const before = (await store.events.history(strike.id)).at(-1);
      assert.equal(before?.level, 'Disputed');
      const field = before?.disputes[0]?.field as string;
      const value = before?.disputes[0]?.values[0]?.value as string;
      await assert.rejects(
        resolveDispute(deps(store), strike.id, field, '12', null),
        /is not one of the disputed values/,
      );
      await assert.rejects(
        resolveDispute(deps(store), strike.id, 'weather', value, null),
        /no dispute over "weather"/,
      );
      const after = await resolveDispute(deps(store), strike.id, field, value, 'port authority count');
      assert.notEqual(after.level, 'Disputed');
      assert.equal(after.disputes[0]?.resolved?.value, value);
      assert.deepEqual(
        (await store.events.history(strike.id)).slice(-2).map((h) => h.level),
        ['Disputed', after.level],
      );
      const page = await app.inject({ url: `/events/${strike.id}` });
      assert.match(page.body, /an editor settled it/);
      assert.match(page.body, /port authority count/);
    });

    it(`shows a denial beside the reports, with who denies and the words that deny [${db.name}]`, async () => {
      // The event a report is in, from the stored assignments (list items hold no reports).
      const leak = { id: (await store.events.assignments(['r063']))['r063'] as string };
      const card = (await app.inject({ url: `/api/v1/events/${leak.id}/card` })).json() as {
        denials: { articleId: string; cues: string[]; sentence: string }[];
        claims: { cues: string[] }[];
      };
      const denial = card.denials.find((d) => d.articleId === 'r063');
      assert.ok(denial, "the board's denial is listed");
      assert.match(denial.sentence, /denied/);
      assert.ok(denial.cues.length > 0, 'with the words that deny');
      assert.match((await app.inject({ url: `/events/${leak.id}` })).body, /<h2>Denied<\/h2>/);
    });

    it(`reprocesses deterministically: twice gives the same events, and so does another arrival order [${db.name}]`, async () => {
      await reprocess(deps(store), 'provenance');
      const first = await snapshot(store);
      await reprocess(deps(store), 'provenance');
      assert.deepEqual(await snapshot(store), first);
      const other = await db.open();
      try {
        await ingestDemo(other, undefined, 'reversed');
        await reprocess(deps(other), 'provenance');
        assert.deepEqual(partition((await snapshot(other)).assignments), partition(first.assignments));
      } finally {
        await other.close();
      }
    });

    it(`records a merge, keeps the old id's history, and redirects its addresses [${db.name}]`, async () => {
      const from = byTitle(/denies agreeing/);
      const into = byTitle(/share Rhône data/);
      const levelsBefore = await store.events.history(from.id);
      const detail = async (id: string) =>
        ((await app.inject({ url: `/api/v1/events/${id}` })).json() as EventJson).reports;
      // List items hold no reports: the event's detail does.
      const fromReports = await detail(from.id);
      await mergeEvents(deps(store), from.id, into.id, 'one dispute, reported twice');
      assert.equal(await store.events.get(from.id), undefined);
      const moved = await store.events.reports(into.id);
      for (const r of fromReports)
        assert.ok(
          moved.some((m) => m.articleId === r.articleId),
          `${r.articleId} moved`,
        );
      const [entry] = await store.events.lineage(from.id);
      assert.deepEqual(
        [entry?.kind, entry?.fromId, entry?.toId, entry?.reason],
        ['merge', from.id, into.id, 'one dispute, reported twice'],
      );
      assert.deepEqual(entry?.articleIds, fromReports.map((r) => r.articleId).sort());
      assert.equal(
        entry?.detail?.levels.length,
        levelsBefore.length,
        "the merged event's verification history is kept",
      );
      for (const [url, to] of [
        [`/events/${from.id}`, `/events/${into.id}`],
        [`/api/v1/events/${from.id}`, `/api/v1/events/${into.id}`],
        [`/api/v1/events/${from.id}/card`, `/api/v1/events/${into.id}/card`],
      ] as const) {
        const r = await app.inject({ url });
        assert.equal(r.statusCode, 301, url);
        assert.equal(r.headers.location, to);
      }
      assert.equal((await app.inject({ url: '/events/evt_never' })).statusCode, 404);
      await assert.rejects(mergeEvents(deps(store), from.id, into.id, 'again'), /merged into/);
    });

    it(`records a split: the event keeps its id, the reports that leave found a new one [${db.name}]`, async () => {
      const bridge = byTitle(/Eleven injured/);
      const bridgeReports = ((await app.inject({ url: `/api/v1/events/${bridge.id}` })).json() as EventJson)
        .reports;
      const leaving = bridgeReports.slice(-2).map((r) => r.articleId);
      const { newEventId } = await splitEvent(
        deps(store),
        bridge.id,
        leaving,
        'a later report of the inquiry',
      );
      assert.deepEqual(
        (await store.events.reports(newEventId)).map((r) => r.articleId).sort(),
        [...leaving].sort(),
      );
      assert.equal((await store.events.reports(bridge.id)).length, bridgeReports.length - 2);
      const entries = await store.events.lineage(bridge.id);
      assert.deepEqual(
        entries.map((e) => [e.kind, e.fromId, e.toId]),
        [['split', bridge.id, newEventId]],
      );
      const page = await app.inject({ url: `/events/${bridge.id}` });
      assert.match(page.body, /Merges and splits/);
      assert.ok(page.body.includes(`/events/${newEventId}`));
      await assert.rejects(splitEvent(deps(store), bridge.id, ['r999'], 'x'), /not a report of event/);
    });

    it(`keeps to editors' merges and splits when it reprocesses [${db.name}]`, async () => {
      const merged = await store.events.editorialDecisions();
      assert.deepEqual(
        merged.map((d) => [d.kind, d.decidedBy]),
        [
          ['merge', 'test'],
          ['split', 'test'],
        ],
      );
      await reprocess(deps(store), 'resolve');
      const a = await store.events.assignments();
      const [merge, split] = merged as [EventLineageEntry, EventLineageEntry];
      const mergedEvent = new Set([...merge.articleIds, ...merge.counterpartIds].map((x) => a[x]));
      assert.equal(mergedEvent.size, 1, 'the merged reports stay in one event');
      const left = new Set(split.articleIds.map((x) => a[x]));
      assert.equal(left.size, 1, 'the reports split off stay together');
      for (const x of split.counterpartIds)
        assert.ok(!left.has(a[x]), `${x} stays apart from the reports split off`);
      assert.ok(await store.events.get(split.fromId), 'the split event keeps its id');
    });
  });
}
