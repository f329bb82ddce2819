/**
 * The events list read model on every database: one row per event, equal to the event's detail after
 * ingest, merge, split and withdrawal; keyset pages that hold every event exactly once in both orders
 * and both directions; each filter; stories pages; bad list input answered 400 naming the parameter;
 * a database from before the rows rebuilt once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestDemo } from '../bench/demo-score.ts';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { EventListItem } from '../src/run/event-list.ts';
import { pageEvents, parseEventListQuery, type EventListQuery } from '../src/run/event-list-query.ts';
import { listEvents, type EventJson } from '../src/run/event-views.ts';
import { mergeEvents, splitEvent } from '../src/run/regroup.ts';
import { setArticlesStatus } from '../src/run/withdraw.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { EVENT_LIST_REBUILD } from '../src/storage/migrations/008-event-list.ts';
import type { EventListRow } from '../src/storage/event-list-repository.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';

const deps = (store: Store) => ({ store, config: parseConfig({}), clock: systemClock(), actor: 'test' });
const CHEAP = [
  'id',
  'title',
  'category',
  'cameo',
  'date',
  'place',
  'level',
  'articleCount',
  'outletCount',
  'independentSources',
  'storyId',
] as const;

/** Every event of a list query, page by page through the run layer (forward), with the pages' sizes. */
async function walk(store: Store, q: Partial<EventListQuery>): Promise<EventListItem[]> {
  const out: EventListItem[] = [];
  let after: string | undefined;
  for (let n = 0; n < 1000; n++) {
    const page = await pageEvents(store, { sort: 'newest', limit: 200, ...q, ...(after ? { after } : {}) });
    out.push(...page.items);
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('the pages never ended');
}

/** Asserts the list rows are exactly the stored events, each with its detail's cheap fields. */
async function assertCurrent(store: Store): Promise<EventJson[]> {
  const truth = await listEvents(store);
  const rows = await walk(store, {});
  assert.deepEqual(rows.map((r) => r.id).sort(), truth.map((e) => e.id).sort(), 'one row per stored event');
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const e of truth) {
    const r = byId.get(e.id) as EventListItem;
    for (const k of CHEAP) assert.deepEqual(r[k], e[k], `${e.id}: ${k}`);
  }
  return truth;
}

