/**
 * The web load bench (issue 18): the server (`corroborate serve`) in one process, the load generator
 * (bench/web-load.ts) in another, on generated databases (bench/web-generate.ts) of 1,000 and N
 * reports. Per route: p50 and p99 latency at 100 requests/s (open loop, measured from each request's
 * due time), the rate achieved, errors, server CPU per request — at 1,000 reports beside N, since the
 * cost must not grow with the database; the server's memory; then the isolation test: one client makes
 * 50 source-policy requests at once, again and again, while another measures /methodology.
 * Targets at N reports: p99 < 100 ms and p50 < 20 ms per route, no errors; RSS < 400 MB; /methodology
 * p99 < 100 ms under the bursts. See bench/data/web.README.md.
 *
 *   npx tsx bench/web.ts --db sqlite|postgres|both [--reports 100000] [--quick] [--reuse] [--json]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { benchTarget, generateWebDatabase, type WebTarget } from './web-generate.ts';
import type { Latency, LoadResult } from './web-load.ts';
import { sampleTargets, type Samples } from './web-samples.ts';
import { startServer, type BenchServer } from './web-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_P99_MS = 100;
const TARGET_P50_MS = 20;
const TARGET_RSS_MB = 400;
/** A route whose first requests alone take longer than this is not put under load (it would only queue). */
const PROBE_LIMIT_MS = 1000;
const PROBE_TIMEOUT_MS = 30_000;
/** Source-policy requests a burst sends at once, and the rate /methodology is measured at meanwhile. */
const BURST = 50;
/** Seconds each route is warmed for before it is measured. */
const WARMUP_SECONDS = 1;
const METHODOLOGY_RATE = 50;

interface Args {
  dialects: ('sqlite' | 'postgres')[];
  sizes: number[];
  seconds: number;
  rate: number;
  reuse: boolean;
  json: boolean;
  pg: string;
  rssCapMb: number;
  /** Only the routes whose name contains one of these (--routes a,b); every route when empty. */
  routes: string[];
  isolation: boolean;
}

/** One route's figures at one database size. */
interface RouteRun {
  route: string;
  /** Why it was not loaded (no such route, too slow alone), when it was not. */
  skipped?: string;
  probeMs?: Latency;
  load?: LoadResult;
  cpuMsPerRequest?: number;
  restarted?: boolean;
}

interface SizeRun {
  reports: number;
  routes: RouteRun[];
  rssMb: number;
  peakMb: number;
  isolation?: { alone: LoadResult; underBurst: LoadResult; burst: LoadResult };
  loadAverage: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'corroborate-bench-web-'));

/** Runs every size on one database and returns the figures. */
async function runDialect(dialect: 'sqlite' | 'postgres', a: Args): Promise<SizeRun[]> {
  const out: SizeRun[] = [];
  for (const [i, reports] of a.sizes.entries()) {
    const target = benchTarget(dialect, reports, a.pg);
    const samples = await prepare(target, reports, a);
    out.push(await runSize(target, reports, samples, a, a.isolation && i === a.sizes.length - 1));
  }
  return out;
}

/** Generates the database unless --reuse finds it, and samples the ids the routes will ask for. */
async function prepare(target: WebTarget, reports: number, a: Args): Promise<Samples> {
  let samples = a.reuse ? await sampleTargets(target, reports).catch(() => null) : null;
  if (!samples) {
    console.log(`generating ${reports.toLocaleString('en-US')} reports on ${target.dialect}…`);
    const s = await generateWebDatabase(target, reports);
    console.log(
      `  ${s.reports} reports, ${s.events} events, ${s.outlets} outlets, ${s.stories} stories, ` +
        `${s.entities ?? 'no'} entities; rows written in ${s.writeSeconds.toFixed(0)} s, read models in ${s.refreshSeconds.toFixed(0)} s`,
    );
    samples = await sampleTargets(target, reports);
    if (!samples) throw new Error('the generated database has no events');
  }
  return samples;
}

