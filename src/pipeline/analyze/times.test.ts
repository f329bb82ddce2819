import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTimes } from './times.ts';

/** Each expression's first and last day, and its precision. */
function read(text: string, published: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of findTimes(text, new Date(published))) {
    const last = new Date(Date.parse(t.value.end) - 1).toISOString().slice(0, 10);
    out[t.text] = `${t.value.start.slice(0, 10)}..${last}/${t.precision}`;
  }
  return out;
}

describe('times', () => {
  it('anchors weekdays and dates without a year on the publication day, across a year boundary', () => {
    // Saturday 10 January 2026: "Thursday" is the 8th; "December 7" is last year's.
    assert.deepEqual(
      read('The envoys met on Thursday. The first round was held on December 7.', '2026-01-10T12:00:00Z'),
      {
        'on Thursday': '2026-01-08..2026-01-08/day',
        'December 7': '2025-12-07..2025-12-07/day',
      },
    );
    // Mid-January 2025: "December 7" → 2024-12-07; looking ahead, "March 3" is this year's and Tuesday the next one.
    assert.deepEqual(
      read(
        'Talks broke down on December 7. They will resume on March 3 and a vote is expected on Tuesday.',
        '2025-01-15T09:00:00Z',
      ),
      {
        'December 7': '2024-12-07..2024-12-07/day',
        'March 3': '2025-03-03..2025-03-03/day',
        'on Tuesday': '2025-01-21..2025-01-21/day',
      },
    );
  });

  it('reads no month inside a longer word ("Marchers", "Maybe", "Junebug")', () => {
    assert.deepEqual(
      read(
        'Marchers filled the streets on Tuesday. Maybe the Junebug fans came too.',
        '2025-06-03T18:00:00Z',
      ),
      { 'on Tuesday': '2025-06-03..2025-06-03/day' },
    );
  });

  it('reads weeks, months and years as intervals with their precision', () => {
    const got = read(
      'Strikes this week followed a walkout last month. Talks resume next week; a law passed in 2022 has applied since 2014 in part, and a deal is due next year.',
      '2026-01-10T12:00:00Z',
    );
    assert.equal(got['this week'], '2026-01-05..2026-01-11/week');
    assert.equal(got['last month'], '2025-12-01..2025-12-31/month');
    assert.equal(got['next week'], '2026-01-12..2026-01-18/week');
    assert.equal(got['2022'], '2022-01-01..2022-12-31/year');
    assert.equal(got['2014'], '2014-01-01..2014-12-31/year');
    assert.equal(got['next year'], '2027-01-01..2027-12-31/year');
  });

  it('reads month names, quarters, day ranges and the ends of periods', () => {
    const got = read(
      'Fires in October and 19 to 21 August burned forests; the rules take effect in the first quarter of 2027, before the end of the month, and January 2028 brings a review.',
      '2026-01-10T12:00:00Z',
    );
    assert.equal(got.October, '2025-10-01..2025-10-31/month');
    assert.equal(got['19 to 21 August'], '2025-08-19..2025-08-21/day');
    assert.equal(got['the first quarter of 2027'], '2027-01-01..2027-03-31/month');
    assert.equal(got['the end of the month'], '2026-01-01..2026-01-31/month');
    assert.equal(got['January 2028'], '2028-01-01..2028-01-31/month');
  });

  it('reads a day range with its year as the whole range, in either order of day and month', () => {
    const got = read(
      'Leaders met on March 30-31, 2025 in one capital, on 2–4 December 2024 in another, and from July 8 to 10, 2023.',
      '2026-01-10T12:00:00Z',
    );
    assert.equal(got['March 30-31, 2025'], '2025-03-30..2025-03-31/day');
    assert.equal(got['2–4 December 2024'], '2024-12-02..2024-12-04/day');
    assert.equal(got['July 8 to 10, 2023'], '2023-07-08..2023-07-10/day');
  });

  it('keeps only what the text fixes when there is no publication time, and skips clock times alone', () => {
    const got = findTimes('The dam opened on 3 May 2021, at 6 a.m., and was closed on Tuesday.', null);
    assert.deepEqual(
      got.map((t) => [t.text, t.value.start, t.precision]),
      [['on 3 May 2021, at 6 a.m.', '2021-05-03T06:00:00.000Z', 'minute']],
    );
    // Relative words name no day without a publication time ("today" is not 1 January 2000).
    assert.deepEqual(findTimes('Police confirmed today that the doctor met him this past week.', null), []);
    const clock = findTimes('Crews arrived at 6 a.m. and left at 23:00.', new Date('2026-01-10T12:00:00Z'));
    assert.deepEqual(clock, []);
  });

  it('anchors a report without a publication time on its own date line', () => {
    // Saturday 10 January 2026 written under the title: "Thursday" is the 8th.
    const text =
      'Ferry service resumes on the northern route\n10 de enero de 2026\nThe ferry sailed on Thursday.';
    const got = findTimes(text, null);
    assert.deepEqual(
      got.map((t) => [t.text, t.value.start.slice(0, 10)]),
      [
        ['10 de enero de 2026', '2026-01-10'],
        ['on Thursday', '2026-01-08'],
      ],
    );
    // A date inside a sentence is what the report tells of, not its own date: no anchor.
    assert.deepEqual(
      findTimes('Ferry news\nThe ferry that first sailed on 3 May 2021 sailed again on Thursday.', null).map(
        (t) => t.text,
      ),
      ['on 3 May 2021'],
    );
  });

  it('reads full dates in other languages as days', () => {
    const got = findTimes('Die Fähre fuhr am 12. März 2024 wieder. Паром вышел 5 сентября 2023 г.', null);
    assert.deepEqual(
      got.map((t) => [t.text, t.value.start.slice(0, 10), t.precision]),
      [
        ['12. März 2024', '2024-03-12', 'day'],
        ['5 сентября 2023', '2023-09-05', 'day'],
      ],
    );
  });
});
