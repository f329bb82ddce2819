/**
 * The public submission endpoint under load: 500 submissions from 50 concurrent clients (each with its
 * own form cookie and CSRF token, as a browser or a program gets them from GET /api/v1/session) to
 * POST /api/v1/events/:id/submissions of a running server, on SQLite or PostgreSQL. 450 distinct
 * addresses, 50 sent twice by different clients; the review queue is bounded at 400 pending, so about
 * 50 are refused. Checks, then prints:
 * - every accepted submission is stored exactly once (one row per address, its count of submissions
 *   equal to the answers that accepted it), every refused one got a status and a message, none is lost
 *   (every request answered);
 * - the endpoint's p50/p99 and the rate achieved; the background fetching of the stored pages.
 *
 *   npx tsx bench/submissions.ts [--db sqlite|postgres] [--pg URL] [--json]
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { ingest } from '../src/run/ingest.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { withDefaultUser } from '../src/storage/dialect.ts';
import { openStore } from '../src/storage/store.ts';

const args = process.argv.slice(2);
const value = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
if (args.includes('--help')) {
  console.log('usage: npx tsx bench/submissions.ts [--db sqlite|postgres] [--pg URL] [--json]');
  process.exit(0);
}
const dialect = value('--db') === 'postgres' ? 'postgres' : 'sqlite';
const CLIENTS = 50;
const EACH = 10;
const DISTINCT = 450;
const MAX_PENDING = 400;
const PAGE_HOST = '127.0.0.2';

// The pages the submissions point at: each a short report, served at once.
const pages = createServer((req, res) => {
  const n = (req.url ?? '').replace(/\D/g, '');
  res.writeHead(200, { 'content-type': 'text/html' }).end(
    `<!doctype html><title>Report ${n}</title><article><h1>Storm closes ferry route, report ${n}</h1>
<p>The ferry operator cancelled crossings on Tuesday as a storm reached the strait, its spokesman said in statement number ${n}.</p></article>`,
  );
});
await new Promise<void>((r) => pages.listen(0, PAGE_HOST, r));
const pageOrigin = `http://${PAGE_HOST}:${(pages.address() as { port: number }).port}`;

const dir = mkdtempSync(join(tmpdir(), 'corroborate-submissions-'));
const schema = `bench_submissions_${process.pid}`;
const db =
  dialect === 'postgres' ? (value('--pg') ?? 'postgres://127.0.0.1:5432/test') : join(dir, 'db.sqlite');
const store = await openStore(db, dialect === 'postgres' ? { schema } : {});
const config = parseConfig({
  file: {
    fetch: { allowHosts: [PAGE_HOST], politenessDelayMs: 0 },
    editorial: { maxPending: MAX_PENDING, submitsPerClientMinute: 10_000, submitsPerMinute: 10_000 },
  },
});
await ingest({ store, config, clock: fixedClock('2025-06-03T00:00:00Z') }, [
  {
    input: {
      url: 'https://strait-news.example/ferry',
      outlet: 'Strait News',
      publishedAt: '2025-06-03T08:00:00Z',
      title: 'Storm halts ferry crossings',
      text: 'The ferry operator cancelled every crossing on Tuesday as a storm reached the strait.',
    },
    origin: { file: 'bench', line: 1 },
  },
]);
const eventId = (await store.events.ids())[0] as string;
const app = createApp(depsFor(store, config.confidence, config.brief, config));
const base = await app.listen({ host: '127.0.0.1', port: 0 });

// Which address each submission carries: 0..449, the first 50 sent a second time by another client.
const plan = Array.from({ length: CLIENTS * EACH }, (_, i) => (i < DISTINCT ? i : i - DISTINCT));
const answers: { url: string; status: number; ms: number; body: Record<string, unknown> }[] = [];
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, c) => {
    const pool = new Pool(base, { connections: 1 });
    const session = await pool.request({ path: '/api/v1/session', method: 'GET' });
    const cookie = [session.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0] ?? '';
    const { csrf } = (await session.body.json()) as { csrf: string };
    // Client c sends submissions c, c + 50, c + 100, …: the repeats come from other clients than the first.
    for (let k = 0; k < EACH; k++) {
      const url = `${pageOrigin}/report/${plan[c + k * CLIENTS]}`;
      const start = performance.now();
      const r = await pool.request({
        path: `/api/v1/events/${eventId}/submissions`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie },
        body: JSON.stringify({ url, note: `client ${c}` }),
      });
      const body = (await r.body.json()) as Record<string, unknown>;
      answers.push({ url, status: r.statusCode, ms: performance.now() - start, body });
    }
    await pool.close();
  }),
);
const seconds = (performance.now() - t0) / 1000;

// Checks.
const problems: string[] = [];
const accepted = answers.filter((a) => a.status === 202);
const refused = answers.filter((a) => a.status !== 202);
for (const a of refused)
  if (typeof a.body.error !== 'string' || !a.body.error)
    problems.push(`${a.url}: ${a.status} without a reason`);
const rows = [
  ...(await store.submissions.withStatus('pending', 10_000)),
  ...(await store.submissions.withStatus('approved', 10_000)),
  ...(await store.submissions.withStatus('rejected', 10_000)),
];
const byUrl = new Map<string, number>();
for (const r of rows) byUrl.set(r.url, (byUrl.get(r.url) ?? 0) + 1);
for (const [url, n] of byUrl) if (n > 1) problems.push(`${url} stored ${n} times`);
const acceptedByUrl = new Map<string, number>();
for (const a of accepted) acceptedByUrl.set(a.url, (acceptedByUrl.get(a.url) ?? 0) + 1);
for (const [url, n] of acceptedByUrl) {
  const row = rows.find((r) => r.url === url);
  if (!row) problems.push(`${url} accepted but not stored`);
  else if (row.times !== n) problems.push(`${url} accepted ${n} times, counted ${row.times}`);
}
for (const r of rows) if (!acceptedByUrl.has(r.url)) problems.push(`${r.url} stored but refused`);
// The queue's bound decides how many are new: every distinct address up to it, none past it.
const expectedNew = Math.min(DISTINCT, MAX_PENDING);
const acceptedNew = accepted.filter((a) => a.body.repeat === false).length;
if (acceptedNew !== expectedNew)
  problems.push(`${acceptedNew} new submissions accepted, expected ${expectedNew}`);
const lost = CLIENTS * EACH - answers.length;
if (lost) problems.push(`${lost} requests unanswered`);

// The stored pages are fetched in the background; wait for it (a condition, not a time).
const f0 = performance.now();
while ((await store.submissions.queuedForFetch(1)).length) {
  if (performance.now() - f0 > 120_000) {
    problems.push('fetching did not finish in 2 minutes');
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
const fetchSeconds = (performance.now() - f0) / 1000;
const fetched = (await store.submissions.withStatus('pending', 10_000)).filter(
  (s) => s.fetchState === 'fetched',
).length;

const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
const pct = (q: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0) * 10) / 10;
const reasons: Record<string, number> = {};
for (const a of refused)
  reasons[`${a.status} ${String(a.body.error).slice(0, 60)}`] =
    (reasons[`${a.status} ${String(a.body.error).slice(0, 60)}`] ?? 0) + 1;
const result = {
  db: dialect,
  submissions: answers.length,
  clients: CLIENTS,
  accepted: accepted.length,
  acceptedNew: accepted.filter((a) => a.body.repeat === false).length,
  acceptedRepeats: accepted.filter((a) => a.body.repeat === true).length,
  refused: refused.length,
  reasons,
  stored: rows.length,
  lost,
  p50Ms: pct(0.5),
  p99Ms: pct(0.99),
  rate: Math.round(answers.length / seconds),
  fetched,
  fetchSeconds: Math.round(fetchSeconds * 10) / 10,
  problems,
};
await app.close();
await store.close();
if (dialect === 'postgres') {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: withDefaultUser(db) });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
rmSync(dir, { recursive: true, force: true });
await new Promise((r) => pages.close(r));
if (args.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(
    `${dialect}: ${result.submissions} submissions from ${CLIENTS} clients at ${result.rate}/s: ${result.accepted} accepted (${result.acceptedNew} new, ${result.acceptedRepeats} repeats counted on the first), ${result.refused} refused, ${result.stored} stored, ${lost} lost`,
  );
  for (const [r, n] of Object.entries(reasons)) console.log(`  refused ${n}: ${r}`);
  console.log(`  endpoint p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
  console.log(`  ${fetched} pages fetched in the background in ${result.fetchSeconds} s`);
  console.log(
    problems.length
      ? `FAIL:\n  ${problems.join('\n  ')}`
      : 'PASS: every accepted one stored once, every refused one told why, none lost',
  );
}
process.exit(problems.length ? 1 : 0);
