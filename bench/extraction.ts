/**
 * Extraction benchmark: our extractor on the shared real pages, scored by the shared scorer
 * (4-token-shingle F1 of the article body), printed beside the anchors measured on the same pages.
 * Prints one line: "extraction f1 … precision … recall … pages … | readability_js f1 … | trafilatura f1 …".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from '../src/pipeline/extract/extract.ts';
import { ROOT, sharedBench } from './shared-data.ts';

/** Runs the benchmark and returns its one-line result. */
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
  }
  const outDir = join(ROOT, 'bench', '.out');
  mkdirSync(outDir, { recursive: true });
  const predPath = join(outDir, 'extraction.json');
  writeFileSync(predPath, JSON.stringify(out));
  const score = (p: string) =>
    execFileSync(process.execPath, [join(dir, 'score.mjs'), p, '--split', 'dev'], {
      encoding: 'utf8',
    }).trim();
  const f1 = (line: string) => /f1 ([\d.]+)/.exec(line)?.[1] ?? '?';
  const ours = score(predPath);
  const anchors = ['readability_js', 'trafilatura'].map(
    (a) => `${a} f1 ${f1(score(join(dir, 'anchors', `${a}.json`)))}`,
  );
  return `extraction ${ours} | ${anchors.join(' | ')} | ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s, slowest page ${slowest.toFixed(0)} ms`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runExtractionBench());
