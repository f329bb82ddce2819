/**
 * Acquisition against a real HTTP server on 127.0.0.2: the four feed formats polled into the store,
 * conditional requests, idempotence (seen items not stored twice, changed items stored as new versions),
 * hostile feeds ending in their failure kind with the feed's error state and backoff, and URL ingests;
 * on every database.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { DEFAULT_CONFIG, type Config } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { Fetcher } from '../src/pipeline/acquire/fetcher.ts';
import { ingestUrls, pollFeeds } from '../src/run/acquire.ts';
import { addFeed } from '../src/run/feeds.ts';
import type { RunDeps } from '../src/run/ingest.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { articlePage, atom, jsonFeed, rdf, rss, siteArticles } from './support/feed-site.ts';
import { redirect, serve, startWebServer, TEST_HOST, type WebServer } from './support/web-server.ts';

const NOW = '2025-06-10T12:00:00.000Z';

function testConfig(): Config {
  const c = structuredClone(DEFAULT_CONFIG);
  c.fetch = {
    ...c.fetch,
    allowHosts: [TEST_HOST],
    politenessDelayMs: 0,
    // Nothing here tests a deadline: generous ones, so a busy machine (a loaded CI runner) fails nothing.
    headersTimeoutMs: 30_000,
    bodyTimeoutMs: 30_000,
    totalTimeoutMs: 60_000,
  };
  return c;
}

for (const db of testDatabases())
  describe(`acquisition [${db.name}]`, { skip: db.skip }, () => {
    const articles = siteArticles(12);
    let web: WebServer;
    let store: Store;
    let fetcher: Fetcher;
    let deps: RunDeps;
    const feedRequests = () => web.seen.filter((s) => /\.(xml|json)$/.test(s.path));

    before(async () => {
      web = await startWebServer();
      for (const a of articles) web.route(a.path, serve(articlePage(a), 'text/html; charset=utf-8'));
      // RSS with an ETag, served with a wrong content type and a BOM.
      web.route('/rss.xml', (req, res) => {
        if (req.headers['if-none-match'] === '"rss-1"') return res.writeHead(304, { etag: '"rss-1"' }).end();
        res
          .writeHead(200, { 'content-type': 'text/html', etag: '"rss-1"' })
          .end(`\uFEFF${rss(articles.slice(0, 4))}`);
      });
      web.route('/atom.xml', serve(atom(articles.slice(4, 7), web.origin), 'application/atom+xml'));
      web.route('/rdf.xml', serve(rdf(articles.slice(7, 9), web.origin), 'application/rdf+xml'));
      web.route('/feed.json', serve(jsonFeed(articles.slice(9, 11)), 'application/feed+json'));
    });
    after(async () => {
      await web.close();
      await db.cleanup();
    });
    beforeEach(async () => {
      store = await db.open();
      fetcher = new Fetcher(testConfig().fetch);
      deps = { store, config: testConfig(), clock: fixedClock(NOW) };
    });
    afterEach(async () => {
      await fetcher.close();
      await store.close();
    });

    async function subscribe(path: string): Promise<void> {
      await addFeed(store, { url: `${web.origin}${path}`, outlet: 'Harbour Post', now: NOW });
    }

    it(`polls RSS, Atom, RDF and JSON feeds into articles, then finds nothing new [${db.name}]`, async () => {
      for (const p of ['/rss.xml', '/atom.xml', '/rdf.xml', '/feed.json']) await subscribe(p);
      const first = await pollFeeds(deps, fetcher);
      assert.deepEqual([first.new, first.failed, first.failures], [11, 0, []]);
      assert.equal(await store.articles.count(), 11);
      const stored = await store.articles.get(`${web.origin}/news/1`);
      assert.equal(stored?.title, articles[0]?.title);
      assert.equal(stored?.outletId !== null, true);
      assert.equal((await store.events.pending()).length, 0, 'every touched event was assessed');
      const feeds = await store.feeds.list();
      assert.ok(
        feeds.every(
          (f) =>
            f.lastStatus === 200 && f.consecutiveErrors === 0 && f.nextPollAt === '2025-06-10T12:15:00.000Z',
        ),
      );

      // Due again: the RSS feed answers 304 to its ETag; the others list items already stored.
      for (const f of feeds) await store.feeds.put({ ...f, nextPollAt: null }, NOW);
      const pagesBefore = web.seen.filter((s) => s.path.startsWith('/news/')).length;
      const second = await pollFeeds(deps, fetcher);
      assert.deepEqual([second.new, second.updated, second.unchanged, second.failed], [0, 0, 7, 0]);
      assert.equal(
        web.seen.filter((s) => s.path.startsWith('/news/')).length,
        pagesBefore,
        'stored items are not fetched again',
      );
      assert.equal(
        feedRequests()
          .filter((s) => s.path === '/rss.xml')
          .at(-1)?.headers['if-none-match'],
        '"rss-1"',
      );
      assert.equal((await store.feeds.list()).find((f) => f.url.endsWith('/rss.xml'))?.lastStatus, 304);
    });

    it(`stores a changed item as a new version and the same page at another address once [${db.name}]`, async () => {
      const a = articles[11];
      assert.ok(a);
      const url = `${web.origin}${a.path}`;
      const r1 = await ingestUrls(deps, fetcher, [url]);
      assert.equal(r1.new, 1);
      // The same page behind a tracking parameter and a redirect: the same article, unchanged.
      web.route('/short/12', redirect(`${a.path}?utm_source=feed`));
      const r2 = await ingestUrls(deps, fetcher, [`${web.origin}/short/12`, `${url}?utm_source=feed`]);
      assert.deepEqual([r2.new, r2.unchanged, r2.failed], [0, 2, 0]);
      // The publisher adds a paragraph: a new version of the same article.
      web.route(
        a.path,
        serve(
          articlePage(
            a,
            'Update: the council confirmed the figures on Tuesday evening after a second survey.',
          ),
          'text/html',
        ),
      );
      const r3 = await ingestUrls(deps, fetcher, [url]);
      assert.deepEqual([r3.new, r3.updated], [0, 1]);
      const stored = await store.articles.get(url);
      assert.equal(stored?.version, 2);
      assert.match(stored?.text ?? '', /second survey/);
      assert.equal(await store.articles.count(), 1);
      web.route(a.path, serve(articlePage(a), 'text/html'));
    });

    it(`records hostile and failing feeds with their failure kind, backing off [${db.name}]`, async () => {
      const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>`;
      web.route('/laughs.xml', serve(laughs, 'application/rss+xml'));
      web.route(
        '/xxe.xml',
        serve(
          '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title><link>/news/1</link></item></channel></rss>',
          'application/rss+xml',
        ),
      );
      web.route('/busy.xml', (_q, res) => res.writeHead(429, { 'retry-after': '7200' }).end());
      web.route('/sneaky.xml', redirect('http://169.254.169.254/latest/meta-data/'));
      web.route('/page.xml', serve('<html><body>not a feed</body></html>', 'text/html'));
      for (const p of ['/laughs.xml', '/xxe.xml', '/busy.xml', '/sneaky.xml', '/page.xml'])
        await subscribe(p);
      const r = await pollFeeds(deps, fetcher);
      assert.equal(r.failed, 5);
      const byPath = new Map((await store.feeds.list()).map((f) => [new URL(f.url).pathname, f]));
      assert.deepEqual(
        [...byPath].map(([p, f]) => [p, f.lastError?.kind, f.consecutiveErrors]),
        [
          ['/busy.xml', 'http-4xx', 1],
          ['/laughs.xml', 'decode', 1],
          ['/page.xml', 'not-article', 1],
          ['/sneaky.xml', 'blocked-address', 1],
          ['/xxe.xml', 'decode', 1],
        ],
      );
      assert.equal(
        byPath.get('/busy.xml')?.nextPollAt,
        '2025-06-10T14:00:00.000Z',
        'Retry-After (2 h) beats the interval',
      );
      assert.equal(byPath.get('/laughs.xml')?.nextPollAt, '2025-06-10T12:15:00.000Z');
      // A second failure doubles the wait.
      const laughsFeed = byPath.get('/laughs.xml');
      assert.ok(laughsFeed);
      await store.feeds.put({ ...laughsFeed, nextPollAt: null }, NOW);
      await pollFeeds(deps, fetcher);
      const again = (await store.feeds.list()).find((f) => f.url.endsWith('/laughs.xml'));
      assert.deepEqual([again?.consecutiveErrors, again?.nextPollAt], [2, '2025-06-10T12:30:00.000Z']);
      assert.equal(await store.articles.count(), 0);
    });
  });
