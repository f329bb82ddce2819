import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CertaintyLevel } from '../../domain/analysis.ts';
import { eventDenials, reportTones, type ToneReport } from './report-tone.ts';

/** A report of the given sentences (written for the test), each with the certainty the analysis would give it. */
function report(id: string, sentences: [string, CertaintyLevel, string[]?][]): ToneReport {
  const text = sentences.map(([s]) => s).join(' ');
  let at = 0;
  return {
    articleId: id,
    outletName: `Outlet ${id}`,
    text,
    analysis: {
      sentences: sentences.map(([s, level, cues = []]) => {
        const start = text.indexOf(s, at);
        at = start + s.length;
        return { start, end: at, certainty: { level, cues } };
      }),
    },
  };
}

describe('report tone: a denial counts only when it denies the event’s own claim', () => {
  const agreement = report('a', [
    ['Three river boards agreed on Tuesday on a formula for sharing water in dry summers.', 'certain'],
    ['The boards would cut their intake in stages as the river falls.', 'certain'],
    ['Negotiators did not publish the size of the cuts.', 'denied', ['did not publish']],
  ]);
  const second = report('b', [
    ['River boards reached a water-sharing formula after two days of talks in Lyon.', 'certain'],
  ]);

  it('does not read "did not publish" about a detail as a denial of an agreement', () => {
    assert.equal(reportTones([agreement, second]).get('a'), 'certain');
    assert.deepEqual(eventDenials([agreement, second]), []);
  });

  it('reads a denial of what the other reports claim as a denial', () => {
    const claim = report('c', [
      ['Army jets attacked a camp near the border on Thursday, officials said.', 'attributed'],
    ]);
    const denial = report('d', [
      ['A military spokesman denied the attack took place.', 'denied', ['denied']],
    ]);
    const anaphoric = report('e', [
      ['The army has denied the reports, calling them invented.', 'denied', ['denied']],
    ]);
    const tones = reportTones([claim, denial, anaphoric]);
    assert.equal(tones.get('d'), 'denied');
    assert.equal(tones.get('e'), 'denied');
    assert.equal(tones.get('c'), 'attributed');
    assert.deepEqual(
      eventDenials([claim, denial, anaphoric]).map((d) => d.articleId),
      ['d', 'e'],
    );
  });

  it('does not read "no one was hurt" in a report of a fire as a denial of the fire', () => {
    const fire = report('f', [
      ['A fire badly damaged a chapel in the hill town late on Friday.', 'certain'],
      ['No one was hurt in the blaze, the fire chief said.', 'denied', ['no one was hurt']],
    ]);
    const other = report('g', [
      ['Arson is suspected in the blaze that damaged the hill town chapel.', 'certain'],
    ]);
    assert.equal(reportTones([fire, other]).get('f'), 'certain');
  });

  it('takes the tone of the next lead sentence when the first denies something else', () => {
    const opening = report('h', [
      ['Officials did not give the cost of the new quay wall.', 'denied', ['did not give']],
      ['The port authority reportedly approved the quay wall on Monday.', 'possible', ['reportedly']],
    ]);
    const other = report('i', [['The port authority approved a new quay wall for the harbour.', 'certain']]);
    assert.equal(reportTones([opening, other]).get('h'), 'possible');
  });

  it('keeps a lone report’s opening denial: there is nothing to compare it with', () => {
    const lone = report('h', [['The ministry denied that the dam had burst.', 'denied', ['denied']]]);
    assert.equal(reportTones([lone]).get('h'), 'denied');
  });
});
