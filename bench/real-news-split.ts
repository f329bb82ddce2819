/**
 * The real-news development set's one split (bench/data/real-news/README.md): rules are written against
 * the tune half and figures reported on the report half.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './shared-data.ts';

export type Half = 'tune' | 'report';

/** ECB+ topics in number order, alternately tune and report (1 tune, 3 report, 5 tune, …). */
export function ecbHalf(articleOrEventId: string): Half {
  const topic = Number(/(\d+)_/.exec(articleOrEventId.replace(/^ecb-/, ''))?.[1]);
  if (!Number.isFinite(topic)) throw new Error(`not an ECB+ id: ${articleOrEventId}`);
  return ((topic - 1) / 2) % 2 === 0 ? 'tune' : 'report';
}

/** Any other item (a MEANTIME article, an extraction page): by the first hex digit of a salted hash. */
export function hashHalf(id: string): Half {
  const h = createHash('sha256').update(`corroborate-split:${id}`).digest('hex');
  return Number.parseInt(h[0]!, 16) < 8 ? 'tune' : 'report';
}

let extractionTune: Set<string> | undefined;

/** An extraction page (its 64-hex key): the extraction benchmark's own split, validation = report. */
export function extractionHalf(key: string): Half {
  extractionTune ??= new Set(
    (
      JSON.parse(readFileSync(join(ROOT, 'bench/data/extraction-split.json'), 'utf8')) as { tune: string[] }
    ).tune,
  );
  return extractionTune.has(key) ? 'tune' : 'report';
}

/**
 * The half of any item of the set: ECB+ (`ecb-…`) by topic, seeds (`seed-…`) always tune, extraction
 * pages (64 hex digits) by their benchmark's split, the rest (MEANTIME `meantime-en-…`) by hash.
 */
export function halfOf(id: string): Half {
  if (id.startsWith('ecb-')) return ecbHalf(id);
  if (id.startsWith('seed-')) return 'tune';
  if (/^[0-9a-f]{64}$/.test(id)) return extractionHalf(id);
  return hashHalf(id);
}
