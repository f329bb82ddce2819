/**
 * Memory over a long run: the whole analysis over 100 MB of news text (the demo corpus's reports,
 * repeated with their numbers changed so caches see new strings), printing the resident memory and
 * live heap after every 10 MB. Flat figures mean nothing grows with the input.
 *   npx tsx bench/analyze-memory.ts [MB]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/pipeline/analyze/analyze.ts';
import { ROOT } from './shared-data.ts';

export function runAnalyzeMemoryBench(totalMb = 100): string {
  const reports = readFileSync(join(ROOT, 'data', 'demo', 'reports.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text?: string }).text ?? '')
    .filter(Boolean);
  const marks: string[] = [];
  let bytes = 0;
  let next = 10;
  const t0 = performance.now();
  for (let round = 0; bytes < totalMb * 1024 * 1024; round++) {
    for (const text of reports) {
      // New names and figures every round, so no cache is simply hit again.
      const varied = text
        .replace(/\d+/g, (d) => String(Number(d) + round))
        .replace(/\b([A-Z][a-z]{3,})\b/g, (w) =>
          round % 7 === 0 ? w : `${w}${String.fromCharCode(97 + (round % 26))}`,
        );
      analyze({ id: 'x', text: varied, publishedAt: '2026-01-10T12:00:00Z' });
      bytes += varied.length;
      if (bytes >= next * 1024 * 1024) {
        const m = process.memoryUsage();
        marks.push(
          `${next} MB: rss ${(m.rss / 1048576).toFixed(0)} heap ${(m.heapUsed / 1048576).toFixed(0)}`,
        );
        next += 10;
      }
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return `analyze-memory ${totalMb} MB in ${seconds.toFixed(0)} s | ${marks.join(' | ')}`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(runAnalyzeMemoryBench(Number(process.argv[2]) || 100));
