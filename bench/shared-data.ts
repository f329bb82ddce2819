/** Where the shared benchmark data lives (../shared beside the checkout), and whether it is there. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Returns the path of a folder under ../shared/bench, or null when the shared data is absent. */
export function sharedBench(name: string): string | null {
  const p = join(ROOT, '..', 'shared', 'bench', name);
  return existsSync(p) ? p : null;
}
