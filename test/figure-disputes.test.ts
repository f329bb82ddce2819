/**
 * Disputes over counts of people as reports word them: the figures are read by the analyze stage's
 * number reader (numbers in words and digits, with the kind of count) and compared by the assess stage.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../src/domain/analysis.ts';
import type { Outlet } from '../src/domain/outlet.ts';
import { findNumbers } from '../src/pipeline/analyze/numbers.ts';
import { splitSentences } from '../src/pipeline/analyze/sentences.ts';
import { findTimes } from '../src/pipeline/analyze/times.ts';
import { assessEvent, type AssessReport } from '../src/pipeline/assess/assess.ts';

const PUBLISHED = '2025-09-03T18:00:00Z';
const ladder = { likelySources: 2, verifiedSources: 3, verifiedTrusted: 2 };

const outlet = (id: string): Outlet => ({
  id,
  name: id,
  domain: `${id}.example`,
  kind: 'newspaper',
  ownerGroup: null,
  country: null,
  tier: 'standard',
});

/** One independent outlet's report of the text, read as the analyze stage reads it. */
function report(id: string, text: string): AssessReport {
  const analysis: Analysis = {
    id,
    sentences: splitSentences(text).map((s) => ({ ...s, certainty: { level: 'certain', cues: [] } })),
    entities: [],
    times: findTimes(text, new Date(PUBLISHED)),
    quotes: [],
    numbers: findNumbers(text),
  };
  return {
    articleId: id,
    publishedAt: PUBLISHED,
    outlet: outlet(`outlet-${id}`),
    analysis,
    text,
    provenance: { articleId: id, outletId: `outlet-${id}`, canonicalUrl: id, contentHash: id, lineage: [] },
  };
}

const disputes = (...texts: string[]) =>
  assessEvent(
    'e',
    texts.map((t, i) => report(String(i + 1), t)),
    [],
    ladder,
    PUBLISHED,
  ).assessment.disputes.map((d) => [d.field, d.values.map((v) => v.value).sort()]);

describe('disputes over counts of people', () => {
  it('disputes a toll in words against another in digits, whatever the verb', () => {
    assert.deepEqual(
      disputes(
        'Eight people were killed when a tour coach overturned on a mountain road on Tuesday.',
        'A tour coach overturned on a mountain road on Tuesday. Police said 15 people died at the scene.',
      ),
      [['deaths', ['15', '8']]],
    );
  });

  it('finds no dispute where the forms differ but the figures agree', () => {
    assert.deepEqual(
      disputes(
        'A dozen passengers were injured when two trams collided near the depot on Tuesday.',
        'Two trams collided near the depot on Tuesday, and 12 people were wounded.',
      ),
      [],
    );
  });

  it('reads "at least 8" as a lower bound that 15 does not contradict, and "more than 200" as one 150 does', () => {
    assert.deepEqual(
      disputes(
        'Flash floods swept through the valley on Tuesday, killing at least eight people.',
        'The death toll from Tuesday’s flash floods in the valley has reached 15.',
      ),
      [],
    );
    assert.deepEqual(
      disputes(
        'More than 200 climbers were evacuated from the glacier on Tuesday.',
        'Rescuers evacuated 150 climbers from the glacier on Tuesday.',
      ),
      [['displaced', ['150', 'more than 200']]],
    );
  });

  it('does not compare figures of different kinds', () => {
    assert.deepEqual(
      disputes(
        'Fifteen people were evacuated after a gas explosion in a block of flats on Tuesday.',
        'A gas explosion tore through a block of flats on Tuesday; eight people were killed.',
      ),
      [],
    );
  });

  it('compares a toll given outside the lead', () => {
    assert.deepEqual(
      disputes(
        [
          'A ferry caught fire off the northern cape on Tuesday evening.',
          'The coastguard sent two boats and a helicopter.',
          'Passengers were taken to the nearest harbour.',
          'Officials said 31 people were hurt, most of them by smoke.',
        ].join(' '),
        'Nine passengers were injured when a ferry caught fire off the northern cape on Tuesday evening.',
      ),
      [['injured', ['31', '9']]],
    );
  });

  it('does not compare a figure from a sentence about an earlier event', () => {
    assert.deepEqual(
      disputes(
        [
          'Six people were killed when a footbridge collapsed over the river on Tuesday.',
          'The bridge had been inspected in the spring.',
          'Engineers had warned about its cables.',
          'A similar collapse upstream killed 27 people last year.',
          'Between 1990 and 1995 floods there killed 140 people.',
        ].join(' '),
        'A footbridge over the river collapsed on Tuesday, killing six people.',
      ),
      [],
    );
  });
});
