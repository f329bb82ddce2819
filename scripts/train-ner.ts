/**
 * Trains the entity tagger: an averaged perceptron, trained greedily left to right (each token scored
 * after the tags already guessed), on the EWT training split of Universal NER, on Wikigold (MISC read
 * as outside) and on news: the tune half of MEANTIME English. Epochs, word dropout and how often the
 * news is repeated were chosen on the EWT dev split and on half of MEANTIME's tune half (`--tune`
 * trains without them and reports on them); the shipped model then also learns from them. The PUD
 * set, the EWT test split and MEANTIME's report half are never read. Writes data/models/ner-en.json.gz.
 * By default three runs are averaged (`--seeds`) and Wikigold is repeated twice (`--wiki`), as chosen with `--tune`.
 *   npx tsx scripts/train-ner.ts [--tune] [--epochs N] [--dropout P] [--news N] [--wiki N] [--seed S] [--seeds N] [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { meantimeAvailable, readMeantimeNer } from '../bench/meantime-ner.ts';
import { goldSpans, goldTags, readNer, scoreNer, type NerRecord } from '../bench/ner-data.ts';
import { halfOf } from '../bench/real-news-split.ts';
import { ROOT } from '../bench/shared-data.ts';
import { nerFeatures, tokenInfo } from '../src/pipeline/analyze/ner-features.ts';
import { legalTag, NER_CLASSES, NerTagger, settledOutside } from '../src/pipeline/analyze/ner-tagger.ts';
import { tokenize } from '../src/pipeline/analyze/ner-tokens.ts';
import { AveragedPerceptron, packModel, type PerceptronModel } from '../src/pipeline/analyze/perceptron.ts';

const option = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const epochs = option('--epochs', 10);
/**
 * Word dropout: for this share of the training tokens the features naming the word itself are
 * hidden, so the model also learns what shape, context and gazetteers say of a word it has never
 * seen (most names in news are unseen in the training data).
 */
const dropout = option('--dropout', 0.3);
const LEXICAL = /^(?:w=|W=|p3=|x2=|x3=|x4=|tw=|w-1w=|ww\+1=)/;
const dev = readNer('uner_en_ewt_dev.jsonl');
/** The shipped model also learns from the dev split, once the epochs and dropout were chosen on it (`--tune` leaves it out). */
const tuning = process.argv.includes('--tune');
/**
 * News: the annotated lines of MEANTIME English's tune half (bench/meantime-ner.ts; the report half is
 * never read here), repeated `--news` times since they are few beside the rest. With `--tune`, every
 * other tune-half article is left out of training and scored instead.
 */
const newsRepeat = option('--news', 2);
const tuneArticles = meantimeAvailable() ? readMeantimeNer().filter((a) => halfOf(a.id) === 'tune') : [];
const newsTrain = tuneArticles.filter((_, i) => !tuning || i % 2 === 0).flatMap((a) => a.lines);
const newsDev = tuning ? tuneArticles.filter((_, i) => i % 2 === 1).flatMap((a) => a.lines) : [];
/**
 * Wikigold's encyclopaedia text is nearer the PUD set's than EWT's web text is, so `--tune` also leaves
 * out every fifth Wikigold document and reports on it.
 */
const wikiDoc = (r: NerRecord) => Number(/-d(\d+)-/.exec(r.id)?.[1] ?? 0);
const wikigold = readNer('wikigold.jsonl');
const wikiDev = tuning ? wikigold.filter((r) => wikiDoc(r) % 5 === 4) : [];
const train: NerRecord[] = [
  ...readNer('uner_en_ewt_train.jsonl'),
  ...Array.from({ length: option('--wiki', 2) }, () =>
    wikigold.filter((r) => !tuning || wikiDoc(r) % 5 !== 4),
  ).flat(),
  ...(tuning ? [] : dev),
  ...Array.from({ length: newsRepeat }, () => newsTrain).flat(),
];

const prepared = train.map((r) => {
  const tokens = tokenize(r.text);
  return { tokens, info: tokenInfo(tokens), ...goldTags(tokens, goldSpans(r)) };
});
const misaligned = prepared.reduce((n, p) => n + p.misaligned, 0);
console.log(`training on ${prepared.length} sentences (${misaligned} gold spans not on token edges)`);

