/**
 * No input stops the command line: every input that fails is named on a line of its own, the others
 * are handled, and the command exits 1 (0 only when everything was done). Binary "pages", truncated
 * archives, OPML outlines that cannot be followed and databases that do not exist are each named. What
 * stores runs on every database.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { decodeHtml } from '../src/pipeline/acquire/decode.ts';
import { notTextReason } from '../src/pipeline/acquire/sniff-binary.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { runCli, runCliAsync } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';
import { articlePage, siteArticles } from './support/feed-site.ts';
import { serve, startWebServer, TEST_HOST, type WebServer } from './support/web-server.ts';
import { writeWarc } from './support/warc.ts';

const dir = mkdtempSync(join(tmpdir(), 'corroborate-bad-cli-'));
const file = (name: string, body: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};
const [one, two] = siteArticles(2, 31);
/** Bytes that are no format at all: a fixed pseudo-random sequence. */
const RANDOM = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) >>> 24));
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR some chunk data that is otherwise readable as text'),
]);
const GZIP = gzipSync(
  Buffer.from('<html><body><p>A page that was gzipped and named .html.</p></body></html>'),
);

const stderrLines = (s: string) => s.trim().split('\n').filter(Boolean);

after(() => rmSync(dir, { recursive: true, force: true }));

/** The commands that only read (or edit what is stored), each with what it needs after `--db`. */
const READERS = [
  ['events'],
  ['events', 'lineage', 'evt_x'],
  ['export', '--format', 'jsonl'],
  ['brief', 'event', 'evt_x'],
  ['provenance', 'a1'],
  ['outlets', 'list'],
  ['outlets', 'export'],
  ['feeds', 'list'],
  ['feeds', 'export'],
  ['serve', '--port', '0'],
];

