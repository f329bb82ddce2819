/**
 * A reader's source policy (no account: the query string, then a cookie): leaving out an outlet drops
 * an event from Verified to Likely for that reader, in the API and the pages; the story still shows
 * it; the stored level is untouched; `?sources=all` counts every source again. And the methodology page,
 * written from the settings in force.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestDemo } from '../bench/demo-score.ts';
import { parseConfig } from '../src/config/config.ts';
import { parseFeedText } from '../src/pipeline/acquire/feed-parse.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

for (const db of testDatabases())
  describe(`a reader's source policy [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let verified: EventJson;
    let leaveOut: string[];
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      app = createApp(depsFor(store));
      const { events } = (await app.inject({ url: '/api/v1/events' })).json() as { events: EventJson[] };
      // A Verified event with exactly three independent sources: leaving one out leaves two.
      verified = events.find((e) => e.level === 'Verified' && e.independentSources === 3) as EventJson;
      const latest = (await store.events.history(verified.id)).at(-1);
      leaveOut = latest?.sources[0]?.outletIds ?? [];
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    it('drops an event from Verified to Likely when the reader leaves out one of its sources', async () => {
      assert.ok(verified && leaveOut.length, 'the demo has a Verified event of three sources');
      const r = await app.inject({ url: `/api/v1/events/${verified.id}?exclude=${leaveOut.join(',')}` });
      const seen = r.json() as EventJson & { readerPolicy: { exclude: string[] } };
      assert.equal(seen.level, 'Likely');
      assert.equal(seen.independentSources, 2);
      assert.deepEqual(seen.readerPolicy.exclude, leaveOut);
      assert.match(String(r.headers['set-cookie']), /corroborate_sources=/);
      assert.equal(
        (await store.events.history(verified.id)).at(-1)?.level,
        'Verified',
        'the stored level is untouched',
      );
    });

    it('keeps the policy in a cookie for the pages, still shows the story, and counts every source again on request', async () => {
      const first = await app.inject({ url: `/events/${verified.id}?exclude=${leaveOut.join(',')}` });
      assert.match(first.body, /level-Likely/);
      assert.match(first.body, /Your source policy: leaving out/);
      const cookie = String(first.headers['set-cookie']).split(';')[0] as string;
      const page = await app.inject({ url: `/events/${verified.id}`, headers: { cookie } });
      assert.match(page.body, /level-Likely/, 'the cookie keeps the policy');
      if (verified.storyId) {
        const story = await app.inject({ url: `/stories/${verified.storyId}`, headers: { cookie } });
        assert.ok(story.body.includes(`/events/${verified.id}`), 'the story still shows the event');
      }
      const home = await app.inject({ url: '/', headers: { cookie } });
      assert.equal(home.statusCode, 200);
      const reset = await app.inject({ url: `/events/${verified.id}?sources=all`, headers: { cookie } });
      assert.match(reset.body, /level-Verified/);
      assert.match(String(reset.headers['set-cookie']), /Max-Age=0/);
    });

    it('serves Atom feeds of level changes: per event, per story, and events that became Verified or Disputed', async () => {
      const read = async (url: string) => {
        const r = await app.inject({ url });
        assert.equal(r.statusCode, 200, url);
        assert.match(String(r.headers['content-type']), /application\/atom\+xml/);
        const parsed = parseFeedText(r.body, `http://localhost${url}`);
        assert.equal(parsed.kind, 'ok', url);
        return parsed.kind === 'ok' ? parsed.feed.items : [];
      };
      const history = await store.events.history(verified.id);
      const mine = await read(`/events/${verified.id}/feed.atom`);
      assert.equal(mine.length, history.length);
      assert.match(mine[0]?.title ?? '', new RegExp(`^${history.at(-1)?.level}: `));
      const { events } = (await app.inject({ url: '/api/v1/events' })).json() as { events: EventJson[] };
      const became = await read('/feeds/verified.atom');
      assert.equal(
        became.length,
        events.filter((e) => e.level === 'Verified').length,
        'each Verified event became Verified once',
      );
      assert.ok(became.every((i) => i.title?.startsWith('Verified: ')));
      const disputed = await read('/feeds/disputed.atom');
      assert.deepEqual(
        disputed.map((i) => i.url),
        events
          .filter((e) => e.level === 'Disputed')
          .map((e) => `${parseConfig({}).server.publicUrl}events/${e.id}`),
      );
      if (verified.storyId) {
        const ids = await store.stories.eventIds(verified.storyId);
        let n = 0;
        for (const id of ids) n += (await store.events.history(id)).length;
        assert.equal((await read(`/stories/${verified.storyId}/feed.atom`)).length, n);
      }
      assert.equal((await app.inject({ url: '/events/evt_nope/feed.atom' })).statusCode, 404);
    });

    it('ignores what is not an outlet id, and a mangled cookie', async () => {
      const r = await app.inject({ url: `/api/v1/events/${verified.id}?exclude=<script>,%20` });
      assert.equal((r.json() as EventJson).level, 'Verified');
      const mangled = await app.inject({
        url: `/events/${verified.id}`,
        headers: { cookie: 'corroborate_sources=%7Bnot-json' },
      });
      assert.match(mangled.body, /level-Verified/);
    });
  });

for (const db of testDatabases())
  describe(`the methodology page [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());

    it('is written from the confidence settings in force', async () => {
      const store = await db.open();
      try {
        const standard = await createApp(depsFor(store)).inject({ url: '/methodology' });
        assert.equal(standard.statusCode, 200);
        assert.match(standard.body, /At least 3 independent sources, of which at least 2 are trusted-tier/);
        const stricter = await createApp(
          depsFor(store, { likelySources: 2, verifiedSources: 4, verifiedTrusted: 3, disputeRule: 'none' }),
        ).inject({ url: '/methodology' });
        assert.match(stricter.body, /At least 4 independent sources, of which at least 3 are trusted-tier/);
        assert.match(stricter.body, /Figures within 10% of each other agree/);
        assert.match(standard.body, /no rule settles disputes on its own here/);
        const ruled = await createApp(
          depsFor(store, {
            likelySources: 2,
            verifiedSources: 3,
            verifiedTrusted: 2,
            disputeRule: 'trusted-majority',
          }),
        ).inject({ url: '/methodology' });
        assert.match(ruled.body, /backed by at least two trusted or primary independent sources/);
      } finally {
        await store.close();
      }
    });
  });
