/**
 * The load generator of the web load bench (bench/web.ts), run as its own process so that it does not
 * share an event loop with the server. Two modes:
 * - open loop (`--rate R --seconds S`): requests are sent on a fixed schedule, R a second for S
 *   seconds, whether or not earlier ones were answered; each latency is measured from the time the
 *   request was due, so a server that falls behind shows its queue in the latencies (no coordinated
 *   omission). Paths are taken in turn from the list given.
 * - burst (`--burst N`): waves of N requests at once, a wave starting when the last has ended (at most
 *   one a second), until stopped with SIGTERM or after S seconds.
 * Prints one JSON line: counts by outcome, latency percentiles (ms) of the answered requests, the rate
 * of answers achieved.
 *   node --import tsx bench/web-load.ts --base http://127.0.0.1:PORT --paths FILE.json --rate 100 --seconds 20
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Pool } from 'undici';

/** A latency in ms, 'timeout' when the request had no answer in time (or was never sent), null with no requests. */
export type Latency = number | 'timeout' | null;

/** What a run measured. */
export interface LoadResult {
  scheduled: number;
  /** Answered with 2xx or 3xx. */
  ok: number;
  /** Answered with another status, by status. */
  statuses: Record<string, number>;
  /** No answer within the timeout. */
  timeouts: number;
  /** Connection errors (refused, reset). */
  network: number;
  /** Not sent: more than the in-flight cap were waiting (the server had stopped keeping up). */
  dropped: number;
  /** Percentiles over every request due (answered with any status; 'timeout' past the timeout, dropped included). */
  p50: Latency;
  p90: Latency;
  p99: Latency;
  max: Latency;
  /** Answers (any status) a second, from the first send to the last answer. */
  achievedRate: number;
  seconds: number;
  bytes: number;
}

interface Options {
  base: string;
  paths: string[];
  rate: number;
  seconds: number;
  timeoutMs: number;
  maxInFlight: number;
  burst: number;
  headers: Record<string, string>;
  /** Paths asked at the rate for `seconds` before the measured run, not measured (open loop only). */
  warm: { paths: string[]; seconds: number } | null;
}

/** Collects outcomes as they come. */
class Tally {
  readonly latencies: number[] = [];
  readonly statuses: Record<string, number> = {};
  ok = 0;
  timeouts = 0;
  network = 0;
  dropped = 0;
  scheduled = 0;
  bytes = 0;
  first = 0;
  last = 0;
  /** With WEB_LOAD_TRACE=FILE: one line per answer (when due, ms after the start; latency; status; path). */
  readonly trace: string[] | null;

  constructor(trace = true) {
    this.trace = trace && process.env.WEB_LOAD_TRACE ? [] : null;
  }

