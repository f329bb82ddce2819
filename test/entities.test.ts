/**
 * The entity index and its pages on the demo corpus, on SQLite and PostgreSQL: an entity's page lists the
 * events whose reports name it, newest first; a description is a sentence the cited report contains;
 * pages of the index join up; an unknown key is a 404 page or a JSON 404; a rebuild changes nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_DIR } from '../src/cli/demo.ts';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { readOutletRegistry } from '../src/pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { buildEntityViews, entityKey, type EntityDetail, type EntityJson } from '../src/run/entity-views.ts';
import { EventEntityCollector } from '../src/run/event-entities.ts';
import { ingest } from '../src/run/ingest.ts';
import { analyze } from '../src/pipeline/analyze/analyze.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const NOW = '2026-01-10T00:00:00Z';

async function loadDemo(store: Store): Promise<void> {
  for (const o of readOutletRegistry(join(DEMO_DIR, 'outlets.json'))) await store.outlets.upsert(o, NOW);
  const { inputs } = readInputs([join(DEMO_DIR, 'reports.jsonl')], 50_000_000);
  await ingest({ store, config: parseConfig({}), clock: fixedClock(NOW) }, inputs);
}

/** An event's entities from reports analysed as the pipeline analyses them. */
function eventEntities(texts: string[]) {
  const c = new EventEntityCollector();
  texts.forEach((text, i) =>
    c.add({
      articleId: `a${i}`,
      text,
      publishedAt: `2025-05-0${i + 1}T10:00:00Z`,
      analysis: analyze({ id: `a${i}`, text, publishedAt: '2025-05-05T10:00:00Z' }),
      outletName: i === 2 ? 'Island Courier' : null,
      lineage: [],
    }),
  );
  return new Map(c.result().map((e) => [e.name, e]));
}

describe("an event's entities (no database)", () => {
  const texts = [
    "Kestrel Shipping, the country's largest ferry operator, said on Monday that crossings to the islands would resume. The union's chairman, Tomas Brandt, said talks would continue on Wednesday.",
    "Crossings resumed on Tuesday after Kestrel Shipping and the Harbour Workers' Union reached a deal. Brandt said members would vote on the offer.",
    'Siemens, the company said, would appeal. Foreign Minister Anna Lindqvist met her counterpart in Oslo, the Island Courier reported.',
  ];
  const found = eventEntities(texts);

  it('describes with an appositive or a role the sentence holds, cited by report and sentence offsets', () => {
    for (const [name, text, report] of [
      ['Kestrel Shipping', "the country's largest ferry operator", 0],
      ['Tomas Brandt', "The union's chairman", 0],
      ['Anna Lindqvist', 'Foreign Minister', 2],
    ] as const) {
      const d = found.get(name)?.description;
      assert.equal(d?.text, text, name);
      assert.equal(d?.articleId, `a${report}`);
      const sentence = texts[report]!.slice(d.start, d.end);
      assert.ok(sentence.includes(text) && sentence.includes(name.split(' ')[0]!), sentence);
    }
    assert.equal(found.get('Oslo')?.description, null, 'a place is not described by a sentence');
  });

  it('joins a bare surname to the full name, leaves out run-together names, the outlet and lone unknown words', () => {
    assert.equal(found.get('Tomas Brandt')?.mentions, 2);
    assert.equal(found.has('Brandt'), false);
    assert.ok(![...found.keys()].some((n) => n.includes(' and the ')), [...found.keys()].join(', '));
    assert.equal(found.has('Island Courier'), false, "the report's own outlet is a source, not an entity");
    assert.equal(found.has('Siemens'), false, 'one unknown word named once');
    assert.deepEqual(
      [found.get('Kestrel Shipping')?.kind, found.get('Tomas Brandt')?.kind, found.get('Oslo')?.kind],
      ['organisation', 'person', 'place'],
    );
  });

  it('gives no description for ", the company said"', () => {
    const only = eventEntities(['Halvorsen Marine, the company said, would appeal the ruling on Monday.']);
    assert.equal(only.get('Halvorsen Marine')?.description ?? null, null);
  });
});

