import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeHtml } from './decode.ts';

/** Encodes text in a legacy single-byte code page from its byte table, to test decoding without an encoder. */
function bytesOf(text: string, encoding: string): Uint8Array {
  const table = new Map<string, number>();
  const dec = new TextDecoder(encoding);
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  return new Uint8Array(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`${ch} not in ${encoding}`);
      return b;
    }),
  );
}

describe('decoding pages', () => {
  it('honours a byte-order mark over any declaration', () => {
    const body = new TextEncoder().encode('<meta charset="windows-1251"><p>Zażółć</p>');
    const r = decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...body]));
    assert.deepEqual(r.kind === 'ok' && [r.text, r.source], [
      '<meta charset="windows-1251"><p>Zażółć</p>',
      'bom',
    ]);
  });

  it('honours the HTTP header, then <meta charset>, then UTF-8', () => {
    const cyr = bytesOf('<p>Новости дня</p>', 'windows-1251');
    const h = decodeHtml(cyr, 'text/html; charset=windows-1251');
    assert.deepEqual(h.kind === 'ok' && [h.text, h.source], ['<p>Новости дня</p>', 'http-header']);
    const m = decodeHtml(
      new Uint8Array([
        ...bytesOf('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">', 'iso-8859-2'),
        ...bytesOf('<p>Łódź</p>', 'iso-8859-2'),
      ]),
    );
    assert.deepEqual(m.kind === 'ok' && [m.text.endsWith('<p>Łódź</p>'), m.source, m.encoding], [
      true,
      'meta',
      'iso-8859-2',
    ]);
    const d = decodeHtml(new TextEncoder().encode('<p>café</p>'));
    assert.deepEqual(d.kind === 'ok' && [d.text, d.source], ['<p>café</p>', 'default']);
  });

  it('decodes windows-1252, Shift_JIS and GB18030 pages', () => {
    // “Déjà vu” – naïve, byte by byte in windows-1252 (0x93/0x94 curly quotes, 0x96 en dash).
    const ascii = (t: string) => [...new TextEncoder().encode(t)];
    const w = decodeHtml(
      new Uint8Array([
        ...ascii('<meta charset="windows-1252"><p>'),
        0x93,
        ...ascii('D'),
        0xe9,
        ...ascii('j'),
        0xe0,
        ...ascii(' vu'),
        0x94,
        0x20,
        0x96,
        ...ascii(' na'),
        0xef,
        ...ascii('ve'),
      ]),
    );
    assert.equal(w.kind === 'ok' && w.text.slice(-17), '“Déjà vu” – naïve');
    const latin1 = decodeHtml(new Uint8Array([0x80, 0x41]), 'text/html; charset=ISO-8859-1');
    assert.equal(latin1.kind === 'ok' && latin1.text, '€A', 'latin1 is windows-1252 on the web');
    // 日本 in Shift_JIS is 93 FA 96 7B; 中文 in GB18030 is D6 D0 CE C4.
    const sj = decodeHtml(
      new Uint8Array([...new TextEncoder().encode('<meta charset="Shift_JIS"><p>'), 0x93, 0xfa, 0x96, 0x7b]),
    );
    assert.ok(sj.kind === 'ok' && sj.text.endsWith('<p>日本'));
    const gb = decodeHtml(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]), 'text/html; charset=GB18030');
    assert.ok(gb.kind === 'ok' && gb.text === '中文');
  });

  it('rejects an unknown declared encoding with a reason', () => {
    const r = decodeHtml(new TextEncoder().encode('<p>x</p>'), 'text/html; charset=klingon-8');
    assert.deepEqual(r.kind === 'rejected' && r.reason, 'decode');
  });
});
