/**
 * Wire copies on real news (bench/data/real-news/wire-copies.json, labelled by reading each report):
 * reports that carry an agency's dateline or credit line, and staff-written reports of the same news
 * (ECB+ events that have both) or of other news (extraction pages). Each report runs alone through the
 * product's extract and provenance stages against the shipped registry. Prints:
 *   - wire-credited reports traced to their wire (a credit in the lineage naming that agency);
 *   - staff reports traced to no wire (no credit in the lineage at all);
 * on the report half, the tune half beside it, marked.
 *   npx tsx bench/wire-copies.ts [--misses]   (--misses lists the tune half's failures)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameKey, productLinks, realArticles } from './real-news-credits.ts';
import { halfOf, type Half } from './real-news-split.ts';
import { ROOT } from './shared-data.ts';

interface Tally {
  wire: number;
  traced: number;
  staff: number;
  clean: number;
}

/** Runs the benchmark and returns its lines. */
export async function runWireCopiesBench(): Promise<string> {
  const texts = realArticles();
  if (!texts) return 'wire-copies skipped: ../shared/bench/events not found';
  const labels = (
    JSON.parse(readFileSync(join(ROOT, 'bench', 'data', 'real-news', 'wire-copies.json'), 'utf8')) as {
      reports: Record<string, { wire: string | null }>;
    }
  ).reports;
  const tally: Record<Half, Tally> = {
    tune: { wire: 0, traced: 0, staff: 0, clean: 0 },
    report: { wire: 0, traced: 0, staff: 0, clean: 0 },
  };
  const failures: string[] = [];
  for (const [id, label] of Object.entries(labels)) {
    const input = texts.get(id);
    if (!input) continue;
    const half = halfOf(id);
    const t = tally[half];
    const credits = productLinks(input).filter((l) => l.kind === 'credit');
    if (label.wire) {
      t.wire++;
      if (credits.some((c) => nameKey(c.outlet) === nameKey(label.wire as string))) t.traced++;
      else failures.push(`${half}\t${id}\tnot traced to ${label.wire}`);
    } else {
      t.staff++;
      if (!credits.length) t.clean++;
      else failures.push(`${half}\t${id}\tstaff report traced to ${credits.map((c) => c.outlet).join(', ')}`);
    }
  }
  const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : 'n/a');
  const lines = [
    'Wire copies on real news (bench/data/real-news/wire-copies.json; report half, tune half beside it)',
  ];
  const row = (name: string, f: (t: Tally) => string) =>
    lines.push(`  ${name.padEnd(40)} ${f(tally.report).padEnd(18)} tune: ${f(tally.tune)}`);
  row(
    'wire-credited reports traced to the wire',
    (t) => `${ratio(t.traced, t.wire)} (${t.traced}/${t.wire})`,
  );
  row('staff reports traced to no wire', (t) => `${ratio(t.clean, t.staff)} (${t.clean}/${t.staff})`);
  const shown = process.argv.find((a) => a.startsWith('--misses'));
  if (shown)
    lines.push(...failures.filter((f) => f.startsWith(shown === '--misses=report' ? 'report' : 'tune')));
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runWireCopiesBench());