for (const db of testDatabases()) {
  describe(`entities [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: FastifyInstance;
    const get = async <T>(url: string): Promise<T> => {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      return r.json() as T;
    };
    const allEntities = () => get<{ entities: EntityJson[] }>('/api/v1/entities?limit=200');

    before(async () => {
      store = await db.open();
      await loadDemo(store);
      app = createApp(depsFor(store));
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    it("lists an entity's events, newest first, each with a report that names it", async () => {
      const { entities } = await allEntities();
      const busy = entities.filter((e) => e.eventCount >= 2 && e.kind === 'person');
      assert.ok(busy.length >= 3, `people in two or more events: ${busy.map((e) => e.name).join(', ')}`);
      for (const e of busy) {
        const d = await get<EntityDetail>(`/api/v1/entities/${encodeURIComponent(e.key)}`);
        assert.equal(d.events.length, e.eventCount, e.key);
        const dates = d.events.map((ev) => ev.date?.start ?? '');
        assert.deepEqual(dates, [...dates].sort().reverse(), `${e.key}: newest first`);
        const surname = e.name.split(' ').at(-1) as string;
        for (const ev of d.events) {
          const ids = (await store.events.reports(ev.id)).map((r) => r.articleId);
          const texts = (await store.articles.getMany(ids)).map((a) => `${a.title ?? ''}\n${a.text}`);
          assert.ok(
            texts.some((t) => t.includes(surname)),
            `${e.name}: event ${ev.title} has no report naming ${surname}`,
          );
        }
      }
    });

    it('describes an entity only with a sentence its cited report contains', async () => {
      const described = (await allEntities()).entities.filter((e) => e.description);
      assert.ok(described.length >= 5, `entities with a description: ${described.length}`);
      for (const e of described) {
        const d = e.description!;
        const a = await store.articles.get(d.articleId);
        const sentence = a?.text.slice(d.start, d.end) ?? '';
        assert.ok(sentence.includes(d.text), `${e.name}: "${d.text}" not in "${sentence}"`);
        const surname = e.name.split(' ').at(-1) as string;
        assert.ok(
          sentence.includes(surname),
          `${e.name}: the cited sentence does not name it: "${sentence}"`,
        );
        const page = await app.inject({ method: 'GET', url: e.url });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, new RegExp(`/reports/${d.articleId}\\?start=${d.start}&amp;end=${d.end}`));
        assert.ok(page.body.includes(escape(sentence)), `${e.name}: the page quotes the sentence`);
      }
    });

    it('shows the entity page with its events, companions and feed link', async () => {
      const { entities } = await allEntities();
      const top = entities[0]!;
      const d = await get<EntityDetail>(`/api/v1/entities/${encodeURIComponent(top.key)}`);
      const page = await app.inject({ method: 'GET', url: top.url });
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      for (const ev of d.events) assert.ok(page.body.includes(`/events/${ev.id}`), ev.id);
      assert.ok(page.body.includes(`/entities/${top.key}/feed.atom`));
      assert.ok(d.related.length > 0, 'appears with other entities');
      for (const r of d.related) assert.ok(page.body.includes(r.url), r.url);
    });

    it('pages through the index with cursors that join up, and filters by name and kind', async () => {
      const { entities } = await allEntities();
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const url = `/api/v1/entities?limit=7${next ? `&after=${next}` : ''}`;
        const p: { entities: EntityJson[]; next: string | null } = await get(url);
        seen.push(...p.entities.map((e) => e.key));
        next = p.next;
      } while (next);
      assert.deepEqual(
        seen,
        entities.map((e) => e.key),
      );
      // From the second page back to the first with the "previous" cursor, and forward again.
      const first = await get<{ entities: EntityJson[]; next: string }>('/api/v1/entities?limit=7');
      const second = await get<{ entities: EntityJson[]; prev: string }>(
        `/api/v1/entities?limit=7&after=${first.next}`,
      );
      const again = await get<{ entities: EntityJson[]; prev: string | null }>(
        `/api/v1/entities?limit=7&before=${second.prev}`,
      );
      assert.deepEqual([again.entities.map((e) => e.key), again.prev], [seen.slice(0, 7), null]);
      const person = entities.find((e) => e.kind === 'person' && e.name.includes(' '))!;
      const surname = person.name.split(' ').at(-1) as string;
      const byName = await get<{ entities: EntityJson[] }>(
        `/api/v1/entities?q=${encodeURIComponent(surname)}`,
      );
      assert.ok(byName.entities.some((e) => e.key === person.key));
      const places = await get<{ entities: EntityJson[] }>('/api/v1/entities?kind=place&limit=200');
      assert.ok(places.entities.length > 0 && places.entities.every((e) => e.kind === 'place'));
      const html = await app.inject({ method: 'GET', url: `/entities?q=${encodeURIComponent(surname)}` });
      assert.ok(html.body.includes(person.url));
    });

    it('answers an unknown key with a 404 page, or a JSON 404 on the API, and a bad cursor with a 400', async () => {
      const page = await app.inject({ method: 'GET', url: '/entities/person-nobody-of-that-name' });
      assert.equal(page.statusCode, 404);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      const api = await app.inject({ method: 'GET', url: '/api/v1/entities/person-nobody-of-that-name' });
      assert.equal(api.statusCode, 404);
      assert.equal((api.json() as { status: number }).status, 404);
      const bad = await app.inject({ method: 'GET', url: '/api/v1/entities?after=not-a-cursor' });
      assert.equal(bad.statusCode, 400);
      assert.match((bad.json() as { error: string }).error, /after/);
      const kind = await app.inject({ method: 'GET', url: '/api/v1/entities?kind=planet' });
      assert.equal(kind.statusCode, 400);
    });

    it('redirects a key of the right name but another kind, as entityKey gives it', async () => {
      const person = (await allEntities()).entities.find((e) => e.kind === 'person')!;
      assert.equal(entityKey(person.name, 'person'), person.key);
      const other = entityKey(person.name, 'organisation');
      const r = await app.inject({ method: 'GET', url: `/entities/${other}` });
      assert.equal(r.statusCode, 301);
      assert.equal(r.headers.location, person.url);
    });

    it('gives the same index when rebuilt from every event', async () => {
      const before = await allEntities();
      await store.settings.set('readmodels.entities', '0');
      await buildEntityViews(store);
      assert.deepEqual(await allEntities(), before);
    });
  });
}

function escape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
