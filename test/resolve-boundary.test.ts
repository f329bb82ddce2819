import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HERE = 'src/pipeline/resolve';
/** The one file outside that reads the matcher itself: a bench of it on synthetic features, not records. */
const MATCHER_BENCH = 'bench/resolve-scale.ts';

/** Every TypeScript file under a folder of the project, as a path from the project's root. */
function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.m?ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The modules a file imports or re-exports (types included), as written. */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1] as string);
}

describe('the resolver’s boundary', () => {
  it('is entered through its index only: no file outside it imports another of its files', () => {
    const outside = ['src', 'test', 'bench', 'scripts']
      .flatMap(files)
      .filter((f) => !f.startsWith(`${HERE}/`) && f !== MATCHER_BENCH);
    const through = outside.flatMap((f) =>
      imports(f)
        .filter((m) => m.includes('pipeline/resolve/') && !m.endsWith('pipeline/resolve/index.ts'))
        .map((m) => `${f} → ${m}`),
    );
    assert.deepEqual(through, []);
    // The check reads real imports: the files that use the resolver are found.
    assert.ok(outside.some((f) => imports(f).some((m) => m.endsWith('pipeline/resolve/index.ts'))));
  });

  it('has no import loop among its files (types included)', () => {
    const own = files(HERE).filter((f) => !f.endsWith('.test.ts'));
    const graph = new Map(
      own.map((f) => [
        f,
        imports(f)
          .filter((m) => m.startsWith('./'))
          .map((m) => `${HERE}/${m.slice(2)}`),
      ]),
    );
    assert.ok([...graph.values()].some((to) => to.length > 0));
    const state = new Map<string, 'open' | 'done'>();
    const loops: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        loops.push([...path.slice(path.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const to of graph.get(f) ?? []) visit(to, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    assert.deepEqual(loops, []);
  });
});
