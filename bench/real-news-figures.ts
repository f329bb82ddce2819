/**
 * Disputed figures on real news (issue 17, Figures): the ECB+ articles and the seeds ingested through
 * the real pipeline, each gold event mapped to the predicted event holding most of its articles, and
 * the disputes over counts of people found there scored against bench/data/real-news/figures.json:
 *   - found: a labelled dispute (event, kind) whose predicted event has a dispute over that kind;
 *   - invented: a dispute over a count of people on an event and kind not labelled disputed or
 *     unscored (labelled as agreeing, or giving no such count).
 * Figures on the report half (bench/real-news-split.ts), the tune half printed beside, marked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispute } from '../src/domain/assessment.ts';
import { goldEvents, ingestSet, mapGold, type RealNewsSet } from './real-news-ingest.ts';
import { halfOf, type Half } from './real-news-split.ts';
import { ROOT } from './shared-data.ts';

interface KindLabel {
  status: 'disputed' | 'no-dispute' | 'unscored';
  values: string[];
}
interface Labels {
  kinds: string[];
  events: Record<string, { kinds: Record<string, KindLabel> }>;
}

interface Tally {
  disputed: number;
  found: number;
  invented: string[];
  missed: string[];
}

/** Runs the benchmark on ECB+ and the seeds; returns its lines. */
export async function runRealNewsFiguresBench(): Promise<string> {
  const labels = JSON.parse(readFileSync(join(ROOT, 'bench/data/real-news/figures.json'), 'utf8')) as Labels;
  const tally: Record<Half, Tally> = {
    report: { disputed: 0, found: 0, invented: [], missed: [] },
    tune: { disputed: 0, found: 0, invented: [], missed: [] },
  };
  const lines: string[] = [];
  for (const set of ['ecb', 'seeds'] as RealNewsSet[]) {
    const t0 = performance.now();
    const store = await ingestSet(set);
    if (!store) {
      lines.push(`real-news figures: ${set} skipped (shared data not found)`);
      continue;
    }
    try {
      const gold = goldEvents(set, (p) => readFileSync(p, 'utf8'));
      const mapped = mapGold(gold, await store.events.assignments());
      const halfOfEvent = new Map(Object.entries(gold).map(([a, g]) => [g, halfOf(a)]));
      for (const [g, predicted] of [...mapped].sort()) {
        const half = halfOfEvent.get(g) as Half;
        const disputes = ((await store.events.history(predicted)).at(-1)?.disputes ?? []).filter((d) =>
          labels.kinds.includes(d.field),
        );
        score(tally[half], g, labels.events[g]?.kinds ?? {}, disputes);
      }
      lines.push(`real-news figures: ${set} ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } finally {
      await store.close();
    }
  }
  for (const half of ['report', 'tune'] as Half[]) {
    const t = tally[half];
    const rate = t.disputed ? (t.found / t.disputed).toFixed(3) : 'n/a';
    lines.push(
      `real-news figures ${half === 'tune' ? 'tune (rules written here)' : 'report'}: disputes found ${t.found}/${t.disputed} (${rate}, target ≥ 0.90) invented ${t.invented.length} (target 0)`,
      ...t.missed.map((m) => `  ${half} missed: ${m}`),
      ...t.invented.map((m) => `  ${half} invented: ${m}`),
    );
  }
  return lines.join('\n');
}

function score(t: Tally, event: string, kinds: Record<string, KindLabel>, disputes: Dispute[]): void {
  for (const [kind, label] of Object.entries(kinds)) {
    if (label.status !== 'disputed') continue;
    t.disputed++;
    if (disputes.some((d) => d.field === kind)) t.found++;
    else t.missed.push(`${event} ${kind} (${label.values.join(' / ')})`);
  }
  for (const d of disputes) {
    const status = kinds[d.field]?.status;
    if (status === 'disputed' || status === 'unscored') continue;
    t.invented.push(
      `${event} ${d.field}: ${d.values.map((v) => `${v.value} [${v.articleIds.join(' ')}]`).join(' vs ')}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runRealNewsFiguresBench());
