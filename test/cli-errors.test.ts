/**
 * Bad input gets a one-line error naming what and where, exit code 1, and loses nothing already stored: on
 * every database. What is only SQLite's (a read-only file) or only PostgreSQL's (a read-only database, one
 * the server does not have) runs on that database alone.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Command } from 'commander';
import { ROOT } from '../bench/shared-data.ts';
import pg from 'pg';
import { buildProgram } from '../src/cli/main.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { runCli } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'corroborate-cli-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};
const good = (id: string) =>
  JSON.stringify({
    id,
    url: `https://example.org/${id}`,
    outlet: 'Example Daily',
    publishedAt: '2025-03-02T10:00:00Z',
    title: `Report ${id}`,
    text: `Workers at the port walked out on Monday over pay. Report ${id} quotes the union.`,
  });

/** Runs one statement on the PostgreSQL server of the tests (CORROBORATE_TEST_PG); returns its rows. */
async function onServer(statement: string, values: unknown[] = []): Promise<unknown[]> {
  const client = new pg.Client({
    connectionString: withDefaultUser(process.env.CORROBORATE_TEST_PG as string),
  });
  await client.connect();
  try {
    return (await client.query(statement, values)).rows;
  } finally {
    await client.end();
  }
}

/** A RegExp matching `s` literally. */
const literally = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

after(() => rmSync(dir, { recursive: true, force: true }));

