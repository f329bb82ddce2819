/** Search over reports and events, on SQLite and PostgreSQL: the index, the page and the API. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { ingest } from '../src/run/ingest.ts';
import { parseSearchRequest, plainText, search, searchTerms, type SearchResults } from '../src/run/search.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { MAX_RANKED_MATCHES, type SearchTerm } from '../src/storage/search-repository.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { record } from './support/fixtures.ts';
import { loadMiniCorpus, MINI_REPORTS } from './support/mini-corpus.ts';

/** Reports beside the mini corpus: accented Portuguese, and markup in a report's text. */
const MORE_REPORTS = [
  {
    id: 's1',
    url: 'https://jornal.example/incendio',
    outlet: 'Jornal do Porto',
    publishedAt: '2025-07-01T09:00:00Z',
    title: 'Incêndio em armazém de São João da Madeira',
    text: 'Os bombeiros combateram um incêndio num armazém em São João da Madeira na terça-feira; a Proteção Civil evacuou doze trabalhadores.',
  },
  {
    id: 's2',
    url: 'https://coast-gazette.example/ferry',
    outlet: 'Coast Gazette',
    publishedAt: '2025-08-03T09:00:00Z',
    title: 'Ferry timetable changes announced',
    text: 'The ferry operator posted <script>alert("owned")</script> new timetables for the Gozo crossing on Sunday, with fewer night sailings.',
  },
].map((input, i) => ({ input, origin: { file: 'search', line: i + 1 } }));

const ask = (store: Store, q: string, more: Record<string, string> = {}): Promise<SearchResults> =>
  search(store, parseSearchRequest({ q, ...more }));

describe('search terms', () => {
  it('quotes every term: operators, brackets and stray quotes are no syntax', () => {
    assert.deepEqual(searchTerms('fire AND (quay OR "grain warehouse") evacu* -x "'), [
      { text: 'fire', prefix: false },
      { text: 'AND', prefix: false },
      { text: '(quay', prefix: false },
      { text: 'OR', prefix: false },
      { text: 'grain warehouse', prefix: false },
      { text: 'evacu', prefix: true },
      { text: '-x', prefix: false },
    ]);
    assert.deepEqual(searchTerms('* ( ) "" :'), []);
  });
});

