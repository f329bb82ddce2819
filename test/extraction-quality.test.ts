/** Quality gate: the extractor on the shared real pages, scored by the shared scorer, holds its pinned floor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExtractionDatesBench } from '../bench/extraction-dates.ts';
import { runExtractionBench } from '../bench/extraction.ts';
import { sharedBench } from '../bench/shared-data.ts';

/**
 * Pinned floor for body F1 on the validation half of the shared pages (bench/data/extraction-split.json;
 * measured 0.968 at pinning, Readability.js 0.949 and trafilatura 0.964 on the same 60 pages). The rules
 * are developed on the tune half only. The floor is the target, 0.003 below the measure.
 */
const F1_FLOOR = 0.965;
/** Publication-date coverage and accuracy against the hand labels (measured 0.983 and 0.958 at pinning). */
const DATE_FLOOR = 0.9;

describe(
  'extraction quality',
  { skip: sharedBench('extraction') ? false : 'no ../shared/bench/extraction beside the checkout' },
  () => {
    it(`scores body F1 ≥ ${F1_FLOOR} on the validation half, above Readability.js and trafilatura there`, () => {
      const line = runExtractionBench();
      console.log(line);
      const m =
        /^extraction validation f1 ([\d.]+).*readability_js f1 ([\d.]+).*trafilatura f1 ([\d.]+)/m.exec(line);
      assert.ok(m, line);
      const [ours, readability, trafilatura] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
      assert.ok(ours >= F1_FLOOR, line);
      assert.ok(ours > readability && ours > trafilatura, line);
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
