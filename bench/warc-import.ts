/**
 * WARC import throughput: a generated gzipped WARC/1.1 (request and response records for fictional
 * pages, written by test/support/warc.ts) streamed into a fresh SQLite store through the whole
 * pipeline. Prints records per second, article pages per second and the process's peak memory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { importWarc } from '../src/run/import-warc.ts';
import { openStore } from '../src/storage/store.ts';
import { writeWarc } from '../test/support/warc.ts';

const PAGES = 1000;

/** Runs the benchmark and returns its one-line result. */
export async function runWarcImportBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-warc-bench-'));
  try {
    const warc = join(dir, 'bench.warc.gz');
    const records = await writeWarc(warc, { pages: PAGES, gzip: true });
    const store = await openStore(join(dir, 'bench.db'));
    const t0 = performance.now();
    const r = await importWarc({ store, config: DEFAULT_CONFIG, clock: systemClock() }, warc);
    const seconds = (performance.now() - t0) / 1000;
    await store.close();
    const mb = statSync(warc).size / 1024 / 1024;
    return `warc-import ${records} records (${mb.toFixed(1)} MB gzipped) in ${seconds.toFixed(1)} s: ${(records / seconds).toFixed(0)} records/s, ${(r.new / seconds).toFixed(0)} articles/s (${r.new} new, ${r.failed} failed) | peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runWarcImportBench());
