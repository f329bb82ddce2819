/** Word-shingle fingerprints and their overlap, for finding copies of a report. */
import { fnv1a } from '../../lib/hash.ts';
import { wordTokens } from '../../lib/text-normalize.ts';

/** Words per shingle: long enough that two independent reports rarely share one by chance. */
export const SHINGLE_WORDS = 5;

/** Returns the sorted, de-duplicated hashes of the text's word shingles. */
export function shingleHashes(text: string): number[] {
  const w = wordTokens(text);
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) set.add(fnv1a(w.slice(i, i + SHINGLE_WORDS).join(' ')));
  if (set.size === 0 && w.length) set.add(fnv1a(w.join(' ')));
  return [...set].sort((a, b) => a - b);
}

/** Returns |A∩B| / min(|A|,|B|) of two sorted hash lists: 1 when one text is contained in the other. */
export function containment(a: number[], b: number[]): number {
  if (!a.length || !b.length) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return both / Math.min(a.length, b.length);
}
