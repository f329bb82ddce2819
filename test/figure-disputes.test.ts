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

  it('does not compare a part of the count with the whole: a figure below what the report itself first gave', () => {
    assert.deepEqual(
      disputes(
        [
          'A strong earthquake shook the coastal province on Sunday, injuring dozens of people.',
          'Rescue teams reached the outlying villages by the evening.',
          'Roads to the north were blocked by landslides.',
          'In one village the quake destroyed a school, injuring 11 pupils.',
        ].join(' '),
        'At least 60 people were injured when a strong earthquake shook the coastal province on Sunday.',
      ),
      [],
    );
  });

  it('still disputes a report whose only exact toll lies within its own vague one', () => {
    assert.deepEqual(
      disputes(
        [
          'Shelling hit two shelters in the old town on Tuesday, claiming dozens of lives.',
          'The shelters were full of families who had fled the fighting.',
          'Aid workers called for a pause in the fighting.',
          'Some 30 people were killed at the larger shelter, the relief agency said.',
        ].join(' '),
        'Forty-four people were killed when shells hit a shelter in the old town on Tuesday.',
      ),
      [['deaths', ['30', '44']]],
    );
  });

  it('does not compare a toll from a sentence dated before the day the lead gives (another incident)', () => {
    assert.deepEqual(
      disputes(
        [
          'Jets bombed a camp for displaced families near the border on Thursday, killing 12 people.',
          'The camp holds about 20,000 people who fled the fighting.',
          'Aid agencies said they were sending medical teams.',
          'The president said an air raid on a market town on Tuesday had killed seven.',
        ].join(' '),
        'Twelve people died when jets bombed a border camp for displaced families on Thursday.',
      ),
      [],
    );
  });

  it('does not compare a toll from a sentence about what happened "in recent days"', () => {
    assert.deepEqual(
      disputes(
        [
          'Jets bombed a camp for displaced families near the border on Thursday, killing 12 people.',
          'The camp holds about 20,000 people who fled the fighting.',
          'Aid agencies said they were sending medical teams.',
          'Air raids on border villages in recent days killed at least 30 people, officials said.',
        ].join(' '),
        'Twelve people died when jets bombed a border camp for displaced families on Thursday.',
      ),
      [],
    );
  });

  it('does not compare a running total or a toll of an earlier year named with "the" or a month', () => {
    assert.deepEqual(
      disputes(
        [
          'Shells hit a shelter in the old town on Tuesday, killing 40 people.',
          'The shelter was full of families who had fled the fighting.',
          'More than 600 people have been killed since the offensive began, medics said.',
          'Some 900 died in the 11 days of the siege, aid groups said.',
          'The old town was also hit by the 2006 war, which killed 150 there.',
          'In March 2006 another shelling killed 28 people.',
        ].join(' '),
        'Forty people were killed when shells hit a shelter in the old town on Tuesday.',
      ),
      [],
    );
  });

  it('disputes one death against four', () => {
    assert.deepEqual(
      disputes(
        'A strong earthquake struck the island on Sunday, killing one person and damaging dozens of homes.',
        'Four people were killed when a strong earthquake struck the island on Sunday.',
      ),
      [['deaths', ['1', '4']]],
    );
  });
});
