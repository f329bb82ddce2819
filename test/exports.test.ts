/**
 * Exports on SQLite and PostgreSQL over the mini corpus and two reports with awkward titles (commas, quotes,
 * a formula, a leading minus): `corroborate export` and /api/v1/exports/… give the same bytes; events JSONL
 * is the `events --json` shape; the CSV round-trips through an RFC 4180 reader written here, with the CAMEO
 * root column and formula cells neutralised; reports JSONL holds every report once with its event.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config/config.ts';
import { CAMEO_ROOTS } from '../src/domain/event.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { listEvents, type EventJson } from '../src/run/event-views.ts';
import { csvRow, EVENT_CSV_COLUMNS, exportChunks } from '../src/run/exports.ts';
import { ingest } from '../src/run/ingest.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { runCliAsync } from './support/cli.ts';
import { dropSchemas } from './support/databases.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';

/** Reports whose titles a CSV writer must quote, and one a spreadsheet would run as a formula. */
const AWKWARD = [
  {
    id: 't1',
    url: 'https://quay-post.example/strike',
    outlet: 'Quay Post',
    publishedAt: '2024-03-04T09:00:00Z',
    title: '=HYPERLINK("x") dockers, "day two" of strike in Gozo',
    text: 'Dock workers in Gozo began the second day of a strike on Monday, the union said, demanding higher pay for the night shift.\n\nThe port authority said talks would resume.',
  },
  {
    id: 't2',
    url: 'https://quay-post.example/rates',
    outlet: 'Quay Post',
    publishedAt: '2023-01-10T09:00:00Z',
    title: '-5% rates, "cut" announced by the central bank',
    text: 'The central bank in Valletta cut its lending rate by half a point on Tuesday, citing slower growth in exports.\n\nEconomists had expected the move.',
  },
].map((input, i) => ({ input, origin: { file: 'awkward', line: i + 1 } }));

/** Parses RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 2;
    } else if (quoted && c === '"') {
      quoted = false;
      i++;
    } else if (quoted) {
      cell += c;
      i++;
    } else if (c === '"') {
      assert.equal(cell, '', `a quote opens a field only at its start (offset ${i})`);
      quoted = true;
      i++;
    } else if (c === ',') {
      endCell();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i += 2;
    } else {
      assert.ok(c !== '\r' && c !== '\n', `a bare line break outside quotes at offset ${i}`);
      cell += c;
      i++;
    }
  }
  assert.equal(quoted, false, 'every quoted field is closed');
  assert.ok(cell === '' && row.length === 0, 'the last record ends in CRLF');
  return rows;
}

/** A database the command line can open too: a SQLite file, or a PostgreSQL schema named in the URL. */
interface CliDatabase {
  name: 'sqlite' | 'postgres';
  skip: string | false;
  schema: string;
  /** The --db value naming it. */
  arg: () => string;
  cleanup(): Promise<void>;
}

