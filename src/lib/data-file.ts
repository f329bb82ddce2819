/** Data files shipped in the repository's data/ folder (models, lexicons), read once and kept. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const cache = new Map<string, unknown>();

/** The parsed JSON of data/PATH (gunzipped when it ends in .gz); kept for later calls unless `keep` is false. */
export function dataFile<T>(path: string, keep = true): T {
  const hit = cache.get(path);
  if (hit !== undefined) return hit as T;
  const url = new URL(`../../data/${path}`, import.meta.url);
  const bytes = readFileSync(url);
  const value = JSON.parse((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as T;
  if (keep) cache.set(path, value);
  return value;
}

/** The text of data/PATH (gunzipped when it ends in .gz), read once and kept. */
export function dataText(path: string): string {
  const key = `text:${path}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit as string;
  const bytes = readFileSync(new URL(`../../data/${path}`, import.meta.url));
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  cache.set(key, text);
  return text;
}
