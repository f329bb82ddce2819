/** The NER sets of ../shared/data/ner: reading, aligning gold spans to tokens, and exact-span scoring. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NerLabel, NerSpan } from '../src/pipeline/analyze/ner-tagger.ts';
import { tokenize, type Token } from '../src/pipeline/analyze/ner-tokens.ts';
import { ROOT } from './shared-data.ts';

export interface NerRecord {
  id: string;
  text: string;
  entities: { type: string; start: number; end: number }[];
}

export const NER_DIR = join(ROOT, '..', 'shared', 'data', 'ner');

export function nerDataAvailable(): boolean {
  return existsSync(join(NER_DIR, 'uner_en_pud.jsonl'));
}

export function readNer(file: string): NerRecord[] {
  return readFileSync(join(NER_DIR, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as NerRecord);
}

const LABELS = new Set(['PER', 'ORG', 'LOC']);

/** Gold spans of a record (MISC dropped: the product tags PER, ORG and LOC here). */
export function goldSpans(r: NerRecord): NerSpan[] {
  return r.entities
    .filter((e) => LABELS.has(e.type))
    .map((e) => ({ start: e.start, end: e.end, label: e.type as NerLabel }));
}

/** BIO tags for the tokens from gold spans; counts spans whose edges fall inside a token. */
export function goldTags(tokens: Token[], spans: NerSpan[]): { tags: string[]; misaligned: number } {
  const tags = tokens.map(() => 'O');
  let misaligned = 0;
  for (const s of spans) {
    const inside = tokens
      .map((t, i) => [t, i] as const)
      .filter(([t]) => t.start >= s.start && t.end <= s.end);
    if (!inside.length || inside[0]?.[0].start !== s.start || inside.at(-1)?.[0].end !== s.end) misaligned++;
    inside.forEach(([, i], k) => (tags[i] = `${k === 0 ? 'B' : 'I'}-${s.label}`));
  }
  return { tags, misaligned };
}

export interface NerScore {
  f1: number;
  precision: number;
  recall: number;
  byType: Record<NerLabel, { f1: number; precision: number; recall: number; gold: number }>;
}

/** Exact-span micro scores over PER, ORG, LOC (`predict` is also given the record, for sets that score part of a text). */
export function scoreNer<R extends NerRecord>(
  records: R[],
  predict: (text: string, record: R) => NerSpan[],
): NerScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const per: Record<string, { tp: number; fp: number; fn: number }> = {
    PER: { tp: 0, fp: 0, fn: 0 },
    ORG: { tp: 0, fp: 0, fn: 0 },
    LOC: { tp: 0, fp: 0, fn: 0 },
  };
  for (const r of records) {
    const gold = new Set(goldSpans(r).map((s) => `${s.start}:${s.end}:${s.label}`));
    const pred = new Set(predict(r.text, r).map((s) => `${s.start}:${s.end}:${s.label}`));
    for (const p of pred) {
      const label = p.split(':')[2] as string;
      if (gold.has(p)) {
        tp++;
        (per[label] as { tp: number }).tp++;
      } else {
        fp++;
        if (per[label]) (per[label] as { fp: number }).fp++;
      }
    }
    for (const g of gold) {
      if (!pred.has(g)) {
        fn++;
        (per[g.split(':')[2] as string] as { fn: number }).fn++;
      }
    }
  }
  const f = (a: { tp: number; fp: number; fn: number }) => (a.tp ? (2 * a.tp) / (2 * a.tp + a.fp + a.fn) : 0);
  return {
    f1: f({ tp, fp, fn }),
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
    byType: Object.fromEntries(
      Object.entries(per).map(([k, v]) => [
        k,
        {
          f1: f(v),
          precision: v.tp / Math.max(1, v.tp + v.fp),
          recall: v.tp / Math.max(1, v.tp + v.fn),
          gold: v.tp + v.fn,
        },
      ]),
    ) as NerScore['byType'],
  };
}

export function tokensOf(text: string): Token[] {
  return tokenize(text);
}