for (const database of testDatabases())
  describe(`bad input on the command line [${database.name}]`, { skip: database.skip }, () => {
    after(() => database.cleanup());

    it(`ingest names every failed input, one line each, stores the rest and exits 1 [${database.name}]`, async () => {
      const db = await database.address();
      const good = file('good.html', articlePage(one as never));
      const random = file('random.html', RANDOM);
      const png = file('picture.html', PNG);
      const gz = file('packed.html', GZIP);
      const blank = file('blank.html', '<html><body><nav>Home</nav></body></html>');
      const r = runCli(['ingest', good, random, png, gz, blank, '--db', db, '--quiet']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /5 reports read: 1 new, 0 updated, 0 unchanged, 4 failed/);
      const lines = stderrLines(r.stderr);
      assert.equal(lines.length, 4, r.stderr);
      assert.match(r.stderr, /random\.html: not-text: binary data/);
      assert.match(r.stderr, /picture\.html: not-text: the bytes are a PNG image, not text/);
      assert.match(r.stderr, /packed\.html: not-text: the bytes are a gzip archive, not text/);
      assert.match(r.stderr, /blank\.html: no-text: no article text found/);
      const stored = JSON.parse(runCli(['export', '--format', 'assignments', '--db', db]).stdout) as object;
      assert.equal(Object.keys(stored).length, 1, 'the good page is stored, no event titled in garbage');
      const json = runCli(['ingest', random, '--db', db, '--json']);
      assert.equal(json.code, 1);
      const s = JSON.parse(json.stdout) as { failed: number; failures: { where: string; kind: string }[] };
      assert.deepEqual([s.failed, s.failures[0]?.kind], [1, 'not-text']);
    });

    it(`names a truncated .warc.gz as such, keeps the records before the cut and exits 1 [${database.name}]`, async () => {
      const whole = join(dir, 'whole.warc.gz');
      const records = await writeWarc(whole, { pages: 12, gzip: true });
      const bytes = readFileSync(whole);
      const cut = file('cut.warc.gz', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const db = await database.address();
      const r = runCli(['ingest', cut, '--db', db, '--quiet']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /cut\.warc\.gz: (\d+) new, .*1 failed/);
      const kept = Number(/cut\.warc\.gz: (\d+) new/.exec(r.stdout)?.[1]);
      assert.ok(kept > 0 && kept < 12, `${kept} records kept from before the cut`);
      assert.match(
        r.stderr,
        /cut\.warc\.gz: truncated: truncated archive: the gzip stream is cut short after \d+ whole records \(unexpected end of file\)/,
      );
      const plain = join(dir, 'whole.warc');
      await writeWarc(plain, { pages: 12, gzip: false });
      const plainBytes = readFileSync(plain);
      const plainCut = file('cut.warc', plainBytes.subarray(0, Math.floor(plainBytes.length * 0.45)));
      const p = runCli(['ingest', plainCut, '--db', await database.address(), '--json']);
      assert.equal(p.code, 1);
      const result = (
        JSON.parse(p.stdout) as {
          warc: Record<string, { new: number; failures: { kind: string; message: string }[] }>;
        }
      ).warc[plainCut];
      assert.equal(result?.failures.length, 1);
      assert.equal(result?.failures[0]?.kind, 'truncated');
      assert.match(
        result?.failures[0]?.message ?? '',
        /^truncated archive: record \d+ is cut short; \d+ records read before it$/,
      );
      assert.ok(records > 12 && (result?.new ?? 0) > 0);
    });

    it(`lists OPML outlines that cannot be followed as skipped, with the reason [${database.name}]`, async () => {
      const opml = file(
        'subs.opml',
        `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="News"><outline type="rss" text="Good" xmlUrl="https://news.example/feed.xml"/></outline>
<outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
<outline type="rss" text="Old" xmlUrl="gopher://gopher.example/1/news"/>
<outline type="rss" text="Relative" xmlUrl="/feed.xml"/>
<outline type="rss" text="Nothing"/>
</body></opml>`,
      );
      const db = await database.address();
      const r = runCli(['feeds', 'import', opml, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /1 feeds in .*subs\.opml: 1 added/);
      assert.match(
        r.stdout,
        /skipped \(unsupported-scheme\): file:\/\/\/etc\/passwd: file: addresses are not followed/,
      );
      assert.match(r.stdout, /skipped \(unsupported-scheme\): gopher:\/\/gopher\.example\/1\/news/);
      assert.match(r.stdout, /skipped \(not-a-url\): \/feed\.xml/);
      assert.match(r.stdout, /skipped \(no-address\): Nothing/);
      assert.match(r.stdout, /4 outlines skipped/);
      const json = runCli(['ingest', opml, '--db', db, '--json']);
      assert.equal(json.code, 0, json.stderr);
      const skipped = (JSON.parse(json.stdout) as { opml: Record<string, { skipped: { reason: string }[] }> })
        .opml[opml]?.skipped;
      assert.deepEqual(
        skipped?.map((s) => s.reason),
        ['unsupported-scheme', 'unsupported-scheme', 'not-a-url', 'no-address'],
      );
    });

    if (database.name === 'sqlite')
      // SQLite only: a file that is not there. PostgreSQL's counterpart, a database the server lacks, is below.
      it(`read-only commands refuse a database file that does not exist, and do not create it [${database.name}]`, () => {
        const missing = join(dir, 'typo.db');
        for (const args of READERS) {
          const r = runCli([...args, '--db', missing]);
          assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
          assert.equal(
            r.stderr.trim(),
            `corroborate: no database at ${missing} (run \`corroborate ingest … --db ${missing}\` first)`,
          );
          assert.equal(existsSync(missing), false, `${args.join(' ')} created no file`);
        }
        // Commands that write may create it.
        const made = runCli(['feeds', 'add', 'https://news.example/feed.xml', '--db', missing]);
        assert.equal(made.code, 0, made.stderr);
        assert.equal(runCli(['feeds', 'list', '--db', missing]).code, 0);
      });

    if (database.name === 'postgres')
      it(`commands name a database the server does not have, and do not create it [${database.name}]`, async () => {
        const missing = new URL(withDefaultUser(process.env.CORROBORATE_TEST_PG as string));
        const name = `t_${process.pid}_${Date.now().toString(36)}_typo`;
        missing.pathname = `/${name}`;
        const url = missing.toString();
        // Unlike a SQLite file, a PostgreSQL database is never created by a command: writing ones refuse it too.
        for (const args of [...READERS, ['feeds', 'add', 'https://news.example/feed.xml']]) {
          const r = runCli([...args, '--db', url]);
          assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
          assert.equal(r.stderr.trim(), `corroborate: ${url}: database does not exist`, args.join(' '));
        }
        const server = new pg.Client({
          connectionString: withDefaultUser(process.env.CORROBORATE_TEST_PG as string),
        });
        await server.connect();
        try {
          const found = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
          assert.equal(found.rowCount, 0, 'no command created the database');
        } finally {
          await server.end();
        }
      });
  });

describe('bad input on the command line', () => {
  it('extract --jsonl prints a line for every input, the error object for those that failed, and exits 1', () => {
    const good = file('extract-good.html', articlePage(two as never));
    const blank = file('extract-blank.html', '<html><body><nav>Home</nav><footer>x</footer></body></html>');
    const random = file('extract-random.html', RANDOM);
    const r = runCli(['extract', '--jsonl', blank, good, random]);
    assert.equal(r.code, 1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { file: string; title?: string; error?: { kind: string; message: string } },
      );
    assert.deepEqual(
      out.map((o) => [o.file.split('/').at(-1), o.error?.kind ?? 'ok']),
      [
        ['extract-blank.html', 'no-text'],
        ['extract-good.html', 'ok'],
        ['extract-random.html', 'not-text'],
      ],
    );
    assert.ok(out[1]?.title);
    assert.match(out[0]?.error?.message ?? '', /no article text/);
    const lines = stderrLines(r.stderr);
    assert.equal(lines.length, 3, r.stderr);
    assert.match(lines[2] as string, /2 of 3 inputs failed/);
  });

  it('analyze --jsonl prints a line for every input line, with the line number of each that failed, and goes on', () => {
    const text = 'The harbour board of Velmora closed the northern quay on Monday after a storm surge.';
    const input = [
      JSON.stringify({ id: 'a', url: 'https://e.example/a', text }),
      '{"id": "b", "url": ',
      JSON.stringify({ id: 'c', url: 'https://e.example/c', text: '   ' }),
      JSON.stringify({ id: 'd', text }),
      JSON.stringify({ id: 'e', url: 'https://e.example/e', text }),
    ].join('\n');
    const r = runCli(['analyze', '--jsonl'], {}, input);
    assert.equal(r.code, 1, r.stderr);
    const out = r.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { id?: string; line?: number; error?: { kind: string }; sentences?: unknown[] },
      );
    assert.deepEqual(
      out.map((o) => [o.id ?? null, o.line ?? null, o.error?.kind ?? 'ok']),
      [
        ['a', null, 'ok'],
        [null, 2, 'not-json'],
        ['c', 3, 'bad-input'],
        ['d', 4, 'bad-input'],
        ['e', null, 'ok'],
      ],
    );
    assert.ok(out[4]?.sentences?.length, 'the line after the failures is analysed');
    const lines = stderrLines(r.stderr);
    assert.deepEqual(
      lines.map((l) => /stdin:(\d+)/.exec(l)?.[1] ?? l),
      ['2', '3', '4', 'corroborate: 3 of 5 lines failed'],
    );
  });
});

for (const db of testDatabases())
  describe(`ingest of URLs that all fail [${db.name}]`, { skip: db.skip }, () => {
    let web: WebServer;
    const config = join(dir, `fetch-${db.name}.json`);
    before(async () => {
      web = await startWebServer();
      web.route('/binary', serve(RANDOM, 'text/html'));
      writeFileSync(config, JSON.stringify({ fetch: { allowHosts: [TEST_HOST], politenessDelayMs: 0 } }));
    });
    after(async () => {
      await web.close();
      await db.cleanup();
    });

    it(`exits 1 and names each URL with its failure kind [${db.name}]`, async () => {
      const r = await runCliAsync(
        ['ingest', `${web.origin}/gone`, `${web.origin}/binary`, '--db', await db.address(), '--quiet'],
        { CORROBORATE_CONFIG: config },
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /2 URLs: 0 new, 0 updated, 0 unchanged, 2 failed/);
      const lines = stderrLines(r.stderr);
      assert.equal(lines.length, 2, r.stderr);
      assert.match(r.stderr, /\/gone: http-4xx: HTTP 404/);
      assert.match(r.stderr, /\/binary: not-text: .*binary data/);
    });
  });

describe('text or not', () => {
  it('tells binary bytes from text by magic numbers and control-character density', () => {
    const text = (s: string) => notTextReason(Buffer.from(s), s);
    assert.equal(text('<p>An ordinary page.</p>'), null);
    assert.equal(text(`<p>${'A page with one stray NUL. '.repeat(20)}\u0000</p>`), null);
    assert.match(notTextReason(RANDOM, RANDOM.toString('utf8')) ?? '', /binary data/);
    assert.match(notTextReason(RANDOM, RANDOM.toString('latin1')) ?? '', /control characters/);
    assert.match(notTextReason(PNG, PNG.toString('latin1')) ?? '', /PNG image/);
    assert.match(notTextReason(GZIP, GZIP.toString('latin1')) ?? '', /gzip archive/);
    const page = decodeHtml(RANDOM);
    assert.deepEqual(page.kind === 'rejected' && page.reason, 'not-text');
  });

  it('reads valid UTF-8 with multi-byte sequences as UTF-8 whatever legacy charset the page declares', () => {
    const body = '<p>Zürich: café crème, 30 € — “quoted” and ПРАВДА</p>';
    for (const declared of ['windows-1252', 'iso-8859-1', 'windows-1251', 'shift_jis']) {
      const bytes = new Uint8Array(Buffer.from(`<meta charset="${declared}">${body}`, 'utf8'));
      const r = decodeHtml(bytes);
      assert.deepEqual(r.kind === 'ok' && [r.text.endsWith(body), r.encoding], [true, 'utf-8'], declared);
      const header = decodeHtml(new Uint8Array(Buffer.from(body, 'utf8')), `text/html; charset=${declared}`);
      assert.ok(header.kind === 'ok' && header.text === body, `${declared} in the header`);
    }
    // Real windows-1252 bytes (é = E9, “ ” = 93 94) are not valid UTF-8 and keep their declared charset.
    const legacy = new Uint8Array([
      ...Buffer.from('<meta charset="windows-1252"><p>caf'),
      0xe9,
      0x20,
      0x93,
      0x78,
      0x94,
    ]);
    const l = decodeHtml(legacy);
    assert.deepEqual(l.kind === 'ok' && [l.text.endsWith('café “x”'), l.encoding], [true, 'windows-1252']);
    // Through the command line, from a file.
    const page = file(
      'declared-latin.html',
      Buffer.from(
        `<html><head><meta charset="iso-8859-1"><title>Zürich café</title></head><body><article><p>The café in Zürich reopened on Monday after a long renovation by its owners.</p></article></body></html>`,
        'utf8',
      ),
    );
    const r = runCli(['extract', page, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout) as { title: string; text: string };
    assert.deepEqual([a.title, a.text.includes('café in Zürich')], ['Zürich café', true]);
  });
});
