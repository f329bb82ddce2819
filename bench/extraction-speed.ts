/**
 * Extraction speed, side by side in one run on the shared pages: ours against Readability.js over
 * linkedom (the fastest JavaScript anchor) and against a bare htmlparser2 DOM parse (the floor).
 * The contenders take turns, round after round (so a slow spell of the machine hits all of them),
 * and each keeps its best round. Prints pages per second, both ratios and the peak resident memory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { extract } from '../src/pipeline/extract/extract.ts';
import { sharedBench } from './shared-data.ts';

const ROUNDS = 5;

/** A full garbage collection before every timed round, so no contender pays for another's garbage. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Pages per second of each contender, best round of ROUNDS, the contenders interleaved. */
function pagesPerSecond(pages: string[], contenders: ((html: string) => unknown)[]): number[] {
  const best = contenders.map(() => Infinity);
  for (let r = 0; r < ROUNDS; r++) {
    contenders.forEach((run, i) => {
      collectGarbage();
      const t0 = performance.now();
      for (const html of pages) run(html);
      best[i] = Math.min(best[i] as number, performance.now() - t0);
    });
  }
  return best.map((ms) => pages.length / (ms / 1000));
}

/** Runs the benchmark and returns its one-line result. */
export function runExtractionSpeedBench(): string {
  const dir = sharedBench('extraction');
  if (!dir) return 'extraction-speed skipped: ../shared/bench/extraction not found';
  const pages = readdirSync(join(dir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => gunzipSync(readFileSync(join(dir, 'html', f))).toString('utf8'));
  const [ours, readability, floor] = pagesPerSecond(pages, [
    (html) => extract({ url: 'https://example.org/', html }, { maxChars: 50_000_000 }),
    (html) => new Readability(parseHTML(html).document as never).parse(),
    (html) => parseDocument(html),
  ]) as [number, number, number];
  const rss = process.resourceUsage().maxRSS / 1024;
  return `extraction-speed ours ${ours.toFixed(0)} pages/s | readability+linkedom ${readability.toFixed(0)} pages/s (ours ${(ours / readability).toFixed(1)}× faster) | htmlparser2 parse floor ${floor.toFixed(0)} pages/s (ours ${(floor / ours).toFixed(1)}× slower) | peak RSS ${rss.toFixed(0)} MB`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runExtractionSpeedBench());
