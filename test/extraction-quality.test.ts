/** Quality gate: the extractor on the shared real pages, scored by the shared scorer, holds its pinned floor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExtractionDatesBench } from '../bench/extraction-dates.ts';
import { runExtractionBench } from '../bench/extraction.ts';
import { sharedBench } from '../bench/shared-data.ts';

/** Pinned floor for body F1 on the 121 shared pages (measured 0.965 at pinning; Readability.js scores 0.946). */
const F1_FLOOR = 0.96;
/** Publication-date coverage and accuracy against the hand labels (measured 0.983 and 0.958 at pinning). */
const DATE_FLOOR = 0.9;

describe(
  'extraction quality',
  { skip: sharedBench('extraction') ? false : 'no ../shared/bench/extraction beside the checkout' },
  () => {
    it(`scores body F1 ≥ ${F1_FLOOR} on the shared pages`, () => {
      const line = runExtractionBench();
      console.log(line);
      const f1 = Number(/^extraction f1 ([\d.]+)/.exec(line)?.[1]);
      assert.ok(f1 >= F1_FLOOR, line);
    });

    it(`finds the publication day on ≥ ${DATE_FLOOR * 100}% of the labelled pages and gets ≥ ${DATE_FLOOR * 100}% of them right`, () => {
      const line = runExtractionDatesBench();
      console.log(line);
      const m = /coverage ([\d.]+) accuracy ([\d.]+)/.exec(line);
      assert.ok(m, line);
      assert.ok(Number(m[1]) >= DATE_FLOOR && Number(m[2]) >= DATE_FLOOR, line);
      assert.match(line, /dates given to undated pages 0\b/);
    });
  },
);
