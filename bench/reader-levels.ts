/**
 * A reader's source policy on the demo corpus, before and after, in one run:
 *   before — what `/api/v1/events?exclude=<outlet>` did until now: the list as without a policy, plus
 *            every listed event assessed again for the reader (assessForReader, report texts reloaded);
 *   after  — the same request served from the support stored with each assessment (run/reader-levels.ts),
 *            the first time for a policy (cold: one batched read, no cache) and again (warm: cached).
 * Each outlet with reports is left out in turn; medians are printed with the ratios.
 *   npx tsx bench/reader-levels.ts [--rounds N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/config/config.ts';
import { assessForReader } from '../src/run/assess-events.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { openStore } from '../src/storage/store.ts';
import { ingestDemo } from './demo-score.ts';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const dir = mkdtempSync(join(tmpdir(), 'corroborate-reader-levels-'));
const store = await openStore(join(dir, 'demo.sqlite'));
try {
  await ingestDemo(store);
  const app = createApp(depsFor(store));
  const cfg = parseConfig({}).confidence;
  const list = async (url: string) => {
    const t = performance.now();
    const r = await app.inject({ url });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
    return { ms: performance.now() - t, events: (r.json() as { events: EventJson[] }).events };
  };
  const { events } = await list('/api/v1/events?limit=200');
  const outletIds = [
    ...new Set(
      [...(await store.events.latestAssessmentsOf(events.map((e) => e.id))).values()].flatMap(
        (a) => a.support?.reports.map((r) => r.outletId) ?? [],
      ),
    ),
  ].sort();
  const before: number[] = [];
  const none: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  let differ = 0;
  for (let round = 0; round < rounds; round++)
    for (const outlet of outletIds) {
      // Before: the list as without a policy, then each listed event assessed again (the old withReaderLevels).
      const plain = await list('/api/v1/events?limit=200');
      const t = performance.now();
      const old = new Map<string, string>();
      for (const e of plain.events) {
        const a = await assessForReader(store, e.id, { exclude: [outlet], lower: [] }, cfg, 'now');
        old.set(e.id, `${a.level}/${a.sources.length}`);
      }
      none.push(plain.ms);
      before.push(plain.ms + performance.now() - t);
      // After: a policy not asked for before in this round (each round adds a lowered outlet to make it new).
      const url = `/api/v1/events?limit=200&exclude=${outlet}${round ? `&lower=${outletIds[round % outletIds.length]}` : ''}`;
      const first = await list(url);
      cold.push(first.ms);
      warm.push((await list(url)).ms);
      if (!round)
        differ += first.events.filter((e) => old.get(e.id) !== `${e.level}/${e.independentSources}`).length;
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const b = median(before);
  const c = median(cold);
  const w = median(warm);
  console.log(
    `demo: ${events.length} events, ${outletIds.length} outlets left out in turn, ${rounds} rounds (${before.length} requests each way)`,
  );
  console.log(`GET /api/v1/events?exclude=<outlet>  median ms`);
  console.log(`  no policy (the list alone):                ${median(none).toFixed(1)}`);
  console.log(`  before (list + assessForReader per event): ${b.toFixed(1)}`);
  console.log(`  after, first time for the policy (cold):   ${c.toFixed(1)}   ${(b / c).toFixed(1)}x faster`);
  console.log(`  after, asked again (cached):               ${w.toFixed(1)}   ${(b / w).toFixed(1)}x faster`);
  console.log(`events whose level or source count differ between before and after: ${differ}`);
  await app.close();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
