/**
 * Copy detection on a generated corpus (bench/reprint-corpus.ts): the ECB+ development articles as
 * originals, 240 reprints of them with a new headline, paragraphs dropped and reordered and 10–30% of
 * their sentences reworded, all ingested in publication order through the whole pipeline (copy index,
 * provenance). Prints:
 *   - copies found: reprints whose lineage names their origin (or the first report of the origin's
 *     own copy chain, where the origin is itself a real ECB+ copy of an earlier article);
 *   - false copies: distinct reports of the same event called copies of one another, over all such
 *     pairs (pairs that ECB+ itself holds as copies of one wire story — 50% or more of their shingles
 *     shared — are counted apart, as copies the detector is right to find);
 *   - reprints attached to the wrong report.
 *   npx tsx bench/provenance-copies.ts [--seed N] [--reprints N]
 */
import { parseConfig } from '../src/config/config.ts';
import type { SourcedInput } from '../src/pipeline/acquire/read-inputs.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { ingest } from '../src/run/ingest.ts';
import { openStore } from '../src/storage/store.ts';
import { generateReprintCorpus, reprintCorpusAvailable, wordShingleContainment } from './reprint-corpus.ts';

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;

export interface CopiesScore {
  lines: string;
  found: number;
  reprints: number;
  falses: number;
  negatives: number;
}

/** Runs the benchmark and returns its lines. */
export async function runCopiesBench(
  seed = arg('--seed', 1),
  reprints = arg('--reprints', 240),
): Promise<string> {
  return (
    (await scoreCopies(seed, reprints))?.lines ??
    'provenance-copies skipped: ../shared/bench/events not found'
  );
}

/** Scores copy detection on a generated corpus; null when the ECB+ data is absent. */
export async function scoreCopies(seed: number, reprints: number): Promise<CopiesScore | null> {
  if (!reprintCorpusAvailable()) return null;
  const corpus = generateReprintCorpus({ seed, reprints });
  const byId = new Map(corpus.reports.map((r) => [r.id, r]));
  const inputs: SourcedInput[] = corpus.reports.map((r, i) => ({
    input: {
      id: r.id,
      url: `https://${r.outlet}/${encodeURIComponent(r.id)}`,
      outlet: r.outlet,
      publishedAt: r.publishedAt,
      title: r.title,
      text: r.text,
    },
    origin: { file: 'reprint-corpus', line: i + 1 },
  }));
  const store = await openStore(':memory:');
  try {
    const t0 = performance.now();
    await ingest({ store, config: parseConfig({}), clock: fixedClock('2026-01-01T00:00:00Z') }, inputs);
    const seconds = (performance.now() - t0) / 1000;
    const records = new Map(
      (await store.articles.records(corpus.reports.map((r) => r.id))).map((r) => [r.article.id, r]),
    );
    const copyOf = (id: string) => {
      const l = records.get(id)?.provenance.lineage.find((x) => x.kind === 'copy');
      return l?.kind === 'copy' ? l.ofArticleId : null;
    };
    // Pairs of originals that ECB+ itself holds as copies (one wire story on several sites).
    const realCopy = new Set<string>();
    for (const [a, b] of corpus.distinctSameEventPairs) {
      if (
        wordShingleContainment(
          (byId.get(a) as { text: string }).text,
          (byId.get(b) as { text: string }).text,
        ) >= 0.5
      )
        realCopy.add(`${a}|${b}`).add(`${b}|${a}`);
    }
    // The first report of a copy chain, following the found lineage (an origin may itself copy an earlier article).
    const root = (id: string) => {
      let at = id;
      for (let i = 0; i < 10; i++) {
        const next = copyOf(at);
        if (!next) break;
        at = next;
      }
      return at;
    };
    let found = 0;
    let wrong = 0;
    for (const c of corpus.copies) {
      const of = copyOf(c.reprint);
      if (!of) continue;
      if (of === c.origin || root(of) === root(c.origin) || realCopy.has(`${of}|${c.origin}`)) found++;
      else wrong++;
    }
    let falses = 0;
    let realFound = 0;
    for (const [a, b] of corpus.distinctSameEventPairs) {
      const called = copyOf(a) === b || copyOf(b) === a;
      if (realCopy.has(`${a}|${b}`)) realFound += called ? 1 : 0;
      else if (called) falses++;
    }
    const negatives = corpus.distinctSameEventPairs.length - realCopy.size / 2;
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const lines = [
      `provenance-copies ${corpus.reports.length} reports (${corpus.reports.length - corpus.copies.length} originals, ${corpus.copies.length} reprints), seed ${seed}, ingested in ${seconds.toFixed(1)} s`,
      `provenance-copies copies found ${found}/${corpus.copies.length} (${pct(found / corpus.copies.length)}; target ≥ 95%) | attached to the wrong report ${wrong}`,
      `provenance-copies distinct same-event reports called copies ${falses}/${negatives} pairs (${pct(falses / Math.max(1, negatives))}; target ≤ 1%) | ECB+ pairs that are real copies of one story: ${realFound}/${realCopy.size / 2} found`,
    ].join('\n');
    return { lines, found, reprints: corpus.copies.length, falses, negatives };
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runCopiesBench());
