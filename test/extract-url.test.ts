/** `corroborate extract URL`: pages fetched from a real server on 127.0.0.2, decoded by their header, refused when private. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliAsync } from './support/cli.ts';
import { redirect, serve, startWebServer, TEST_HOST, type WebServer } from './support/web-server.ts';

const PAGE = `<html><head><title>Quay reopens after repairs | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta property="article:published_time" content="2025-06-02T09:30:00+02:00"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Quay reopens after repairs</h1>
<p>The northern quay reopened on Monday after three weeks of repairs to its crane rails, the port authority said.</p>
<p>Traffic was expected to return to normal by the end of the week, a spokeswoman added.</p></article>
<footer>Subscribe to our newsletter</footer></body></html>`;

describe('corroborate extract URL', () => {
  let web: WebServer;
  const env = { CORROBORATE_ALLOW_HOSTS: TEST_HOST };
  before(async () => {
    web = await startWebServer();
    web.route('/quay', serve(PAGE, 'text/html; charset=utf-8'));
    // The same page in windows-1252, said only by the HTTP header.
    web.route(
      '/latin',
      serve(
        Buffer.from(PAGE.replaceAll('Quay reopens', 'Café reopens'), 'latin1'),
        'text/html; charset=windows-1252',
      ),
    );
    web.route('/old-address', redirect('/quay', 301));
    web.route('/to-loopback', redirect(`http://127.0.0.1:${web.port}/quay`));
    web.route('/report.pdf', serve('%PDF-1.4', 'application/pdf'));
  });
  after(() => web.close());

  it('prints the article of a page it fetched, at its address after redirects', async () => {
    const r = await runCliAsync(['extract', `${web.origin}/old-address`, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(a.url, `${web.origin}/quay`);
    assert.equal(a.title, 'Quay reopens after repairs');
    assert.equal(a.outlet, 'Harbour Post');
    assert.equal(a.publishedAt, '2025-06-02T09:30:00+02:00');
    assert.match(String(a.text), /^The northern quay reopened/);
    assert.doesNotMatch(String(a.text), /Subscribe|Home/);
  });

  it('decodes by the HTTP header and mixes files and URLs in --jsonl', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-extract-'));
    const file = join(dir, 'saved.html');
    writeFileSync(file, PAGE.replaceAll('Quay reopens', 'Saved quay reopens'));
    try {
      const r = await runCliAsync(
        ['extract', `${web.origin}/latin`, file, `${web.origin}/quay`, '--jsonl'],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { file: string; title: string });
      assert.deepEqual(
        lines.map((l) => [l.file, l.title]),
        [
          [`${web.origin}/latin`, 'Café reopens after repairs'],
          [file, 'Saved quay reopens after repairs'],
          [`${web.origin}/quay`, 'Quay reopens after repairs'],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses private addresses and non-pages, naming the URL and the failure kind', async () => {
    const blocked = await runCliAsync(['extract', `${web.origin}/to-loopback`], env);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /to-loopback: fetch failed \(blocked-address\): .*127\.0\.0\.1 is loopback/);
    const direct = await runCliAsync(['extract', `http://127.0.0.1:${web.port}/quay`]);
    assert.match(direct.stderr, /fetch failed \(blocked-address\)/);
    const pdf = await runCliAsync(['extract', `${web.origin}/report.pdf`], env);
    assert.equal(pdf.code, 1);
    assert.match(pdf.stderr, /fetch failed \(not-article\): .*application\/pdf/);
  });
});
