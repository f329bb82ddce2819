/**
 * The extraction fixture corpus (test/fixtures/extract/<case>/source.html + expected.json), one test a
 * case, in the style of Readability.js's test pages. Add a case with scripts/add-extract-fixture.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../bench/shared-data.ts';
import { extract } from '../src/pipeline/extract/extract.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'extract');

interface Expected {
  url: string;
  title: string | null;
  publishedAt: string | null;
  outlet: string | null;
  text: string;
}

describe('extraction fixtures', () => {
  const cases = readdirSync(DIR).sort();
  it('has cases', () => assert.ok(cases.length >= 5));
  for (const name of cases) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected;
      const r = extract(
        { url: expected.url, html: readFileSync(join(DIR, name, 'source.html'), 'utf8') },
        { maxChars: 10_000_000 },
      );
      assert.equal(r.kind, 'ok');
      if (r.kind !== 'ok') return;
      assert.equal(r.article.text, expected.text);
      assert.deepEqual(
        [r.article.title, r.article.publishedAt, r.article.outlet],
        [expected.title, expected.publishedAt, expected.outlet],
      );
    });
  }
});
