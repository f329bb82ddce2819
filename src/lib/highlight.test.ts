import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Highlighter, type TextPart } from './highlight.ts';

const marked = (parts: TextPart[]) => parts.filter((p) => p.mark).map((p) => p.text);
const plain = (parts: TextPart[]) => parts.map((p) => p.text).join('');
const words = (...w: string[]) => new Highlighter(w.map((text) => ({ text, prefix: false })));

describe('highlights', () => {
  it('marks whole words only, ignoring case and accents, keeping the original text', () => {
    const h = words('sao', 'PAULO');
    const parts = h.all('São Paulo: paulownia trees in SÃO PAULO state');
    assert.deepEqual(marked(parts), ['São', 'Paulo', 'SÃO', 'PAULO']);
    assert.equal(plain(parts), 'São Paulo: paulownia trees in SÃO PAULO state');
  });

  it('marks a phrase only where its words stand together, across punctuation, whole', () => {
    const h = words('central bank');
    assert.deepEqual(marked(h.all('The central bank; a bank, central to it. Central—bank.')), [
      'central bank',
      'Central—bank',
    ]);
  });

  it('marks words a prefix begins, and no word it does not', () => {
    const h = new Highlighter([{ text: 'evacu', prefix: true }]);
    assert.deepEqual(marked(h.all('Evacuation ordered; evacuees moved; re-evacuated later, vacuum')), [
      'Evacuation',
      'evacuees',
      'evacuated',
    ]);
  });

  it('treats characters of a query as text, never as pattern syntax', () => {
    const h = words('a.b', '(x|y)*', '[z]');
    assert.deepEqual(marked(h.all('a b and axb; x y; z')), ['a b', 'x y', 'z']);
    assert.deepEqual(new Highlighter([{ text: '***', prefix: false }]).all('text'), [
      { text: 'text', mark: false },
    ]);
  });

  it('takes a passage where most different terms meet, with ellipses where the text goes on', () => {
    const filler = (n: number, w: string) => Array.from({ length: n }, () => w).join(' ');
    const text = `${filler(40, 'alpha')} flood here. ${filler(60, 'beta')} The flood reached the dam by night. ${filler(40, 'gamma')}`;
    const parts = words('flood', 'dam').passage(text, 12);
    assert.deepEqual(marked(parts), ['flood', 'dam']);
    assert.equal(parts[0]?.text, '… ');
    assert.equal(parts.at(-1)?.text, ' …');
    assert.match(plain(parts), /^… beta beta beta The flood reached the dam by night\. gamma gamma/);
    assert.equal(
      plain(parts)
        .split(/\s+/)
        .filter((w) => /\w/.test(w)).length,
      12,
    );
  });

  it('starts a passage at its sentence when the match is near the sentence start', () => {
    const text = `${'Earlier words go here. '.repeat(10)}The ferry operator posted new timetables for the crossing.`;
    const parts = words('timetables').passage(text, 12);
    assert.match(plain(parts), /^… The ferry operator posted new timetables for the crossing\.?$/);
  });

  it('finds the same matches searching the text as reading it word by word', () => {
    // Words with accents, capitals, a Greek final sigma, a letter outside the 16-bit range, digits, a word
    // whose lower case is longer (the word-by-word way is then the only one), and parts of other words.
    const vocabulary = ['São', 'sao', 'Paulo', 'paulownia', 'ΟΔΟΣ', 'οδος', '𝐀lpha', 'alpha', 'x2', '2x'];
    const more = ['İzmir', 'evacuation', 'evacuees', 're', 'union', 'reunion', 'bank', 'central', 'Bank'];
    const glue = [' ', ', ', '. ', '\n\n', '—', '-', ' (', ') ', ' 🙂 ', '<', '&'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)] as T;
    const all = [...vocabulary, ...more];
    for (let round = 0; round < 400; round++) {
      const text = Array.from({ length: 5 + random(60) }, () => pick(all) + pick(glue)).join('');
      const terms = Array.from({ length: 1 + random(3) }, () => {
        const kind = random(3);
        if (kind === 0) return { text: `${pick(all)} ${pick(all)}`, prefix: false };
        const w = pick(all);
        return kind === 1 ? { text: w.slice(0, 2 + random(3)), prefix: true } : { text: w, prefix: false };
      });
      const fast = new Highlighter(terms);
      const slow = new Highlighter(terms, true);
      const what = JSON.stringify({ text, terms });
      assert.deepEqual(fast.all(text), slow.all(text), what);
      assert.deepEqual(fast.passage(text, 8), slow.passage(text, 8), what);
    }
  });

  it('starts at the text when nothing matches or the match is at its head, and joins lines', () => {
    assert.deepEqual(words('zzz').passage('One two\n\nthree four five', 3), [
      { text: 'One two three', mark: false },
      { text: ' …', mark: false },
    ]);
    const parts = words('one').passage('One two', 10);
    assert.deepEqual(parts, [
      { text: 'One', mark: true },
      { text: ' two', mark: false },
    ]);
    assert.deepEqual(words('x').passage('  ', 10), []);
  });
});
