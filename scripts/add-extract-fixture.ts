/**
 * Adds a case to the extraction fixture corpus (test/fixtures/extract/<name>/), as Readability.js does:
 *   npx tsx scripts/add-extract-fixture.ts NAME PAGE.html [--url URL]
 * copies the page to source.html and writes expected.json from what the extractor gives now.
 * Read expected.json and correct it by hand: it is the answer the test will hold the extractor to.
 * With only NAME, rewrites expected.json from the source.html already there.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/pipeline/extract/extract.ts';

const [name, page, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error(
    'usage: npx tsx scripts/add-extract-fixture.ts NAME [PAGE.html] [--url URL]   (NAME: lower-case words joined by "-")',
  );
  process.exit(2);
}
const dir = join('test', 'fixtures', 'extract', name);
mkdirSync(dir, { recursive: true });
if (page) copyFileSync(page, join(dir, 'source.html'));
if (!existsSync(join(dir, 'source.html'))) {
  console.error(`${dir}/source.html: no such file; give the page to copy`);
  process.exit(1);
}
const urlAt = rest.indexOf('--url');
const url = urlAt >= 0 ? (rest[urlAt + 1] as string) : `https://fixture.example/${name}`;
const r = extract({ url, html: readFileSync(join(dir, 'source.html'), 'utf8') }, { maxChars: 10_000_000 });
if (r.kind === 'rejected') {
  console.error(`${name}: the extractor rejects the page (${r.reason}: ${r.message})`);
  process.exit(1);
}
const { title, publishedAt, outlet, text } = r.article;
writeFileSync(
  join(dir, 'expected.json'),
  `${JSON.stringify({ url, title, publishedAt, outlet, text }, null, 2)}\n`,
);
console.log(`${dir}/expected.json written: check it by hand before committing`);
