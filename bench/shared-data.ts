/** Where the shared benchmark data lives (../shared beside the checkout), and whether it is there. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Returns the path of a folder under ../shared/bench, or null when the shared data is absent. */
export function sharedBench(name: string): string | null {
  const p = join(ROOT, '..', 'shared', 'bench', name);
  return existsSync(p) ? p : null;
}

/**
 * The ECB+ articles (of the events bench folder `dir`) with a web address each, as a file to read: the
 * set names them `urn:ecbplus:…`, and ingest stores only http(s) addresses. Each becomes
 * `https://ecbplus.invalid/…` (a name reserved never to resolve), its id kept; the shared file stays as it is.
 */
export function ecbWithWebAddresses(dir: string): string {
  const out = join(ROOT, 'bench', '.out', 'ecbplus-dev.web.jsonl');
  mkdirSync(dirname(out), { recursive: true });
  const lines = readFileSync(join(dir, 'ecbplus-dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const a = JSON.parse(l) as { url: string };
      const id = a.url.replace(/^urn:ecbplus:/, '');
      return JSON.stringify({
        ...a,
        url: `https://${id.replace(/[^a-z0-9]+/gi, '-')}.ecbplus.invalid/${id}`,
      });
    });
  writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}
