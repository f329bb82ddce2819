/**
 * Sentence certainty against hand labels (bench/data/certainty.json: sentences of the three fictional
 * corpora, labelled by reading; see its README): accuracy, per-class recall and macro F1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertaintyLevel } from '../src/domain/analysis.ts';
import { sentenceCertainty } from '../src/pipeline/analyze/certainty.ts';
import { ROOT } from './shared-data.ts';

interface Labelled {
  corpus: string;
  reportId: string;
  sentence: string;
  level: CertaintyLevel;
}

const LEVELS: CertaintyLevel[] = ['certain', 'likely', 'possible', 'attributed', 'denied'];

export function scoreCertainty(): { line: string; misses: string[] } {
  const gold = JSON.parse(readFileSync(join(ROOT, 'bench', 'data', 'certainty.json'), 'utf8')) as Labelled[];
  const confusion = new Map<string, number>();
  let right = 0;
  const misses: string[] = [];
  for (const g of gold) {
    const got = sentenceCertainty(g.sentence);
    confusion.set(`${g.level}>${got.level}`, (confusion.get(`${g.level}>${got.level}`) ?? 0) + 1);
    if (got.level === g.level) right++;
    else misses.push(`${g.level} → ${got.level} [${got.cues.join(', ')}]: ${g.sentence}`);
  }
  const f1s = LEVELS.map((l) => {
    const tp = confusion.get(`${l}>${l}`) ?? 0;
    const gold = LEVELS.reduce((n, p) => n + (confusion.get(`${l}>${p}`) ?? 0), 0);
    const pred = LEVELS.reduce((n, t) => n + (confusion.get(`${t}>${l}`) ?? 0), 0);
    return { l, recall: gold ? tp / gold : 0, f1: tp ? (2 * tp) / (gold + pred) : 0, gold };
  });
  const macro = f1s.reduce((s, x) => s + x.f1, 0) / LEVELS.length;
  const line = `analyze-certainty ${gold.length} sentences: accuracy ${(right / gold.length).toFixed(3)}, macro F1 ${macro.toFixed(3)} | recall ${f1s.map((x) => `${x.l} ${x.recall.toFixed(2)} (${x.gold})`).join(', ')}`;
  return { line, misses };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { line, misses } = scoreCertainty();
  console.log(line);
  if (process.argv.includes('--misses')) for (const m of misses) console.log(`  ${m}`);
}
