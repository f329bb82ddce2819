/**
 * Extraction speed, side by side in one run on the shared pages: ours against Readability.js over
 * linkedom (the fastest JavaScript anchor) and against a bare htmlparser2 DOM parse (the floor).
 * Each contender runs over all pages, best of three rounds. Prints pages per second, both ratios
 * and the peak resident memory of the process.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { extract } from '../src/pipeline/extract/extract.ts';
import { sharedBench } from './shared-data.ts';

const ROUNDS = 3;

function pagesPerSecond(pages: string[], run: (html: string) => unknown): number {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const html of pages) run(html);
    best = Math.min(best, performance.now() - t0);
  }
  return pages.length / (best / 1000);
}

/** Runs the benchmark and returns its one-line result. */
export function runExtractionSpeedBench(): string {
  const dir = sharedBench('extraction');
  if (!dir) return 'extraction-speed skipped: ../shared/bench/extraction not found';
  const pages = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz')).map((f) => gunzipSync(readFileSync(join(dir, 'html', f))).toString('utf8'));
  const ours = pagesPerSecond(pages, (html) => extract({ url: 'https://example.org/', html }, { maxChars: 50_000_000 }));
  const readability = pagesPerSecond(pages, (html) => new Readability(parseHTML(html).document as never).parse());
  const floor = pagesPerSecond(pages, (html) => parseDocument(html));
  const rss = process.resourceUsage().maxRSS / 1024;
  return `extraction-speed ours ${ours.toFixed(0)} pages/s | readability+linkedom ${readability.toFixed(0)} pages/s (ours ${(ours / readability).toFixed(1)}× faster) | htmlparser2 parse floor ${floor.toFixed(0)} pages/s (ours ${(floor / ours).toFixed(1)}× slower) | peak RSS ${rss.toFixed(0)} MB`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runExtractionSpeedBench());
