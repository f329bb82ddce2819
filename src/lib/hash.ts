/** Content hashes: SHA-256 for identity, 32-bit FNV-1a for cheap shingle fingerprints. */
import { createHash } from 'node:crypto';

/** Returns the hex SHA-256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Returns the 32-bit FNV-1a hash of a string as an unsigned integer. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Returns a short stable id ("prefix_" + 12 hex chars) derived from the given parts. */
export function stableId(prefix: string, ...parts: string[]): string {
  const key = `${prefix}\u0001${parts.join('\u0000')}`;
  let id = stableIds.get(key);
  if (id === undefined) {
    id = `${prefix}_${sha256(parts.join('\u0000')).slice(0, 12)}`;
    if (stableIds.size >= 20_000) stableIds.clear(); // bounded: memory stays flat
    stableIds.set(key, id);
  }
  return id;
}

/** Ids already computed (the same names recur across reports). */
const stableIds = new Map<string, string>();
