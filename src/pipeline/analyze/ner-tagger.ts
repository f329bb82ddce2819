/**
 * The statistical entity tagger: a greedy left-to-right averaged perceptron over BIO tags for PER,
 * ORG and LOC, trained by scripts/train-ner.ts on the redistributable sets in ../shared/data/ner
 * (data/models/README.md says which, and their licences). An I- tag that cannot follow the tag
 * before it is read as B-, so every span is well formed.
 */
import { PerceptronScorer, type PerceptronModel } from './perceptron.ts';
import { nerFeatures, tokenInfo } from './ner-features.ts';
import type { Token } from './ner-tokens.ts';

export type NerLabel = 'PER' | 'ORG' | 'LOC';

export interface NerSpan {
  start: number;
  end: number;
  label: NerLabel;
}

export const NER_CLASSES = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'];

/** Repairs a predicted tag so the sequence stays well formed. */
export function legalTag(tag: string, prev: string): string {
  if (tag.startsWith('I-') && prev.slice(2) !== tag.slice(2)) return `B-${tag.slice(2)}`;
  return tag;
}

/** Greedy decoding of one sentence's tokens with a scorer. */
export function decode(tokens: Token[], score: (features: string[]) => Float64Array, classes: string[]): string[] {
  const info = tokenInfo(tokens);
  const tags: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const prev = tags[i - 1] ?? '<s>';
    const prev2 = tags[i - 2] ?? '<s>';
    const s = score(nerFeatures(tokens, info, i, prev, prev2));
    let best = 0;
    for (let c = 1; c < s.length; c++) if ((s[c] as number) > (s[best] as number)) best = c;
    tags.push(legalTag(classes[best] as string, prev));
  }
  return tags;
}

/** BIO tags over tokens → spans. */
export function spansOf(tokens: Token[], tags: string[]): NerSpan[] {
  const out: NerSpan[] = [];
  let open: NerSpan | null = null;
  tags.forEach((tag, i) => {
    const t = tokens[i] as Token;
    if (tag.startsWith('I-') && open && open.label === tag.slice(2)) {
      open.end = t.end;
      return;
    }
    if (open) out.push(open);
    open = tag === 'O' ? null : { start: t.start, end: t.end, label: tag.slice(2) as NerLabel };
  });
  if (open) out.push(open);
  return out;
}

export class NerTagger {
  private readonly scorer: PerceptronScorer;
  private readonly buffer: Float64Array;

  constructor(model: PerceptronModel) {
    this.scorer = new PerceptronScorer(model);
    this.buffer = new Float64Array(model.classes.length);
  }

  /** Entity spans in the tokens of one sentence. */
  tag(tokens: Token[]): NerSpan[] {
    return spansOf(tokens, decode(tokens, (f) => this.scorer.scores(f, this.buffer), this.scorer.classes));
  }
}
