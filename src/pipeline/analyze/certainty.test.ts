import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceCertainty } from './certainty.ts';

describe('certainty', () => {
  const level = (s: string) => sentenceCertainty(s).level;

  it('tells the five levels apart by their cues', () => {
    assert.equal(level('The ministers met in Lisbon on Tuesday and signed the accord.'), 'certain');
    assert.equal(level('The two sides are expected to sign the accord next week.'), 'likely');
    assert.equal(level('The council is considering a compensation fund.'), 'possible');
    assert.equal(level('The ministry said 40 people were hurt.'), 'attributed');
    assert.equal(level('The ministry denied that any draft had been agreed.'), 'denied');
  });

  it('ranks a denial above attribution, and attribution above a hedge', () => {
    const d = sentenceCertainty('"No draft has been agreed by this board," said the spokeswoman.');
    assert.equal(d.level, 'denied');
    assert.ok(d.cues.length > 0);
    assert.equal(level('The minister said talks could resume in May.'), 'attributed');
    assert.equal(level('Talks could resume in May.'), 'possible');
  });

  it('does not read the month May or an instruction as cues', () => {
    assert.equal(level('The office agreed in May opened on Monday.'), 'certain');
    assert.equal(level('Residents were told to keep windows closed.'), 'certain');
    assert.equal(level('They carried what they could.'), 'certain');
  });
});
