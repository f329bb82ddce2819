/**
 * The statistical entity tagger: an averaged perceptron over BIO tags for PER, ORG and LOC, decoded
 * left to right with a beam (BEAM; an I- tag only after a tag of its type, so every span is well
 * formed), trained by scripts/train-ner.ts on the redistributable sets in ../shared/data/ner and on
 * news (data/models/README.md says which, and their licences).
 */
import { PerceptronScorer, type PackedModel, type PerceptronModel } from './perceptron.ts';
import {
  gazFeatures,
  nerFeatures,
  next2Features,
  nextFeatures,
  prev2Features,
  prevFeatures,
  runHeadFeatures,
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

/**
 * How many tag histories the decoder keeps per token (49 would make it exact). One: on EWT dev a beam of
 * two scored 0.716 against 0.712 (less than training runs of different seeds differ, ±0.007) and cost
 * 10–15% of the whole analysis's speed; a beam of one still never gives an I- tag after another type
 * (the greedy decoder it replaces mended such a tag into a B-; choosing among the tags that may follow
 * scored 0.693 against 0.678 on EWT dev for the same model).
 */
export const BEAM = 1;

/** One tag history in the beam: its last tag and the one before (class indices, -1 before the sentence), and its score. */
interface Hyp {
  tag: number;
  prev: number;
  score: number;
  back: Hyp | null;
}

/** For each previous class (-1 first), which classes may follow it: an I- tag only after a tag of its type. */
function followers(classes: string[]): number[][] {
  return [-1, ...classes.keys()].map((p) =>
    [...classes.keys()].filter((c) => {
      const tag = classes[c] as string;
      return !tag.startsWith('I-') || (p >= 0 && (classes[p] as string).slice(2) === tag.slice(2));
    }),
  );
}
/** Per list of classes, who may follow whom and the classes' names by index + 1 ("<s>" first). */
const tables = new WeakMap<string[], { follow: number[][]; names: string[] }>();

/**
 * Beam decoding of one sentence: for each token, every history in the beam is extended by every tag
 * that may follow its last one (an I- tag only after a tag of its type), and the best `beam` histories
 * are kept, one per pair of last tags — so a name is read as one span of one type ("United States
 * Department of Housing" is not cut into a place and an organisation, as a greedy reading may cut it).
 * A token's tag scores count relative to O, so a token settled as outside without scoring (see
 * settledOutside) adds nothing to any path. `score(i, prev, prev2)` gives token i's class scores.
 */
export function decode(
  tokens: Token[],
  score: (i: number, prev: string, prev2: string) => Float64Array,
  classes: string[],
  beam = BEAM,
): string[] {
  let known = tables.get(classes);
  if (!known) tables.set(classes, (known = { follow: followers(classes), names: ['<s>', ...classes] }));
  const { follow, names } = known; // a class's name at its index + 1
  const out: string[] = [];
  const topC = new Int32Array(beam);
  // While the beam holds one history, its path is settled: its tags go to `out` and it becomes the root.
  let root: Hyp = { tag: -1, prev: -1, score: 0, back: null };
  let hyps: Hyp[] = [root];
  const settle = (h: Hyp) => {
    const chain: string[] = [];
    for (let k: Hyp = h; k !== root; k = k.back as Hyp) chain.push(names[k.tag + 1] as string);
    for (let k = chain.length - 1; k >= 0; k--) out.push(chain[k] as string);
  };
  for (let i = 0; i < tokens.length; i++) {
    const word = (tokens[i] as Token).text;
    if (hyps.length === 1) {
      const h = hyps[0] as Hyp;
      if (h !== root) {
        settle(h);
        root = { tag: h.tag, prev: h.prev, score: 0, back: null };
        hyps = [root];
      }
      // Most tokens: a word that opens no name after an O, settled without scoring.
      if (settledOutside(names[root.tag + 1] as string, word)) {
        out.push('O');
        root.prev = root.tag;
        root.tag = 0;
        continue;
      }
    }
    if (beam === 1 && hyps.length === 1) {
      // A beam of one: the best tag that may follow, with nothing kept but the root (no allocation).
      const s = score(i, names[root.tag + 1] as string, names[root.prev + 1] as string);
      let best = -1;
      for (const c of follow[root.tag + 1] as number[])
        if (best < 0 || (s[c] as number) > (s[best] as number)) best = c;
      out.push(names[best + 1] as string);
      root.prev = root.tag;
      root.tag = best;
      continue;
    }
    const next: Hyp[] = [];
    for (const h of hyps) {
      if (settledOutside(names[h.tag + 1] as string, word)) {
        keepBest(next, 0, h.score, h);
        continue;
      }
      const s = score(i, names[h.tag + 1] as string, names[h.prev + 1] as string);
      const o = s[0] as number;
      // Only a history's `beam` best extensions can stay in the beam.
      let kept = 0;
      for (const c of follow[h.tag + 1] as number[]) {
        let k = Math.min(kept, beam - 1);
        if (kept >= beam && (s[c] as number) <= (s[topC[k] as number] as number)) continue;
        if (kept < beam) kept++;
        while (k > 0 && (s[c] as number) > (s[topC[k - 1] as number] as number)) {
          topC[k] = topC[k - 1] as number;
          k--;
        }
        topC[k] = c;
      }
      for (let k = 0; k < kept; k++) {
        const c = topC[k] as number;
        keepBest(next, c, h.score + (s[c] as number) - o, h);
      }
    }
    hyps = next.length > beam ? next.sort((x, y) => y.score - x.score).slice(0, beam) : next;
  }
  let best = hyps[0] as Hyp;
  for (const h of hyps) if (h.score > best.score) best = h;
  settle(best);
  return out;
}

/** Adds a history to the next beam, keeping only the best one per pair of last tags. */
function keepBest(next: Hyp[], tag: number, score: number, back: Hyp): void {
  for (const o of next) {
    if (o.tag !== tag || o.prev !== back.tag) continue;
    if (o.score < score) {
      o.score = score;
      o.back = back;
    }
    return;
  }
  next.push({ tag, prev: back.tag, score, back });
}

/** BIO tags over tokens → spans. */
export function spansOf(tokens: Token[], tags: string[]): NerSpan[] {
  const out: NerSpan[] = [];
  let open: NerSpan | null = null;
  tags.forEach((tag, i) => {
    const t = tokens[i] as Token;
    // A name of one type right after another, a space apart ("Aer" "Lingus"), is one name: two names
    // never stand side by side without a comma or a word between them.
    const same = open && open.label === tag.slice(2);
    if (same && (tag.startsWith('I-') || t.start === (open as NerSpan).end + 1)) {
      (open as NerSpan).end = t.end;
      return;
    }
    if (open) out.push(open);
    open = tag === 'O' ? null : { start: t.start, end: t.end, label: tag.slice(2) as NerLabel };
  });
  if (open) out.push(open);
  return out.map((s) => trimConnectors(tokens, s)).filter((s): s is NerSpan => s !== null);
}

/** Small words that join the words of a name ("Bank of England") but never end one. */
const CONNECTORS = new Set(['of', 'and', 'the', 'for', 'on', 'at', 'in', 'de', 'du', 'des', 'la', 'le', '&']);

/** A span without the joining words it ends in ("Region of" → "Region"), or null when nothing is left. */
function trimConnectors(tokens: Token[], s: NerSpan): NerSpan | null {
  let last = tokens.findIndex((t) => t.end === s.end);
  while (
    last >= 0 &&
    (tokens[last] as Token).start >= s.start &&
    CONNECTORS.has((tokens[last] as Token).text)
  )
    last--;
  if (last < 0 || (tokens[last] as Token).start < s.start) return null;
  return (tokens[last] as Token).end === s.end ? s : { ...s, end: (tokens[last] as Token).end };
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
  private readonly runHead: GroupCache;
  /** Tag features split by what they depend on: the two tags; the tag and the word; the tag and the next shape. */
  private readonly tags2: GroupCache;
  private readonly shapes3: GroupCache;
  private readonly acc: Float64Array;
  private readonly base: Float64Array;

  constructor(
    model: PerceptronModel | PackedModel,
    private readonly beam = BEAM,
  ) {
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
    this.runHead = new GroupCache(scorer, (h) => runHeadFeatures(h), 20_000);
    const parts = (k: string) => k.split('\u0001');
    this.tags2 = new GroupCache(scorer, (k) => tagPairFeatures(...(parts(k) as [string, string])), 1000);
    this.shapes3 = new GroupCache(
      scorer,
      (k) => shapeTripleFeatures(...(parts(k) as [string, string, string])),
      20_000,
    );
    this.acc = new Float64Array(model.classes.length);
    this.base = new Float64Array(model.classes.length);
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
    // The parts of a token's score that do not depend on the tags before it, computed once per token.
    // The part of a token's score that does not depend on the tags before it, kept for the token being
    // decoded (every history in the beam scores the same token in turn).
    const base = this.base;
    let baseOf = -1;
    const baseAt = (i: number): Float64Array => {
      if (baseOf === i) return base;
      baseOf = i;
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
      this.scorer.add(wordPairFeatures(lwAt(i - 1), lwAt(i), lwAt(i + 1)), acc);
      const head = info.runHead[i] as string;
      if (head) add(this.runHead.get(head));
      add(this.shapes3.get(`${shAt(i - 1)}\u0001${shAt(i)}\u0001${shAt(i + 1)}`));
      base.set(acc);
      return base;
    };
    const tags = decode(
      tokens,
      (i, prev, prev2) => {
        acc.set(baseAt(i));
        add(this.tags2.get(`${prev}\u0001${prev2}`));
        add(this.tagWordFor(prev).get(text(i)));
        add(this.tagNextFor(prev).get(i === 0 ? `${shAt(i + 1)}\u0001${shAt(i)}` : shAt(i + 1)));
        return acc;
      },
      classes,
      this.beam,
    );
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
    const info = tokenInfo(tokens);
    return spansOf(
      tokens,
      decode(
        tokens,
        (i, prev, prev2) => this.scorer.scores(nerFeatures(tokens, info, i, prev, prev2), buffer),
        this.scorer.classes,
        this.beam,
      ),
    );
  }
}
