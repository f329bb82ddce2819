/**
 * Where a page's time goes: opens a generated web-bench database in this process, builds the app and
 * asks each route for sampled ids in turn through `inject` (no network), printing per route the mean,
 * p50 and max time a request took. With `node --cpu-prof` it shows which code costs.
 *
 *   npx tsx bench/web-profile.ts --db sqlite|postgres --reports 100000 [--n 200] [--routes event,story]
 */
import { createApp, depsFor } from '../src/server/app.ts';
import { openStore } from '../src/storage/store.ts';
import { benchTarget } from './web-generate.ts';
import { sampleTargets } from './web-samples.ts';
import { serveDb } from './web-server.ts';

const args = process.argv.slice(2);
const value = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
if (args.includes('--help')) {
  console.log(
    'usage: npx tsx bench/web-profile.ts --db sqlite|postgres --reports N [--n 200] [--routes a,b]',
  );
  process.exit(0);
}
const dialect = value('--db') === 'postgres' ? 'postgres' : 'sqlite';
const reports = Number(value('--reports') ?? 100_000);
const n = Number(value('--n') ?? 200);
const target = benchTarget(dialect, reports, value('--pg') ?? 'postgres://127.0.0.1:5432/test');
const s = await sampleTargets(target, reports);
if (!s) throw new Error('no generated database for that size: run bench/web-generate.ts first');
const store = await openStore(serveDb(target), { access: 'serve' });
const app = createApp(depsFor(store));
const enc = encodeURIComponent;
const routes: [string, string[]][] = [
  ['home', ['/']],
  ['event', s.events.map((id) => `/events/${enc(id)}`)],
  ['story', s.stories.map((id) => `/stories/${enc(id)}`)],
  ['entity', (s.entities ?? []).map((k) => `/entities/${enc(k)}`)],
  ['search', s.words.map((w) => `/search?q=${enc(w)}`)],
  ['api', ['/api/v1/events']],
  [
    'policy',
    s.outlets.slice(0, Number(process.env.POLICIES ?? 10)).map((o) => `/api/v1/events?exclude=${enc(o)}`),
  ],
  ['methodology', ['/methodology']],
];
const only = value('--routes')?.split(',');
for (const [name, paths] of routes) {
  if (only && !only.includes(name)) continue;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await app.inject({ url: paths[i % paths.length] as string });
    times.push(performance.now() - t0);
    if (process.env.SLOW && performance.now() - t0 > Number(process.env.SLOW))
      console.log(`  slow: ${paths[i % paths.length]} ${(performance.now() - t0).toFixed(0)} ms`);
    if (res.statusCode >= 400) console.log(`  ${name} ${paths[i % paths.length]}: ${res.statusCode}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `${name.padEnd(12)} mean ${mean.toFixed(1)} ms, p50 ${sorted[Math.floor(n / 2)]?.toFixed(1)}, p99 ${sorted[Math.floor(n * 0.99)]?.toFixed(1)}, first ${times[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}`,
  );
}
console.log(
  `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
);
await app.close();
await store.close();
