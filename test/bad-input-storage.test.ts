/**
 * No input stops the product, on every database: NUL and other control characters in every kind of
 * input (JSONL fields, .txt, .html, fetched pages, feed items, WARC records) are removed on the way in,
 * so PostgreSQL stores them; a feed whose items fail records the error on itself, and a round of
 * polling goes on with the healthy feeds while one serves NUL bytes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CONFIG, type Config } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { Fetcher } from '../src/pipeline/acquire/fetcher.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { ingestUrls, pollFeeds } from '../src/run/acquire.ts';
import { importWarc } from '../src/run/import-warc.ts';
import { addFeed } from '../src/run/feeds.ts';
import { ingest, type RunDeps } from '../src/run/ingest.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { articlePage, rss, siteArticles, type SiteArticle } from './support/feed-site.ts';
import { serve, startWebServer, TEST_HOST, type WebServer } from './support/web-server.ts';
import { WARCRecord, WARCSerializer } from 'warcio';

const NOW = '2025-06-10T12:00:00.000Z';
/** Every C0 control but tab, line feed and carriage return, NUL first. */
const CONTROLS = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i))
  .filter((c) => !'\t\n\r'.includes(c))
  .join('');

function testConfig(): Config {
  const c = structuredClone(DEFAULT_CONFIG);
  c.fetch = { ...c.fetch, allowHosts: [TEST_HOST], politenessDelayMs: 0 };
  return c;
}

/** Articles of one fictional site under its own path prefix. */
function site(prefix: string, n: number, seed: number): SiteArticle[] {
  return siteArticles(n, seed).map((a) => ({ ...a, path: `/${prefix}${a.path}` }));
}

/** A few control characters, as a broken encoder or scraper leaves them in a text. */
const SOME = '\u0000\u0001\u0007\u000b\u000c\u001b';

/** A page with control characters: a NUL in its title, every one of them in its first paragraph, a few in the others. */
function pageWithControls(a: SiteArticle): string {
  const paragraphs = a.paragraphs.map((p, i) => (i === 0 ? `${p}${CONTROLS}` : p.replace(' ', ` ${SOME}`)));
  return articlePage({ ...a, title: `${a.title}\u0000`, paragraphs });
}

function hasControl(s: string | null | undefined): boolean {
  return [...(s ?? '')].some((c) => c < ' ' && !'\t\n\r'.includes(c));
}

async function assertStoredClean(store: Store, ids: string[]): Promise<void> {
  const stored = await store.articles.getMany(ids);
  assert.equal(
    stored.length,
    ids.length,
    `stored ${stored.map((a) => a.id).join(', ')} of ${ids.join(', ')}`,
  );
  for (const a of stored) {
    assert.ok(
      !hasControl(a.text) && !hasControl(a.title) && !hasControl(a.id),
      `${a.id} stored without controls`,
    );
    assert.ok(a.text.length > 40, `${a.id} kept its text`);
  }
}

async function warcWithControls(path: string, origin: string, pages: SiteArticle[]): Promise<void> {
  const chunks: Uint8Array[] = [];
  for (const a of pages) {
    const record = WARCRecord.create(
      {
        url: `${origin}${a.path}`,
        date: a.publishedAt,
        type: 'response',
        warcVersion: 'WARC/1.1',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        statusline: 'HTTP/1.1 200 OK',
      },
      [new TextEncoder().encode(pageWithControls(a))],
    );
    chunks.push(await WARCSerializer.serialize(record, { gzip: true }));
  }
  writeFileSync(path, Buffer.concat(chunks));
}

