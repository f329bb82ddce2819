/**
 * The statistical entity tagger: a greedy left-to-right averaged perceptron over BIO tags for PER,
 * ORG and LOC, trained by scripts/train-ner.ts on the redistributable sets in ../shared/data/ner
 * (data/models/README.md says which, and their licences). An I- tag that cannot follow the tag
 * before it is read as B-, so every span is well formed.
 */
import { PerceptronScorer, type PackedModel, type PerceptronModel } from './perceptron.ts';
import {
  gazFeatures,
  nerFeatures,
  next2Features,
  nextFeatures,
  prev2Features,
  prevFeatures,
  selfFeatures,
  shape,
  shapeTripleFeatures,
  tagNextFeatures,
  tagPairFeatures,
  tagWordFeatures,
  tokenInfo,
  wordPairFeatures,
  BOUNDARY_AFTER,
  BOUNDARY_BEFORE,
} from './ner-features.ts';
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
export function decode(
  tokens: Token[],
  score: (features: string[]) => Float64Array,
  classes: string[],
): string[] {
  const info = tokenInfo(tokens);
  const tags: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const prev = tags[i - 1] ?? '<s>';
    const prev2 = tags[i - 2] ?? '<s>';
    if (settledOutside(prev, (tokens[i] as Token).text)) {
      tags.push('O'); // the same shortcut as NerTagger.tag
      continue;
    }
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

/**
 * True when the tagger gives token text `word` after tag `prev` an O without scoring it: after an O,
 * a word that does not start with a capital (a lower-case word, a number, a mark) opens no name in
 * news copy. Training skips the same tokens, so the model's weights are spent on the words it decides.
 */
export function settledOutside(prev: string, word: string): boolean {
  return prev === 'O' && !isUpper(word.charCodeAt(0));
}

/** True for an upper-case letter's code (ASCII fast, others through the case mapping). */
function isUpper(code: number): boolean {
  if (code >= 65 && code <= 90) return true;
  if (code < 128) return false;
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase();
}

/** Cached scores of one feature group by its key, cleared when it grows past a bound (memory stays flat). */
class GroupCache {
  private readonly map = new Map<string, Float64Array>();
  constructor(
    private readonly scorer: PerceptronScorer,
    private readonly features: (key: string) => string[],
    private readonly max = 100_000,
  ) {}

  get(key: string): Float64Array {
    let v = this.map.get(key);
    if (!v) {
      v = this.scorer.scores(this.features(key), new Float64Array(this.scorer.classes.length));
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}

/** Stands for "no word here" (before the first token, after the last) in cache keys. */
const NONE = '\u0000';
const orNull = (k: string): string | null => (k === NONE ? null : k);

/**
 * The tagger at run time. It reads exactly the features of nerFeatures, but sums most of them from
 * caches keyed by one word (a word's own features, or its features as the neighbour before or after),
 * so each token costs a handful of lookups instead of some forty.
 */
export class NerTagger {
  private readonly scorer: PerceptronScorer;
  private readonly self: GroupCache;
  private readonly prev: GroupCache;
  private readonly prev2: GroupCache;
  private readonly next: GroupCache;
  private readonly next2: GroupCache;
  private readonly gaz: GroupCache;
  /** Tag features split by what they depend on: the two tags; the tag and the word; the tag and the next shape. */
  private readonly tags2: GroupCache;
  private readonly shapes3: GroupCache;
  private readonly acc: Float64Array;

  constructor(model: PerceptronModel | PackedModel) {
    const scorer = new PerceptronScorer(model);
    this.scorer = scorer;
    this.self = new GroupCache(scorer, (w) => selfFeatures(w));
    this.prev = new GroupCache(scorer, (w) => prevFeatures(orNull(w)));
    this.prev2 = new GroupCache(scorer, (w) => prev2Features(orNull(w)));
    this.next = new GroupCache(scorer, (w) => nextFeatures(orNull(w)));
    this.next2 = new GroupCache(scorer, (w) => next2Features(orNull(w)));
    this.gaz = new GroupCache(
      scorer,
      (k) => {
        const [g, gp, gn] = k.split('|') as [string, string, string];
        return gazFeatures(g, gp, gn);
      },
      1000,
    );
    const parts = (k: string) => k.split('\u0001');
    this.tags2 = new GroupCache(scorer, (k) => tagPairFeatures(...(parts(k) as [string, string])), 1000);
    this.shapes3 = new GroupCache(
      scorer,
      (k) => shapeTripleFeatures(...(parts(k) as [string, string, string])),
      20_000,
    );
    this.acc = new Float64Array(model.classes.length);
  }

  /** Entity spans in the tokens of one sentence. */
  tag(tokens: Token[]): NerSpan[] {
    const info = tokenInfo(tokens);
    const classes = this.scorer.classes;
    const acc = this.acc;
    const n = tokens.length;
    const text = (k: number) => (k >= 0 && k < n ? (tokens[k] as Token).text : NONE);
    const lwAt = (k: number) =>
      k < 0 ? BOUNDARY_BEFORE : k >= n ? BOUNDARY_AFTER : (info.lower[k] as string);
    const shAt = (k: number) => (k < 0 ? BOUNDARY_BEFORE : k >= n ? BOUNDARY_AFTER : info.shapeAt(k));
    const add = (v: Float64Array) => {
      for (let c = 0; c < acc.length; c++) acc[c] = (acc[c] as number) + (v[c] as number);
    };
    const tags: string[] = [];
    for (let i = 0; i < n; i++) {
      // Most tokens are settled without scoring (the tagger's cost halves).
      if (settledOutside(tags[i - 1] ?? '<s>', (tokens[i] as Token).text)) {
        tags.push('O');
        continue;
      }
      acc.fill(0);
      add(this.self.get(text(i)));
      add(this.prev.get(text(i - 1)));
      add(this.prev2.get(text(i - 2)));
      add(this.next.get(text(i + 1)));
      add(this.next2.get(text(i + 2)));
      add(
        this.gaz.get(
          `${info.gaz[i]}|${i > 0 ? info.gaz[i - 1] : BOUNDARY_BEFORE}|${i + 1 < n ? info.gaz[i + 1] : BOUNDARY_AFTER}`,
        ),
      );
      const lw = lwAt(i);
      this.scorer.add(wordPairFeatures(lwAt(i - 1), lw, lwAt(i + 1)), acc);
      const prev = tags[i - 1] ?? '<s>';
      const sh = shAt(i);
      add(this.shapes3.get(`${shAt(i - 1)}\u0001${sh}\u0001${shAt(i + 1)}`));
      add(this.tags2.get(`${prev}\u0001${tags[i - 2] ?? '<s>'}`));
      add(this.tagWordFor(prev).get(text(i)));
      add(this.tagNextFor(prev).get(i === 0 ? `${shAt(i + 1)}\u0001${sh}` : shAt(i + 1)));
      let best = 0;
      for (let c = 1; c < acc.length; c++) if ((acc[c] as number) > (acc[best] as number)) best = c;
      tags.push(legalTag(classes[best] as string, prev));
    }
    return spansOf(tokens, tags);
  }

  /** Per previous tag, the cache of its tag-and-word features (no key string per token). */
  private readonly tagWordByPrev = new Map<string, GroupCache>();
  private readonly tagNextByPrev = new Map<string, GroupCache>();

  private tagWordFor(prev: string): GroupCache {
    let c = this.tagWordByPrev.get(prev);
    if (!c) {
      c = new GroupCache(this.scorer, (w) => tagWordFeatures(prev, w.toLowerCase(), shape(w)));
      this.tagWordByPrev.set(prev, c);
    }
    return c;
  }

  private tagNextFor(prev: string): GroupCache {
    let c = this.tagNextByPrev.get(prev);
    if (!c) {
      c = new GroupCache(
        this.scorer,
        (k) => {
          const [shNext, firstShape] = k.split('\u0001') as [string, string | undefined];
          return tagNextFeatures(prev, shNext, firstShape ?? null);
        },
        10_000,
      );
      this.tagNextByPrev.set(prev, c);
    }
    return c;
  }

  /** The same tagging the slow way, feature list by feature list (for tests: both must agree). */
  tagPlain(tokens: Token[]): NerSpan[] {
    const buffer = new Float64Array(this.scorer.classes.length);
    return spansOf(
      tokens,
      decode(tokens, (f) => this.scorer.scores(f, buffer), this.scorer.classes),
    );
  }
}
