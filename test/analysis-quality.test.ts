/**
 * Quality gates for the analysis stage, each against hand labels or the shared NER data, with pinned
 * floors a little under the figures measured when they were pinned (README, Measured quality).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreCertainty } from '../bench/analyze-certainty.ts';
import { scoreQuotes } from '../bench/analyze-quotes.ts';
import { scoreTimes } from '../bench/analyze-times.ts';
import { nerDataAvailable, readNer, scoreNer } from '../bench/ner-data.ts';
import { analyze } from '../src/pipeline/analyze/analyze.ts';

/** Measured at pinning: times 0.980, certainty 0.939, quotes 0.907, PUD F1 0.674. */
const FLOORS = { times: 0.95, certainty: 0.9, quotes: 0.88, pud: 0.67 };

const ratio = (line: string, re: RegExp) => Number(re.exec(line)?.[1]);

describe('analysis quality', () => {
  it(`resolves ≥ ${FLOORS.times} of the demo corpus's time expressions`, () => {
    const { line } = scoreTimes();
    console.log(line);
    assert.ok(ratio(line, /right \(([\d.]+)\)/) >= FLOORS.times, line);
  });

  it(`reads sentence certainty with accuracy ≥ ${FLOORS.certainty}`, () => {
    const { line } = scoreCertainty();
    console.log(line);
    assert.ok(ratio(line, /accuracy ([\d.]+)/) >= FLOORS.certainty, line);
  });

  it(`attributes ≥ ${FLOORS.quotes} of the labelled quotes to the right speaker`, () => {
    const { line } = scoreQuotes();
    console.log(line);
    assert.ok(ratio(line, /speaker right \d+ \(([\d.]+)\)/) >= FLOORS.quotes, line);
  });

  it(
    `tags PER, ORG and LOC on the PUD sentences with F1 ≥ ${FLOORS.pud}`,
    { skip: nerDataAvailable() ? false : 'no ../shared/data/ner beside the checkout' },
    () => {
      const labels = { PERSON: 'PER', ORG: 'ORG', LOCATION: 'LOC' } as const;
      const score = scoreNer(readNer('uner_en_pud.jsonl'), (text) =>
        analyze({ id: 'x', text, publishedAt: null })
          .entities.filter((e) => e.type in labels)
          .map((e) => ({ start: e.start, end: e.end, label: labels[e.type as keyof typeof labels] })),
      );
      console.log(`PUD F1 ${score.f1.toFixed(3)}`);
      assert.ok(score.f1 >= FLOORS.pud, `PUD F1 ${score.f1.toFixed(3)}`);
    },
  );
});
