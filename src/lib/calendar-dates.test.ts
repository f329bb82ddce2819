import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCalendarDates } from './calendar-dates.ts';
import { ownDateLine } from './own-date-line.ts';

const days = (text: string, lang: string | null = null) => findCalendarDates(text, lang).map((d) => d.day);

describe('calendar dates', () => {
  it('reads day, month name and year in the forms of each language', () => {
    for (const [text, day] of [
      ['12. März 2024', '2024-03-12'],
      ['3 janvier 2025', '2025-01-03'],
      ['1er mars 2024', '2024-03-01'],
      ['4 de septiembre de 2008', '2008-09-04'],
      ['16 de diciembre del 2009', '2009-12-16'],
      ['12 marzo 2024', '2024-03-12'],
      ['12 de março de 2024', '2024-03-12'],
      ['12 maart 2024', '2024-03-12'],
      ['12 marca 2024 r.', '2024-03-12'],
      ['5 сентября 2023 г.', '2023-09-05'],
      ['5 вересня 2023', '2023-09-05'],
      ['12 Mart 2024', '2024-03-12'],
      ['12 MAYIS 2024', '2024-05-12'],
      ['15th of March 2024', '2024-03-15'],
      ['01-Mar-08', '2008-03-01'],
    ])
      assert.deepEqual(days(text as string), [day], text);
  });

  it('reads month-first, year-first and numeric forms', () => {
    assert.deepEqual(days('March 01 , 2008'), ['2008-03-01']);
    assert.deepEqual(days('Nov. 19, 2019'), ['2019-11-19']);
    assert.deepEqual(days('2026-01-10 and 2024/03/12'), ['2026-01-10', '2024-03-12']);
    assert.deepEqual(days('2024年3月12日, 2024년 3월 12일'), ['2024-03-12', '2024-03-12']);
    assert.deepEqual(days('12.03.2024'), ['2024-03-12']);
    // Slashed numbers follow the language: month first in American English, day first elsewhere.
    assert.deepEqual(days('05/10/2018', 'en-US'), ['2018-05-10']);
    assert.deepEqual(days('05/10/2018', 'es'), ['2018-10-05']);
    assert.deepEqual(days('25/10/2018', 'en-US'), ['2018-10-25']);
  });

  it('rejects days that do not exist and numbers that are not dates', () => {
    assert.deepEqual(days('31 février 2024'), []);
    assert.deepEqual(days('a score of 3/4/24 and 12 sets in 2024'), []);
    assert.deepEqual(days('Mayo Clinic 12 2024'), []);
  });
});

describe('own date line', () => {
  it('takes a line that is only a date, a date after a cue, or a dateline', () => {
    assert.equal(ownDateLine('Council approves lanes\n1 de marzo de 2008\nText.')?.why, 'date-line');
    assert.equal(
      ownDateLine('Council approves lanes\nTuesday, 12. März 2024, 10:45 Uhr\nText.')?.day,
      '2024-03-12',
    );
    assert.deepEqual(
      [ownDateLine('Fecha: 3/4/2008\nText.', 'es')?.day, ownDateLine('Fecha: 3/4/2008\nText.', 'es')?.why],
      ['2008-04-03', 'date-cue'],
    );
    const dl = ownDateLine(
      'LYON, 3 janvier 2025 — Le conseil a voté les pistes cyclables mardi soir après un long débat.',
    );
    assert.deepEqual([dl?.day, dl?.why], ['2025-01-03', 'dateline']);
  });

  it('does not take a date the report tells of, a later line, or an update', () => {
    assert.equal(
      ownDateLine('The plan tabled on 4 March 2021 was approved by the council on Tuesday night.'),
      null,
    );
    assert.equal(ownDateLine('Updated 5 March 2024\nText.'), null);
    assert.equal(ownDateLine('a\nb\nc\nd\ne\n4 March 2021\n'), null);
  });
});
