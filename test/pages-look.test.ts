/**
 * The pages' look, server-side on the demo corpus (app.inject): every page answers with the site
 * navigation and no inline style or script, its SVGs are well-formed XML, the map draws a point per
 * placed event, an event's dispute is shown once, counts are pluralised, and the stylesheet and
 * favicons are served with validators. On each database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { ingestDemo } from '../bench/demo-score.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { readQuality } from '../src/server/pages/quality-page.ts';
import { NAV } from '../src/server/views/layout.ts';
import { SITE_CSS_HREF } from '../src/server/views/stylesheet.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

interface ListedEvent {
  id: string;
  level: string | null;
  storyId: string | null;
  place: { lat: number | null; lon: number | null; role: string } | null;
}

/** Throws unless the text is one well-formed XML document (saxes is a strict, non-validating parser). */
function parseXml(xml: string): { root: string; elements: number } {
  const parser = new SaxesParser({ xmlns: true });
  let root = '';
  let elements = 0;
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    root ||= tag.local;
    elements++;
  });
  parser.write(xml).close();
  return { root, elements };
}

/** The <svg>…</svg> islands of a page (not nested in this app). */
function svgsOf(page: string): string[] {
  return page.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
}

for (const db of testDatabases())
  describe(`pages look [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let events: ListedEvent[];
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      app = createApp(depsFor(store));
      const r = await app.inject({ url: '/api/v1/events?limit=200' });
      events = (r.json() as { events: ListedEvent[] }).events;
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await db.cleanup();
    });

    /** Every page a reader reaches from the navigation, and one event and story page of each kind. */
    async function pages(): Promise<string[]> {
      const stories = [...new Set(events.map((e) => e.storyId).filter((s): s is string => !!s))];
      return [
        ...NAV.map((n) => n.href),
        '/search?q=strike',
        '/map?view=world',
        '/map?category=Protest',
        ...events.map((e) => `/events/${e.id}`),
        ...stories.map((s) => `/stories/${s}`),
      ];
    }

    it(`answers every page with the site navigation, a skip link and main landmark, and no inline style or script [${db.name}]`, async () => {
      assert.ok(events.length >= 10, `the demo has events (${events.length})`);
      for (const url of await pages()) {
        const r = await app.inject({ url });
        assert.equal(r.statusCode, 200, `${url} answers 200`);
        assert.match(String(r.headers['content-type']), /text\/html/, url);
        const body = r.body;
        assert.match(body, /<nav aria-label="Site">/, `${url} has the site navigation`);
        for (const n of NAV) assert.ok(body.includes(`href="${n.href}"`), `${url} links ${n.href}`);
        assert.match(
          body,
          /<form class="site-search" role="search" action="\/search"/,
          `${url} has the search form`,
        );
        assert.match(body, /<a class="skip" href="#main">/, url);
        assert.match(body, /<main id="main"/, url);
        assert.ok(
          body.includes(`<link rel="stylesheet" href="${SITE_CSS_HREF}">`),
          `${url} links the stylesheet`,
        );
        assert.doesNotMatch(body, /<style\b/i, `${url} has no <style> element`);
        assert.doesNotMatch(body, /<script\b/i, `${url} has no <script> element`);
        for (const tag of body.match(/<[a-zA-Z][^>]*>/g) ?? [])
          assert.doesNotMatch(
            tag,
            /\s(style|on[a-z]+)\s*=/i,
            `${url}: inline style or handler in ${tag.slice(0, 80)}`,
          );
        assert.doesNotMatch(
          body,
          /(^|[^\d.,])1 (independent )?(reports|sources|outlets|events|mentions)\b/,
          `${url} says "1 reports" or the like`,
        );
        for (const svg of svgsOf(body)) assert.equal(parseXml(svg).root, 'svg', `${url}: an SVG parses`);
      }
    });

    it(`draws a point per placed event on the map, each a link with a title, and lists the same events [${db.name}]`, async () => {
      const placed = events.filter(
        (e) => e.place?.lat != null && e.place.lon != null && e.place.role !== 'mentioned',
      );
      const named = events.filter((e) => e.place?.lat != null && e.place.role === 'mentioned');
      assert.ok(placed.length >= 10, `the demo has placed events (${placed.length})`);
      const body = (await app.inject({ url: '/map' })).body;
      const [svg] = svgsOf(body);
      assert.ok(svg, 'the map has an SVG');
      const { elements } = parseXml(svg);
      assert.ok(elements > placed.length, 'the SVG parses');
      const points =
        svg.match(
          /<a href="\/events\/[^"]+"><circle class="map-point"[^>]*><title>[^<]+<\/title><\/circle><\/a>/g,
        ) ?? [];
      assert.equal(points.length, placed.length, 'one linked, titled point per placed event');
      const linked = new Set(points.map((p) => /\/events\/([^"]+)"/.exec(p)?.[1]));
      for (const e of placed) assert.ok(linked.has(e.id), `${e.id} is on the map`);
      for (const e of named)
        assert.ok(!linked.has(e.id), `${e.id}, whose place is only named, is not pinned`);
      assert.match(svg, /<path class="map-land"[^>]* d="M[\d ML.Z-]{10000,}"/, 'the countries are drawn');
      const listed = body.slice(body.indexOf('</svg>'));
      for (const e of placed) assert.ok(listed.includes(`href="/events/${e.id}"`), `${e.id} is in the list`);
      const protest = (await app.inject({ url: '/map?category=Protest' })).body;
      const fewer = svgsOf(protest)[0]?.match(/class="map-point"/g)?.length ?? 0;
      assert.ok(fewer > 0 && fewer < placed.length, `a category filter draws fewer points (${fewer})`);
      assert.equal((await app.inject({ url: '/map?view=sideways' })).statusCode, 400);
    });

    it(`shows each dispute of an event once, beside its sides [${db.name}]`, async () => {
      const disputed = events.filter((e) => e.level === 'Disputed');
      assert.ok(disputed.length >= 1, 'the demo has a disputed event');
      for (const e of disputed) {
        const card = (await app.inject({ url: `/api/v1/events/${e.id}/card` })).json() as {
          disputes: { field: string; values: { value: string; outlets: string[] }[] }[];
        };
        const body = (await app.inject({ url: `/events/${e.id}` })).body;
        assert.equal(
          body.match(/<div class="dispute"/g)?.length ?? 0,
          card.disputes.length,
          'one block a dispute',
        );
        for (const d of card.disputes)
          for (const v of d.values) {
            const who = v.outlets.join(', ').replace(/&/g, '&amp;').replace(/'/g, '&#39;');
            assert.equal(body.split(who).length - 1, 1, `"${v.value} (${who})" appears once`);
          }
      }
    });

    it(`puts a story's dated events on an SVG timeline, each mark a link, with a title and description [${db.name}]`, async () => {
      const storyId = events.find((e) => e.storyId)?.storyId as string;
      const body = (await app.inject({ url: `/stories/${storyId}` })).body;
      const [svg] = svgsOf(body);
      assert.ok(svg, 'the story has a timeline');
      parseXml(svg);
      assert.match(svg, /<title id="tl-title">/);
      assert.match(svg, /<desc id="tl-desc">/);
      const marks = svg.match(/<a href="\/events\/[^"]+"><title>/g) ?? [];
      const inStory = events.filter((e) => e.storyId === storyId).length;
      assert.equal(marks.length, inStory, 'a linked mark per event of the story');
      assert.match(body, /<ol class="timeline">/, 'the list follows');
    });

    it(`links the entities of event and story cards to entity pages that answer [${db.name}]`, async () => {
      let links = 0;
      for (const page of (await pages()).filter((p) => /^\/(events|stories)\//.test(p))) {
        for (const m of (await app.inject({ url: page })).body.matchAll(/href="(\/entities\/[^"#?]+)"/g)) {
          links++;
          const r = await app.inject({ url: (m[1] as string).replace(/&amp;/g, '&') });
          assert.ok(
            [200, 301].includes(r.statusCode),
            `${page} links ${m[1]}, which answers ${r.statusCode}`,
          );
        }
      }
      assert.ok(links >= events.length, `entity links on the demo's cards: ${links}`);
    });

    it(`shows the measured figures with the commands that reproduce them [${db.name}]`, async () => {
      const q = readQuality();
      assert.ok(q && q.benches.length >= 10, 'bench/results/quality.json holds the figures');
      const body = (await app.inject({ url: '/quality' })).body;
      assert.equal(body.match(/<tr[^>]*><th scope="row">/g)?.length, q.benches.length, 'a row a benchmark');
      for (const b of q.benches) assert.ok(body.includes(`<code>${b.command}</code>`), b.command);
      assert.match(body, /data-label="Figure"/, 'cells are labelled for the stacked layout');
    });

    it(`serves the stylesheet and favicons with validators [${db.name}]`, async () => {
      const css = await app.inject({ url: SITE_CSS_HREF });
      assert.equal(css.statusCode, 200);
      assert.match(String(css.headers['content-type']), /text\/css/);
      assert.match(String(css.headers['cache-control']), /immutable/);
      assert.match(css.body, /prefers-color-scheme: dark/);
      assert.match(css.body, /:focus-visible/);
      const etag = String(css.headers.etag);
      const again = await app.inject({ url: SITE_CSS_HREF, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      const svg = await app.inject({ url: '/favicon.svg' });
      assert.equal(svg.statusCode, 200);
      assert.match(String(svg.headers['content-type']), /image\/svg\+xml/);
      assert.equal(parseXml(svg.body).root, 'svg');
      const ico = await app.inject({ url: '/favicon.ico' });
      assert.equal(ico.statusCode, 200);
      assert.deepEqual([...ico.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
      assert.equal(ico.rawPayload.readUInt32LE(14) + 22, ico.rawPayload.length, 'the image fills the file');
    });
  });
