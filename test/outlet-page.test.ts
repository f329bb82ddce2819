/**
 * Outlet and report pages and API on SQLite and PostgreSQL, with a wire story, a paper's reprint of it
 * (copied, with the wire's closing credit) and another paper's own report: how often each outlet is an
 * origin and how often a copy matches the stored provenance of its reports; reports newest first in pages
 * that join up; unknown ids are a 404 page or a JSON 404.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../src/config/config.ts';
import type { Outlet } from '../src/domain/outlet.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { ingest } from '../src/run/ingest.ts';
import { setArticlesStatus } from '../src/run/withdraw.ts';
import type { OutletDetail, OutletJson, ReportDetail, ReportJson } from '../src/run/outlet-views.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const NOW = '2025-05-06T00:00:00Z';

const outlets: Outlet[] = [
  {
    id: 'samplewire.example',
    name: 'Sample Wire Service',
    domain: 'samplewire.example',
    domains: ['samplewire.example'],
    kind: 'wire',
    ownerGroup: 'Sample Cooperative',
    country: 'CH',
    tier: 'trusted',
  },
  {
    id: 'dailysample.example',
    name: 'The Daily Sample',
    domain: 'dailysample.example',
    domains: ['dailysample.example', 'dailysample-news.example'],
    kind: 'newspaper',
    ownerGroup: 'Sample Media Group',
    country: 'GB',
    tier: 'standard',
  },
  {
    id: 'harbourpost.example',
    name: 'Harbour Post',
    domain: 'harbourpost.example',
    domains: ['harbourpost.example'],
    kind: 'newspaper',
    ownerGroup: null,
    country: 'HR',
    tier: 'standard',
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
  {
    id: 'paper-1',
    url: 'https://www.dailysample-news.example/news/ferry',
    publishedAt: '2025-05-05T11:00:00Z',
    title: 'Island ferries halted by strike',
    text: `${wireText.split('\n\n').slice(0, 3).join('\n\n')}\n\nLocal shops said they expected a quiet week.\n\n— Sample Wire Service`,
  },
  {
    id: 'post-1',
    url: 'https://harbourpost.example/split/ferries-stop',
    publishedAt: '2025-05-05T13:00:00Z',
    title: 'Split ferry strike strands island travellers',
    text: [
      'No ferries left Split for the islands on Monday as crews walked out over pay, our reporter at the harbour saw.',
      'Families with cars waited in lines along the waterfront while the ticket office stayed shut all morning.',
      'A crew member said the walkout would go on until the operator improved its offer on pay and summer shifts.',
    ].join('\n\n'),
  },
].map((input, i) => ({ input, origin: { file: 'outlets', line: i + 1 } }));

for (const db of testDatabases()) {
  describe(`outlet and report pages [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: FastifyInstance;
    const get = async <T>(url: string): Promise<T> => {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      return r.json() as T;
    };

    before(async () => {
      store = await db.open();
      for (const o of outlets) await store.outlets.upsert(o, NOW);
      await ingest({ store, config: parseConfig({}), clock: fixedClock(NOW) }, reports);
      app = createApp(depsFor(store));
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    it('counts how often each outlet is an origin and how often a copy, as the stored provenance says', async () => {
      const { outlets: listed } = await get<{ outlets: OutletJson[] }>('/api/v1/outlets');
      const by = new Map(listed.map((o) => [o.id, o.lineage]));
      assert.deepEqual(by.get('samplewire.example'), { reports: 1, copies: 0, origins: 1, copiedBy: 1 });
      assert.deepEqual(by.get('dailysample.example'), { reports: 1, copies: 1, origins: 0, copiedBy: 0 });
      assert.deepEqual(by.get('harbourpost.example'), { reports: 1, copies: 0, origins: 0, copiedBy: 0 });
      // The same counts recomputed from each report's stored lineage.
      const articles = await store.articles.getMany(reports.map((r) => r.input.id));
      const outletOf = new Map(articles.map((a) => [a.id, a.outletId]));
      const provenance = await store.articles.provenances(articles.map((a) => a.id));
      for (const o of outlets) {
        const own = provenance.filter((p) => outletOf.get(p.articleId) === o.id);
        const copies = own.filter((p) =>
          p.lineage.some((l) => l.kind === 'copy' || l.kind === 'credit'),
        ).length;
        const copiedBy = provenance.filter(
          (p) =>
            outletOf.get(p.articleId) !== o.id &&
            p.lineage.some(
              (l) =>
                (l.kind === 'copy' || l.kind === 'credit') &&
                l.ofArticleId &&
                outletOf.get(l.ofArticleId) === o.id,
            ),
        ).length;
        assert.deepEqual([by.get(o.id)?.copies, by.get(o.id)?.copiedBy], [copies, copiedBy], o.id);
      }
    });

    it("shows an outlet's kind, owner, tier, country, counts and reports", async () => {
      const o = await get<OutletDetail>('/api/v1/outlets/dailysample.example');
      assert.deepEqual(
        [o.kind, o.ownerGroup, o.tier, o.country, o.reports.map((r) => r.id)],
        ['newspaper', 'Sample Media Group', 'standard', 'GB', ['paper-1']],
      );
      assert.deepEqual(o.reports[0]?.derivesFrom, {
        kind: 'copy',
        articleId: 'wire-1',
        outletId: 'samplewire.example',
      });
      const page = await app.inject({ method: 'GET', url: '/outlets/samplewire.example' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Sample Cooperative/);
      assert.match(page.body, /It is the origin of 1 report by other outlets/);
      assert.ok(page.body.includes('/reports/wire-1'));
      const index = await app.inject({ method: 'GET', url: '/outlets' });
      for (const x of outlets) assert.ok(index.body.includes(`/outlets/${x.id}`), x.id);
    });

    it('lists reports newest first in pages that join up, by outlet and by event', async () => {
      const all = await get<{ reports: ReportJson[] }>('/api/v1/reports');
      assert.deepEqual(
        all.reports.map((r) => r.id),
        ['post-1', 'paper-1', 'wire-1'],
      );
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const p: { reports: ReportJson[]; next: string | null } = await get(
          `/api/v1/reports?limit=1${next ? `&after=${next}` : ''}`,
        );
        seen.push(...p.reports.map((r) => r.id));
        next = p.next;
      } while (next);
      assert.deepEqual(seen, ['post-1', 'paper-1', 'wire-1']);
      const last: { reports: ReportJson[]; prev: string | null } = await get(
        `/api/v1/reports?limit=2&after=${(await get<{ next: string }>('/api/v1/reports?limit=2')).next}`,
      );
      assert.deepEqual(
        last.reports.map((r) => r.id),
        ['wire-1'],
      );
      const newer = await get<{ reports: ReportJson[]; prev: string | null }>(
        `/api/v1/reports?limit=2&before=${last.prev}`,
      );
      assert.deepEqual([newer.reports.map((r) => r.id), newer.prev], [['post-1', 'paper-1'], null]);
      const both = await app.inject({
        method: 'GET',
        url: `/api/v1/reports?after=${last.prev}&before=${last.prev}`,
      });
      assert.equal(both.statusCode, 400);
      const wire = await get<{ reports: ReportJson[] }>('/api/v1/reports?outlet=samplewire.example');
      assert.deepEqual(
        wire.reports.map((r) => r.id),
        ['wire-1'],
      );
      const eventId = wire.reports[0]!.eventId;
      const ofEvent = await get<{ reports: ReportJson[] }>(
        `/api/v1/reports?event=${encodeURIComponent(eventId)}`,
      );
      const members = (await store.events.reports(eventId)).map((r) => r.articleId).sort();
      assert.deepEqual(ofEvent.reports.map((r) => r.id).sort(), members);
      for (const r of all.reports) assert.match(r.url, /^https?:\/\//);
    });

    it("gives a report's lineage, and its page the cited sentence", async () => {
      const r = await get<ReportDetail>('/api/v1/reports/paper-1');
      assert.equal(r.outlet?.id, 'dailysample.example');
      assert.deepEqual(
        r.derivesFrom.map((e) => [e.kind, e.toArticle]),
        [
          ['copy', 'wire-1'],
          ['credit', 'wire-1'],
        ],
      );
      assert.equal(r.origin, 'wire-1');
      const page = await app.inject({ method: 'GET', url: '/reports/wire-1?start=0&end=60' });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(wireText.slice(0, 60)));
      assert.ok(page.body.includes('/reports/paper-1'), 'names the report that copies it');
    });

    it('keeps the counts current when the reprint is withdrawn and restored', async () => {
      const deps = { store, config: parseConfig({}), clock: fixedClock(NOW) };
      const counts = async () => {
        const { outlets: listed } = await get<{ outlets: OutletJson[] }>('/api/v1/outlets');
        return Object.fromEntries(listed.map((o) => [o.id, [o.lineage.copies, o.lineage.copiedBy]]));
      };
      await setArticlesStatus(deps, ['paper-1'], 'withdrawn', 'test');
      assert.deepEqual((await counts())['samplewire.example'], [0, 0]);
      assert.deepEqual((await counts())['dailysample.example'], [0, 0]);
      await setArticlesStatus(deps, ['paper-1'], 'active', 'test');
      assert.deepEqual((await counts())['samplewire.example'], [0, 1]);
      assert.deepEqual((await counts())['dailysample.example'], [1, 0]);
    });

    it('answers unknown outlets and reports with a 404 page or a JSON 404, and a bad limit with a 400', async () => {
      for (const url of ['/outlets/nowhere.example', '/reports/nothing']) {
        const r = await app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 404, url);
        assert.match(r.headers['content-type'] as string, /text\/html/);
      }
      for (const url of ['/api/v1/outlets/nowhere.example', '/api/v1/reports/nothing']) {
        const r = await app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 404, url);
        assert.equal((r.json() as { status: number }).status, 404);
      }
      const bad = await app.inject({ method: 'GET', url: '/api/v1/reports?limit=0' });
      assert.equal(bad.statusCode, 400);
      assert.match((bad.json() as { error: string }).error, /limit/);
    });
  });
}