/** Loads each route in turn on one database, then (on the largest) runs the isolation test. */
async function runSize(
  target: WebTarget,
  reports: number,
  s: Samples,
  a: Args,
  isolation: boolean,
): Promise<SizeRun> {
  console.log(`\n${target.dialect}, ${reports.toLocaleString('en-US')} reports: serving…`);
  let server = await startServer(target, a.rssCapMb);
  const peak = { mb: 0 };
  const routes: RouteRun[] = [];
  for (const [route, paths, warm] of routesOf(s)) {
    if (a.routes.length && !a.routes.some((r) => route.includes(r))) continue;
    if (!paths.length) {
      routes.push({ route, skipped: 'nothing to ask for (no rows)' });
      continue;
    }
    const run = await runRoute(server, route, paths, warm, a);
    routes.push(run);
    console.log(`  ${describe(run)}`);
    peak.mb = Math.max(peak.mb, server.memory().peakMb);
    if (server.exited() || !(await healthy(server))) {
      const capped = server.capped();
      if (capped) run.skipped = `server killed: it held more than ${a.rssCapMb} MB`;
      await server.stop();
      server = await startServer(target, a.rssCapMb);
      run.restarted = true;
      console.log(
        `  (server restarted: ${capped ? 'killed at the RSS cap' : 'it was still working through a backlog'})`,
      );
    }
  }
  const result: SizeRun = { reports, routes, rssMb: 0, peakMb: 0, loadAverage: loadAverage() };
  if (isolation) result.isolation = await isolationTest(server, s, a);
  const mem = server.memory();
  result.rssMb = mem.rssMb;
  result.peakMb = Math.max(peak.mb, mem.peakMb);
  await server.stop();
  return result;
}

/**
 * The routes, the paths each takes in turn, and the paths that warm it first: other ids and words of the
 * same kind, never the measured ones (a page once built is kept, so warming with the measured paths would
 * measure only kept pages). A route of one path is warmed by its probes.
 */
function routesOf(s: Samples): [string, string[], string[]][] {
  const enc = encodeURIComponent;
  const w = s.warmup;
  const policy = (o: string) => `/api/v1/events?exclude=${enc(o)}`;
  return [
    ['home /', ['/'], []],
    [
      'event /events/:id',
      s.events.map((id) => `/events/${enc(id)}`),
      w.events.map((id) => `/events/${enc(id)}`),
    ],
    [
      'story /stories/:id',
      s.stories.map((id) => `/stories/${enc(id)}`),
      w.stories.map((id) => `/stories/${enc(id)}`),
    ],
    [
      'entity /entities/:key',
      (s.entities ?? []).map((k) => `/entities/${enc(k)}`),
      w.entities.map((k) => `/entities/${enc(k)}`),
    ],
    [
      'search /search?q=',
      s.words.map((x) => `/search?q=${enc(x)}`),
      w.words.map((x) => `/search?q=${enc(x)}`),
    ],
    ['/api/v1/events', ['/api/v1/events'], []],
    ['/api/v1/events?exclude=', s.outlets.slice(0, 10).map(policy), w.outlets.map(policy)],
  ];
}

/** Probes a route alone, then (when it answers fast enough) loads it at the rate for the duration. */
async function runRoute(
  server: BenchServer,
  route: string,
  paths: string[],
  warm: string[],
  a: Args,
): Promise<RouteRun> {
  const probes: Latency[] = [];
  for (let i = 0; i < 3; i++) {
    const p = await probe(server, paths[i % paths.length] as string);
    if (p.status === 404) return { route, skipped: 'no such route yet (404)' };
    probes.push(p.ms);
    if (p.ms === 'timeout' || p.ms > PROBE_LIMIT_MS) break;
  }
  const probeMs = median(probes);
  if (probeMs === 'timeout' || (probeMs ?? 0) > PROBE_LIMIT_MS)
    return {
      route,
      probeMs,
      skipped: `one request alone takes ${fmt(probeMs)}: not loaded (it could only queue)`,
    };
  // Warm-up, not measured: the route's warm-up paths in turn, at the rate, for a second — a server just
  // started compiles its code and fills its connections' caches on its first requests. It runs in the
  // load process itself (web-load.ts --warm), which says when it has ended.
  let cpu0 = server.cpuSeconds();
  const measured = ['--rate', String(a.rate), '--seconds', String(a.seconds)];
  const warmed = warm.length ? ['--warm', pathsFile(warm), '--warm-seconds', String(WARMUP_SECONDS)] : [];
  const load = await loadProcess(server.base, paths, [...measured, ...warmed], () => {
    cpu0 = server.cpuSeconds();
  });
  const answered = load.scheduled - load.timeouts - load.network - load.dropped;
  const cpuMsPerRequest = answered > 0 ? ((server.cpuSeconds() - cpu0) * 1000) / answered : undefined;
  return { route, probeMs, load, cpuMsPerRequest };
}

