/**
 * Cost of the copy lookup as the store grows: the time to find a new report's copy candidates in the
 * copy index (storage/copy-index.ts: MinHash bands in SQLite) and check them on their shingles, per
 * report, with 10,000 and then up to 1,000,000 stored reports, in one run. Prints the ratio of the
 * per-report time at the largest size to that at 10,000 (target: within 2×), the memory and the
 * database size.
 *
 * Stored reports are synthetic fingerprints: 250 shingle hashes each, 95% unique to the report and 5%
 * drawn from a pool of 10,000 stock phrases by a Zipf law (boilerplate, common quotes), so common
 * shingles collide across reports as they do in news. Half the queries are reprints of stored reports
 * (70% of the origin's shingles kept, 25% new), half are new texts.
 *   npx tsx bench/provenance-scale.ts [--max 1000000] [--queries 400]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bandKeys } from '../src/lib/minhash.ts';
import { mix32, mulberry32 } from '../src/lib/random.ts';
import { containment } from '../src/pipeline/provenance/shingles.ts';
import { packShingles } from '../src/storage/copy-index.ts';
import { openStore } from '../src/storage/store.ts';

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const MAX = arg('--max', 1_000_000);
const QUERIES = arg('--queries', 400);
const SHINGLES = 250;
const STOCK = 10_000;

const generator = mulberry32;

/** Stock phrases by a Zipf law: phrase k drawn with weight 1/k. */
const stock = Uint32Array.from(
  { length: STOCK },
  (_, i) => (Math.imul(i + 1, 0x9e3779b1) ^ 0x5bd1e995) >>> 0,
);
const zipfCdf = (() => {
  const w = Array.from({ length: STOCK }, (_, k) => 1 / (k + 1));
  const total = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return Float64Array.from(w, (x) => (acc += x / total));
})();
function stockPhrase(r: number): number {
  let lo = 0;
  let hi = STOCK - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((zipfCdf[mid] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return stock[lo] as number;
}

const mix = mix32;

/**
 * Value i of stream n: a hash of the pair, so streams never overlap (a small-state generator seeded per
 * report repeats its sequence across a million reports, making near-copies by accident).
 */
function draw(n: number, i: number): number {
  return (
    mix((mix(n ^ 0x9e3779b9) + Math.imul(i + 1, 0x27d4eb2f)) >>> 0) ^ mix(Math.floor(n / 4294967296) + i)
  );
}

/** The shingle hashes of synthetic report n (the same n gives the same report). */
function report(n: number): number[] {
  const set = new Set<number>();
  for (let i = 0; set.size < SHINGLES; i++) {
    const h = draw(n, i) >>> 0;
    set.add(h % 1000 < 50 ? stockPhrase(draw(n, i + 1_000_000) / 4294967296) : h);
  }
  return [...set].sort((a, b) => a - b);
}

/** A reprint of stored report n: 70% of its shingles kept, 25% new ones. */
function reprintOf(n: number, seed: number): number[] {
  const kept = report(n).filter((_, i) => draw(seed, i) % 100 < 70);
  const set = new Set(kept);
  for (let i = 0; set.size < kept.length + Math.round(SHINGLES * 0.25); i++)
    set.add(draw(seed + 0x40000000, i) >>> 0);
  return [...set].sort((a, b) => a - b);
}

/** Adds reports [from, to) to the index with the same rows CopyIndex.put writes, in large transactions. */
function fill(path: string, from: number, to: number): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const addPrint = db.prepare(
    'insert into copy_fingerprints (id, article_id, outlet_id, published_at, shingles) values (?, ?, ?, ?, ?)',
  );
  const addBand = db.prepare('insert or ignore into copy_bands (band_key, fingerprint_id) values (?, ?)');
  const batch = db.transaction((a: number, b: number) => {
    const bands: [number, number][] = [];
    for (let n = a; n < b; n++) {
      const shingles = report(n);
      addPrint.run(
        n + 1,
        `r${n}`,
        `outlet-${n % 5000}.example`,
        '2025-01-01T00:00:00Z',
        packShingles(shingles),
      );
      for (const k of bandKeys(shingles)) bands.push([k, n + 1]);
    }
    // In key order: the index grows by appends within each batch instead of random inserts (faster set-up only).
    bands.sort((x, y) => x[0] - y[0]);
    for (const [k, id] of bands) addBand.run(k, id);
  });
  const t0 = performance.now();
  for (let n = from; n < to; n += 20_000) {
    batch(n, Math.min(to, n + 20_000));
    process.stderr.write(
      `\r  indexed ${Math.min(to, n + 20_000).toLocaleString('en')} reports (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  process.stderr.write('\n');
  db.close();
}

/** Times the copy lookup of the queries through the store's copy index; returns µs per report and copies found. */
async function measure(
  path: string,
  stored: number,
): Promise<{ us: number; found: number; falses: number; candidates: number }> {
  const store = await openStore(path);
  try {
    const rand = generator(stored + 17);
    const queries: { shingles: number[]; origin: string | null }[] = [];
    for (let q = 0; q < QUERIES; q++) {
      if (q % 2 === 0) {
        const n = Math.floor(rand() * stored);
        queries.push({ shingles: reprintOf(n, 2 ** 40 + q + stored), origin: `r${n}` });
      } else queries.push({ shingles: report(2 ** 41 + stored + q), origin: null });
    }
    let found = 0;
    let falses = 0;
    let candidates = 0;
    // Three timed rounds over the same queries, the best kept (the first also warms the code and the cache).
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      found = 0;
      falses = 0;
      candidates = 0;
      const t0 = performance.now();
      for (const q of queries) {
        const cands = await store.articles.copyCandidates(q.shingles);
        candidates += cands.length;
        const copies = cands
          .filter((c) => containment(q.shingles, c.shingles) >= 0.5)
          .map((c) => c.articleId);
        if (q.origin && copies.includes(q.origin)) found++;
        falses += copies.filter((c) => c !== q.origin).length;
      }
      best = Math.min(best, performance.now() - t0);
    }
    return { us: (best * 1000) / queries.length, found, falses, candidates: candidates / queries.length };
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'corroborate-scale-'));
const path = join(dir, 'scale.db');
try {
  (await openStore(path)).close(); // the real schema, by the real migrations
  const sizes = [10_000, 100_000, 1_000_000].filter((s) => s <= MAX);
  if (!sizes.includes(MAX)) sizes.push(MAX);
  const results: { stored: number; us: number }[] = [];
  let have = 0;
  for (const size of sizes) {
    fill(path, have, size);
    have = size;
    const m = await measure(path, size);
    results.push({ stored: size, us: m.us });
    const dbMb = statSync(path).size / 1024 / 1024;
    console.log(
      `provenance-scale stored ${size.toLocaleString('en')}: ${m.us.toFixed(0)} µs per report (${m.candidates.toFixed(1)} candidates checked), reprints found ${m.found}/${QUERIES / 2}, false copies ${m.falses} | RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (the memory-mapped database's pages included), JS heap ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB, database ${dbMb.toFixed(0)} MB`,
    );
  }
  const first = results[0] as { us: number };
  const last = results.at(-1) as { stored: number; us: number };
  console.log(
    `provenance-scale ratio ${(last.us / first.us).toFixed(2)}× per-report lookup time at ${last.stored.toLocaleString('en')} vs 10,000 stored (target ≤ 2×) | peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
