/**
 * Event-resolution benchmark: the shared ECB+ development half (look-alike events), ingested through
 * the real pipeline into an in-memory database; B-cubed F1 by the shared scorer.
 * Prints one line: "events b3_f1 … b3_precision … b3_recall … pairwise_f1 … | reference: topics merged 0.683, TF-IDF ≈ 0.84".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { ingest } from '../src/run/ingest.ts';
import { openStore } from '../src/storage/store.ts';
import { ROOT, sharedBench } from './shared-data.ts';

/** Runs the benchmark and returns its one-line result. */
export async function runEventsBench(): Promise<string> {
  const dir = sharedBench('events');
  if (!dir) return 'events skipped: ../shared/bench/events not found';
  const store = await openStore(':memory:');
  const t0 = performance.now();
  try {
    await ingest({ store, config: parseConfig({}), clock: systemClock() }, readInputs([join(dir, 'ecbplus-dev.jsonl')], 1e9).inputs);
    const outDir = join(ROOT, 'bench', '.out');
    mkdirSync(outDir, { recursive: true });
    const pred = join(outDir, 'events-assignments.json');
    writeFileSync(pred, JSON.stringify(await store.events.assignments()));
    const line = execFileSync(process.execPath, [join(dir, 'score.mjs'), pred, join(dir, 'ecbplus-dev.gold.json')], { encoding: 'utf8' }).trim();
    return `events ${line} | ${((performance.now() - t0) / 1000).toFixed(1)} s | reference: topics merged 0.683, streaming TF-IDF ≈ 0.84, target 0.95`;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runEventsBench());
