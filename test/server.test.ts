/** The web app, built in-process with createApp and called with inject, on every database: pages, API, escaping, errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { testDatabases } from './support/databases.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';

for (const db of testDatabases())
  describe(`web app [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      store = await db.open();
      await loadMiniCorpus(store);
      app = createApp(depsFor(store));
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    it('lists events newest first with report and source counts', async () => {
      const r = await app.inject({ url: '/api/v1/events' });
      assert.equal(r.statusCode, 200);
      const { events } = r.json() as { events: EventJson[] };
      assert.equal(events.length, 2);
      assert.match(events[0]?.title ?? '', /Council/);
      const fire = events[1] as EventJson;
      assert.equal(fire.articleCount, 3);
      assert.equal(fire.independentSources, 3);
      assert.equal(fire.level, 'Likely');
      assert.equal(fire.date?.start, '2025-06-02');
    });

    it('serves one event and its card as JSON, 404 for an unknown id', async () => {
      const { events } = (await app.inject({ url: '/api/v1/events' })).json() as { events: EventJson[] };
      const id = (events[1] as EventJson).id;
      const one = await app.inject({ url: `/api/v1/events/${id}` });
      assert.equal(one.statusCode, 200);
      assert.equal((one.json() as EventJson).reports.length, 3);
      const card = await app.inject({ url: `/api/v1/events/${id}/card` });
      assert.equal(card.statusCode, 200);
      assert.equal((card.json() as { claims: unknown[] }).claims.length, 3);
      const missing = await app.inject({ url: '/api/v1/events/evt_nope' });
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(missing.json(), { error: 'evt_nope: no such event', status: 404 });
    });

    it('escapes titles in the Atom feeds', async () => {
      const { events } = (await app.inject({ url: '/api/v1/events' })).json() as { events: EventJson[] };
      const council = events.find((e) => /Council/.test(e.title)) as EventJson;
      const feed = await app.inject({ url: `/events/${council.id}/feed.atom` });
      assert.equal(feed.statusCode, 200);
      assert.ok(!feed.body.includes('<script>'), 'markup in a title is escaped');
      assert.ok(feed.body.includes('&lt;script&gt;'));
    });

    it('renders the home page with escaped titles and the fictional-sample notice', async () => {
      const r = await app.inject({ url: '/' });
      assert.equal(r.statusCode, 200);
      assert.match(r.headers['content-type'] as string, /text\/html/);
      assert.ok(!r.body.includes('<script>alert(1)</script>'), 'markup in a title is escaped');
      assert.ok(r.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.match(r.body, /Fictional sample/);
      assert.match(r.body, /3<\/strong> independent sources/);
    });

    it('renders an event page listing its reports, and a 404 page', async () => {
      const { events } = (await app.inject({ url: '/api/v1/events' })).json() as { events: EventJson[] };
      const r = await app.inject({ url: `/events/${(events[1] as EventJson).id}` });
      assert.equal(r.statusCode, 200);
      for (const outlet of ['Harbour News', 'Island Times', 'Med Wire'])
        assert.ok(r.body.includes(outlet), outlet);
      assert.match(r.body, /Two or more independent sources agree/);
      const missing = await app.inject({ url: '/events/nope' });
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Not found/);
    });
  });
