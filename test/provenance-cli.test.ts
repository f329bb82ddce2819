/**
 * The outlet registry and a report's lineage from the command line and the API: `outlets import`,
 * `outlets export` and `outlets list`, `provenance ARTICLE`, GET /api/v1/articles/:id/provenance; on every
 * database (the CLI given a fresh SQLite file or PostgreSQL database).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Outlet } from '../src/domain/outlet.ts';
import type { ReportLineage } from '../src/run/provenance-views.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { openStore } from '../src/storage/store.ts';
import { runCli } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'corroborate-provenance-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

const registry = [
  {
    name: 'Sample Wire Service',
    domains: ['samplewire.example'],
    feedHosts: ['feeds.samplewire.example'],
    country: 'CH',
    language: 'en',
    kind: 'wire',
    owner: 'Sample Cooperative',
    tier: 'trusted',
    notes: 'A news agency.',
  },
  {
    name: 'The Daily Sample',
    domains: ['dailysample.example', 'dailysample-news.example'],
    feedHosts: [],
    country: 'GB',
    language: 'en',
    kind: 'newspaper',
    owner: 'Sample Media Group',
    tier: 'standard',
    notes: null,
  },
  {
    name: 'Evening Sample',
    domains: ['eveningsample.example'],
    feedHosts: [],
    country: 'GB',
    language: 'en',
    kind: 'newspaper',
    owner: 'Sample Media Group',
    tier: 'standard',
    notes: null,
  },
];

const wireText = [
  'Ferry crews in the port of Split stopped work on Monday morning, halting crossings to the islands for the second time this year.',
  'The crews want a pay rise of eight percent and a new rota for the summer season, their union said in a statement issued after talks broke down.',
  'The ferry operator said it regretted the strike and would meet the union again on Wednesday to discuss the rota and the pay offer.',
  'Tourists queued at the harbour for hours as the first boats of the day were cancelled, and hauliers said deliveries to the islands would be late.',
].join('\n\n');
const reports = [
  {
    id: 'wire-1',
    url: 'https://samplewire.example/2025/05/05/ferry-strike',
    publishedAt: '2025-05-05T08:00:00Z',
    title: 'Ferry crews strike in Split',
    text: wireText,
  },
  // A reprint on the paper's second domain: new headline, a paragraph dropped, the wire's closing credit.
  {
    id: 'paper-1',
    url: 'https://www.dailysample-news.example/news/ferry',
    publishedAt: '2025-05-05T11:00:00Z',
    title: 'Island ferries halted by strike',
    text: `${wireText.split('\n\n').slice(0, 3).join('\n\n')}\n\nLocal shops said they expected a quiet week.\n\n— Sample Wire Service`,
  },
];

after(() => rmSync(dir, { recursive: true, force: true }));

for (const db of testDatabases())
  describe(
    `outlet registry and lineage from the command line and the API [${db.name}]`,
    { skip: db.skip },
    () => {
      /** The --db value of the database the registry and the reports go to. */
      let address: string;
      before(async () => {
        address = await db.address();
        const r = runCli([
          'outlets',
          'import',
          file('registry.json', JSON.stringify(registry)),
          '--db',
          address,
          '--json',
        ]);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(JSON.parse(r.stdout), {
          file: join(dir, 'registry.json'),
          added: 3,
          updated: 0,
          changed: [],
          reassessed: 0,
        });
        const i = runCli([
          'ingest',
          file('reports.jsonl', reports.map((x) => JSON.stringify(x)).join('\n')),
          '--db',
          address,
          '--quiet',
        ]);
        assert.equal(i.code, 0, i.stderr);
      });
      after(() => db.cleanup());

      it(`imports every field, matches a report on a second domain, and exports what it imported [${db.name}]`, () => {
        const listed = JSON.parse(runCli(['outlets', 'list', '--db', address, '--json']).stdout) as Outlet[];
        const paper = listed.find((o) => o.name === 'The Daily Sample');
        assert.deepEqual(
          [paper?.domains, paper?.ownerGroup, paper?.language, paper?.tier],
          [['dailysample.example', 'dailysample-news.example'], 'Sample Media Group', 'en', 'standard'],
        );
        assert.equal(
          listed.find((o) => o.name === 'Sample Wire Service')?.feedHosts?.[0],
          'feeds.samplewire.example',
        );
        const out = join(dir, 'exported.json');
        assert.equal(runCli(['outlets', 'export', out, '--db', address]).code, 0);
        const exported = JSON.parse(readFileSync(out, 'utf8')) as typeof registry;
        assert.deepEqual(exported.map((e) => e.name).sort(), registry.map((e) => e.name).sort());
        assert.deepEqual(
          exported.find((e) => e.name === 'The Daily Sample'),
          registry[1],
        );
      });

      it(`refuses a registry with a bad entry, naming it, and changes nothing [${db.name}]`, () => {
        const before = runCli(['outlets', 'export', '--db', address]).stdout;
        const bad = file('bad.json', JSON.stringify([{ ...registry[0], tier: 'gold' }]));
        const r = runCli(['outlets', 'import', bad, '--db', address]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /bad\.json\[0\]: unknown tier "gold"/);
        const twice = file(
          'twice.json',
          JSON.stringify([registry[0], { ...registry[1], domains: ['samplewire.example'] }]),
        );
        const r2 = runCli(['outlets', 'import', twice, '--db', address]);
        assert.equal(r2.code, 1);
        assert.match(r2.stderr, /twice\.json\[1\]: domain "samplewire\.example" is already given to entry 0/);
        assert.equal(
          runCli(['outlets', 'export', '--db', address]).stdout,
          before,
          'stored outlets unchanged',
        );
      });

      it(`shows a reprint's lineage: the copy, the credit, the origin, and the origin's copies [${db.name}]`, () => {
        const r = runCli(['provenance', 'paper-1', '--db', address, '--json']);
        assert.equal(r.code, 0, r.stderr);
        const l = JSON.parse(r.stdout) as ReportLineage;
        assert.equal(l.outlet?.name, 'The Daily Sample');
        assert.deepEqual(
          l.derivesFrom.map((e) => [e.kind, e.toArticle]),
          [
            ['copy', 'wire-1'],
            ['credit', 'wire-1'],
          ],
        );
        assert.equal(l.origin, 'wire-1');
        const w = JSON.parse(
          runCli(['provenance', 'wire-1', '--db', address, '--json']).stdout,
        ) as ReportLineage;
        assert.deepEqual(w.derivesFrom, []);
        assert.deepEqual(
          w.derivedBy.map((e) => [e.from, e.kind]),
          [
            ['paper-1', 'copy'],
            ['paper-1', 'credit'],
          ],
        );
        const missing = runCli(['provenance', 'nope', '--db', address]);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /nope: no such article/);
      });

      it(`knows an outlet of the shipped registry by a subdomain, stores it, and names an unknown site from its page [${db.name}]`, async () => {
        const other = await db.address();
        const page = (url: string, site: string) =>
          JSON.stringify({
            url,
            html: `<html><head><title>Talks end</title><meta property="og:site_name" content="${site}"></head><body><article><h1>Talks end</h1><p>${wireText.split('\n\n')[0]}</p><p>${wireText.split('\n\n')[1]}</p></article></body></html>`,
          });
        const r = runCli([
          'ingest',
          file(
            'shipped.jsonl',
            `${page('https://uk.reuters.com/world/talks-end', 'Reuters')}\n${page('https://www.unknown-news.example/a', 'The Unknown Courier')}`,
          ),
          '--db',
          other,
          '--quiet',
        ]);
        assert.equal(r.code, 0, r.stderr);
        const listed = JSON.parse(runCli(['outlets', 'list', '--db', other, '--json']).stdout) as Outlet[];
        const reuters = listed.find((o) => o.name === 'Reuters');
        assert.deepEqual([reuters?.id, reuters?.kind, reuters?.tier], ['reuters.com', 'wire', 'unrated']);
        const unknown = listed.find((o) => o.id === 'unknown-news.example');
        assert.deepEqual(
          [unknown?.name, unknown?.kind, unknown?.tier],
          ['The Unknown Courier', 'unknown', 'unrated'],
        );
        // The whole shipped registry imports cleanly.
        const imported = JSON.parse(runCli(['outlets', 'import', '--db', other, '--json']).stdout) as {
          added: number;
          updated: number;
        };
        assert.ok(imported.added > 100 && imported.updated === 1, JSON.stringify(imported));
      });

      it(`serves the lineage as JSON, and the event's lineage graph with its counts [${db.name}]`, async () => {
        const store = await openStore(address);
        const app = createApp(depsFor(store));
        try {
          const r = await app.inject({ url: '/api/v1/articles/paper-1/provenance' });
          assert.equal(r.statusCode, 200);
          assert.equal((r.json() as ReportLineage).origin, 'wire-1');
          assert.equal((await app.inject({ url: '/api/v1/articles/nope/provenance' })).statusCode, 404);
          const { events } = (await app.inject({ url: '/api/v1/events' })).json() as {
            events: { id: string; articleCount: number; outletCount: number; independentSources: number }[];
          };
          assert.equal(events.length, 1);
          assert.deepEqual(
            [events[0]?.articleCount, events[0]?.outletCount, events[0]?.independentSources],
            [2, 2, 1],
          );
          // The lineage graph is in the event's detail (list items hold the cheap fields only).
          const detail = (await app.inject({ url: `/api/v1/events/${events[0]?.id}` })).json() as {
            lineage: { from: string; kind: string }[];
          };
          assert.deepEqual(
            detail.lineage.map((e) => `${e.from} ${e.kind}`),
            ['paper-1 copy', 'paper-1 credit'],
          );
        } finally {
          await app.close();
          await store.close();
        }
      });
    },
  );
