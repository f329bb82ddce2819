/** How much of one text another repeats, read as 4-word shingles (the unit the extraction benchmark scores). */

/** Words per shingle. */
const SHINGLE = 4;

/**
 * Returns the multiset of a text's word 4-shingles, each as a 48-bit hash of its words (joining the
 * words into strings cost a quarter of the cascade's time; a collision among a page's few thousand
 * shingles is vanishingly rare at 48 bits).
 */
export function shinglesOf(text: string): Map<number, number> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const hashes = words.map(wordHash);
  const out = new Map<number, number>();
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    let h = 0;
    for (let j = i; j < i + SHINGLE; j++) h = (h * 31 + (hashes[j] as number)) % 281474976710597;
    out.set(h, (out.get(h) ?? 0) + 1);
  }
  return out;
}

/** Returns the share of `part`'s shingles that `whole` holds too (1 when `part` has none). */
export function containment(part: Map<number, number>, whole: Map<number, number>): number {
  let all = 0;
  let shared = 0;
  for (const [s, n] of part) {
    all += n;
    shared += Math.min(n, whole.get(s) ?? 0);
  }
  return all ? shared / all : 1;
}

/** FNV-1a, 32 bits. */
function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
