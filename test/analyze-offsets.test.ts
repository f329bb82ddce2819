/**
 * Offsets index the text that was given (DESIGN.md): whatever `analyze` cleans away before it reads
 * (a headline in capitals, chrome lines, carriage returns, control characters, runs of spaces,
 * decomposed accents), `text.slice(start, end)` of the input is each sentence, entity, time, quote
 * and number — the same words the analysis of the cleaned text found.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../src/config/config.ts';
import type { Analysis } from '../src/domain/analysis.ts';
import { analyze } from '../src/pipeline/analyze/analyze.ts';
import { extract } from '../src/pipeline/extract/extract.ts';
import { cleanArticleInput } from '../src/pipeline/acquire/strip-controls.ts';
import { analyzeInput } from '../src/run/analyze-sources.ts';
import { runCli } from './support/cli.ts';

const config = parseConfig({});
const PUBLISHED = '2025-03-04T09:00:00Z';
const BODY = [
  'Officials in Velmora said on Monday that about 300 ferry workers had ended their strike.',
  '"We will be back at work by Friday," said Ana Costa, the union leader, in Lisbon.',
  'The harbour board expects the northern quay to reopen on 12 March 2025, a spokesman said.',
];

/** The texts, each with something the analysis cleans away before it reads. */
const TEXTS: Record<string, string> = {
  'a headline in capitals first': `FERRY STRIKE ENDS IN VELMORA\n${BODY.join('\n\n')}`,
  'chrome lines first': `Skip to main content\nSubscribe now\nAdvertisement\n\n${BODY.join('\n\n')}`,
  'CRLF line ends': `FERRY STRIKE ENDS\r\n\r\n${BODY.join('\r\n\r\n')}\r\n`,
  'NULs and other controls': BODY.map((p) =>
    p.replace('Velmora', 'Vel\u0000mora').replace(' ', ' \u0000\u0007'),
  ).join('\n\n\u0000'),
  'runs of spaces, tabs and decomposed accents': `  ADVERTISEMENT\n\n${BODY.join('\n\n')
    .replace(/ (on|the) /g, '  $1\t ')
    .replace('Ana Costa', 'Ana\u00a0Costa')
    .replace('Velmora', 'Ve\u0301lmora')}`,
};

/** Text as the analysis reads it: controls out, NFC, whitespace runs made one space. */
const norm = (s: string) =>
  cleanArticleInput({ url: 'x', text: s })
    .text!.normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

/** The spans of an analysis that carry their text, by list. */
function textSpans(a: Analysis) {
  return { entities: a.entities, times: a.times, quotes: a.quotes, numbers: a.numbers };
}

/** Asserts that every offset of `a` indexes `text`, and that the spans are those of the analysis of the cleaned text. */
function assertOnGivenText(a: Analysis, text: string, name: string): void {
  const extracted = extract(
    { url: 'https://e.example/x', text: cleanArticleInput({ url: 'x', text }).text },
    {
      maxChars: 1e7,
    },
  );
  assert.ok(extracted.kind === 'ok');
  const cleaned = extracted.article.text;
  assert.notEqual(cleaned, text, `${name}: the analysis reads a cleaned text`);
  const reference = analyze({ id: 'x', text: cleaned, publishedAt: PUBLISHED });
  assert.equal(a.sentences.length, reference.sentences.length, `${name}: sentences`);
  a.sentences.forEach((s, i) => {
    const r = reference.sentences[i]!;
    assert.equal(
      norm(text.slice(s.start, s.end)),
      norm(cleaned.slice(r.start, r.end)),
      `${name}: sentence ${i}`,
    );
  });
  let spans = 0;
  for (const [list, items] of Object.entries(textSpans(a))) {
    const ref = textSpans(reference)[list as keyof ReturnType<typeof textSpans>];
    assert.equal(items.length, ref.length, `${name}: ${list}`);
    items.forEach((s, i) => {
      assert.equal(text.slice(s.start, s.end), s.text, `${name}: ${list} ${i} is the slice of the input`);
      assert.equal(norm(s.text), norm(ref[i]!.text), `${name}: ${list} ${i} is what the analysis found`);
      spans++;
    });
  }
  assert.ok(spans >= 8, `${name}: ${spans} spans checked`);
}

describe('analysis offsets index the text given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-offsets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, text] of Object.entries(TEXTS))
    it(`on a text with ${name}`, () => {
      const a = analyzeInput({ url: 'https://e.example/x', text }, config, 'x', PUBLISHED);
      assertOnGivenText(a, text, name);
    });

  it('from the command line: analyze --jsonl and analyze FILE --json', () => {
    const entries = Object.entries(TEXTS);
    const lines = entries.map(([name, text]) =>
      JSON.stringify({ id: name, url: 'https://e.example/x', text }),
    );
    const r = runCli(['analyze', '--jsonl', '--published-at', PUBLISHED], {}, lines.join('\n'));
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Analysis & { text?: string });
    assert.equal(out.length, entries.length);
    out.forEach((a, i) => {
      const [name, text] = entries[i]!;
      assert.equal(a.id, name);
      assert.equal(a.text, undefined, 'a text input needs no text of its own in the output');
      assertOnGivenText(a, text, `--jsonl ${name}`);
    });
    const [name, text] = entries[3]!;
    const file = join(dir, 'controls.txt');
    writeFileSync(file, text);
    const one = runCli(['analyze', file, '--json', '--published-at', PUBLISHED]);
    assert.equal(one.code, 0, one.stderr);
    assertOnGivenText(JSON.parse(one.stdout) as Analysis, text, `FILE ${name}`);
  });

  it('a page carries the extracted text its offsets index', () => {
    const html = `<html><head><title>Ferry strike ends</title></head><body><nav>Home</nav><article>${BODY.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const a = analyzeInput({ url: 'https://e.example/p', html }, config, 'p', PUBLISHED) as Analysis & {
      text?: string;
    };
    assert.ok(a.text);
    for (const e of a.entities) assert.equal(a.text.slice(e.start, e.end), e.text);
  });
});
