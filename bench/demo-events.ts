/** Demo benchmark: the fictional demo corpus through the whole pipeline, scored against data/demo/gold.json. */
import { openStore } from '../src/storage/store.ts';
import {
  DEMO_DIR,
  HOLDOUT_2_DIR,
  HOLDOUT_DIR,
  formatDemoScores,
  ingestDemo,
  readDemoGold,
  scoreDemo,
} from './demo-score.ts';

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

/** Runs the benchmark on the demo corpus and the two held-out corpora; returns three lines. */
export async function runDemoBench(): Promise<string> {
  return [
    await scoreCorpus('demo', DEMO_DIR),
    await scoreCorpus('holdout', HOLDOUT_DIR),
    await scoreCorpus('holdout-2', HOLDOUT_2_DIR),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runDemoBench());
