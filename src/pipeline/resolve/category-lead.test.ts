import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import { categoryOf } from './category.ts';
import { reportCategory } from './resolve-event.ts';

/** A report of these sentences, split where the sentence splitter would split them. */
function report(title: string, sentences: string[]): ArticleRecord {
  const text = sentences.join(' ');
  let at = 0;
  const spans = sentences.map((s) => {
    const start = text.indexOf(s, at);
    at = start + s.length;
    return { start, end: at, certainty: { level: 'certain', cues: [] } };
  });
  return {
    article: { id: 'r', title, text, publishedAt: '2025-05-20T10:00:00Z' },
    extracted: { embedded: [] },
    analysis: { sentences: spans, entities: [], times: [], quotes: [], numbers: [] },
  } as unknown as ArticleRecord;
}

describe('categories of disasters and strikes, and of a lead cut at a decimal point', () => {
  it('reads natural disasters, wrecks and fires by their words', () => {
    assert.equal(categoryOf('Villagers flee as a volcano erupted overnight', false), 'Disaster');
    assert.equal(categoryOf('Ferry capsized off the coast with 200 aboard', false), 'Disaster');
    assert.equal(categoryOf('The old mill went up in flames on Sunday', false), 'Disaster');
    assert.equal(categoryOf('Typhoon batters the northern coast', false), 'Disaster');
  });

  it('reads a strike by missiles, drones or mortars as military, not a strike of workers', () => {
    assert.equal(categoryOf('A drone strike killed three fighters near the border', false), 'Military');
    assert.equal(categoryOf('A mortar strike hit a school sheltering families', false), 'Military');
    assert.equal(categoryOf('Dock workers begin a 48-hour strike over pay', false), 'Protest');
  });

  it('reads a bombing as military when the passive names a state or its forces after it', () => {
    assert.equal(categoryOf('The market was bombed by government planes at noon', false), 'Military');
    assert.equal(categoryOf('Helicopters bomb villages near the border', false), 'Military');
    assert.equal(categoryOf('A shop was bombed overnight, police said', false), 'Security');
  });

  it('does not take a refugee camp or an aid agency for a humanitarian event', () => {
    assert.equal(categoryOf('The refugee camp was shelled by the army on Friday', false), 'Military');
    assert.equal(categoryOf('Aid arrives in the flooded valley by truck', false), 'Humanitarian');
  });

  it("reads a government's new or scrapped rules as political, a court's ruling as legal", () => {
    assert.equal(categoryOf('The ministry finalized rules on river dredging permits', false), 'Political');
    assert.equal(categoryOf("Governor reverses his predecessor's rule on logging", false), 'Political');
    assert.equal(categoryOf('A judge ruled the logging permits unlawful', false), 'Legal');
  });

  it('reads on past a lead cut at a decimal point', () => {
    const cut = report('Dozens hurt in the north', [
      'Dozens hurt as 5.',
      '9-magnitude tremor shakes the island on Monday.',
      'Schools were closed.',
    ]);
    assert.equal(reportCategory(cut), 'Disaster');
    const whole = report('Dozens hurt in the north', [
      'Dozens hurt as buses collide.',
      '9 people remain in care.',
    ]);
    assert.notEqual(reportCategory(whole), 'Disaster');
  });
});
