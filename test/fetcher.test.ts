/**
 * The fetcher against real HTTP servers on 127.0.0.2: well-behaved pages, hostile servers (each must end
 * in its failure kind within the deadline, memory bounded, process alive), the SSRF guard on every hop,
 * robots.txt, politeness and conditional requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { Fetcher, type FetcherOptions, type FetchOutcome } from '../src/pipeline/acquire/fetcher.ts';
import { DEFAULT_CONFIG } from '../src/config/config.ts';
import {
  gzipBomb,
  hugeBody,
  neverAnswer,
  redirect,
  serve,
  slowDrip,
  startSilentServer,
  startWebServer,
  TEST_HOST,
  type WebServer,
} from './support/web-server.ts';

const PAGE =
  '<html><head><title>A page</title></head><body><article><p>Text of the page.</p></article></body></html>';

function options(over: Partial<FetcherOptions> = {}): FetcherOptions {
  return {
    ...DEFAULT_CONFIG.fetch,
    allowHosts: [TEST_HOST],
    contactUrl: 'https://desk.example/contact',
    headersTimeoutMs: 1500,
    bodyTimeoutMs: 1500,
    totalTimeoutMs: 2500,
    politenessDelayMs: 0,
    ...over,
  };
}

function failureKind(r: FetchOutcome): string {
  return r.kind === 'failed' ? r.failure.kind : r.kind;
}

/** Runs `work` while sampling the process's resident memory; returns the peak growth in MB. */
async function peakGrowthMb<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(t);
  }
}