for (const db of testDatabases()) {
  describe(`bad input stored [${db.name}]`, { skip: db.skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-bad-'));
    const config = testConfig();
    let web: WebServer;
    let fetcher: Fetcher;
    let store: Store;
    let deps: RunDeps;
    const healthy = site('healthy', 3, 21);
    const noisy = site('noisy', 3, 22);
    const broken = site('broken', 2, 23);
    const fetched = site('fetched', 2, 24);

    before(async () => {
      web = await startWebServer();
      for (const a of healthy) web.route(a.path, serve(articlePage(a), 'text/html; charset=utf-8'));
      for (const a of [...noisy, ...fetched])
        web.route(a.path, serve(pageWithControls(a), 'text/html; charset=utf-8'));
      // One item of the broken feed is a page of binary bytes, the other a page that is gone.
      const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      web.route((broken[0] as SiteArticle).path, serve(binary, 'text/html'));
      web.route('/healthy.xml', serve(rss(healthy), 'application/rss+xml'));
      // The noisy feed itself carries NUL bytes in its titles.
      web.route('/noisy.xml', serve(rss(noisy).replace(/<title>/g, '<title>\u0000'), 'application/rss+xml'));
      web.route('/broken.xml', serve(rss(broken), 'application/rss+xml'));
      store = await db.open();
      fetcher = new Fetcher(config.fetch);
      deps = { store, config, clock: fixedClock(NOW) };
    });
    after(async () => {
      await fetcher.close();
      await store.close();
      await web.close();
      await db.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`stores JSONL, .txt and .html inputs full of control characters [${db.name}]`, async () => {
      const text = (n: number) =>
        `The ferry crews of Velmora walked out on Monday${SOME} over pay, union leaders said (${n}).\n\nTalks with the operator resume on Friday, when the harbour board meets to approve its budget for the year.`;
      const jsonl = join(dir, 'controls.jsonl');
      writeFileSync(
        jsonl,
        [
          { id: 'j1\u0000', url: 'https://a.example/j1\u0000', title: 'Ferry\u0000 strike', text: text(1) },
          { url: 'https://a.example/j2', outlet: 'A\u0007 Post', html: `<p>${text(2)}</p>` },
        ]
          .map((o) => JSON.stringify(o))
          .join('\n'),
      );
      writeFileSync(join(dir, 'controls.txt'), text(3));
      writeFileSync(
        join(dir, 'controls.html'),
        `<html><head><title>Strike\u0000</title></head><body><article><p>${text(4)}</p></article></body></html>`,
      );
      const read = readInputs([jsonl, join(dir, 'controls.txt'), join(dir, 'controls.html')], 1e7);
      assert.deepEqual(read.failed, []);
      const s = await ingest(deps, read.inputs);
      assert.equal(s.inserted, 4);
      const ids = [
        'j1',
        'https://a.example/j2',
        ...['txt', 'html'].map((e) => `file://${join(dir, `controls.${e}`)}`),
      ];
      await assertStoredClean(store, ids);
      // The last guard: an input handed to ingest directly, read by no reader, is cleaned too.
      const direct = await ingest(deps, [
        {
          input: { id: 'direct\u0000', url: 'https://a.example/direct', text: text(5) },
          origin: { file: 'direct', line: null },
        },
      ]);
      assert.equal(direct.inserted, 1);
      await assertStoredClean(store, ['direct']);
    });

    it(`fails a report the database refuses, naming it, and goes on with the batch [${db.name}]`, async () => {
      // PostgreSQL refuses an id too long for its primary-key index (random, so it cannot be compressed);
      // SQLite has no such limit and stores it.
      const long = randomBytes(4500).toString('base64');
      const text = (n: number) =>
        `Crews of the Karsk grain terminal stopped work on Tuesday over unpaid overtime, the union said (${n}). Talks are set for Thursday.`;
      const jsonl = join(dir, 'refused.jsonl');
      writeFileSync(
        jsonl,
        [
          { id: 'r1', url: 'https://b.example/r1', text: text(1) },
          { id: long, url: 'https://b.example/r2', text: text(2) },
          { id: 'r3', url: 'https://b.example/r3', text: text(3) },
        ]
          .map((o) => JSON.stringify(o))
          .join('\n'),
      );
      const failed: string[] = [];
      const s = await ingest(deps, readInputs([jsonl], 1e7).inputs, {
        onFailed: (where, message) => failed.push(`${where}: ${message}`),
      });
      const refused = db.name === 'postgres';
      assert.equal(s.inserted, refused ? 2 : 3);
      assert.equal(failed.length, refused ? 1 : 0, failed.join('\n'));
      if (refused) assert.match(failed[0] as string, /refused\.jsonl:2: .*index/);
      // The report after the refused one is stored, with its event.
      assert.equal((await store.articles.getMany(['r1', 'r3'])).length, 2);
      const assignments = await store.events.assignments();
      assert.ok(assignments.r1 && assignments.r3, 'both stored reports are in events');
    });

    it(`stores fetched pages and WARC records with control characters [${db.name}]`, async () => {
      const urls = fetched.map((a) => `${web.origin}${a.path}`);
      const r = await ingestUrls(deps, fetcher, urls);
      assert.deepEqual([r.new, r.failures], [2, []]);
      await assertStoredClean(store, urls);
      const warc = join(dir, 'controls.warc.gz');
      const archived = site('archived', 2, 25);
      await warcWithControls(warc, 'https://archive.example', archived);
      const w = await importWarc(deps, warc);
      assert.deepEqual([w.new, w.failures], [2, []]);
      await assertStoredClean(
        store,
        archived.map((a) => `https://archive.example${a.path}`),
      );
    });

    it(`polls the healthy feeds while one serves NUL bytes and another's items fail, recording that on the feed [${db.name}]`, async () => {
      for (const f of ['healthy', 'noisy', 'broken'])
        await addFeed(store, { url: `${web.origin}/${f}.xml`, outlet: `${f} post`, now: NOW });
      const r = await pollFeeds(deps, fetcher);
      assert.equal(r.new, healthy.length + noisy.length, JSON.stringify(r.failures));
      await assertStoredClean(
        store,
        [...healthy, ...noisy].map((a) => `${web.origin}${a.path}`),
      );
      // Both items of the broken feed failed, each named with its kind.
      const [binaryItem, goneItem] = broken.map((a) => `${web.origin}${a.path}`);
      assert.deepEqual(
        r.failures.map((f) => [f.source, f.kind]).sort(),
        [
          [binaryItem, 'not-text'],
          [goneItem, 'http-4xx'],
        ].sort(),
      );
      const feeds = new Map((await store.feeds.list()).map((f) => [f.url, f]));
      assert.equal(feeds.get(`${web.origin}/healthy.xml`)?.lastError, null);
      assert.equal(feeds.get(`${web.origin}/noisy.xml`)?.lastError, null);
      const error = feeds.get(`${web.origin}/broken.xml`)?.lastError;
      assert.ok(error, 'the broken feed records its items failing');
      assert.match(error.message, /^2 of 2 items failed; /);
      assert.ok(error.message.includes(binaryItem as string) || error.message.includes(goneItem as string));
    });
  });
}
