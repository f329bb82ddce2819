import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNumbers } from './numbers.ts';

/** Each figure of a sentence as "text=value kind", qualifiers and spans shown. */
const read = (s: string) =>
  findNumbers(s).map(
    (n) =>
      `${n.text}=${n.value}${n.approx ? ` ${n.approx}` : ''}${n.range ? ` ${n.range.min}-${n.range.max}` : ''} ${n.counts ?? '-'}`,
  );

describe('numbers', () => {
  it('reads figures in words: units, tens, compounds, hundreds and "a dozen"', () => {
    assert.deepEqual(read('Nine pupils and twenty-three teachers came.'), ['Nine=9 -', 'twenty-three=23 -']);
    assert.deepEqual(read('Some three hundred and forty lorries queued.'), [
      'three hundred and forty=340 about -',
    ]);
    assert.deepEqual(read('A dozen stalls burned and two thousand visitors left.'), [
      'A dozen=12 about -',
      'two thousand=2000 -',
    ]);
    // "between ten and twelve" is two figures, and a lone "one" is not read as a count.
    assert.deepEqual(read('Between ten and twelve ferries sailed; one of them sank.'), [
      'ten=10 -',
      'twelve=12 -',
    ]);
  });

  it('keeps qualifiers and vague quantities: "more than", "nearly", "at least", "dozens"', () => {
    assert.deepEqual(read('More than 200 lanterns and nearly 1,000 kites rose.'), [
      '200=200 more-than -',
      '1,000=1000 about -',
    ]);
    assert.deepEqual(read('Dozens of boats and hundreds of cars waited.'), [
      'Dozens of=24 about 24-99 -',
      'hundreds of=200 about 200-999 -',
    ]);
  });

  it('says what happened to the people counted, whichever verb or noun the report uses', () => {
    assert.deepEqual(read('Seven hikers were killed and 31 others were badly hurt.'), [
      'Seven=7 deaths',
      '31=31 injured',
    ]);
    assert.deepEqual(read('The landslide left 19 dead, and the toll rose to at least 22 on Sunday.'), [
      '19=19 deaths',
      '22=22 at-least deaths',
    ]);
    assert.deepEqual(read('Guards detained sixty-two fans after the match.'), ['sixty-two=62 arrests']);
    assert.deepEqual(read('Roughly 4,500 islanders fled their homes; 6 fishermen are still missing.'), [
      '4,500=4500 about displaced',
      '6=6 missing',
    ]);
    assert.deepEqual(read('Dozens were wounded and 14 Norwegians lost their lives.'), [
      'Dozens=24 about 24-99 injured',
      '14=14 deaths',
    ]);
  });

  it('reads the kind through the words that scope a count: a day, a span, a total, an increment', () => {
    assert.deepEqual(read('Officers detained 35 youths on Saturday night.'), ['35=35 arrests']);
    assert.deepEqual(read('Another twenty marchers were arrested overnight.'), ['twenty=20 arrests']);
    assert.deepEqual(read('A further 15 were detained at the port; 30 more were held later.'), [
      '15=15 arrests',
      '30=30 arrests',
    ]);
    assert.deepEqual(read('Nearly 1,000 residents fled over the weekend.'), ['1,000=1000 about displaced']);
    assert.deepEqual(read("A dozen marchers were hurt in Tuesday's clashes."), ['A dozen=12 about injured']);
    assert.deepEqual(read('Two more died in hospital, bringing the death toll to 15.'), [
      'Two=2 deaths',
      '15=15 deaths',
    ]);
    assert.deepEqual(read('More than 200 people have been arrested since Friday.'), [
      '200=200 more-than arrests',
    ]);
  });

  it('does not give a kind to things, to those who acted, or to people a reporter met', () => {
    // 300 cabins are not 300 people; the gunmen did the killing; the 20 evacuees were interviewed, not counted.
    assert.deepEqual(read('Some 300 cabins were evacuated.'), ['300=300 about -']);
    assert.deepEqual(read('Four gunmen killed two guards.'), ['Four=4 -', 'two=2 deaths']);
    assert.deepEqual(read('Our reporter spoke with 20 evacuees at the gym.'), ['20=20 -']);
    assert.deepEqual(read('Officials held 3 briefings.'), ['3=3 -']);
    assert.deepEqual(read('Two sailors were held hostage; the party claimed 40% and $9 million.'), [
      'Two=2 -',
      '40%=40 -',
      '9 million=9000000 -',
    ]);
    assert.deepEqual(read('A mother of three was killed; see page?id=12 killed.'), ['three=3 -']);
    assert.deepEqual(read('The toll road to 5 towns closed. Three walkers were found dead.'), [
      '5=5 -',
      'Three=3 deaths',
    ]);
  });

  it('reads thousands grouped as tokenised text writes them, and no figure of a line that is a page address', () => {
    assert.deepEqual(read('The storm of that winter killed 120, 000 people and 3, 500 cattle.'), [
      '120, 000=120000 deaths',
      '3, 500=3500 -',
    ]);
    assert.deepEqual(
      read(
        'com / news / storms / dozens - hurt - as - gale - hits - coast - 41187\nEleven people were hurt.',
      ),
      ['Eleven=11 injured'],
    );
    assert.deepEqual(read('http: / / www. example. org / 2014 / 05 / 12 / ferry - 30 - missing'), []);
  });

  it('reads "one" as a count only before a word for one person', () => {
    assert.deepEqual(read('The blast killed one person, one of the guards said.'), ['one=1 deaths']);
    assert.deepEqual(read('One man was arrested at the scene.'), ['One=1 arrests']);
  });
});