for (const db of testDatabases()) {
  describe(`search [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      store = await db.open();
      await loadMiniCorpus(store);
      await ingest(
        { store, config: parseConfig({}), clock: fixedClock('2025-10-02T00:00:00Z') },
        MORE_REPORTS,
      );
      app = createApp(depsFor(store));
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await db.cleanup();
    });

    it(`finds a report by a word of its text, with the match marked, its outlet and its event [${db.name}]`, async () => {
      const r = await ask(store, 'firefighters');
      assert.deepEqual(r.reports.map((x) => x.articleId).sort(), ['m1', 'm2', 'm3']);
      const first = r.reports[0];
      assert.ok(
        first?.snippet.some((p) => p.mark && /^firefighters$/i.test(p.text)),
        'the match is marked',
      );
      assert.ok(first?.outlet?.name);
      assert.match(first?.event?.title ?? '', /Valletta/);
      assert.deepEqual((await ask(store, 'zeppelin')).reports, []);
    });

    it(`folds accents both ways and keeps the original text in the highlight [${db.name}]`, async () => {
      for (const q of ['sao joao', 'São João', 'incendio', 'PROTECAO civil']) {
        const r = await ask(store, q);
        assert.deepEqual(
          r.reports.map((x) => x.articleId),
          ['s1'],
          q,
        );
      }
      const r = await ask(store, 'sao joao');
      assert.match(plainText(r.reports[0]?.title ?? []), /São João da Madeira/);
      assert.ok(
        r.reports[0]?.title.some((p) => p.mark && p.text === 'São'),
        'the accented word is marked',
      );
      assert.deepEqual((await ask(store, 'vallétta harbour')).reports.map((x) => x.articleId).sort(), [
        'm1',
        'm2',
        'm3',
      ]);
    });

    it(`matches a phrase in quotes only where its words stand together, and a word by its beginning [${db.name}]`, async () => {
      assert.deepEqual((await ask(store, '"grain warehouse"')).reports.map((x) => x.articleId).sort(), [
        'm1',
        'm2',
        'm3',
      ]);
      assert.deepEqual((await ask(store, '"warehouse grain"')).reports, []);
      assert.deepEqual(
        (await ask(store, 'timeta*')).reports.map((x) => x.articleId),
        ['s2'],
      );
    });

    it(`finds events by their titles, on the first page only [${db.name}]`, async () => {
      const r = await ask(store, 'warehouse', { limit: '1' });
      assert.equal(r.events.length, 1);
      const fire = r.events[0];
      assert.match(plainText(fire?.title ?? []), /Valletta grain warehouse/);
      assert.ok(fire?.title.some((p) => p.mark && /^warehouse$/i.test(p.text)));
      assert.equal(fire?.reportCount, 3);
      assert.ok(fire?.level);
      assert.ok(r.next);
      assert.deepEqual((await ask(store, 'warehouse', { limit: '1', after: r.next })).events, []);
    });

    it(`pages through reports with a cursor, each once, and ends [${db.name}]`, async () => {
      const seen: string[] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const r: SearchResults = await ask(store, 'valletta', {
          limit: '1',
          ...(next ? { after: next } : {}),
        });
        seen.push(...r.reports.map((x) => x.articleId));
        next = r.next;
        pages++;
      } while (next && pages < 10);
      assert.deepEqual([...seen].sort(), ['m1', 'm2', 'm3']);
      assert.equal(pages, 3);
      const api = await app.inject({ url: '/api/v1/search?q=valletta&limit=2' });
      assert.equal(api.statusCode, 200);
      const body = api.json() as { reports: { articleId: string }[]; next: string | null };
      assert.equal(body.reports.length, 2);
      assert.ok(body.next);
      const rest = await app.inject({ url: `/api/v1/search?q=valletta&limit=2&after=${body.next}` });
      assert.equal((rest.json() as { reports: unknown[]; next: unknown }).reports.length, 1);
      assert.equal((rest.json() as { next: unknown }).next, null);
    });

    it(`shows markup in a report as text, on the page and in the API [${db.name}]`, async () => {
      const page = await app.inject({ url: '/search?q=timetables' });
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes('<script>'), 'no markup from a report reaches the page');
      assert.ok(page.body.includes('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;'));
      assert.match(page.body, /<mark>timetables<\/mark>/);
      assert.deepEqual(
        (await ask(store, 'script')).reports.map((x) => x.articleId).sort(),
        ['m4', 's2'],
        'the words inside markup are words of the text',
      );
      const council = await app.inject({ url: '/search?q=council' });
      assert.ok(!council.body.includes('<script>'));
      assert.match(council.body, /&lt;script&gt;/);
      const api = await app.inject({ url: '/api/v1/search?q=timetables' });
      const report = (api.json() as { reports: { snippet: string; snippetHtml: string }[] }).reports[0];
      assert.match(report?.snippet ?? '', /<script>alert\("owned"\)<\/script>/);
      assert.ok(!report?.snippetHtml.includes('<script>'));
      assert.match(report?.snippetHtml ?? '', /<mark>timetables<\/mark>/);
    });

    it(`never lets a query reach the database as syntax [${db.name}]`, async () => {
      const queries = [
        '"unbalanced',
        'fire AND (quay OR',
        'NEAR(fire quay)',
        '*',
        'fire*"',
        'title:fire',
        '^fire',
        "fire'; DROP TABLE articles; --",
        ')))',
        '"" "',
        'fire -quay',
        'a & b | !c <-> d',
        'e-mail 3.5 50%',
      ];
      for (const q of queries) {
        const page = await app.inject({ url: `/search?q=${encodeURIComponent(q)}` });
        assert.equal(page.statusCode, 200, q);
        const api = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
        assert.equal(api.statusCode, 200, q);
      }
      assert.equal((await ask(store, 'NEAR(fire quay)')).reports.length, 0);
      assert.deepEqual(
        (await ask(store, 'fire AND (quay')).reports.map((x) => x.articleId),
        ['m1'],
        'operators are words: "AND" is looked for too',
      );
      assert.equal(await store.articles.count(), MINI_REPORTS.length + MORE_REPORTS.length);
    });

    it(`answers bad input with a 400 naming the parameter, and an empty query with the form [${db.name}]`, async () => {
      const long = await app.inject({ url: `/api/v1/search?q=${'a'.repeat(201)}` });
      assert.equal(long.statusCode, 400);
      assert.match((long.json() as { error: string }).error, /^q: /);
      const longPage = await app.inject({ url: `/search?q=${'a'.repeat(201)}` });
      assert.equal(longPage.statusCode, 400);
      assert.match(longPage.body, /q: query longer than 200/);
      for (const [param, url] of [
        ['limit', '/api/v1/search?q=fire&limit=51'],
        ['limit', '/api/v1/search?q=fire&limit=abc'],
        ['after', '/api/v1/search?q=fire&after=bm90IGEgY3Vyc29y'],
        ['after', '/api/v1/search?q=fire&after=%3Cx%3E'],
        ['q', '/api/v1/search?q='],
      ] as const) {
        const r = await app.inject({ url });
        assert.equal(r.statusCode, 400, url);
        assert.match((r.json() as { error: string }).error, new RegExp(`^${param}: `), url);
      }
      const empty = await app.inject({ url: '/search' });
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /<form class="search"/);
      assert.ok(!empty.body.includes('<h2>Reports</h2>'));
      const none = await app.inject({ url: '/search?q=zeppelin' });
      assert.match(none.body, /Nothing matches “zeppelin”/);
    });

    it(`keeps the index to the current text of active reports [${db.name}]`, async () => {
      const now = '2025-10-03T00:00:00Z';
      await store.articles.setStatus('s2', 'withdrawn', now);
      assert.deepEqual((await ask(store, 'timetables')).reports, []);
      await store.articles.setStatus('s2', 'active', now);
      assert.deepEqual(
        (await ask(store, 'timetables')).reports.map((x) => x.articleId),
        ['s2'],
      );
      const corrected = MORE_REPORTS.map((r) =>
        r.input.id === 's2'
          ? {
              ...r,
              input: { ...r.input, text: 'The ferry operator posted new schedules for the Gozo crossing.' },
            }
          : r,
      );
      await ingest({ store, config: parseConfig({}), clock: fixedClock(now) }, corrected);
      assert.deepEqual((await ask(store, 'timetables')).reports, [], 'the old text is gone');
      assert.deepEqual(
        (await ask(store, 'schedules')).reports.map((x) => x.articleId),
        ['s2'],
      );
    });
  });
}

for (const db of testDatabases()) {
  describe(`search window [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    before(async () => {
      store = await db.open();
    });
    after(async () => {
      await store?.close();
      await db.cleanup();
    });

    it(`ranks the newest matches of a word in many reports, and finds a word in a few old ones [${db.name}]`, async () => {
      const n = MAX_RANKED_MATCHES + 20;
      for (let i = 0; i < n; i++) {
        const rare = i < 3 ? ' A kelp harvest was recorded.' : '';
        const text = `Report ${i} on the harbour dredging programme.${rare}`;
        await store.articles.save(record(`w${i}`, text, { contentHash: `w${i}` }), '2025-10-01T00:00:00Z');
      }
      const seen = new Set<string>();
      let after: { score: number; key: number } | undefined;
      for (let page = 0; page < 10; page++) {
        const rows = await store.search.reports([{ text: 'dredging', prefix: false }], 100, after);
        for (const r of rows) {
          assert.ok(!seen.has(r.articleId), `${r.articleId} comes once`);
          seen.add(r.articleId);
        }
        const last = rows.at(-1);
        if (rows.length < 100 || !last) break;
        after = { score: last.score, key: last.key };
      }
      assert.equal(seen.size, MAX_RANKED_MATCHES, 'only the newest matches are ranked');
      for (let i = 0; i < 20; i++) assert.ok(!seen.has(`w${i}`), `the oldest reports are left out (w${i})`);
      const rare = await store.search.reports([{ text: 'kelp', prefix: false }], 20);
      assert.deepEqual(rare.map((r) => r.articleId).sort(), ['w0', 'w1', 'w2']);
      const phrase = await store.search.reports([{ text: 'kelp harvest', prefix: false }], 20);
      assert.deepEqual(phrase.map((r) => r.articleId).sort(), ['w0', 'w1', 'w2']);
    });

    it(`answers a server's store as any other: prepared queries with one plan for every term [${db.name}]`, async () => {
      const served = await db.serve();
      try {
        const queries: SearchTerm[][] = [
          [{ text: 'dredging', prefix: false }],
          [{ text: 'kelp', prefix: false }],
          [{ text: 'kelp harvest', prefix: false }],
          [{ text: 'dredg', prefix: true }],
          [
            { text: 'harbour', prefix: false },
            { text: 'kelp', prefix: false },
          ],
          [{ text: 'nowhere', prefix: false }],
        ];
        // Twice over: the second round runs the statements the first prepared.
        for (let round = 0; round < 2; round++)
          for (const terms of queries) {
            const label = `${JSON.stringify(terms)}, round ${round}`;
            const ids = async (s: Store) => (await s.search.reports(terms, 10)).map((r) => r.articleId);
            assert.deepEqual(await ids(served), await ids(store), label);
            const first = (await served.search.reports(terms, 10)).at(-1);
            if (first) {
              const after = { score: first.score, key: first.key };
              const next = async (s: Store) =>
                (await s.search.reports(terms, 10, after)).map((r) => r.articleId);
              assert.deepEqual(await next(served), await next(store), `${label}, next page`);
            }
            assert.deepEqual(
              await served.search.events(terms, 5),
              await store.search.events(terms, 5),
              label,
            );
          }
      } finally {
        await served.close();
      }
    });
  });
}

