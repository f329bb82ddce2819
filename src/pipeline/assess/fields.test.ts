import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NumberMention } from '../../domain/analysis.ts';
import { eventFields } from './fields.ts';

const n = (value: number, unit: string, over: Partial<NumberMention> = {}): NumberMention => ({
  start: 0,
  end: 1,
  text: String(value),
  value,
  unit,
  ...over,
});

describe('field-level events', () => {
  const fields = eventFields([
    {
      articleId: 'b',
      frame: { date: '2025-03-11', place: 'Gdańsk', category: 'Protest' },
      participants: ['Port of Gdańsk', 'Anna Kowal'],
      numbers: [n(3000, 'workers'), n(2900, 'members'), n(12, 'injured')],
    },
    {
      articleId: 'a',
      frame: { date: '2025-03-11', place: 'Gdańsk', category: 'Protest' },
      participants: ['Port of Gdańsk'],
      numbers: [n(1800, 'dockworkers', { approx: 'about' })],
    },
    {
      articleId: 'c',
      frame: { date: '2025-03-10', place: null, category: 'Economic' },
      participants: [],
      numbers: [n(3000, 'people', { range: { min: 3000, max: 9999 } }), n(40, '%')],
    },
    { articleId: 'd', frame: null, participants: ['Anna Kowal'], numbers: [] },
  ]);

  it('lists each value with the reports that give it, the best supported first', () => {
    assert.deepEqual(fields.date, [
      { value: '2025-03-11', articleIds: ['a', 'b'] },
      { value: '2025-03-10', articleIds: ['c'] },
    ]);
    assert.deepEqual(fields.place, [{ value: 'Gdańsk', articleIds: ['a', 'b'] }]);
    assert.deepEqual(
      fields.category.map((v) => v.value),
      ['Protest', 'Economic'],
    );
    assert.deepEqual(fields.participants, [
      { value: 'Anna Kowal', articleIds: ['b', 'd'] },
      { value: 'Port of Gdańsk', articleIds: ['a', 'b'] },
    ]);
  });

  it('keys figures by what they count, one headline figure per kind and report, qualifiers and spans kept', () => {
    assert.deepEqual(Object.keys(fields.numbers), ['injured', 'participants']);
    assert.deepEqual(
      fields.numbers.participants?.map((v) => [v.value, v.articleIds]),
      [
        ['3,000', ['b']],
        ['3,000–9,999', ['c']],
        ['about 1,800', ['a']],
      ],
    );
    assert.deepEqual(fields.numbers.injured, [{ value: '12', articleIds: ['b'] }]);
  });

  it('keys a figure by what happened to the people it counts before the noun it counts', () => {
    const told = eventFields([
      {
        articleId: 'x',
        frame: null,
        participants: [],
        numbers: [
          n(8, 'people', { counts: 'deaths' }),
          n(40, 'people', { counts: 'displaced' }),
          n(300, 'people'),
        ],
      },
    ]);
    assert.deepEqual(Object.keys(told.numbers), ['deaths', 'displaced', 'participants']);
    assert.deepEqual(told.numbers.deaths, [{ value: '8', articleIds: ['x'] }]);
  });
});