  result(): LoadResult {
    const unanswered = this.timeouts + this.network + this.dropped;
    const sorted = [...this.latencies, ...new Array<number>(unanswered).fill(Infinity)].sort((a, b) => a - b);
    const at = (q: number): Latency => {
      if (!sorted.length) return null;
      const v = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
      return v === Infinity ? 'timeout' : round(v);
    };
    const answered = this.ok + Object.values(this.statuses).reduce((s, n) => s + n, 0);
    const seconds = Math.max(0.001, (this.last - this.first) / 1000);
    return {
      scheduled: this.scheduled,
      ok: this.ok,
      statuses: this.statuses,
      timeouts: this.timeouts,
      network: this.network,
      dropped: this.dropped,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: at(1),
      achievedRate: round(answered / seconds),
      seconds: round(seconds),
      bytes: this.bytes,
    };
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Sends one request due at `due` (performance.now() ms) and records its outcome. */
async function send(pool: Pool, o: Options, path: string, due: number, t: Tally): Promise<void> {
  try {
    const { statusCode, body } = await pool.request({
      path,
      method: 'GET',
      headers: o.headers,
      signal: AbortSignal.timeout(Math.max(1, Math.round(o.timeoutMs - (performance.now() - due)))),
    });
    for await (const chunk of body) t.bytes += (chunk as Buffer).length;
    const now = performance.now();
    t.last = Math.max(t.last, now);
    t.latencies.push(now - due);
    t.trace?.push(`${round(due - t.first)}\t${round(now - due)}\t${statusCode}\t${path}`);
    if (statusCode < 400) t.ok++;
    else t.statuses[statusCode] = (t.statuses[statusCode] ?? 0) + 1;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') t.timeouts++;
    else {
      t.network++;
      if (process.env.WEB_LOAD_DEBUG) console.error(err);
    }
  }
}

/** Open loop: `rate` requests a second for `seconds`, latencies from when each was due. */
async function openLoop(o: Options, pool: Pool, trace = true): Promise<LoadResult> {
  const t = new Tally(trace);
  const total = Math.round(o.rate * o.seconds);
  const start = performance.now() + 50;
  t.first = start;
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + (next * 1000) / o.rate <= now) {
        const due = start + (next * 1000) / o.rate;
        const path = o.paths[next % o.paths.length] as string;
        next++;
        t.scheduled++;
        if (inFlight.size >= o.maxInFlight) {
          t.dropped++;
          continue;
        }
        const p = send(pool, o, path, due, t).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + (next * 1000) / o.rate - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  if (t.trace) writeFileSync(`${process.env.WEB_LOAD_TRACE}.${Date.now()}`, `${t.trace.join('\n')}\n`);
  return t.result();
}

/** Bursts: `burst` requests at once, again when all have ended (at most once a second), until stopped. */
async function bursts(o: Options): Promise<LoadResult> {
  const pool = new Pool(o.base, { connections: o.burst, pipelining: 1 });
  const t = new Tally();
  t.first = performance.now();
  const end = t.first + o.seconds * 1000;
  let stop = false;
  process.once('SIGTERM', () => (stop = true));
  let k = 0;
  while (!stop && performance.now() < end) {
    const waveStart = performance.now();
    const wave: Promise<void>[] = [];
    for (let i = 0; i < o.burst; i++, k++) {
      t.scheduled++;
      wave.push(send(pool, o, o.paths[k % o.paths.length] as string, waveStart, t));
    }
    await Promise.all(wave);
    const wait = 1000 - (performance.now() - waveStart);
    if (wait > 0 && !stop) await new Promise((r) => setTimeout(r, wait));
  }
  await pool.destroy();
  return t.result();
}

function parseArgs(argv: string[]): Options | null {
  const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const base = value('--base');
  const file = value('--paths');
  if (!base || !file || argv.includes('--help')) return null;
  const cookie = value('--cookie');
  const warm = value('--warm');
  return {
    base,
    paths: JSON.parse(readFileSync(file, 'utf8')) as string[],
    rate: Number(value('--rate') ?? 100),
    seconds: Number(value('--seconds') ?? 20),
    timeoutMs: Number(value('--timeout-ms') ?? 10_000),
    maxInFlight: Number(value('--max-in-flight') ?? 400),
    burst: Number(value('--burst') ?? 0),
    headers: cookie ? { cookie } : {},
    warm: warm
      ? {
          paths: JSON.parse(readFileSync(warm, 'utf8')) as string[],
          seconds: Number(value('--warm-seconds') ?? 1),
        }
      : null,
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!o) {
    console.log(
      'usage: node --import tsx bench/web-load.ts --base URL --paths FILE.json [--rate 100] [--seconds 20]\n' +
        '         [--timeout-ms 10000] [--max-in-flight 400] [--burst N] [--cookie C]\n' +
        '         [--warm FILE.json [--warm-seconds 1]]\n' +
        'Open loop at a fixed rate (or waves of N at once with --burst); prints one JSON line (after a\n' +
        'line {"warmed":true} when --warm paths were asked first, unmeasured).',
    );
    process.exit(process.argv.includes('--help') ? 0 : 2);
  }
  if (o.burst > 0) {
    process.stdout.write(`${JSON.stringify(await bursts(o))}\n`);
    return;
  }
  const pool = new Pool(o.base, { connections: o.maxInFlight, pipelining: 1, keepAliveTimeout: 30_000 });
  if (o.warm) {
    // The warm-up runs in this process, before the measured run: the generator's own start (loading its
    // code, compiling it as it first runs, opening connections) took most of a core for about a second, on
    // the two cores the server shares, and fell on the measured run's first second when the warm-up was a
    // process of its own. The line printed after it lets the caller start counting the server's CPU.
    await openLoop({ ...o, paths: o.warm.paths, seconds: o.warm.seconds }, pool, false);
    process.stdout.write(`${JSON.stringify({ warmed: true })}\n`);
  }
  const result = await openLoop(o, pool);
  await pool.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
