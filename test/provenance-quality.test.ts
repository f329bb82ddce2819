/**
 * Copy detection on the generated reprint corpus (bench/reprint-corpus.ts over the shared ECB+
 * articles), through the whole pipeline: the bars, ≥ 95% of edited reprints found and ≤ 1% of
 * distinct same-event pairs called copies. Skipped where the shared data is absent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreCopies } from '../bench/provenance-copies.ts';
import { reprintCorpusAvailable } from '../bench/reprint-corpus.ts';

describe('copy detection quality', () => {
  it(
    'finds ≥ 95% of 240 edited reprints and calls ≤ 1% of distinct same-event reports copies',
    { skip: reprintCorpusAvailable() ? false : 'no ../shared/bench/events' },
    async () => {
      const s = await scoreCopies(1, 240);
      assert.ok(s);
      console.log(s.lines);
      assert.ok(s.found / s.reprints >= 0.95, s.lines);
      assert.ok(s.falses / s.negatives <= 0.01, s.lines);
    },
  );
});
