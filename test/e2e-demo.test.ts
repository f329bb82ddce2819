/** End to end: the demo corpus through the whole pipeline, scored against data/demo/gold.json, with pinned floors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  formatDemoScores,
  ingestDemo,
  readDemoGold,
  scoreDemo,
  type DemoScores,
} from '../bench/demo-score.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

/**
 * Pinned floors: a run below any of them fails. Raise them as the stages improve; lowering one
 * is a visible, explained change. Measured at pinning: see the README's quality table.
 */
const FLOORS = {
  eventsB3F1: 0.95,
  storiesB3F1: 0.9,
  levelAccuracy: 0.85,
  categoryAccuracy: 0.8,
  copyRecall: 0.95,
  backgroundRight: 0.9,
  backgroundLinks: 20,
};

for (const db of testDatabases())
  describe(`demo corpus end to end [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let scores: DemoScores;
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      scores = await scoreDemo(store, readDemoGold());
      console.log(`demo gold: ${formatDemoScores(scores)}`);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    it(`groups reports into events with B-cubed F1 ≥ ${FLOORS.eventsB3F1}`, () => {
      assert.ok(scores.events.f1 >= FLOORS.eventsB3F1, `events B-cubed F1 ${scores.events.f1.toFixed(3)}`);
    });

    it(`threads events into stories with B-cubed F1 ≥ ${FLOORS.storiesB3F1}`, () => {
      assert.ok(
        scores.stories.f1 >= FLOORS.storiesB3F1,
        `stories B-cubed F1 ${scores.stories.f1.toFixed(3)}`,
      );
    });

    it(`rates confidence as the gold does for ≥ ${FLOORS.levelAccuracy * 100}% of events`, () => {
      assert.ok(
        scores.levelAccuracy >= FLOORS.levelAccuracy,
        `level accuracy ${scores.levelAccuracy.toFixed(3)}`,
      );
    });

    it(`categorises ≥ ${FLOORS.categoryAccuracy * 100}% of events as the gold does`, () => {
      assert.ok(
        scores.categoryAccuracy >= FLOORS.categoryAccuracy,
        `category accuracy ${scores.categoryAccuracy.toFixed(3)}`,
      );
    });

    it(`finds ≥ ${FLOORS.copyRecall * 100}% of the gold copy relations`, () => {
      assert.ok(scores.copyRecall >= FLOORS.copyRecall, `copy recall ${scores.copyRecall.toFixed(3)}`);
    });

    it(`links ≥ ${FLOORS.backgroundLinks} background passages to earlier events, ≥ ${FLOORS.backgroundRight * 100}% to the right one`, () => {
      const { links, right } = scores.background;
      assert.ok(
        links >= FLOORS.backgroundLinks && right / links >= FLOORS.backgroundRight,
        `${right} of ${links} background links right`,
      );
    });

    it('changes nothing when the same corpus is ingested again', async () => {
      const before = {
        assigned: await store.events.assignments(),
        overview: JSON.stringify(await store.events.overview()),
      };
      const again = await ingestDemo(store);
      assert.equal(again.inserted + again.updated, 0);
      assert.equal(again.unchanged, again.read);
      assert.deepEqual(await store.events.assignments(), before.assigned);
      assert.equal(JSON.stringify(await store.events.overview()), before.overview);
    });
  });
