import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from './extract.ts';

const STORY =
  'The ferry company cancelled all crossings on Friday after the storm damaged the pier, and said it hoped to resume the service on Sunday once divers had checked the moorings.';

function textOf(body: string): string {
  const r = extract(
    { url: 'https://news.example/a', html: `<html><body><article>${body}</article></body></html>` },
    { maxChars: 1e6 },
  );
  assert.equal(r.kind, 'ok');
  return r.kind === 'ok' ? r.article.text : '';
}

describe('linked-headline paragraphs', () => {
  it('drops a run of paragraphs that are each one linked headline, with its lead-in', () => {
    const text = textOf(
      `<p>${STORY}</p><p>You may also like...</p>` +
        `<p><a href="/1">Harbour fees to rise next spring</a></p><p><a href="/2">New lighthouse keeper named</a></p>`,
    );
    assert.equal(text, STORY);
  });

  it('keeps a single linked line and paragraphs with links inside prose', () => {
    const withLink = `The report, <a href="/r">published on Thursday</a>, blames the pier's age.`;
    const text = textOf(`<p>${STORY}</p><p>${withLink}</p><p><a href="/full">Read the full report</a></p>`);
    assert.equal(
      text,
      `${STORY}\n\nThe report, published on Thursday, blames the pier's age.\n\nRead the full report`,
    );
  });
});
