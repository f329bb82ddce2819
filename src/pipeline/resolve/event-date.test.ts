import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import { eventDateOf } from './event-date.ts';

/** A report of sentences (one a line) with the days it states, each given by its words and ISO day. */
function report(lines: string[], days: [string, string][], publishedAt: string | null): ArticleRecord {
  const text = lines.join('\n');
  let at = 0;
  const sentences = lines.map((l) => {
    const s = { start: at, end: at + l.length };
    at += l.length + 1;
    return s;
  });
  const times = days.map(([words, day]) => {
    const start = text.indexOf(words);
    return {
      start,
      end: start + words.length,
      text: words,
      value: { start: `${day}T00:00:00Z`, end: `${day}T23:59:59Z` },
      precision: 'day',
    };
  });
  return {
    article: { id: 'r', title: null, text, publishedAt },
    analysis: { sentences, times, entities: [], quotes: [], numbers: [] },
  } as unknown as ArticleRecord;
}

const PUB = '2031-03-06T09:00:00Z';

/** The report with its first stated time running until (exclusive) `end`, as the analysis gives a span. */
function spanning(r: ArticleRecord, end: string): ArticleRecord {
  const t = r.analysis.times[0] as ArticleRecord['analysis']['times'][number];
  t.value = { ...t.value, end: `${end}T00:00:00.000Z` };
  return r;
}

describe('eventDateOf', () => {
  it('gives the last day of a span the lead states, and none for a period longer than an event', () => {
    const talks = spanning(
      report(['Envoys held talks in Oslo on 2-4 March.'], [['2-4 March', '2031-03-02']], PUB),
      '2031-03-05',
    );
    assert.deepEqual(eventDateOf(talks, talks.article.text.length, 'Oslo'), {
      value: '2031-03-02',
      stated: true,
      last: '2031-03-04',
    });
    const season = spanning(
      report(
        ['Crews fought fires in Oslo from 1 to 28 February.'],
        [['1 to 28 February', '2031-02-01']],
        '2031-02-05T09:00:00Z',
      ),
      '2031-03-01',
    );
    assert.deepEqual(eventDateOf(season, season.article.text.length, 'Oslo'), {
      value: '2031-02-01',
      stated: true,
    });
  });

  it('takes the day the lead states', () => {
    const r = report(
      ['Farm ministers met in Lyon on Tuesday to settle the quota.'],
      [['Tuesday', '2031-03-04']],
      PUB,
    );
    assert.deepEqual(eventDateOf(r, r.article.text.length, 'Lyon'), { value: '2031-03-04', stated: true });
  });

  it('takes a later day given where the report names the scene, not any later day', () => {
    const r = report(
      [
        'Farm ministers met in Lyon to settle the quota.',
        'Growers had protested on March 1 in Dijon.',
        'The talks in Lyon on March 4 ran past midnight.',
      ],
      [
        ['March 1', '2031-03-01'],
        ['March 4', '2031-03-04'],
      ],
      PUB,
    );
    const leadEnd = r.analysis.sentences[0]?.end ?? 0;
    assert.deepEqual(eventDateOf(r, leadEnd, 'Lyon'), { value: '2031-03-04', stated: true });
    assert.deepEqual(eventDateOf(r, leadEnd, null), { value: '2031-03-06', stated: false });
  });

  it('keeps to days near publication: a scene day a year back is background', () => {
    const r = report(
      ['Farm ministers met in Lyon to settle the quota.', 'The last talks in Lyon on 4 March 2030 failed.'],
      [['4 March 2030', '2030-03-04']],
      PUB,
    );
    assert.deepEqual(eventDateOf(r, r.analysis.sentences[0]?.end ?? 0, 'Lyon'), {
      value: '2031-03-06',
      stated: false,
    });
  });
});