/** The isolation test: /methodology alone, then while another client sends waves of source-policy requests. */
async function isolationTest(server: BenchServer, s: Samples, a: Args): Promise<SizeRun['isolation']> {
  const measure = ['--rate', String(METHODOLOGY_RATE), '--seconds', String(a.seconds)];
  const alone = await loadProcess(server.base, ['/methodology'], measure);
  const policies = s.outlets.slice(0, BURST).map((o) => `/api/v1/events?exclude=${encodeURIComponent(o)}`);
  const burstRun = loadProcess(server.base, policies, [
    '--burst',
    String(BURST),
    '--seconds',
    String(a.seconds + 30),
    '--timeout-ms',
    String(a.seconds * 1000 + 10_000),
  ]);
  await new Promise((r) => setTimeout(r, 300));
  const underBurst = await loadProcess(server.base, ['/methodology'], measure);
  burstRun.child.kill('SIGTERM');
  const burst = await burstRun;
  console.log(
    `  isolation: /methodology p99 ${fmt(alone.p99)} alone, ${fmt(underBurst.p99)} under 50-policy bursts`,
  );
  return { alone, underBurst, burst };
}

/** Writes a list of paths to a file of its own for a load process. */
function pathsFile(paths: string[]): string {
  const file = join(tmp, `paths-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(paths));
  return file;
}

/** Runs bench/web-load.ts in its own process and returns what it printed (the child is exposed to stop a burst). */
function loadProcess(
  base: string,
  paths: string[],
  extra: string[],
  onWarmed?: () => void,
): Promise<LoadResult> & { child: ReturnType<typeof spawn> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/web-load.ts', '--base', base, '--paths', pathsFile(paths), ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    if (onWarmed && out.includes('{"warmed":true}\n')) {
      onWarmed();
      onWarmed = undefined;
    }
  });
  const done = new Promise<LoadResult>((resolve, reject) =>
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as LoadResult);
      } catch {
        reject(new Error(`web-load exited (${code}) without a result`));
      }
    }),
  );
  return Object.assign(done, { child });
}

async function probe(server: BenchServer, path: string): Promise<{ status: number; ms: number | 'timeout' }> {
  const t0 = performance.now();
  try {
    const res = await request(`${server.base}${path}`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body.dump({ limit: Infinity });
    return { status: res.statusCode, ms: Math.round(performance.now() - t0) };
  } catch {
    return { status: 0, ms: 'timeout' };
  }
}

/** True when the server answers /methodology within 3 s (it is not still grinding through a backlog). */
async function healthy(server: BenchServer): Promise<boolean> {
  const t0 = performance.now();
  const p = await probe(server, '/methodology');
  return p.status === 200 && performance.now() - t0 < 3000;
}

function median(xs: Latency[]): Latency {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => rank(a) - rank(b));
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}

function rank(x: Latency): number {
  return x === 'timeout' ? Infinity : (x ?? 0);
}

function fmt(x: Latency | undefined): string {
  if (x === 'timeout') return 'timeout';
  if (x === null || x === undefined) return '-';
  return x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x} ms`;
}

function errorsOf(l: LoadResult): number {
  return l.timeouts + l.network + l.dropped + Object.values(l.statuses).reduce((s, n) => s + n, 0);
}

/** "12 (503: 10, timeout: 2)": errors with their kinds. */
function errorText(l: LoadResult): string {
  const n = errorsOf(l);
  if (!n) return '0';
  const kinds = [
    ...Object.entries(l.statuses).map(([status, k]) => `${status}: ${k}`),
    ...(l.timeouts ? [`timeout: ${l.timeouts}`] : []),
    ...(l.network ? [`connection error: ${l.network}`] : []),
    ...(l.dropped ? [`not sent: ${l.dropped}`] : []),
  ];
  return `${n} (${kinds.join(', ')})`;
}

function describe(r: RouteRun): string {
  if (!r.load) return `${r.route}: skipped — ${r.skipped}`;
  return `${r.route}: p50 ${fmt(r.load.p50)}, p99 ${fmt(r.load.p99)}, ${r.load.achievedRate}/s, errors ${errorText(r.load)}`;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Prints one database's table: each route at every size, with PASS/FAIL at the largest. */
function report(dialect: string, runs: SizeRun[]): void {
  const big = runs.at(-1) as SizeRun;
  const cell = (r: RouteRun | undefined) =>
    !r
      ? '-'
      : r.load
        ? `${fmt(r.load.p50).padStart(7)} ${fmt(r.load.p99).padStart(7)} ${String(r.load.achievedRate).padStart(6)}/s ${(r.cpuMsPerRequest?.toFixed(1) ?? '-').padStart(6)} ms CPU, errors ${errorText(r.load)}`
        : `skipped (${r.skipped})`;
  console.log(
    `\n== ${dialect}: p50, p99, rate achieved, server CPU per answered request, errors (${runs.map((r) => r.reports.toLocaleString('en-US')).join(' vs ')} reports)`,
  );
  for (const [i, route] of big.routes.entries()) {
    console.log(`${route.route.padEnd(26)}`);
    for (const run of runs)
      console.log(`  ${run.reports.toLocaleString('en-US').padStart(8)}: ${cell(run.routes[i])}`);
    console.log(`  ${'target'.padStart(8)}: ${verdict(route)}`);
  }
  for (const run of runs)
    console.log(
      `server RSS at ${run.reports.toLocaleString('en-US')} reports: ${run.rssMb} MB at the end, peak ${run.peakMb} MB (load average ${run.loadAverage})`,
    );
  console.log(
    `RSS < ${TARGET_RSS_MB} MB at ${big.reports.toLocaleString('en-US')}: ${pass(big.peakMb < TARGET_RSS_MB)} (peak ${big.peakMb} MB)`,
  );
  const iso = big.isolation;
  if (iso) {
    const ok =
      typeof iso.underBurst.p99 === 'number' &&
      iso.underBurst.p99 < TARGET_P99_MS &&
      !errorsOf(iso.underBurst);
    console.log(
      `isolation: /methodology p99 ${fmt(iso.alone.p99)} alone, ${fmt(iso.underBurst.p99)} under bursts of ${BURST} source-policy requests ` +
        `(${iso.burst.scheduled} sent, ${iso.burst.ok} answered OK, statuses ${JSON.stringify(iso.burst.statuses)}, ${iso.burst.timeouts} unanswered): ` +
        `p99 < ${TARGET_P99_MS} ms ${pass(ok)}`,
    );
  }
}

function verdict(r: RouteRun): string {
  if (!r.load)
    return r.skipped?.startsWith('no such route') ? 'not built yet' : 'FAIL (not loaded: too slow alone)';
  const p50 = typeof r.load.p50 === 'number' && r.load.p50 < TARGET_P50_MS;
  const p99 = typeof r.load.p99 === 'number' && r.load.p99 < TARGET_P99_MS;
  return `p50 < ${TARGET_P50_MS} ms ${pass(p50)}, p99 < ${TARGET_P99_MS} ms ${pass(p99)}, no errors ${pass(!errorsOf(r.load))}`;
}

function pass(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL';
}

function parseArgs(argv: string[]): Args | null {
  const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  if (argv.includes('--help')) return null;
  const db = value('--db') ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(db)) return null;
  const quick = argv.includes('--quick');
  const reports = Number(value('--reports') ?? 100_000);
  return {
    dialects: db === 'both' ? ['sqlite', 'postgres'] : [db as 'sqlite' | 'postgres'],
    sizes: quick ? [1000, 10_000] : [...new Set([1000, reports])],
    seconds: Number(value('--seconds') ?? (quick ? 5 : 20)),
    rate: Number(value('--rate') ?? 100),
    reuse: argv.includes('--reuse'),
    json: argv.includes('--json'),
    pg: value('--pg') ?? process.env.CORROBORATE_TEST_PG ?? 'postgres://127.0.0.1:5432/test',
    rssCapMb: Number(value('--rss-cap-mb') ?? 3000),
    routes: value('--routes')?.split(',').filter(Boolean) ?? [],
    isolation: !argv.includes('--no-isolation'),
  };
}

const USAGE = `usage: npx tsx bench/web.ts [--db sqlite|postgres|both] [--reports 100000] [--quick] [--reuse]
                         [--seconds 20] [--rate 100] [--pg postgres://127.0.0.1:5432/test] [--json]
                         [--routes event,search] [--no-isolation]
  Generates databases of 1,000 and N reports (--quick: 1,000 and 10,000, 5 s a route), serves each with
  'corroborate serve' and loads every route from another process (after a second's warm-up on other ids
  or words of the route, not measured); prints p50/p99, rate achieved, errors,
  server CPU per request and RSS, and the isolation test, with PASS/FAIL beside each target.
  --reuse  keep a database generated before with the same number of reports (else generated afresh)
  --json   also print every figure as one JSON object at the end
  --routes only the routes whose name contains one of these words (development)
  --no-isolation  skip the isolation test (development)`;

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  if (!a) {
    console.log(USAGE);
    process.exit(process.argv.includes('--help') ? 0 : 2);
  }
  console.log(
    `web load bench: ${a.rate} requests/s for ${a.seconds} s a route; 2 cores shared by server and load; load average ${loadAverage()}`,
  );
  const all: Record<string, SizeRun[]> = {};
  for (const dialect of a.dialects) all[dialect] = await runDialect(dialect, a);
  for (const [dialect, runs] of Object.entries(all)) report(dialect, runs);
  if (a.json) console.log(JSON.stringify(all));
}

await main();
