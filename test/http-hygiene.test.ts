/**
 * HTTP hygiene of the web app: errors in the route's format (a bad percent-encoding too), ETag /
 * Last-Modified / 304 on pages, API and feeds, the security headers (no inline style or script, so no
 * 'unsafe-inline'; HSTS only over TLS, checked on a real TLS server), and only http(s) article addresses stored (ingest refuses others,
 * naming the item) or served (an old row's javascript: address is shown as text, not as a link).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { ingest } from '../src/run/ingest.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { setLastModified } from '../src/server/http-cache.ts';
import { unlinkOtherSchemes } from '../src/server/web-urls.ts';
import type { Database } from '../src/storage/schema.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { loadMiniCorpus, MINI_REPORTS } from './support/mini-corpus.ts';

/** The store's own Kysely handle (private to the store), to write a row as an older version would have. */
function kyselyOf(store: Store): Kysely<Database> {
  return (store as unknown as { db: Kysely<Database> }).db;
}

for (const db of testDatabases())
  describe(`HTTP hygiene [${db.name}]`, { skip: db.skip }, () => {
    // The TLS test's key and certificate.
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-hygiene-'));
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let eventId: string;
    before(async () => {
      store = await db.open();
      await loadMiniCorpus(store);
      app = createApp(depsFor(store));
      const { events } = (await app.inject({ url: '/api/v1/events' })).json() as { events: { id: string }[] };
      eventId = events[0]?.id as string;
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await db.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`answers a bad percent-encoding with the HTML error page on a page, JSON under /api/ [${db.name}]`, async () => {
      const page = await app.inject({ url: '/events/%E0%A4%A' });
      assert.equal(page.statusCode, 400);
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(page.body, /<h1>Bad request<\/h1>/);
      assert.match(page.body, /percent-encoding/);
      assert.ok(page.headers['content-security-policy'], 'the error page carries the security headers');
      const api = await app.inject({ url: '/api/v1/events/%E0%A4%A' });
      assert.equal(api.statusCode, 400);
      assert.deepEqual(Object.keys(api.json() as object).sort(), ['error', 'status']);
    });

    it(`answers invalid input with 400 naming the parameter: an HTML page on pages, JSON on the API [${db.name}]`, async () => {
      const page = await app.inject({ url: '/?limit=abc' });
      assert.equal(page.statusCode, 400);
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(page.body, /limit/);
      const api = await app.inject({ url: '/api/v1/events?level=Sure' });
      assert.equal(api.statusCode, 400);
      assert.equal((api.json() as { status: number }).status, 400);
      assert.match((api.json() as { error: string }).error, /level/);
      const missing = await app.inject({ url: '/no/such/page' });
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /<h1>Not found<\/h1>/);
    });

    it(`gives pages, API answers and feeds an ETag, and answers 304 when it still matches [${db.name}]`, async () => {
      for (const url of [
        '/',
        `/events/${eventId}`,
        '/api/v1/events',
        `/api/v1/events/${eventId}`,
        '/feed.atom',
      ]) {
        const first = await app.inject({ url });
        assert.equal(first.statusCode, 200, url);
        const etag = first.headers.etag as string;
        assert.match(etag, /^W\/"[\w-]+"$/, `${url} has a weak ETag`);
        assert.equal(first.headers['cache-control'], 'no-cache', `${url} is checked again on each use`);
        const again = await app.inject({ url, headers: { 'if-none-match': etag } });
        assert.equal(again.statusCode, 304, url);
        assert.equal(again.body, '');
        const other = await app.inject({ url, headers: { 'if-none-match': 'W/"something-else"' } });
        assert.equal(other.statusCode, 200, `${url}: another tag gets the body`);
      }
    });

    it(`answers If-Modified-Since with 304 where a route knows when its data last changed [${db.name}]`, async () => {
      const dated = createApp(depsFor(store), { routes: { 'GET /test-dated': 'public' } });
      dated.get('/test-dated', async (_req, reply) => {
        setLastModified(reply, '2025-06-02T09:00:00.500Z');
        return { ok: true };
      });
      const first = await dated.inject({ url: '/test-dated' });
      assert.equal(first.headers['last-modified'], 'Mon, 02 Jun 2025 09:00:00 GMT');
      const same = await dated.inject({
        url: '/test-dated',
        headers: { 'if-modified-since': 'Mon, 02 Jun 2025 09:00:00 GMT' },
      });
      assert.equal(same.statusCode, 304);
      const older = await dated.inject({
        url: '/test-dated',
        headers: { 'if-modified-since': 'Sun, 01 Jun 2025 09:00:00 GMT' },
      });
      assert.equal(older.statusCode, 200);
      const both = await dated.inject({
        url: '/test-dated',
        headers: { 'if-modified-since': 'Mon, 02 Jun 2025 09:00:00 GMT', 'if-none-match': 'W/"stale"' },
      });
      assert.equal(both.statusCode, 200, 'If-None-Match decides when both are sent');
      await dated.close();
    });

    it(`dates each feed by its newest entry, and answers If-Modified-Since from it [${db.name}]`, async () => {
      for (const url of ['/feed.atom', `/events/${eventId}/feed.atom`]) {
        const first = await app.inject({ url });
        const updated = /<updated>([^<]+)<\/updated>/.exec(first.body)?.[1];
        assert.ok(updated, `${url}: the feed has an updated time`);
        const modified = first.headers['last-modified'];
        assert.equal(modified, new Date(Math.floor(Date.parse(updated) / 1000) * 1000).toUTCString(), url);
        const same = await app.inject({ url, headers: { 'if-modified-since': String(modified) } });
        assert.equal(same.statusCode, 304, `${url}: not modified since its newest entry`);
        const before = new Date(Date.parse(String(modified)) - 1000).toUTCString();
        const older = await app.inject({ url, headers: { 'if-modified-since': before } });
        assert.equal(older.statusCode, 200, `${url}: modified since a second before`);
      }
    });

    it(`keeps the stylesheet cacheable for a year at its hashed address [${db.name}]`, async () => {
      const home = await app.inject({ url: '/' });
      const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1];
      assert.ok(href, 'the page links its stylesheet');
      const css = await app.inject({ url: href.replace(/&amp;/g, '&') });
      assert.equal(css.statusCode, 200);
      assert.match(String(css.headers['cache-control']), /immutable/);
    });

    it(`has no inline style or script on any page, and a CSP without 'unsafe-inline'; HSTS only over TLS [${db.name}]`, async () => {
      const { stories } = (await app.inject({ url: '/api/v1/stories' })).json() as {
        stories: { id: string }[];
      };
      const pages = [
        '/',
        `/events/${eventId}`,
        '/stories',
        '/methodology',
        '/search?q=fire',
        '/map',
        '/quality',
      ];
      pages.push('/sources', '/api/docs', '/entities', '/outlets', '/no/such/page', '/events/%E0%A4%A');
      if (stories[0]) pages.push(`/stories/${stories[0].id}`);
      for (const url of pages) {
        const r = await app.inject({ url });
        if (!String(r.headers['content-type']).startsWith('text/html')) continue;
        assert.doesNotMatch(r.body, /<style[\s>]/i, `${url}: no <style> element`);
        assert.doesNotMatch(r.body, /\sstyle\s*=/i, `${url}: no style attribute`);
        assert.doesNotMatch(r.body, /<script(?![^>]*\ssrc=)/i, `${url}: no inline script`);
        assert.doesNotMatch(r.body, /\son[a-z]+\s*=\s*["']/i, `${url}: no inline event handler`);
        const csp = String(r.headers['content-security-policy']);
        assert.doesNotMatch(csp, /unsafe-inline/, url);
        assert.match(csp, /default-src 'self'/);
        assert.equal(r.headers['strict-transport-security'], undefined, `${url}: no HSTS over plain HTTP`);
      }
    });

    it(`sends HSTS when served over TLS [${db.name}]`, async () => {
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      const made = spawnSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert].concat([
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ]),
      );
      assert.equal(made.status, 0, String(made.stderr));
      const tls = createApp(depsFor(store), {
        https: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') },
      });
      await tls.listen({ host: '127.0.0.1', port: 0 });
      try {
        const port = (tls.server.address() as AddressInfo).port;
        const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
          httpsGet({ host: '127.0.0.1', port, path: '/methodology', rejectUnauthorized: false }, (res) => {
            res.resume();
            resolve(res.headers);
          }).on('error', reject);
        });
        assert.match(String(headers['strict-transport-security']), /max-age=\d+/);
      } finally {
        await tls.close();
      }
    });

    it(`refuses an article address that is not http(s) at ingest, naming the item [${db.name}]`, async () => {
      const deps = {
        store,
        config: parseConfig({}),
        clock: fixedClock('2026-01-01T00:00:00Z'),
        actor: 'test',
      };
      const bad = (url: string, line: number) => ({
        input: { ...MINI_REPORTS[0]!.input, id: `bad-${line}`, url },
        origin: { file: 'reports.jsonl', line },
      });
      await assert.rejects(
        ingest(deps, [bad('javascript:alert(1)', 7)]),
        /reports\.jsonl:7: "url" must be an http\(s\) address, not a javascript: address/,
      );
      const rejected: string[] = [];
      await ingest(deps, [bad('data:text/html,<b>x</b>', 8), bad('file:///etc/passwd', 9)], {
        onRejected: (where, reason) => rejected.push(`${where} ${reason}`),
      });
      assert.deepEqual(rejected, ['reports.jsonl:8 bad-url', 'reports.jsonl:9 bad-url']);
      assert.equal(await store.articles.get('bad-7'), undefined, 'nothing stored');
    });

    it(`serves an old row's javascript: address as text, never as a link or in the API [${db.name}]`, async () => {
      const id = MINI_REPORTS[0]!.input.id as string;
      const updated = await kyselyOf(store)
        .updateTable('articles')
        .set({ url: 'javascript:alert(document.cookie)' })
        .where('id', '=', id)
        .executeTakeFirst();
      assert.equal(updated.numUpdatedRows, 1n, 'the old row is written');
      const { events } = (await app.inject({ url: '/api/v1/events' })).json() as { events: { id: string }[] };
      for (const e of events) {
        const page = await app.inject({ url: `/events/${e.id}` });
        assert.doesNotMatch(page.body, /href="\s*javascript:/i, 'no javascript: link on the event page');
        const api = await app.inject({ url: `/api/v1/events/${e.id}` });
        assert.doesNotMatch(api.body, /javascript:/i, 'no javascript: address in the API');
      }
      for (const url of ['/api/v1/exports/reports.jsonl', '/api/v1/exports/events.jsonl']) {
        const r = await app.inject({ url });
        assert.equal(r.statusCode, 200, url);
        assert.ok(r.body.includes(`"${id}"`), `${url} has the report`);
        assert.doesNotMatch(r.body, /javascript:/i, `${url}: no javascript: address in the export`);
      }
      const report = await app.inject({ url: `/api/v1/reports/${encodeURIComponent(id)}` });
      assert.equal((report.json() as { url: string }).url, '');
    });
  });

// No store: the same on every database.
describe('HTTP hygiene: links of other schemes', () => {
  it(`drops an href, src or action of another scheme however it is written, and keeps the rest`, () => {
    const page = [
      '<a href="javascript:alert(1)">a</a>',
      '<a href="JaVa&#x09;ScRiPt&colon;alert(1)">b</a>',
      "<a href=' data:text/html,x'>c</a>",
      '<img src="vbscript:x">',
      '<a href="https://example.org/x">d</a>',
      '<a href="/events/1?after=x&amp;limit=2">e</a>',
      '<a href="#top">f</a>',
      '<a href="mailto:desk@example.org">g</a>',
    ].join('');
    assert.equal(
      unlinkOtherSchemes(page),
      [
        '<a>a</a>',
        '<a>b</a>',
        '<a>c</a>',
        '<img>',
        '<a href="https://example.org/x">d</a>',
        '<a href="/events/1?after=x&amp;limit=2">e</a>',
        '<a href="#top">f</a>',
        '<a href="mailto:desk@example.org">g</a>',
      ].join(''),
    );
  });
});
