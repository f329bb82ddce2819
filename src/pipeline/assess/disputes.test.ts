import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CountKind, NumberMention } from '../../domain/analysis.ts';
import type { IndependentSource } from '../../domain/assessment.ts';
import { findDisputes, type ReportNumbers } from './disputes.ts';
import { reportFigures } from './report-figures.ts';

type Figure = [text: string, value: number, counts: CountKind, approx?: NumberMention['approx']];

/**
 * A report of the given text (written for these tests), its figures read as the analyze stage
 * would, its figures for the event taken as the assess stage takes them.
 */
function said(
  articleId: string,
  text: string,
  figures: Figure[],
  over: { publishedAt?: string; statedDay?: string; day?: [words: string, date: string] } = {},
): ReportNumbers {
  const sentences = [...text.matchAll(/[^.!?]+[.!?]?\s*/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].trimEnd().length,
    certainty: { level: 'certain' as const, cues: [] },
  }));
  let from = 0;
  const numbers = figures.map(([figure, value, counts, approx]) => {
    const start = text.indexOf(figure, from);
    assert.ok(start >= 0, `no "${figure}" in the text`);
    from = start + figure.length;
    return { start, end: from, text: figure, value, unit: null, counts, ...(approx ? { approx } : {}) };
  });
  const times = over.day
    ? [
        {
          start: text.indexOf(over.day[0]),
          end: text.indexOf(over.day[0]) + over.day[0].length,
          text: over.day[0],
          value: { start: `${over.day[1]}T00:00:00Z`, end: `${over.day[1]}T23:59:59Z` },
          precision: 'day' as const,
        },
      ]
    : [];
  const r = {
    text,
    publishedAt: over.publishedAt ?? null,
    analysis: { sentences, times, numbers },
    frame: { date: over.statedDay ?? null },
  };
  return { articleId, outletName: articleId, numbers: reportFigures(r, text.length) };
}

/** Each report its own independent source. */
const sourcesOf = (reports: ReportNumbers[]): IndependentSource[] =>
  reports.map((r) => ({
    label: r.articleId,
    outletIds: [r.articleId],
    articleIds: [r.articleId],
    tier: 'standard',
  }));

/** The disputes as "field: value, value". */
function disputes(...reports: ReportNumbers[]): string[] {
  return findDisputes(sourcesOf(reports), reports).map(
    (d) => `${d.field}: ${d.values.map((v) => v.value).join(', ')}`,
  );
}

describe('disputes over counts of people', () => {
  it('disputes two figures of one count with no scope, in digits or in words', () => {
    assert.deepEqual(
      disputes(
        said('a', 'Some thirty pilgrims were killed when the stand gave way.', [
          ['thirty', 30, 'deaths', 'about'],
        ]),
        said('b', 'The collapse of the stand killed 45 pilgrims.', [['45', 45, 'deaths']]),
      ),
      ['deaths: 30, 45'],
    );
    // Bounds that allow each other are no dispute: "more than 200" and "nearly 230".
    assert.deepEqual(
      disputes(
        said('a', 'More than 200 fans were detained.', [['200', 200, 'arrests', 'more-than']]),
        said('b', 'Nearly 230 fans were detained.', [['230', 230, 'arrests', 'about']]),
      ),
      [],
    );
  });

  it("reads a day the lead gives as the report's own event day, which scopes nothing", () => {
    const published = '2031-05-07T09:00:00Z';
    assert.deepEqual(
      disputes(
        said('a', 'Eight hikers were killed in a rockfall on Tuesday.', [['Eight', 8, 'deaths']], {
          publishedAt: published,
          day: ['Tuesday', '2031-05-06'],
        }),
        said('b', 'A rockfall hit the pass. Police said 15 hikers died.', [['15', 15, 'deaths']], {
          publishedAt: published,
        }),
      ),
      ['deaths: 8, 15'],
    );
  });

  it("does not dispute one night's arrests with a week's, or with another night's", () => {
    const week = said('w', 'More than 300 people have been arrested in a week of riots.', [
      ['300', 300, 'arrests', 'more-than'],
    ]);
    const friday = said('f', 'Police arrested 60 people on Friday night.', [['60', 60, 'arrests']]);
    const saturday = said('s', 'Police arrested 140 people on Saturday night.', [['140', 140, 'arrests']]);
    assert.deepEqual(disputes(week, friday), []);
    assert.deepEqual(disputes(friday, saturday), []);
    // An unscoped count of the event is no count of one night either.
    assert.deepEqual(
      disputes(friday, said('u', 'Police said 300 people were arrested.', [['300', 300, 'arrests']])),
      [],
    );
    assert.deepEqual(
      disputes(
        said('3', 'On the third night of unrest 12 people were arrested.', [['12', 12, 'arrests']]),
        said('4', 'On the fourth night of unrest 70 people were arrested.', [['70', 70, 'arrests']]),
      ),
      [],
    );
    // Two counts of the same night are.
    const other = said('o', 'On Saturday night officers detained 35 people.', [['35', 35, 'arrests']]);
    assert.deepEqual(disputes(saturday, other), ['arrests: 140, 35']);
  });

  it('does not dispute an increment or a running total with a count of the event', () => {
    const count = said('c', 'Police said 55 protesters were arrested.', [['55', 55, 'arrests']]);
    assert.deepEqual(
      disputes(count, said('i', 'Another 20 protesters were arrested.', [['20', 20, 'arrests']])),
      [],
    );
    assert.deepEqual(
      disputes(
        said('k', 'The blast killed 12 people.', [['12', 12, 'deaths']]),
        said('t', 'The death toll rose to 31 on the second day.', [['31', 31, 'deaths']]),
      ),
      [],
    );
    // Two running totals of one moment are compared.
    assert.deepEqual(
      disputes(
        said('t', 'The toll rose to 31.', [['31', 31, 'deaths']], { publishedAt: '2031-05-03T18:00:00Z' }),
        said('s', 'So far 12 people have died.', [['12', 12, 'deaths']], {
          publishedAt: '2031-05-03T19:00:00Z',
        }),
      ),
      ['deaths: 31, 12'],
    );
  });

  it('does not dispute counts of reports that tell of different days', () => {
    const monday = { statedDay: '2031-05-05' };
    const wednesday = { statedDay: '2031-05-07' };
    const a = said('a', 'Troops detained 18 students.', [['18', 18, 'arrests']], monday);
    assert.deepEqual(
      disputes(a, said('b', 'Troops detained 70 students.', [['70', 70, 'arrests']], wednesday)),
      [],
    );
    assert.deepEqual(
      disputes(a, said('c', 'Troops detained 70 students.', [['70', 70, 'arrests']], monday)),
      ['arrests: 18, 70'],
    );
  });

  it('lists only the figures compared, not a figure of another scope beside them', () => {
    assert.deepEqual(
      disputes(
        said('a', 'Some 40 villagers were killed. On Tuesday 60 villagers were killed in a second raid.', [
          ['40', 40, 'deaths', 'about'],
          ['60', 60, 'deaths'],
        ]),
        said('b', 'The raid killed 90 villagers.', [['90', 90, 'deaths']]),
      ),
      ['deaths: 40, 90'],
    );
  });
});