/** Asserts one error line that names the place, exit 1, and that the stored assignments at `address` are untouched. */
function assertRejected(address: string, args: string[], where: RegExp, env: Record<string, string> = {}) {
  const before = runCli(['export', '--format', 'assignments', '--db', address]).stdout;
  const r = runCli(args, env);
  assert.equal(r.code, 1, `exit code for ${args.join(' ')}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0] as string, where);
  assert.equal(
    runCli(['export', '--format', 'assignments', '--db', address]).stdout,
    before,
    'stored data unchanged',
  );
}

for (const db of testDatabases())
  describe(`command-line errors [${db.name}]`, { skip: db.skip }, () => {
    /** The database the tests keep data in, as `--db` names it. */
    let address: string;
    before(async () => {
      address = await db.address();
      const r = runCli([
        'ingest',
        file('ok.jsonl', `${good('a')}\n${good('b')}\n`),
        '--db',
        address,
        '--quiet',
      ]);
      assert.equal(r.code, 0, r.stderr);
    });
    after(() => db.cleanup());

    it(`names each bad JSONL line (not JSON, no text), stores the good ones and exits 1 [${db.name}]`, () => {
      const p = file(
        'broken.jsonl',
        [
          good('c'),
          '{"url": "https://example.org/d", "text": ',
          JSON.stringify({ url: 'https://example.org/f', title: 'no body' }),
          good('e'),
        ].join('\n'),
      );
      const r = runCli(['ingest', p, '--db', address, '--quiet']);
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stderr.trim().split('\n');
      const esc = p.replace(/[.]/g, '\\.');
      assert.ok(
        lines.some((l) => new RegExp(`${esc}:2: bad-input: not valid JSON`).test(l)),
        r.stderr,
      );
      assert.ok(
        lines.some((l) => new RegExp(`${esc}:3: bad-input: the report has no text`).test(l)),
        r.stderr,
      );
      const kept = JSON.parse(
        runCli(['export', '--format', 'assignments', '--db', address]).stdout,
      ) as Record<string, string>;
      assert.ok('c' in kept && 'e' in kept, 'the good lines are stored');
      assert.ok(!('https://example.org/d' in kept) && !('https://example.org/f' in kept));
    });

    it(`names an HTML page with no article text [${db.name}]`, () => {
      const p = file('blank.html', '<html><body><nav>Home</nav><script>x()</script></body></html>');
      assertRejected(address, ['ingest', p, '--db', address], /blank\.html: no-text: no article text found/);
    });

    it(`names a file of unknown type [${db.name}]`, () => {
      const p = file('notes.docx', 'binary');
      assertRejected(address, ['ingest', p, '--db', address], /notes\.docx: unknown file type "\.docx"/);
    });

    it(`names a missing file [${db.name}]`, () => {
      assertRejected(
        address,
        ['ingest', join(dir, 'missing.jsonl'), '--db', address],
        /missing\.jsonl: no such file or folder/,
      );
    });

    it(`names an unreachable database URL [${db.name}]`, () => {
      const p = file('one.jsonl', `${good('g')}\n`);
      assertRejected(
        address,
        ['ingest', p, '--db', 'postgres://127.0.0.1:9/nowhere'],
        /postgres:\/\/127\.0\.0\.1:9\/nowhere.*cannot connect to database/,
      );
    });

    if (db.name === 'sqlite')
      // SQLite only: a file's permission bits. PostgreSQL's counterpart, a read-only database, is below.
      it(`names a read-only database file and leaves it as it was [${db.name}]`, async () => {
        const ro = await db.address();
        assert.equal(runCli(['ingest', file('ro.jsonl', `${good('h')}\n`), '--db', ro, '--quiet']).code, 0);
        chmodSync(ro, 0o444);
        const r = runCli(['ingest', file('more.jsonl', `${good('i')}\n`), '--db', ro]);
        assert.equal(r.code, 1);
        assert.match(
          r.stderr.trim(),
          new RegExp(`^corroborate: ${literally(ro)}: database file is read-only$`),
        );
        chmodSync(ro, 0o644);
        const kept = JSON.parse(runCli(['export', '--format', 'assignments', '--db', ro]).stdout) as Record<
          string,
          string
        >;
        assert.deepEqual(Object.keys(kept), ['h']);
      });

    if (db.name === 'postgres') {
      // PostgreSQL only: a database whose transactions are read-only (as on a standby), and one the server lacks.
      it(`names a read-only database and leaves it as it was [${db.name}]`, async () => {
        const ro = await db.address();
        const name = new URL(ro).pathname.slice(1);
        assert.equal(runCli(['ingest', file('ro.jsonl', `${good('h')}\n`), '--db', ro, '--quiet']).code, 0);
        const stored = runCli(['export', '--format', 'jsonl', '--db', ro]);
        assert.equal(stored.code, 0, stored.stderr);
        await onServer(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
        for (const args of [
          ['ingest', file('more.jsonl', `${good('i')}\n`)],
          ['feeds', 'add', 'https://news.example/feed.xml'],
          ['articles', 'withdraw', 'h'],
        ]) {
          const r = runCli([...args, '--db', ro]);
          assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
          assert.match(
            r.stderr.trim(),
            new RegExp(`^corroborate: ${literally(ro)}: database is read-only$`),
            args.join(' '),
          );
        }
        await onServer(`ALTER DATABASE "${name}" RESET default_transaction_read_only`);
        const kept = JSON.parse(runCli(['export', '--format', 'assignments', '--db', ro]).stdout) as Record<
          string,
          string
        >;
        assert.deepEqual(Object.keys(kept), ['h']);
        assert.equal(
          runCli(['export', '--format', 'jsonl', '--db', ro]).stdout,
          stored.stdout,
          'nothing changed',
        );
        assert.deepEqual(JSON.parse(runCli(['feeds', 'list', '--db', ro, '--json']).stdout), []);
      });

      it(`names a database the server does not have, and does not create it [${db.name}]`, async () => {
        const missing = new URL(withDefaultUser(process.env.CORROBORATE_TEST_PG as string));
        const name = `t_${process.pid}_${Date.now().toString(36)}_not_there`;
        missing.pathname = `/${name}`;
        const p = file('one.jsonl', `${good('g')}\n`);
        assertRejected(
          address,
          ['ingest', p, '--db', missing.toString()],
          new RegExp(`^corroborate: ${literally(missing.toString())}: database does not exist$`),
        );
        assert.deepEqual(await onServer('SELECT 1 FROM pg_database WHERE datname = $1', [name]), []);
      });
    }

    it(`ingests again without changing anything [${db.name}]`, () => {
      const p = join(dir, 'ok.jsonl');
      const r = runCli(['ingest', p, '--db', address, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout) as { unchanged: number; inserted: number };
      assert.equal(s.unchanged, 2);
      assert.equal(s.inserted, 0);
    });

    it(`ingests a folder of text and HTML files, passing over other types [${db.name}]`, async () => {
      const folder = join(dir, 'folder');
      mkdirSync(join(folder, 'nested'), { recursive: true });
      writeFileSync(
        join(folder, 'note.txt'),
        'Skip to main content\n\nThe ferry strike in Split ended on Friday after crews accepted a pay offer.\n',
      );
      writeFileSync(
        join(folder, 'nested', 'page.html'),
        '<html><head><title>Ferry strike ends</title></head><body><nav>Home</nav><article><p>Ferry crews in Split returned to work on Friday after accepting a pay offer from the operator.</p></article></body></html>',
      );
      writeFileSync(join(folder, 'image.png'), 'not text');
      const r = runCli(['ingest', folder, '--db', await db.address(), '--json']);
      assert.equal(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout) as { inserted: number; skipped: string[] };
      assert.equal(s.inserted, 2);
      assert.deepEqual(
        s.skipped.map((p) => p.split('/').at(-1)),
        ['image.png'],
      );
    });

    it(`prints events as JSON in the documented shape [${db.name}]`, () => {
      const r = runCli(['events', '--db', address, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const events = JSON.parse(r.stdout) as Record<string, unknown>[];
      assert.ok(events.length >= 1);
      for (const k of [
        'id',
        'title',
        'category',
        'date',
        'place',
        'level',
        'articleCount',
        'outletCount',
        'independentSources',
        'reports',
        'storyId',
      ])
        assert.ok(k in (events[0] as object), k);
    });
  });

/** What needs no database: usage errors, help, extraction. */
describe('command-line errors', () => {
  it('exits 2 on usage errors', () => {
    assert.equal(runCli(['no-such-command']).code, 2);
    const unused = join(dir, 'usage.db');
    assert.equal(runCli(['export', '--format', 'xml', '--db', unused]).code, 2);
    assert.equal(existsSync(unused), false, 'a usage error creates no database');
    assert.equal(runCli(['ingest']).code, 2);
  });

  it('has --help for every command', async () => {
    for (const cmd of ['demo', 'ingest', 'events', 'export', 'serve', 'migrate']) {
      const r = runCli([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, new RegExp(`Usage: corroborate ${cmd}`));
    }
    // Every command and subcommand, described, and named in the README's table of commands.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const all = (c: Command, path: string[]): string[][] =>
      c.commands.flatMap((s) => [[...path, s.name()], ...all(s, [...path, s.name()])]);
    const program = await buildProgram();
    const commands = all(program, []);
    assert.ok(commands.length >= 30, `${commands.length} commands`);
    for (const path of commands) {
      const c = path.reduce<Command>((p, n) => p.commands.find((x) => x.name() === n) as Command, program);
      assert.ok(c.description().length > 10, `${path.join(' ')} has a description`);
      assert.match(c.helpInformation(), new RegExp(`Usage: corroborate ${path.join(' ')}`));
      assert.ok(readme.includes(`corroborate ${path[0]}`), `${path[0]} is in the README`);
    }
  });

  it('extracts pages and text files as JSON, gzipped pages included, and names a page it refuses', () => {
    const html =
      '<html lang="en"><head><meta charset="windows-1252"><title>Quay reopens | Sample Post</title><link rel="canonical" href="https://post.example/quay"></head><body><nav>Home</nav><article><p>The quay reopened on Monday after repairs to its mooring posts were finished ahead of schedule.</p></article></body></html>';
    const page = file('page.html', html);
    const one = runCli(['extract', page, '--json']);
    assert.equal(one.code, 0, one.stderr);
    const a = JSON.parse(one.stdout) as Record<string, unknown>;
    for (const k of [
      'url',
      'canonicalUrl',
      'title',
      'authors',
      'publishedAt',
      'modifiedAt',
      'outlet',
      'language',
      'description',
      'text',
      'syndication',
      'embedded',
      'evidence',
    ])
      assert.ok(k in a, k);
    assert.deepEqual(
      [a.title, a.canonicalUrl, a.outlet],
      ['Quay reopens', 'https://post.example/quay', 'post.example'],
    );
    assert.match(a.text as string, /^The quay reopened on Monday/);
    const gz = join(dir, 'page.html.gz');
    writeFileSync(gz, gzipSync(Buffer.from(html)));
    const many = runCli([
      'extract',
      page,
      gz,
      file('plain.txt', 'Skip to main content\n\nThe quay reopened.'),
      '--jsonl',
    ]);
    assert.equal(many.code, 0, many.stderr);
    const lines = many.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; text: string });
    assert.deepEqual(
      lines.map((l) => l.file.split('/').at(-1)),
      ['page.html', 'page.html.gz', 'plain.txt'],
    );
    assert.equal(lines[2]?.text, 'The quay reopened.');
    const bad = runCli(['extract', file('empty-page.html', '<html><body><nav>Home</nav></body></html>')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /empty-page\.html: no-text: no article text found/);
  });
});
