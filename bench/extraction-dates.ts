/**
 * Publication dates on the shared real pages against hand-made labels (bench/data/extraction-dates.json,
 * labelled from the pages independently of the extractor). Coverage: share of dated pages where we find a
 * date; accuracy: share of those found whose day is right. Prints one line.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from '../src/pipeline/extract/extract.ts';
import { ROOT, sharedBench } from './shared-data.ts';

const LABELS = join(ROOT, 'bench', 'data', 'extraction-dates.json');

/** Runs the benchmark and returns its one-line result. */
export function runExtractionDatesBench(): string {
  const dir = sharedBench('extraction');
  if (!dir || !existsSync(LABELS))
    return 'extraction-dates skipped: shared pages or bench/data/extraction-dates.json missing';
  const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as Record<string, { date: string | null }>;
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string }
  >;
  let dated = 0;
  let found = 0;
  let right = 0;
  let falseOnUndated = 0;
  const wrong: string[] = [];
  for (const f of readdirSync(join(dir, 'html')).filter((x) => x.endsWith('.html.gz'))) {
    const key = f.replace(/\.html\.gz$/, '');
    const label = labels[key];
    if (!label) continue;
    const html = gunzipSync(readFileSync(join(dir, 'html', f))).toString('utf8');
    const r = extract({ url: truth[key]?.url ?? `urn:page:${key}`, html }, { maxChars: 50_000_000 });
    const day = r.kind === 'ok' && r.article.publishedAt ? r.article.publishedAt.slice(0, 10) : null;
    if (label.date === null) {
      if (day) falseOnUndated++;
      continue;
    }
    dated++;
    if (!day) continue;
    found++;
    if (day === label.date) right++;
    else wrong.push(`${key.slice(0, 8)}:${day}≠${label.date}`);
  }
  const pct = (a: number, b: number) => (b ? (a / b).toFixed(3) : 'n/a');
  return `extraction-dates coverage ${pct(found, dated)} accuracy ${pct(right, found)} (dated pages ${dated}, found ${found}, right ${right}; dates given to undated pages ${falseOnUndated})${wrong.length ? ` | wrong: ${wrong.slice(0, 6).join(' ')}` : ''}`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runExtractionDatesBench());
