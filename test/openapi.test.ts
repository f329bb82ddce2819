/**
 * The OpenAPI document: it validates against the OpenAPI 3.1 schema; every documented route is served and
 * every /api/v1 route served is documented; each documented route, called on the demo corpus, answers what
 * its schema says (ajv), also on its next page, with a bad parameter (400 naming it) and an unknown id (404).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ingestDemo } from '../bench/demo-score.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { API_ROUTES, servedRoutes, type ApiRoute } from '../src/server/api/openapi.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

for (const db of testDatabases())
  describe(`OpenAPI document [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let doc: Record<string, unknown>;
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      app = createApp(depsFor(store));
      await app.ready();
      const r = await app.inject({ url: '/api/openapi.json' });
      assert.equal(r.statusCode, 200);
      doc = r.json() as Record<string, unknown>;
      ajv.addSchema(doc, 'openapi.json');
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    /** Asserts the body matches the named component schema. */
    const check = (schema: string, body: unknown, where: string) => {
      const validate = ajv.getSchema(`openapi.json#/components/schemas/${schema}`);
      assert.ok(validate, `schema ${schema} exists`);
      assert.ok(validate(body), `${where}: ${ajv.errorsText(validate.errors, { dataVar: 'answer' })}`);
    };

    it('validates against the OpenAPI 3.1 schema', async () => {
      const result = await new Validator().validate(doc);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1));
      assert.equal(doc.openapi, '3.1.0');
    });

    it('documents every /api/v1 route served, and serves every route documented', () => {
      const served = servedRoutes(app)
        .filter((r) => r.method !== 'HEAD' && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.path}`);
      const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      assert.ok(served.length >= 7, 'routes are recorded');
      assert.deepEqual(
        served.filter((p) => !documented.includes(p)),
        [],
        'served under /api/v1 but not documented',
      );
      assert.deepEqual(
        documented.filter((p) => !served.includes(p)),
        [],
        'documented but not served',
      );
    });

    it('answers every documented route as its schema says, with a next page where there is one', async () => {
      const ids = await exampleIds();
      // The editorial routes (a session, a body) are called in test/editorial.test.ts.
      for (const route of API_ROUTES.filter(readable)) {
        const url = urlOf(route, ids, { paged: true });
        const r = await app.inject({ url });
        assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 300)}`);
        if ('schema' in route.answer) {
          check(route.answer.schema, r.json(), url);
          const next = (r.json() as { next?: string | null }).next;
          if (route.params.some((p) => p.name === 'after') && typeof next === 'string') {
            const sep = url.includes('?') ? '&' : '?';
            const page2 = await app.inject({ url: `${url}${sep}after=${encodeURIComponent(next)}` });
            assert.equal(page2.statusCode, 200, `${url} page 2`);
            check(route.answer.schema, page2.json(), `${url} page 2`);
          }
        } else {
          assert.match(
            String(r.headers['content-type']),
            new RegExp(route.answer.stream.replace('/', '\\/')),
          );
          const lines = r.body.split('\n').filter(Boolean);
          assert.ok(lines.length > 0, `${url} has rows`);
          const schema = route.answer.line;
          if (schema) lines.forEach((l, i) => check(schema, JSON.parse(l), `${url} line ${i + 1}`));
        }
      }
    });

    it("answers a reader's source policy on the events list as documented", async () => {
      const { reports } = (
        await app.inject({ url: `/api/v1/events/${(await exampleIds()).event}` })
      ).json() as {
        reports: { outlet: string | null }[];
      };
      const outlets = (await app.inject({ url: '/api/v1/outlets' })).json() as { outlets: { id: string }[] };
      assert.ok(reports.length && outlets.outlets.length);
      const r = await app.inject({ url: `/api/v1/events?exclude=${outlets.outlets[0]?.id}` });
      assert.equal(r.statusCode, 200);
      check('EventPage', r.json(), 'events with a policy');
      assert.ok((r.json() as { events: { reader?: unknown }[] }).events.every((e) => e.reader));
    });

    it('answers a bad limit or cursor with 400 naming the parameter, an unknown id with 404, as JSON', async () => {
      const ids = await exampleIds();
      for (const route of API_ROUTES.filter(readable)) {
        const base = urlOf(route, ids);
        const sep = base.includes('?') ? '&' : '?';
        for (const [param, bad] of [
          ['limit', 'abc'],
          ['limit', '0'],
          ['after', '%%%not-a-cursor'],
        ] as const) {
          if (!route.params.some((p) => p.name === param)) continue;
          const url = `${base}${sep}${param}=${encodeURIComponent(bad)}`;
          const r = await app.inject({ url });
          assert.equal(r.statusCode, 400, `${url}: ${r.body.slice(0, 200)}`);
          check('Error', r.json(), url);
          assert.match((r.json() as { error: string }).error, new RegExp(param), `${url} names ${param}`);
        }
        if (route.notFound) {
          const url = route.path.replace(/\{\w+\}/, 'no-such-id-42');
          const r = await app.inject({ url });
          assert.equal(r.statusCode, 404, url);
          check('Error', r.json(), url);
        }
      }
    });

    it('lists every route on /api/docs with its parameters and an example', async () => {
      const r = await app.inject({ url: '/api/docs' });
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /text\/html/);
      assert.doesNotMatch(r.body, /<script/i, 'no script, no CDN');
      for (const route of API_ROUTES) {
        assert.ok(r.body.includes(`${route.method ?? 'GET'} ${route.path}`), route.path);
        assert.ok(r.body.includes(route.example.replace(/&/g, '&amp;')), `example of ${route.path}`);
        for (const p of route.params)
          assert.ok(r.body.includes(`<code>${p.name}</code>`), `${route.path} ${p.name}`);
      }
    });

    /** A route anyone may read without a body: GET, no session needed. */
    function readable(r: ApiRoute): boolean {
      return (r.method ?? 'GET') === 'GET' && !r.access;
    }

    /** Ids of the corpus to fill the documented paths with, read through the API itself. */
    async function exampleIds(): Promise<Record<string, string>> {
      const get = async (url: string) =>
        (await app.inject({ url })).json() as Record<string, { id?: string; key?: string }[]>;
      const event = (await get('/api/v1/events')).events?.[0]?.id;
      const story = (await get('/api/v1/stories')).stories?.[0]?.id;
      const entity = (await get('/api/v1/entities')).entities?.[0]?.key;
      const outlet = (await get('/api/v1/outlets')).outlets?.[0]?.id;
      const report = (await get('/api/v1/reports')).reports?.[0]?.id;
      const ids = { event, story, entity, outlet, report };
      for (const [k, v] of Object.entries(ids)) assert.ok(v, `the corpus has a ${k}`);
      return ids as Record<string, string>;
    }
  });

/** The route's path with its parameters filled from the corpus, and the documented examples of required queries. */
function urlOf(route: ApiRoute, ids: Record<string, string>, opts: { paged?: boolean } = {}): string {
  const kind = /\/api\/v1\/(\w+)/.exec(route.path)?.[1] ?? '';
  const value: Record<string, string | undefined> = {
    events: ids.event,
    stories: ids.story,
    entities: ids.entity,
    outlets: ids.outlet,
    reports: ids.report,
    articles: ids.report,
  };
  const path = route.path.replace(/\{\w+\}/, () => {
    const v = value[kind];
    assert.ok(v, `an id for ${route.path}`);
    return encodeURIComponent(v);
  });
  const query = route.params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(p.example ?? '')}`);
  // Pages of 2, so the corpus has a next page to follow.
  if (opts.paged && route.params.some((p) => p.name === 'limit')) query.push('limit=2');
  return query.length ? `${path}?${query.join('&')}` : path;
}
