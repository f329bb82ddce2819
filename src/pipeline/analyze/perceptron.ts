/**
 * An averaged perceptron over string features (Collins 2002; the greedy tagger design Honnibal
 * described for part-of-speech tagging). Training keeps running totals so the shipped weights are
 * the average over every update, which generalises far better than the last weights.
 */

export interface PerceptronModel {
  classes: string[];
  /** feature → one weight per class (zeros pruned). */
  weights: Record<string, number[]>;
}

export class AveragedPerceptron {
  readonly classes: string[];
  private readonly weights = new Map<string, Float64Array>();
  private readonly totals = new Map<string, Float64Array>();
  private readonly stamps = new Map<string, Float64Array>();
  private instances = 0;

  constructor(classes: string[]) {
    this.classes = classes;
  }

  /** Scores of each class for these features. */
  scores(features: string[]): Float64Array {
    const s = new Float64Array(this.classes.length);
    for (const f of features) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let c = 0; c < s.length; c++) s[c] = (s[c] as number) + (w[c] as number);
    }
    return s;
  }

  /** One training step: when the guess is wrong, the truth's features gain and the guess's lose. */
  update(truth: number, guess: number, features: string[]): void {
    this.instances++;
    if (truth === guess) return;
    for (const f of features) {
      this.bump(f, truth, 1);
      this.bump(f, guess, -1);
    }
  }

  private bump(f: string, c: number, by: number): void {
    let w = this.weights.get(f);
    let total = this.totals.get(f);
    let stamp = this.stamps.get(f);
    if (!w || !total || !stamp) {
      const n = this.classes.length;
      w = new Float64Array(n);
      total = new Float64Array(n);
      stamp = new Float64Array(n);
      this.weights.set(f, w);
      this.totals.set(f, total);
      this.stamps.set(f, stamp);
    }
    total[c] = (total[c] as number) + (this.instances - (stamp[c] as number)) * (w[c] as number);
    stamp[c] = this.instances;
    w[c] = (w[c] as number) + by;
  }

  /** The averaged weights, rounded and pruned (features whose weights all round to zero are dropped). */
  averaged(precision = 1000): PerceptronModel {
    const out: Record<string, number[]> = {};
    for (const [f, w] of this.weights) {
      const total = this.totals.get(f) as Float64Array;
      const stamp = this.stamps.get(f) as Float64Array;
      const avg = Array.from(
        w,
        (v, c) =>
          Math.round(
            (((total[c] as number) + (this.instances - (stamp[c] as number)) * v) / this.instances) *
              precision,
          ) / precision,
      );
      if (avg.some((v) => v !== 0)) out[f] = avg;
    }
    return { classes: this.classes, weights: out };
  }
}

/** A trained model, ready to score. */
/**
 * The shipped form of a model: the feature names joined by newlines, and all weights as one
 * little-endian Float32 array in base64 (feature i's weights at i × classes). Far smaller in memory
 * than an object of arrays, and read without building one.
 */
export interface PackedModel {
  classes: string[];
  features: string;
  weights: string;
}

/** Packs averaged weights for shipping. */
export function packModel(model: PerceptronModel): PackedModel {
  const names = Object.keys(model.weights);
  const flat = new Float32Array(names.length * model.classes.length);
  names.forEach((f, i) => flat.set(model.weights[f] as number[], i * model.classes.length));
  return {
    classes: model.classes,
    features: names.join('\n'),
    weights: Buffer.from(flat.buffer).toString('base64'),
  };
}

/** A trained model, ready to score. */
export class PerceptronScorer {
  readonly classes: string[];
  /** Feature → offset of its weights in `flat`. */
  private readonly offsets = new Map<string, number>();
  private readonly flat: Float32Array;

  constructor(model: PerceptronModel | PackedModel) {
    this.classes = model.classes;
    const n = model.classes.length;
    if (typeof model.weights === 'string') {
      const bytes = Buffer.from(model.weights, 'base64');
      this.flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      let i = 0;
      for (const f of (model as PackedModel).features.split('\n')) this.offsets.set(f, n * i++);
    } else {
      const entries = Object.entries(model.weights);
      this.flat = new Float32Array(entries.length * n);
      entries.forEach(([f, w], i) => {
        this.flat.set(w, i * n);
        this.offsets.set(f, i * n);
      });
    }
  }

  scores(features: string[], into: Float64Array): Float64Array {
    into.fill(0);
    return this.add(features, into);
  }

  /** Adds the features' weights to `into`. */
  add(features: string[], into: Float64Array): Float64Array {
    const flat = this.flat;
    for (const f of features) {
      const at = this.offsets.get(f);
      if (at === undefined) continue;
      for (let c = 0; c < into.length; c++) into[c] = (into[c] as number) + (flat[at + c] as number);
    }
    return into;
  }
}