function cliDatabases(): CliDatabase[] {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-exports-'));
  const url = process.env.CORROBORATE_TEST_PG;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_exports`;
  const sqlite: CliDatabase = {
    name: 'sqlite',
    skip: false,
    schema,
    arg: () => join(dir, 'exports.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
  const postgres: CliDatabase = {
    name: 'postgres',
    schema,
    skip: url ? false : 'CORROBORATE_TEST_PG is not set (no PostgreSQL server given)',
    arg: () =>
      `${url}${url?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    cleanup: async () => {
      if (url) await dropSchemas(url, [schema]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return [sqlite, postgres];
}

for (const db of cliDatabases()) {
  describe(`exports [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let events: EventJson[];
    const api = async (path: string, type: RegExp) => {
      const r = await app.inject({ url: `/api/v1/exports/${path}` });
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), type);
      return r.body;
    };
    const cli = async (...args: string[]) => {
      const r = await runCliAsync(['export', ...args, '--db', db.arg()]);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };

    before(async () => {
      store = await openStore(db.arg(), db.name === 'postgres' ? { schema: db.schema } : {});
      await loadMiniCorpus(store);
      await ingest({ store, config: parseConfig({}), clock: fixedClock('2025-10-02T00:00:00Z') }, AWKWARD);
      app = createApp(depsFor(store));
      events = await listEvents(store);
      assert.ok(events.some((e) => e.title.startsWith('=')) && events.some((e) => e.title.startsWith('-')));
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    it(`exports events as JSONL in the events --json shape, the same from the API and the CLI [${db.name}]`, async () => {
      const body = await api('events.jsonl', /^application\/x-ndjson/);
      const lines = body.trimEnd().split('\n');
      const parsed = lines.map((l) => JSON.parse(l) as EventJson);
      const byId = (a: EventJson, b: EventJson) => a.id.localeCompare(b.id);
      assert.deepEqual(parsed, [...events].sort(byId), 'every event, in id order, as events --json gives it');
      assert.equal(await cli('--what', 'events', '--format', 'jsonl'), body);
    });

    it(`exports events as CSV that round-trips, with the CAMEO root and formulas neutralised, the same from the API and the CLI [${db.name}]`, async () => {
      const body = await api('events.csv', /^text\/csv; charset=utf-8/);
      const [header, ...rows] = parseCsv(body);
      assert.deepEqual(header, [...EVENT_CSV_COLUMNS]);
      assert.equal(rows.length, events.length);
      const col = (name: (typeof EVENT_CSV_COLUMNS)[number]) => EVENT_CSV_COLUMNS.indexOf(name);
      for (const e of events) {
        const row = rows.find((r) => r[col('id')] === e.id);
        assert.ok(row, e.id);
        const title = /^[=+\-@]/.test(e.title) ? `'${e.title}` : e.title;
        assert.equal(row[col('title')], title);
        assert.equal(row[col('category')], e.category ?? '');
        assert.equal(row[col('cameo_root')], e.category ? (CAMEO_ROOTS[e.category] ?? '') : '');
        assert.equal(row[col('date')], e.date?.start ?? '');
        assert.equal(row[col('country')], e.place?.country ?? '');
        assert.equal(row[col('level')], e.level ?? '');
        assert.equal(Number(row[col('independent_sources')]), e.independentSources);
        assert.equal(Number(row[col('articles')]), e.articleCount);
      }
      assert.ok(body.includes('"\'=HYPERLINK(""x"") dockers, ""day two"" of strike in Gozo"'));
      const disaster = rows.find((r) => r[col('category')] === 'Disaster');
      assert.equal(disaster?.[col('cameo_root')], '', 'a category CAMEO has no root for gets an empty cell');
      const [explicit, byDefault] = await Promise.all([
        cli('--what', 'events', '--format', 'csv'),
        cli('--format', 'csv'),
      ]);
      assert.equal(explicit, body);
      assert.equal(byDefault, body, 'csv exports events by default');
    });

    it(`exports every report once as JSONL with its event, the same from the API, the CLI and --out [${db.name}]`, async () => {
      const body = await api('reports.jsonl', /^application\/x-ndjson/);
      const reports = body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; url: string; text: string; eventId: string | null });
      const assigned = await store.events.assignments();
      assert.deepEqual(
        reports.map((r) => r.id),
        ['m1', 'm2', 'm3', 'm4', 't1', 't2'],
      );
      for (const r of reports) {
        assert.equal(r.eventId, assigned[r.id] ?? null);
        assert.ok(r.url.startsWith('https://') && r.text.length > 20);
      }
      const out = join(mkdtempSync(join(tmpdir(), 'corroborate-out-')), 'reports.jsonl');
      const [byDefault, written] = await Promise.all([
        cli('--format', 'jsonl'),
        cli('--what', 'reports', '--format', 'jsonl', '--out', out),
      ]);
      assert.equal(byDefault, body, 'jsonl exports reports by default');
      assert.equal(written, '', 'nothing on stdout with --out');
      assert.equal(readFileSync(out, 'utf8'), body);
      rmSync(out, { force: true });
    });

    it(`pages through the database: one row a page gives the same export [${db.name}]`, async () => {
      for (const [what, format] of [
        ['events', 'jsonl'],
        ['events', 'csv'],
        ['reports', 'jsonl'],
      ] as const) {
        const whole: string[] = [];
        for await (const c of exportChunks(store, what, format)) whole.push(c);
        const paged: string[] = [];
        for await (const c of exportChunks(store, what, format, { pageSize: 1 })) paged.push(c);
        assert.equal(paged.join(''), whole.join(''), `${what}.${format}`);
        assert.ok(paged.length >= (what === 'events' ? events.length : 6), 'one chunk a page');
      }
    });

    it(`refuses a bad combination of --what and --format [${db.name}]`, async () => {
      const [csvReports, stories] = await Promise.all([
        runCliAsync(['export', '--what', 'reports', '--format', 'csv', '--db', db.arg()]),
        runCliAsync(['export', '--what', 'stories', '--format', 'jsonl', '--db', db.arg()]),
      ]);
      assert.equal(csvReports.code, 2);
      assert.match(csvReports.stderr, /reports are exported as jsonl only/);
      assert.equal(stories.code, 2);
      assert.match(stories.stderr, /unknown export "stories"/);
      assert.equal(csvReports.stdout + stories.stdout, '', 'nothing exported');
    });
  });
}

describe('CSV records', () => {
  it('quote commas, quotes and line breaks, neutralise formula cells, and leave numbers be', () => {
    const cells = [
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      'cr\r\nlf',
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '\tx',
      '',
    ];
    const [row] = parseCsv(csvRow([...cells, -3.5, 0]));
    assert.deepEqual(row, [
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      'cr\r\nlf',
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      '',
      '-3.5',
      '0',
    ]);
  });

  it('come from `corroborate export`, whose --help describes each export', async () => {
    const help = await runCliAsync(['export', '--help']);
    assert.equal(help.code, 0);
    for (const words of [
      '--what events --format jsonl',
      '--what events --format csv',
      '--what reports',
      'cameo_root',
      '--out',
    ])
      assert.ok(help.stdout.includes(words), words);
  });
});