/** A seeded generator so training is repeatable. */
function generator(seed: number): () => number {
  let a = seed;
  return () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A seeded shuffle. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const rand = generator(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const index = new Map(NER_CLASSES.map((c, i) => [c, i]));

/** One averaged perceptron, trained with the shuffles and dropout draws of `seed`. */
function trainOne(seed: number): PerceptronModel {
  const model = new AveragedPerceptron(NER_CLASSES);
  const rand = generator(7 + 1000 * seed);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let correct = 0;
    let total = 0;
    for (const p of shuffle(prepared, epoch + 1000 * seed)) {
      const guesses: string[] = [];
      for (let i = 0; i < p.tokens.length; i++) {
        const prev = guesses[i - 1] ?? '<s>';
        const prev2 = guesses[i - 2] ?? '<s>';
        if (settledOutside(prev, (p.tokens[i] as { text: string }).text)) {
          guesses.push('O');
          continue;
        }
        const all = nerFeatures(p.tokens, p.info, i, prev, prev2);
        const features = rand() < dropout ? all.filter((f) => !LEXICAL.test(f)) : all;
        const s = model.scores(features);
        let best = 0;
        for (let c = 1; c < s.length; c++) if ((s[c] as number) > (s[best] as number)) best = c;
        const truth = index.get(p.tags[i] as string) as number;
        model.update(truth, best, features);
        guesses.push(legalTag(NER_CLASSES[best] as string, prev));
        if (best === truth) correct++;
        total++;
      }
    }
    if (epoch === epochs || (tuning && seeds === 1))
      report(
        `model ${seed + 1}, epoch ${epoch}: train tag accuracy ${(correct / total).toFixed(4)}`,
        model.averaged(),
      );
  }
  return model.averaged();
}

/** Prints the dev (and, when tuning, news) scores of a model. */
function report(what: string, m: PerceptronModel): void {
  const tagger = new NerTagger(m);
  const d = scoreNer(dev, (text) => tagger.tag(tokenize(text)));
  const n = newsDev.length ? scoreNer(newsDev, (text) => tagger.tag(tokenize(text))) : null;
  const w = wikiDev.length ? scoreNer(wikiDev, (text) => tagger.tag(tokenize(text))) : null;
  console.log(
    `${what} | dev${tuning ? '' : ' (trained on)'} F1 ${d.f1.toFixed(3)} (P ${d.precision.toFixed(3)} R ${d.recall.toFixed(3)}; ORG ${d.byType.ORG.f1.toFixed(3)})${n ? ` | news F1 ${n.f1.toFixed(3)} (ORG ${n.byType.ORG.f1.toFixed(3)})` : ''}${w ? ` | wikigold F1 ${w.f1.toFixed(3)} (ORG ${w.byType.ORG.f1.toFixed(3)})` : ''}`,
  );
}

/**
 * The mean of several models' weights (training runs of different seeds): a feature one run leans on
 * by chance counts for less, as in an ensemble, at one model's size and speed.
 */
function averageModels(models: PerceptronModel[]): PerceptronModel {
  const sum = new Map<string, number[]>();
  for (const m of models)
    for (const [f, w] of Object.entries(m.weights)) {
      const acc = sum.get(f) ?? w.map(() => 0);
      w.forEach((v, c) => (acc[c] = (acc[c] as number) + v / models.length));
      sum.set(f, acc);
    }
  const weights: Record<string, number[]> = {};
  for (const [f, w] of sum) {
    const rounded = w.map((v) => Math.round(v * 1000) / 1000);
    if (rounded.some((v) => v !== 0)) weights[f] = rounded;
  }
  return { classes: NER_CLASSES, weights };
}

/** The seed of the shuffles and dropout draws (training runs of other seeds differ by about ±0.007 dev F1). */
const seed = option('--seed', 0);
const seeds = option('--seeds', 3);
const final =
  seeds > 1 ? averageModels(Array.from({ length: seeds }, (_, k) => trainOne(seed + k))) : trainOne(seed);
if (seeds > 1) report(`average of ${seeds} models`, final);
const path = process.argv.includes('--out')
  ? (process.argv[process.argv.indexOf('--out') + 1] as string)
  : join(ROOT, 'data', 'models', 'ner-en.json.gz');
writeFileSync(path, gzipSync(JSON.stringify(packModel(final)), { level: 9 }));
console.log(`wrote ${path}: ${Object.keys(final.weights).length} features`);
