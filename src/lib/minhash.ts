/**
 * MinHash signatures and LSH band keys over a report's word-shingle hashes, so stored reports that
 * may be copies of a new one are found by a handful of index lookups instead of a scan.
 *
 * Two reports' signatures agree at each position with probability equal to the Jaccard similarity of
 * their shingle sets, s. Bands of 2 positions collide with probability s², and a pair shares at least
 * one of 32 bands with probability 1 − (1 − s²)³². A reprint with a new headline, a fifth of its
 * paragraphs cut and a quarter of its sentences reworded keeps s ≈ 0.35–0.6 with its origin, found
 * with probability 0.98–1; reports that merely share a quote (s < 0.05) collide less than 8% of the
 * time, and every candidate is checked on its full shingles before it is called a copy.
 */

/** Signature length: 32 bands of 2 positions. */
export const MINHASH_SIZE = 64;
export const BAND_ROWS = 2;
export const BANDS = MINHASH_SIZE / BAND_ROWS;

import { mix32 as mix } from './random.ts';

/** One seed per signature position: position i ranks shingles by mix(shingle ^ seed_i). */
const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => mix(0x9e3779b9 + i * 0x7f4a7c15));

/** The MinHash signature of a set of shingle hashes (empty input gives an all-ones signature). */
export function minhashSignature(shingles: readonly number[]): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = mix((s ^ (SEEDS[i] as number)) >>> 0);
      if (h < (sig[i] as number)) sig[i] = h;
    }
  }
  return sig;
}

/**
 * The LSH band keys of a set of shingle hashes: one integer per band, band number × 2³² + a hash of
 * the band's positions (below 2⁵³, so exact in a JavaScript number and in a 64-bit column).
 */
export function bandKeys(shingles: readonly number[]): number[] {
  if (shingles.length === 0) return [];
  const sig = minhashSignature(shingles);
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < BAND_ROWS; r++)
      h = mix((h ^ (sig[b * BAND_ROWS + r] as number)) >>> 0) ^ Math.imul(h, 31);
    keys.push(b * 2 ** 32 + mix(h >>> 0));
  }
  return keys;
}
