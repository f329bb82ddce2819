/**
 * Time normalisation on the demo corpus against hand labels (data/demo/gold-times.json, made by
 * reading each report; see its README): each labelled expression must be found and resolved to the
 * right day or interval (first and last day). The analysed text is the title, a blank line and the
 * extracted body — the text the labels were made on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleInput } from '../src/domain/article.ts';
import { analyze } from '../src/pipeline/analyze/analyze.ts';
import { extract } from '../src/pipeline/extract/extract.ts';
import { ROOT } from './shared-data.ts';

interface GoldTime {
  reportId: string;
  text: string;
  occurrence: number;
  start: string;
  end: string;
  precision: string;
}

/** Index of the n-th occurrence of `needle`, or -1. */
function nth(hay: string, needle: string, n: number): number {
  let at = -1;
  for (let k = 0; k <= n; k++) {
    at = hay.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** Runs the benchmark; returns its line and the misses (for development). */
export function scoreTimes(): { line: string; misses: string[] } {
  const gold = JSON.parse(readFileSync(join(ROOT, 'data', 'demo', 'gold-times.json'), 'utf8')) as GoldTime[];
  const reports = new Map(
    readFileSync(join(ROOT, 'data', 'demo', 'reports.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const r = JSON.parse(l) as ArticleInput & { id: string };
        return [r.id, r] as const;
      }),
  );
  const analysed = new Map<string, { text: string; times: ReturnType<typeof analyze>['times'] }>();
  let right = 0;
  let found = 0;
  const misses: string[] = [];
  for (const g of gold) {
    let a = analysed.get(g.reportId);
    if (!a) {
      const input = reports.get(g.reportId) as ArticleInput;
      const r = extract(input, { maxChars: 10_000_000 });
      const body = r.kind === 'ok' ? r.article.text : '';
      const title = input.title ?? (r.kind === 'ok' ? r.article.title : null) ?? '';
      const text = title ? `${title}\n\n${body}` : body;
      a = { text, times: analyze({ id: g.reportId, text, publishedAt: input.publishedAt ?? null }).times };
      analysed.set(g.reportId, a);
    }
    const at = nth(a.text, g.text, g.occurrence);
    if (at < 0) {
      misses.push(`${g.reportId} "${g.text}": not in the extracted text`);
      continue;
    }
    const end = at + g.text.length;
    const overlapping = a.times.filter((t) => t.start < end && at < t.end);
    const best = overlapping.sort(
      (x, y) => Math.min(y.end, end) - Math.max(y.start, at) - (Math.min(x.end, end) - Math.max(x.start, at)),
    )[0];
    if (!best) {
      misses.push(`${g.reportId} "${g.text}" (${g.start}..${g.end}): not found`);
      continue;
    }
    found++;
    const s = best.value.start.slice(0, 10);
    const e = new Date(Date.parse(best.value.end) - 1).toISOString().slice(0, 10);
    if (s === g.start && e === g.end) right++;
    else
      misses.push(
        `${g.reportId} "${g.text}" → "${best.text}" ${s}..${e} ≠ ${g.start}..${g.end} (${g.precision})`,
      );
  }
  return {
    line: `analyze-times demo: ${right}/${gold.length} right (${(right / gold.length).toFixed(3)}), found ${found}`,
    misses,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { line, misses } = scoreTimes();
  console.log(line);
  if (process.argv.includes('--misses')) for (const m of misses) console.log(`  ${m}`);
}