describe('fetcher', () => {
  let web: WebServer;
  let fetcher: Fetcher;
  before(async () => {
    web = await startWebServer();
    web.route(
      '/robots.txt',
      serve('User-agent: *\nDisallow: /private\nAllow: /private/open\n', 'text/plain'),
    );
    web.route('/page', serve(PAGE, 'text/html; charset=utf-8', { 'set-cookie': 'session=abc; Path=/' }));
    web.route('/gz', serve(gzipSync(PAGE), 'text/html', { 'content-encoding': 'gzip' }));
    web.route('/br', serve(brotliCompressSync(PAGE), 'text/html', { 'content-encoding': 'br' }));
    web.route('/private/secret', serve(PAGE, 'text/html'));
    web.route('/private/open', serve(PAGE, 'text/html'));
    web.route('/moved', redirect('/page', 301));
    web.route('/loop', redirect('/loop'));
    web.route('/big', hugeBody(50 * 1024 * 1024));
    web.route('/bomb', gzipBomb(200 * 1024 * 1024));
    web.route('/drip', slowDrip());
    web.route('/never', neverAnswer());
    web.route('/busy', (_q, res) => res.writeHead(429, { 'retry-after': '120' }).end('slow down'));
    web.route('/down', (_q, res) =>
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
    );
    web.route('/gone', (_q, res) => res.writeHead(410).end());
    web.route('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
      res
        .writeHead(200, {
          'content-type': 'text/html',
          etag: '"v1"',
          'last-modified': 'Mon, 02 Jun 2025 10:00:00 GMT',
        })
        .end(PAGE);
    });
    fetcher = new Fetcher(options());
  });
  after(async () => {
    await fetcher.close();
    await web.close();
  });

  it('fetches a page, naming itself and its contact, keeping no cookies', async () => {
    const a = await fetcher.fetch({ url: `${web.origin}/page` });
    assert.equal(a.kind, 'ok');
    assert.equal(a.kind === 'ok' && a.body.toString('utf8'), PAGE);
    assert.equal(a.kind === 'ok' && a.contentType, 'text/html; charset=utf-8');
    await fetcher.fetch({ url: `${web.origin}/page` });
    const hits = web.seen.filter((s) => s.path === '/page');
    assert.equal(hits.length, 2);
    assert.match(
      String(hits[0]?.headers['user-agent']),
      /^Corroborate\/\S+ \(\+https:\/\/desk\.example\/contact\)$/,
    );
    assert.equal(hits[1]?.headers.cookie, undefined);
  });

  it('asks once more on a new connection when the server closes one before answering, not twice more', async () => {
    let calls = 0;
    web.route('/reset-once', (req, res) => {
      if (calls++ === 0) return void req.socket.destroy();
      serve(PAGE, 'text/html')(req, res);
    });
    const once = await fetcher.fetch({ url: `${web.origin}/reset-once` });
    assert.equal(failureKind(once), 'ok');
    assert.equal(calls, 2);
    let always = 0;
    web.route('/reset-always', (req) => void (always++, req.socket.destroy()));
    assert.equal(failureKind(await fetcher.fetch({ url: `${web.origin}/reset-always` })), 'connect');
    assert.equal(always, 2);
  });

  it('unpacks gzip and brotli bodies and follows a redirect to the final address', async () => {
    for (const path of ['/gz', '/br']) {
      const r = await fetcher.fetch({ url: `${web.origin}${path}` });
      assert.equal(r.kind === 'ok' && r.body.toString('utf8'), PAGE, path);
    }
    const moved = await fetcher.fetch({ url: `${web.origin}/moved` });
    assert.equal(moved.kind === 'ok' && moved.finalUrl, `${web.origin}/page`);
  });

  it('honours robots.txt, longest rule first, fetching it once per host', async () => {
    assert.equal(
      failureKind(await fetcher.fetch({ url: `${web.origin}/private/secret` })),
      'robots-disallowed',
    );
    assert.equal(failureKind(await fetcher.fetch({ url: `${web.origin}/private/open` })), 'ok');
    assert.equal(web.seen.filter((s) => s.path === '/robots.txt').length, 1);
  });

  it('asks conditionally and reports an unchanged resource', async () => {
    const first = await fetcher.fetch({ url: `${web.origin}/etag` });
    assert.equal(first.kind, 'ok');
    const again = await fetcher.fetch({
      url: `${web.origin}/etag`,
      etag: first.kind === 'ok' ? first.etag : null,
    });
    assert.equal(again.kind, 'not-modified');
  });

  it('sorts HTTP errors, keeping Retry-After on 429 and 503', async () => {
    const busy = await fetcher.fetch({ url: `${web.origin}/busy` });
    assert.deepEqual(
      busy.kind === 'failed' && [busy.failure.kind, busy.failure.status, busy.failure.retryAfterSeconds],
      ['http-4xx', 429, 120],
    );
    const down = await fetcher.fetch({ url: `${web.origin}/down` });
    assert.equal(down.kind === 'failed' && down.failure.kind, 'http-5xx');
    assert.ok(down.kind === 'failed' && (down.failure.retryAfterSeconds ?? 0) > 50);
    assert.equal(failureKind(await fetcher.fetch({ url: `${web.origin}/gone` })), 'http-4xx');
  });

  it('stops a 50 MB page and a gzip bomb at the size cap with bounded memory', async () => {
    const { result, growthMb } = await peakGrowthMb(async () => [
      await fetcher.fetch({ url: `${web.origin}/big` }),
      await fetcher.fetch({ url: `${web.origin}/bomb` }),
    ]);
    assert.deepEqual(result.map(failureKind), ['too-large', 'too-large']);
    assert.ok(growthMb < 120, `memory grew by ${growthMb.toFixed(0)} MB`);
  });

  it('ends a redirect loop after the redirect limit', async () => {
    const r = await fetcher.fetch({ url: `${web.origin}/loop` });
    assert.equal(failureKind(r), 'too-many-redirects');
    assert.equal(web.seen.filter((s) => s.path === '/loop').length, DEFAULT_CONFIG.fetch.maxRedirects + 1);
  });

  it('ends a slow drip and a silent server in a time-out within the deadline', async () => {
    for (const path of ['/drip', '/never']) {
      const t0 = Date.now();
      const r = await fetcher.fetch({ url: `${web.origin}${path}` });
      const took = Date.now() - t0;
      assert.equal(failureKind(r), 'timeout', path);
      assert.ok(took < 2500 + 1000, `${path} took ${took} ms`);
    }
    const silent = await startSilentServer();
    try {
      const t0 = Date.now();
      assert.equal(failureKind(await fetcher.fetch({ url: `${silent.origin}/page` })), 'timeout');
      assert.ok(Date.now() - t0 < 3500);
    } finally {
      await silent.close();
    }
  });

  it('sorts DNS, refused connections and TLS failures', async () => {
    assert.equal(failureKind(await fetcher.fetch({ url: 'http://no-such-host.invalid/' })), 'dns');
    const closed = await startWebServer();
    const port = closed.port;
    await closed.close();
    assert.equal(failureKind(await fetcher.fetch({ url: `http://${TEST_HOST}:${port}/` })), 'connect');
    assert.equal(failureKind(await fetcher.fetch({ url: `https://${TEST_HOST}:${web.port}/page` })), 'tls');
  });

  it('refuses redirects to loopback, private, link-local and metadata addresses, and names resolving to them', async () => {
    const targets = {
      loopback: `http://127.0.0.1:${web.port}/page`,
      private: 'http://10.0.0.1/',
      metadata: 'http://169.254.169.254/latest/meta-data/',
      v6loopback: `http://[::1]:${web.port}/page`,
      mapped: `http://[::ffff:127.0.0.1]:${web.port}/page`,
      name: `http://localhost:${web.port}/page`,
    };
    for (const [name, target] of Object.entries(targets)) {
      web.route(`/to-${name}`, redirect(target));
      const r = await fetcher.fetch({ url: `${web.origin}/to-${name}` });
      assert.equal(failureKind(r), 'blocked-address', `${name}: ${JSON.stringify(r)}`);
    }
    assert.equal(
      failureKind(await fetcher.fetch({ url: `http://127.0.0.1:${web.port}/page` })),
      'blocked-address',
    );
    assert.equal(failureKind(await fetcher.fetch({ url: 'file:///etc/passwd' })), 'blocked-address');
  });

  it('reaches an address the operator allowed, by range or by name', async () => {
    const byRange = new Fetcher(options({ allowHosts: [TEST_HOST, '127.0.0.0/8', '::1'] }));
    const byName = new Fetcher(options({ allowHosts: [TEST_HOST, 'localhost'] }));
    try {
      assert.equal(
        failureKind(await byRange.fetch({ url: `http://127.0.0.1:${web.port}/nothing` })),
        'connect',
      );
      assert.equal(
        failureKind(await byName.fetch({ url: `http://localhost:${web.port}/nothing` })),
        'connect',
      );
    } finally {
      await byRange.close();
      await byName.close();
    }
  });

  it('waits the politeness delay between two requests to one host', async () => {
    const polite = new Fetcher(options({ politenessDelayMs: 400 }));
    try {
      const before = web.seen.length;
      await Promise.all([
        polite.fetch({ url: `${web.origin}/page` }),
        polite.fetch({ url: `${web.origin}/gz` }),
      ]);
      const pages = web.seen.slice(before).filter((s) => s.path !== '/robots.txt');
      assert.equal(pages.length, 2);
      const gap = (pages[1]?.at ?? 0) - (pages[0]?.at ?? 0);
      assert.ok(gap >= 380, `second request came ${gap} ms after the first`);
    } finally {
      await polite.close();
    }
  });
});
