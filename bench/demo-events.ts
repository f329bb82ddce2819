/** Demo benchmark: the fictional demo corpus through the whole pipeline, scored against data/demo/gold.json. */
import { openStore } from '../src/storage/store.ts';
import { DEMO_DIR, HOLDOUT_DIR, formatDemoScores, ingestDemo, readDemoGold, scoreDemo } from './demo-score.ts';

async function scoreCorpus(name: string, dir: string): Promise<string> {
  const store = await openStore(':memory:');
  try {
    const t0 = performance.now();
    await ingestDemo(store, dir);
    const ms = performance.now() - t0;
    return `${name} ${formatDemoScores(await scoreDemo(store, readDemoGold(dir)))} | ${(ms / 1000).toFixed(1)} s`;
  } finally {
    await store.close();
  }
}

/** Runs the benchmark on the demo corpus and the held-out corpus; returns two lines. */
export async function runDemoBench(): Promise<string> {
  return `${await scoreCorpus('demo', DEMO_DIR)}\n${await scoreCorpus('holdout', HOLDOUT_DIR)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runDemoBench());