/**
 * Opens a store, lets `unmigrate` undo migration 010 (and those after it) on it, and opens it again: the
 * migrations run anew.
 */
interface Reopenable {
  name: 'sqlite' | 'postgres';
  skip: string | false;
  open(): Promise<Store>;
  unmigrate(): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * Migrations 018 to 015 undone (015's tables as migration 001 made them; the test stores no account,
 * submission or edit).
 */
/**
 * Undoes migrations 019 to 022 (the events' change marks, the list of events to thread, the deletions' times:
 * 021's column goes with its table; the names of the events' list rows).
 */
const undoChangeMarks = (dialect: 'sqlite' | 'postgres') => [
  'DROP TABLE event_list_names',
  'DROP TABLE unthreaded_events',
  ...(dialect === 'sqlite'
    ? ['DROP TRIGGER events_inserted', 'DROP TRIGGER events_changed', 'DROP TRIGGER events_removed']
    : ['DROP FUNCTION event_changed CASCADE', 'DROP FUNCTION event_removed CASCADE']),
  'DROP TABLE event_removals',
  'DROP INDEX events_change_seq',
  'ALTER TABLE events DROP COLUMN change_seq',
  ...(dialect === 'sqlite' ? ['DROP TABLE change_counters'] : []),
];

const UNDO_ACCOUNTS = [
  'ALTER TABLE event_passages DROP COLUMN frame_json',
  'ALTER TABLE event_reports DROP COLUMN frame_json',
  'DROP TABLE run_locks',
  'DROP TABLE event_edits',
  'DROP INDEX audit_log_subject',
  'ALTER TABLE events DROP COLUMN editorial_revision',
  'DROP TABLE sessions',
  'DROP TABLE users',
  'CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, role text NOT NULL, created_at text NOT NULL)',
  'DROP TABLE submissions',
  'CREATE TABLE submissions (id text PRIMARY KEY, url text NOT NULL, event_id text REFERENCES events(id), note text, submitted_by text, status text NOT NULL, reviewed_by text, reviewed_at text, created_at text NOT NULL)',
];

function reopenables(): Reopenable[] {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-search-'));
  const file = join(dir, 'backfill.sqlite');
  const url = process.env.CORROBORATE_TEST_PG;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_backfill`;
  const pgQuery = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: withDefaultUser(url as string) });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  };
  return [
    {
      name: 'sqlite',
      skip: false,
      open: () => openStore(file),
      unmigrate: async () => {
        const conn = new BetterSqlite3(file);
        for (const t of ['search_reports', 'search_report_keys', 'search_events', 'search_event_keys'])
          conn.exec(`DROP TABLE ${t}`);
        conn.exec('DROP TABLE view_models');
        for (const q of [...undoChangeMarks('sqlite'), ...UNDO_ACCOUNTS]) conn.exec(q);
        conn.prepare(`DELETE FROM kysely_migration WHERE name >= '010-search'`).run();
        conn.close();
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
    {
      name: 'postgres',
      skip: url ? false : 'CORROBORATE_TEST_PG is not set (no PostgreSQL server given)',
      open: () => openStore(url as string, { schema }),
      unmigrate: () =>
        pgQuery([
          `DROP TABLE "${schema}".search_reports, "${schema}".search_events, "${schema}".search_recent, "${schema}".view_models`,
          `SET search_path TO "${schema}"`,
          ...undoChangeMarks('postgres'),
          ...UNDO_ACCOUNTS,
          `DELETE FROM "${schema}".kysely_migration WHERE name >= '010-search'`,
        ]),
      cleanup: async () => {
        rmSync(dir, { recursive: true, force: true });
        if (url) await pgQuery([`DROP SCHEMA IF EXISTS "${schema}" CASCADE`]);
      },
    },
  ];
}

for (const db of reopenables()) {
  describe(`search migration [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());

    it(`indexes the reports and events stored before it [${db.name}]`, async () => {
      const first = await db.open();
      await loadMiniCorpus(first);
      await first.close();
      await db.unmigrate();
      const store = await db.open();
      try {
        const r = await ask(store, 'valletta');
        assert.deepEqual(r.reports.map((x) => x.articleId).sort(), ['m1', 'm2', 'm3']);
        assert.equal(r.events.length, 1);
        assert.ok(r.reports[0]?.snippet.some((p) => p.mark));
      } finally {
        await store.close();
      }
    });
  });
}