for (const db of testDatabases()) {
  describe(`events list read model [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let events: EventJson[];
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      app = createApp(depsFor(store));
      events = await listEvents(store);
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    it(`keeps one row per event after ingest, equal to the event's detail [${db.name}]`, async () => {
      assert.ok(events.length >= 10, `${events.length} demo events`);
      await assertCurrent(store);
    });

    it(`pages through every event exactly once, in order, in both orders and directions [${db.name}]`, async () => {
      for (const sort of ['newest', 'corroborated'] as const) {
        const seen: EventListItem[] = [];
        let next: string | null = null;
        let pages = 0;
        do {
          const url: string = `/api/v1/events?limit=4&sort=${sort}${next ? `&after=${next}` : ''}`;
          const r = await app.inject({ url });
          assert.equal(r.statusCode, 200, url);
          const body = r.json() as { events: EventListItem[]; next: string | null };
          assert.ok(body.events.length <= 4);
          assert.ok(body.events.length === 4 || body.next === null, 'only the last page is short');
          seen.push(...body.events);
          next = body.next;
          pages++;
        } while (next && pages < 100);
        const ids = seen.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, `${sort}: no event twice`);
        assert.deepEqual([...ids].sort(), events.map((e) => e.id).sort(), `${sort}: every event`);
        // Ordered by the sort keys: corroborated by independent sources, then by date; newest by date.
        const key = (e: EventListItem) => [
          sort === 'corroborated' ? e.independentSources : 0,
          e.date?.start ?? '',
        ];
        for (let i = 1; i < seen.length; i++) {
          const [a, b] = [key(seen[i - 1] as EventListItem), key(seen[i] as EventListItem)];
          assert.ok((a[0] as number) >= (b[0] as number), `${sort}: sources do not rise at ${i}`);
          if (a[0] === b[0] && seen[i - 1]?.date && seen[i]?.date)
            assert.ok((a[1] as string) >= (b[1] as string), `${sort}: dates do not rise at ${i}`);
        }
        // Backwards from the last page with `before`: the same events, the same order.
        const back: EventListItem[] = [];
        let last = await pageEvents(store, { sort, limit: 4 });
        while (last.next) last = await pageEvents(store, { sort, limit: 4, after: last.next });
        back.unshift(...last.items);
        for (let prev = last.prev; prev; ) {
          const p = await pageEvents(store, { sort, limit: 4, before: prev });
          back.unshift(...p.items);
          prev = p.prev;
        }
        assert.deepEqual(
          back.map((e) => e.id),
          ids,
          `${sort}: newer pages lead back to the first`,
        );
      }
    });

    it(`filters by category, level, dates, place, outlet and entity [${db.name}]`, async () => {
      const ids = async (raw: Record<string, string>) =>
        (await walk(store, parseEventListQuery(raw))).map((e) => e.id).sort();
      const expect = (pred: (e: EventJson) => boolean) =>
        events
          .filter(pred)
          .map((e) => e.id)
          .sort();
      const category = events.find((e) => e.category)?.category as string;
      assert.deepEqual(
        await ids({ category }),
        expect((e) => e.category === category),
      );
      assert.deepEqual(
        await ids({ category: category.toLowerCase() }),
        expect((e) => e.category === category),
      );
      for (const level of new Set(events.map((e) => e.level ?? '')))
        if (level)
          assert.deepEqual(
            await ids({ level }),
            expect((e) => e.level === level),
            level,
          );
      const dated = events.filter((e) => e.date).map((e) => e.date?.start as string);
      const mid = [...dated].sort()[Math.floor(dated.length / 2)] as string;
      const from = await ids({ from: mid });
      const to = await ids({ to: mid });
      assert.deepEqual(
        from,
        expect((e) => !!e.date && e.date.end.slice(0, 10) >= mid),
      );
      assert.deepEqual(
        to,
        expect((e) => !!e.date && e.date.start.slice(0, 10) <= mid),
      );
      assert.ok(from.length > 0 && to.length > 0 && from.length < events.length);
      assert.deepEqual(
        await ids({ from: mid, to: mid }),
        expect((e) => !!e.date && e.date.start.slice(0, 10) <= mid && e.date.end.slice(0, 10) >= mid),
      );
      const placed = events.find((e) => e.place?.country) as EventJson;
      const country = placed.place?.country as string;
      assert.deepEqual(
        await ids({ place: country }),
        expect((e) => e.place?.country === country),
      );
      assert.deepEqual(
        await ids({ place: country.toLowerCase() }),
        expect((e) => e.place?.country === country),
      );
      const name = placed.place?.name as string;
      assert.deepEqual(
        await ids({ place: ` ${name.toUpperCase()} ` }),
        expect((e) => e.place?.name.toLowerCase() === name.toLowerCase()),
      );
      const outlet = (await store.outlets.list()).find((o) => o.kind !== 'unknown')?.id as string;
      const withOutlet = await store.events.idsWithOutlets([outlet]);
      assert.ok(withOutlet.length > 0, `${outlet} reports some event`);
      assert.deepEqual(await ids({ outlet }), [...withOutlet].sort());
      assert.deepEqual(await ids({ outlet: 'no-such-outlet.example' }), []);
      // The entity filter reads the entity index (migration 009), kept by its own read model.
      const entities = await listEntityKeys(store);
      assert.ok(entities.length > 0, 'the demo names entities');
      for (const e of entities.slice(0, 3)) assert.deepEqual(await ids({ entity: e.key }), e.events, e.key);
      assert.deepEqual(await ids({ entity: 'nobody-at-all' }), []);
      // Filters combine, and the order is kept.
      const both = await ids({ category, place: country });
      assert.deepEqual(
        both,
        expect((e) => e.category === category && e.place?.country === country),
      );
    });

    it(`answers bad list input with 400 naming the parameter, as JSON or as a page [${db.name}]`, async () => {
      const bad: [string, string][] = [
        ['limit=abc', 'limit'],
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['after=%%%', 'after'],
        ['after=bm90LWEtY3Vyc29y', 'after'],
        ['before=WyJuIl0', 'before'],
        ['from=2025-13-01', 'from'],
        ['to=2025-02-30', 'to'],
        ['from=2025-06-02&to=2025-06-01', 'to'],
        ['level=Sure', 'level'],
        ['category=Gossip', 'category'],
        ['sort=oldest', 'sort'],
        ['limit=1&limit=2', 'limit'],
      ];
      for (const [query, param] of bad) {
        const api = await app.inject({ url: `/api/v1/events?${query}` });
        assert.equal(api.statusCode, 400, query);
        assert.match((api.json() as { error: string }).error, new RegExp(`^${param}\\b`), query);
        const page = await app.inject({ url: `/?${query}` });
        assert.equal(page.statusCode, 400, `/?${query}`);
        assert.match(String(page.headers['content-type']), /text\/html/);
        assert.ok(page.body.includes(param), `/?${query} names ${param}`);
      }
      // A cursor of one order is refused by the other.
      const { next } = (await app.inject({ url: '/api/v1/events?limit=2' })).json() as { next: string };
      const wrong = await app.inject({ url: `/api/v1/events?sort=corroborated&after=${next}` });
      assert.equal(wrong.statusCode, 400);
      assert.match((wrong.json() as { error: string }).error, /^after: .*another sort order/);
      assert.equal((await app.inject({ url: '/stories?limit=x' })).statusCode, 400);
      assert.equal((await app.inject({ url: '/api/v1/stories?after=zz' })).statusCode, 400);
      // Blank form fields are no filter.
      const blank = await app.inject({
        url: '/?category=&level=&from=&to=&place=&entity=&outlet=&sort=newest',
      });
      assert.equal(blank.statusCode, 200);
    });

    it(`shows the home page a page at a time, with the filters kept in its links [${db.name}]`, async () => {
      const category = events.find((e) => e.category)?.category as string;
      const inCategory = events.filter((e) => e.category === category);
      const first = await app.inject({ url: `/?category=${category}&limit=1` });
      assert.equal(first.statusCode, 200);
      assert.match(first.body, new RegExp(`<option value="${category}" selected>`));
      assert.equal((first.body.match(/<li><a class="title" href="\/events\//g) ?? []).length, 1);
      assert.doesNotMatch(first.body, /Latest stories/, 'a filtered list shows no stories');
      if (inCategory.length > 1) {
        const older = /<a rel="next" href="([^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
        assert.ok(older, 'an Older link');
        assert.match(older, new RegExp(`category=${category}`));
        assert.match(older, /limit=1/);
        const second = await app.inject({ url: older });
        assert.equal(second.statusCode, 200);
        assert.match(second.body, /rel="prev"/, 'and from there a Newer link');
      }
      const home = await app.inject({ url: '/' });
      assert.match(home.body, /<h2 id="latest-stories">Latest stories<\/h2>/);
      assert.ok((home.body.match(/href="\/stories\/sty_/g) ?? []).length <= 5 * 2);
      assert.match(home.body, /href="\/stories"/);
    });

    it(`pages through the stories, each once, with its event count [${db.name}]`, async () => {
      const stored = await store.stories.list();
      const seen: { id: string; eventCount: number; latestEvent: { id: string } | null }[] = [];
      let next: string | null = null;
      do {
        const r = await app.inject({ url: `/api/v1/stories?limit=1${next ? `&after=${next}` : ''}` });
        const body = r.json() as { stories: typeof seen; next: string | null };
        seen.push(...body.stories);
        next = body.next;
      } while (next && seen.length < 100);
      assert.deepEqual(seen.map((s) => s.id).sort(), stored.map((s) => s.id).sort());
      for (const s of seen) {
        const evs = events.filter((e) => e.storyId === s.id);
        assert.equal(s.eventCount, evs.length, s.id);
        assert.ok(
          evs.some((e) => e.id === s.latestEvent?.id),
          `${s.id}: its latest event is its own`,
        );
      }
      const page = await app.inject({ url: '/stories?limit=2' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Stories<\/h1>/);
      assert.match(page.body, /rel="next"/);
    });

    it(`keeps the rows current through a merge, a split and a withdrawal [${db.name}]`, async () => {
      const [a, b] = [...events].sort((x, y) => x.articleCount - y.articleCount) as [EventJson, EventJson];
      const named = (await store.entities.keysOfEvents([a.id])).length;
      await mergeEvents(deps(store), a.id, b.id, 'test merge');
      assert.deepEqual(await store.eventList.rows([a.id]), [], 'the merged-away event has no row');
      // The retired id is passed to every read model: the entity index drops it too.
      assert.ok(named > 0, 'the merged event named entities');
      assert.deepEqual(await store.entities.keysOfEvents([a.id]), []);
      let now = await assertCurrent(store);
      const big = now.find((e) => e.reports.length >= 3) as EventJson;
      const { newEventId } = await splitEvent(
        deps(store),
        big.id,
        big.reports.slice(-1).map((r) => r.articleId),
        'test split',
      );
      now = await assertCurrent(store);
      assert.ok(now.some((e) => e.id === newEventId));
      const gone = now.find((e) => e.id === newEventId) as EventJson;
      await setArticlesStatus(
        deps(store),
        gone.reports.map((r) => r.articleId),
        'withdrawn',
        'test',
      );
      const [row] = await store.eventList.rows([newEventId]);
      assert.equal(row?.level, 'Retracted');
      await assertCurrent(store);
    });

    it(`filters by an outlet of many events down the order's index, the same as by one of few [${db.name}]`, async () => {
      const many = await db.open();
      try {
        // 1,200 events (past the point where a filtered page is read down the index), every third
        // one with a second outlet, and their rows written as refreshEventList writes them.
        const at = '2025-01-01T00:00:00Z';
        const rows: EventListRow[] = [];
        const outlets = new Map<string, string[]>();
        for (let i = 0; i < 1200; i++) {
          const id = `evt_many_${String(i).padStart(4, '0')}`;
          const day = new Date(Date.UTC(2024, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
          const event = {
            id,
            title: `Event ${i}`,
            category: null,
            date: { start: day, end: day, precision: 'day' as const },
            place: null,
            storyId: null,
            createdAt: at,
            updatedAt: at,
          };
          await many.events.put(event, {
            terms: {},
            names: {},
            firstDate: day,
            lastDate: day,
            articleCount: 1,
          });
          rows.push({
            ...event,
            level: 'Unconfirmed',
            independentSources: 1 + (i % 4),
            articleCount: 1,
            outletCount: 1,
            sortDate: day,
          });
          outlets.set(id, i % 3 ? ['all.example'] : ['all.example', 'third.example']);
        }
        for (let i = 0; i < rows.length; i += 200)
          await many.eventList.put(rows.slice(i, i + 200), outlets, []);
        for (const sort of ['newest', 'corroborated'] as const) {
          const all = await walk(many, { sort, outlet: 'all.example' });
          assert.deepEqual(all.map((e) => e.id).sort(), rows.map((r) => r.id).sort(), `${sort}: every event`);
          const unfiltered = await walk(many, { sort });
          assert.deepEqual(
            all.map((e) => e.id),
            unfiltered.map((e) => e.id),
            `${sort}: in the same order`,
          );
          const third = await walk(many, { sort, outlet: 'third.example' });
          assert.deepEqual(
            third.map((e) => e.id),
            unfiltered.filter((e) => Number(e.id.slice(-4)) % 3 === 0).map((e) => e.id),
            `${sort}: a sparser outlet`,
          );
        }
      } finally {
        await many.close();
      }
    });

    it(`builds the rows of a database from before them once, at the first list read [${db.name}]`, async () => {
      const older = await db.open();
      try {
        await loadMiniCorpus(older);
        const ids = await older.events.ids();
        // As migration 008 leaves an older database: no rows, and the rebuild asked for.
        await older.eventList.put([], new Map(), ids);
        await older.settings.set(EVENT_LIST_REBUILD, 'rebuild');
        assert.equal(await older.eventList.any(), false);
        const page = await pageEvents(older, { sort: 'newest', limit: 10 });
        assert.deepEqual(page.items.map((e) => e.id).sort(), [...ids].sort());
        assert.equal(await older.settings.get(EVENT_LIST_REBUILD), 'built');
      } finally {
        await older.close();
      }
    });
  });
}

/** The entity index's entities with their events (the entity filter's expected answers), most evented first. */
async function listEntityKeys(store: Store): Promise<{ key: string; events: string[] }[]> {
  const byEvent = await store.entities.ofEvents(await store.events.ids());
  const byKey = new Map<string, string[]>();
  for (const [eventId, entities] of byEvent)
    for (const e of entities) byKey.set(e.key, [...(byKey.get(e.key) ?? []), eventId]);
  return [...byKey]
    .map(([key, evs]) => ({ key, events: [...new Set(evs)].sort() }))
    .sort((x, y) => y.events.length - x.events.length || x.key.localeCompare(y.key));
}
