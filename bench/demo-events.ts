/** Demo benchmark: the fictional demo corpus through the whole pipeline, scored against data/demo/gold.json. */
import { openStore } from '../src/storage/store.ts';
import { formatDemoScores, ingestDemo, readDemoGold, scoreDemo } from './demo-score.ts';

/** Runs the benchmark and returns its one-line result. */
export async function runDemoBench(): Promise<string> {
  const store = await openStore(':memory:');
  try {
    const t0 = performance.now();
    await ingestDemo(store);
    const ms = performance.now() - t0;
    return `demo ${formatDemoScores(await scoreDemo(store, readDemoGold()))} | ${(ms / 1000).toFixed(1)} s`;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runDemoBench());
