import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editText, parseField } from './edit-event.ts';

describe('an editor’s typed field values', () => {
  it('reads days and spans of days, and refuses what is not a calendar day', () => {
    assert.deepEqual(parseField('date', ' 2024-02-29 '), {
      start: '2024-02-29',
      end: '2024-02-29',
      precision: 'day',
    });
    for (const span of ['2024-03-01 to 2024-03-03', '2024-03-01/2024-03-03', '2024-03-01 – 2024-03-03'])
      assert.deepEqual(parseField('date', span), {
        start: '2024-03-01',
        end: '2024-03-03',
        precision: 'day',
      });
    for (const bad of ['2023-02-29', '2024-3-1', 'March 1', '2024-03-03 to 2024-03-01', '2024-03-01 to'])
      assert.throws(() => parseField('date', bad), /date:/, bad);
    assert.equal(parseField('date', ''), null);
  });

  it('links places as the pipeline does, keeps an unknown place by name, and clears with nothing', () => {
    const texas = parseField('place', 'Paris, Texas') as { name: string; country: string; lat: number };
    assert.deepEqual([texas.name, texas.country], ['Paris', 'US']);
    assert.ok(texas.lat > 30 && texas.lat < 35);
    const france = parseField('place', 'Paris') as { country: string };
    assert.equal(france.country, 'FR');
    const unknown = parseField('place', 'Oakvale, United States') as {
      name: string;
      country: string;
      lat: null;
    };
    assert.deepEqual([unknown.name, unknown.country, unknown.lat], ['Oakvale', 'US', null]);
    assert.equal(parseField('place', '  '), null);
  });

  it('takes categories in any case, refuses others, and needs a title', () => {
    assert.equal(parseField('category', 'military'), 'Military');
    assert.throws(() => parseField('category', 'Sport'), /a category is one of/);
    assert.throws(() => parseField('title', '   '), /needs a title/);
    assert.equal(parseField('title', ' Two  spaces '), 'Two spaces');
  });

  it('shows a value the way it is typed back, so an untouched form changes nothing', () => {
    for (const [field, typed] of [
      ['date', '2024-03-01 to 2024-03-03'],
      ['date', '2024-03-01'],
      ['place', 'Lyon'],
      ['category', 'Legal'],
    ] as const)
      assert.equal(editText(field, parseField(field, typed)), typed);
  });
});
