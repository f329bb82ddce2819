/**
 * Atom feeds on SQLite and PostgreSQL, over the demo corpus: every feed parses as strict XML and valid Atom,
 * holds the entries it should, narrows by the home filters, links only under the configured public address
 * (a forged Host never appears), and gives the same bytes twice.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config/config.ts';
import { listEvents, type EventJson } from '../src/run/event-views.ts';
import { ingestDemo } from '../bench/demo-score.ts';
import { FEED_ENTRIES } from '../src/server/api/feeds.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { atomFeed } from '../src/server/views/atom.ts';
import type { Store } from '../src/storage/store.ts';
import { readAtom } from './support/atom.ts';
import { testDatabases } from './support/databases.ts';

const PUBLIC = 'https://news.example.org/corroborate/';
const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'gopher' };

describe('server.publicUrl', () => {
  it('defaults to the server address, takes the file or CORROBORATE_PUBLIC_URL, and refuses what is no http(s) address', () => {
    assert.equal(parseConfig({}).server.publicUrl, 'http://127.0.0.1:8080/');
    assert.equal(
      parseConfig({ env: { CORROBORATE_HOST: '0.0.0.0', CORROBORATE_PORT: '9000' } }).server.publicUrl,
      'http://localhost:9000/',
    );
    assert.equal(
      parseConfig({ file: { server: { publicUrl: 'https://news.example.org/c' } } }).server.publicUrl,
      'https://news.example.org/c/',
    );
    assert.equal(
      parseConfig({ env: { CORROBORATE_PUBLIC_URL: 'https://a.example/' } }).server.publicUrl,
      'https://a.example/',
    );
    assert.throws(
      () => parseConfig({ env: { CORROBORATE_PUBLIC_URL: 'news.example.org' } }),
      /CORROBORATE_PUBLIC_URL: expected an absolute http\(s\) address/,
    );
    assert.throws(
      () => parseConfig({ file: { server: { publicUrl: 'javascript:alert(1)' } } }),
      /config file: server: publicUrl: expected an absolute http\(s\) address/,
    );
    assert.throws(
      () => parseConfig({ file: { server: { publicUrl: 'https://u:p@a.example/' } } }),
      /server: publicUrl: expected an address without credentials/,
    );
  });
});

for (const db of testDatabases()) {
  describe(`Atom feeds [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let events: EventJson[];

    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      app = createApp({ ...depsFor(store), publicUrl: PUBLIC });
      events = await listEvents(store);
      assert.ok(events.length > 2);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    const read = async (url: string) => {
      const r = await app.inject({ url, headers: FORGED });
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      assert.match(String(r.headers['content-type']), /^application\/atom\+xml; charset=utf-8/);
      assert.ok(!/evil|gopher/.test(r.body), `${url}: nothing from the request's Host in the feed`);
      const feed = readAtom(r.body);
      assert.ok(feed.entries.length <= FEED_ENTRIES);
      for (const e of feed.entries) assert.ok(e.link.startsWith(PUBLIC), e.link);
      return { body: r.body, feed };
    };
    const eventLink = (e: EventJson) => `${PUBLIC}events/${e.id}`;
    const links = async (url: string) => (await read(url)).feed.entries.map((e) => e.link).sort();
    const expected = (keep: (e: EventJson) => boolean) => events.filter(keep).map(eventLink).sort();

    it(`lists new events, each once, linked under the public address whatever Host the request gives [${db.name}]`, async () => {
      const { feed } = await read('/feed.atom');
      assert.equal(feed.self, `${PUBLIC}feed.atom`);
      assert.equal(feed.alternate, PUBLIC);
      assert.deepEqual(
        feed.entries.map((e) => e.link).sort(),
        expected(() => true),
      );
      for (const e of events) {
        const entry = feed.entries.find((x) => x.link === eventLink(e));
        assert.equal(entry?.title, e.title);
        assert.ok(entry?.categories.includes(e.level as string), 'the level is a category');
        assert.ok(entry?.summary.startsWith(`${e.level}: `), entry?.summary);
      }
    });

    it(`narrows the new-events feed by category, level, place and outlet, and refuses an unknown category [${db.name}]`, async () => {
      const some = events.find((e) => e.place?.country && e.category) as EventJson;
      const { category, level } = some;
      const country = some.place?.country as string;
      assert.deepEqual(
        await links(`/feed.atom?category=${category}`),
        expected((e) => e.category === category),
      );
      assert.deepEqual(
        await links(`/feed.atom?level=${level}`),
        expected((e) => e.level === level),
      );
      assert.deepEqual(
        await links(`/feed.atom?place=${country}`),
        expected((e) => e.place?.country === country),
      );
      assert.deepEqual(
        await links(`/feed.atom?place=${encodeURIComponent(some.place?.name ?? '')}`),
        expected((e) => e.place?.name === some.place?.name || e.place?.country === some.place?.name),
      );
      assert.deepEqual(
        await links(`/feed.atom?category=${category}&level=${level}`),
        expected((e) => e.category === category && e.level === level),
      );
      const outlet = (await store.outlets.list()).find((o) =>
        some.reports.some((r) => r.outlet === o.name && !r.passage),
      );
      assert.ok(outlet);
      const narrowed = await links(`/feed.atom?outlet=${outlet.id}`);
      assert.deepEqual(
        narrowed,
        expected((e) => e.reports.some((r) => r.outlet === outlet.name && !r.passage)),
      );
      assert.ok(narrowed.length < events.length, 'the outlet filter narrows the feed');
      const named = await store.entities.ofEvents(events.map((e) => e.id));
      const entity = named.get(some.id)?.[0];
      assert.ok(entity, 'the event names an entity');
      assert.deepEqual(
        await links(`/feed.atom?entity=${encodeURIComponent(entity.key)}`),
        expected((e) => (named.get(e.id) ?? []).some((x) => x.key === entity.key)),
      );
      const filtered = await read(`/feed.atom?level=${level}&category=${category}`);
      assert.equal(
        filtered.feed.self,
        `${PUBLIC}feed.atom?category=${category}&level=${level}`,
        'the self link carries the filters, in a fixed order',
      );
      const bad = await app.inject({ url: '/feed.atom?category=Gossip' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /category/);
      assert.equal((await app.inject({ url: '/feed.atom?level=Certain' })).statusCode, 400);
    });

    it(`serves the changes of level, and the events that became Verified or Disputed [${db.name}]`, async () => {
      const { feed } = await read('/feeds/levels.atom');
      for (const e of events)
        assert.ok(
          feed.entries.some((x) => x.link === eventLink(e) && x.title === `${e.level}: ${e.title}`),
          `the change that put ${e.id} at ${e.level}`,
        );
      for (const level of ['Verified', 'Disputed']) {
        const became = await links(`/feeds/${level.toLowerCase()}.atom`);
        assert.deepEqual(
          became,
          expected((e) => e.level === level),
        );
      }
    });

    it(`serves an event's and a story's verification history, and answers 404 for an unknown one [${db.name}]`, async () => {
      const some = events.find((e) => e.storyId) as EventJson;
      const mine = await read(`/events/${some.id}/feed.atom`);
      assert.equal(mine.feed.entries.length, (await store.events.history(some.id)).length);
      assert.equal(mine.feed.self, `${PUBLIC}events/${some.id}/feed.atom`);
      const story = await read(`/stories/${some.storyId}/feed.atom`);
      const members = await store.stories.eventIds(some.storyId as string);
      let n = 0;
      for (const id of members) n += (await store.events.history(id)).length;
      assert.equal(story.feed.entries.length, Math.min(n, FEED_ENTRIES));
      assert.deepEqual(
        [...new Set(story.feed.entries.map((e) => e.link))].sort(),
        members.map((id) => `${PUBLIC}events/${id}`).sort(),
      );
      assert.equal((await app.inject({ url: '/events/evt_nope/feed.atom' })).statusCode, 404);
      assert.equal((await app.inject({ url: '/stories/sty_nope/feed.atom' })).statusCode, 404);
      assert.equal((await app.inject({ url: '/entities/nobody/feed.atom' })).statusCode, 404);
    });

    it(`serves the events an entity appears in [${db.name}]`, async () => {
      const named = await store.entities.ofEvents(events.map((e) => e.id));
      const counts = new Map<string, { name: string; ids: string[] }>();
      for (const [id, list] of named)
        for (const x of list)
          counts.set(x.key, { name: x.name, ids: [...(counts.get(x.key)?.ids ?? []), id] });
      const [key, entity] = [...counts].sort((a, b) => b[1].ids.length - a[1].ids.length)[0] ?? [];
      assert.ok(key && entity && entity.ids.length > 1, 'an entity named in several events');
      const { feed } = await read(`/entities/${encodeURIComponent(key)}/feed.atom`);
      assert.equal(feed.title, `${entity.name} — events`);
      assert.equal(feed.self, `${PUBLIC}entities/${encodeURIComponent(key)}/feed.atom`);
      assert.deepEqual(
        feed.entries.map((e) => e.link).sort(),
        entity.ids.map((id) => `${PUBLIC}events/${id}`).sort(),
      );
    });

    it(`gives the same bytes twice, its updated being its newest entry's [${db.name}]`, async () => {
      for (const url of ['/feed.atom', '/feeds/levels.atom']) {
        const first = await read(url);
        assert.equal((await read(url)).body, first.body, 'stable output: an ETag over it holds');
        assert.equal(
          first.feed.updated,
          first.feed.entries
            .map((e) => e.updated)
            .sort()
            .at(-1),
        );
      }
    });

    it(`bounds every feed query by its limit [${db.name}]`, async () => {
      assert.equal((await store.publish.eventsPage(null, 2)).length, 2);
      assert.equal((await store.publish.assessments({ changesOnly: true, limit: 2 })).length, 2);
    });
  });
}

describe('Atom documents', () => {
  it('escape markup and drop characters XML forbids, so a reader gets the text back', () => {
    const title = 'Council <script>alert(1)</script> & "friends"\u0001 \uD800end';
    const feed = readAtom(
      atomFeed({
        id: 'urn:x',
        title,
        link: 'https://a.example/?a=1&b=2',
        self: 'https://a.example/feed.atom',
        entries: [
          {
            id: 'urn:x:1',
            title,
            updated: '2025-01-02T03:04:05Z',
            link: 'https://a.example/e?x=<>',
            summary: title,
          },
        ],
      }),
    );
    const clean = 'Council <script>alert(1)</script> & "friends" end';
    assert.equal(feed.title, clean);
    assert.equal(feed.entries[0]?.title, clean);
    assert.equal(feed.alternate, 'https://a.example/?a=1&b=2');
    assert.equal(feed.entries[0]?.link, 'https://a.example/e?x=<>');
    const empty = readAtom(
      atomFeed({
        id: 'urn:y',
        title: 'none',
        link: 'https://a.example/',
        self: 'https://a.example/f',
        entries: [],
      }),
    );
    assert.equal(empty.entries.length, 0);
    assert.equal(empty.updated, '1970-01-01T00:00:00.000Z');
  });
});
