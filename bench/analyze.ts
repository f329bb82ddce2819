/**
 * The analyze stage, side by side with compromise (the most used JavaScript NLP library) in one run:
 *   - entity tagging, exact-span F1 for PER, ORG and LOC on the Universal NER PUD set (news and
 *     encyclopaedia sentences, never used for training or tuning) and on the EWT test split, each
 *     beside the figures before news was added to the training data;
 *   - the same on MEANTIME English (Wikinews), named mentions of its annotated lines
 *     (bench/meantime-ner.ts), on the report half of the real-news split (the tune half, which the
 *     tagger was trained on, printed beside it, marked);
 *   - speed: our whole analysis (sentences, entities, times, quotes, numbers, certainty) against
 *     compromise's entity tagging alone, in MB of text per second on one core.
 */
import nlp from 'compromise';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/pipeline/analyze/analyze.ts';
import { meantimeAvailable, readMeantimeNer, type MeantimeArticle } from './meantime-ner.ts';
import { nerDataAvailable, readNer, scoreNer, type NerRecord, type NerScore } from './ner-data.ts';
import { halfOf } from './real-news-split.ts';
import { ROOT } from './shared-data.ts';
import type { NerSpan } from '../src/pipeline/analyze/ner-tagger.ts';

const OURS: Record<string, NerSpan['label']> = { PERSON: 'PER', ORG: 'ORG', LOCATION: 'LOC' };

function ours(text: string): NerSpan[] {
  return analyze({ id: 'x', text, publishedAt: null })
    .entities.filter((e) => OURS[e.type])
    .map((e) => ({ start: e.start, end: e.end, label: OURS[e.type] as NerSpan['label'] }));
}

/** compromise's people, organisations and places with their character offsets. */
function theirs(text: string): NerSpan[] {
  const doc = nlp(text);
  const out: NerSpan[] = [];
  for (const [view, label] of [
    [doc.people(), 'PER'],
    [doc.organizations(), 'ORG'],
    [doc.places(), 'LOC'],
  ] as const) {
    for (const m of view.json({ offset: true }) as { offset: { start: number; length: number } }[])
      out.push({ start: m.offset.start, end: m.offset.start + m.offset.length, label });
  }
  return out;
}

function mbPerSecond(texts: string[], run: (t: string) => unknown, rounds = 3): number {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const t of texts) run(t);
    best = Math.min(best, performance.now() - t0);
  }
  return bytes / 1024 / 1024 / (best / 1000);
}

/** The figures of the tagger trained without news (EWT and Wikigold only), for comparison. */
const BEFORE: Record<string, string> = {
  PUD: 'f1 0.674, PER 0.778, ORG 0.388, LOC 0.708',
  'EWT test': 'f1 0.695, PER 0.806, ORG 0.434, LOC 0.778',
  'MEANTIME report': 'f1 0.531, PER 0.674, ORG 0.423, LOC 0.647',
};

const byType = (a: NerScore, detail = false) =>
  (['PER', 'ORG', 'LOC'] as const)
    .map((t) =>
      detail
        ? `${t} ${a.byType[t].f1.toFixed(3)} (P ${a.byType[t].precision.toFixed(3)} R ${a.byType[t].recall.toFixed(3)}, ${a.byType[t].gold})`
        : `${t} ${a.byType[t].f1.toFixed(3)}`,
    )
    .join(', ');

/** Our spans in the lines MEANTIME annotates (names elsewhere in the article are not labelled). */
const inAnnotated = (spans: NerSpan[], a: MeantimeArticle) =>
  spans.filter((s) => a.annotated.some((l) => s.start >= l.start && s.end <= l.end));

/** Runs the benchmark and returns its lines. */
export function runAnalyzeBench(): string {
  const lines: string[] = [];
  if (nerDataAvailable()) {
    for (const [name, file] of [
      ['PUD', 'uner_en_pud.jsonl'],
      ['EWT test', 'uner_en_ewt_test.jsonl'],
    ] as const) {
      const records: NerRecord[] = readNer(file);
      const a = scoreNer(records, ours);
      const b = scoreNer(records, theirs);
      lines.push(
        `analyze-ner ${name} f1 ${a.f1.toFixed(3)} (P ${a.precision.toFixed(3)} R ${a.recall.toFixed(3)}; ${byType(a)}) | before ${BEFORE[name]} | compromise f1 ${b.f1.toFixed(3)}`,
      );
    }
  } else {
    lines.push('analyze-ner skipped: ../shared/data/ner not found');
  }
  if (meantimeAvailable()) {
    const articles = readMeantimeNer();
    for (const half of ['report', 'tune'] as const) {
      const part = articles.filter((r) => halfOf(r.id) === half);
      const a = scoreNer(part, (text, r) => inAnnotated(ours(text), r));
      const b = scoreNer(part, (text, r) => inAnnotated(theirs(text), r));
      const mark = half === 'tune' ? ' (tune half: trained on)' : '';
      lines.push(
        `analyze-ner MEANTIME ${half}${mark} ${part.length} articles f1 ${a.f1.toFixed(3)} (P ${a.precision.toFixed(3)} R ${a.recall.toFixed(3)}; ${byType(a, true)})${half === 'report' ? ` | before ${BEFORE['MEANTIME report']}` : ''} | compromise f1 ${b.f1.toFixed(3)}`,
      );
    }
  } else {
    lines.push('analyze-ner MEANTIME skipped: ../shared/data/meantime not found');
  }
  // Speed on news text: the demo corpus's reports, repeated to about 2 MB.
  const reports = readFileSync(join(ROOT, 'data', 'demo', 'reports.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text?: string }).text ?? '')
    .filter(Boolean);
  const texts: string[] = [];
  let size = 0;
  while (size < 2 * 1024 * 1024)
    for (const t of reports) {
      texts.push(t);
      size += t.length;
    }
  const a = mbPerSecond(texts, (t) => analyze({ id: 'x', text: t, publishedAt: '2026-01-10T12:00:00Z' }));
  const b = mbPerSecond(texts.slice(0, Math.ceil(texts.length / 4)), theirs, 1);
  lines.push(
    `analyze-speed ours ${a.toFixed(2)} MB/s (whole analysis) | compromise ${b.toFixed(2)} MB/s (entities only) | ours ${(a / b).toFixed(1)}× faster | peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runAnalyzeBench());
