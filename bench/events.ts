/**
 * Event-resolution benchmark: the shared ECB+ development half (look-alike events), ingested through
 * the real pipeline into an in-memory database; B-cubed F1 by the shared scorer.
 * Prints a line for the file order ("events b3_f1 … b3_precision … b3_recall … pairwise_f1 … | reference: …"),
 * one for each of three shuffled orders, and the largest change the order makes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { mulberry32 } from '../src/lib/random.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { ingest } from '../src/run/ingest.ts';
import { openStore } from '../src/storage/store.ts';
import { ecbWithWebAddresses, ROOT, sharedBench } from './shared-data.ts';

/** Runs the benchmark in file order and in three shuffled orders; returns its lines. */
export async function runEventsBench(): Promise<string> {
  const dir = sharedBench('events');
  if (!dir) return 'events skipped: ../shared/bench/events not found';
  const lines = [await scoreOrder(dir, null)];
  const f1s: number[] = [];
  for (const seed of [1, 2, 3]) {
    const line = await scoreOrder(dir, seed);
    f1s.push(Number(/b3_f1 ([\d.]+)/.exec(line)?.[1]));
    lines.push(line);
  }
  const base = Number(/b3_f1 ([\d.]+)/.exec(lines[0] as string)?.[1]);
  lines.push(
    `events shuffled: b3_f1 ${f1s.map((f) => f.toFixed(3)).join(' / ')}; largest change from file order ${Math.max(...f1s.map((f) => Math.abs(f - base))).toFixed(3)} (target ≤ 0.02)`,
  );
  return lines.join('\n');
}

/** Ingests the articles (in file order, or shuffled by a seed: no publication dates, so ingest keeps the order given) and scores. */
async function scoreOrder(dir: string, seed: number | null): Promise<string> {
  const store = await openStore(':memory:');
  const t0 = performance.now();
  try {
    const inputs = readInputs([ecbWithWebAddresses(dir)], 1e9).inputs;
    if (seed !== null) {
      const rand = mulberry32(seed);
      for (let i = inputs.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [inputs[i], inputs[j]] = [inputs[j] as (typeof inputs)[number], inputs[i] as (typeof inputs)[number]];
      }
    }
    await ingest({ store, config: parseConfig({}), clock: systemClock() }, inputs);
    const outDir = join(ROOT, 'bench', '.out');
    mkdirSync(outDir, { recursive: true });
    const pred = join(outDir, 'events-assignments.json');
    writeFileSync(pred, JSON.stringify(await store.events.assignments()));
    const line = execFileSync(
      process.execPath,
      [join(dir, 'score.mjs'), pred, join(dir, 'ecbplus-dev.gold.json')],
      { encoding: 'utf8' },
    ).trim();
    return `events${seed === null ? '' : ` (shuffled, seed ${seed})`} ${line} | ${((performance.now() - t0) / 1000).toFixed(1)} s${seed === null ? ' | reference: topics merged 0.683, streaming TF-IDF ≈ 0.84, target 0.95' : ''}`;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runEventsBench());
