/** Step 1 of ingest: every input extracted in memory first, so bad input stops the run before anything is written. */
import type { ExtractedArticle } from '../domain/article.ts';
import { badInput } from '../domain/errors.ts';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import { extract, type ExtractOptions } from '../pipeline/extract/extract.ts';

export interface PreparedInput {
  id: string;
  source: SourcedInput;
  extracted: ExtractedArticle;
}

/**
 * Returns the extracted inputs, earliest published first. A rejected input throws a bad-input error
 * naming it, unless `onRejected` is given: then it is reported there and left out.
 */
export function prepareInputs(
  inputs: SourcedInput[],
  limits: ExtractOptions,
  onRejected?: (where: string, reason: string, message: string) => void,
): PreparedInput[] {
  const prepared: PreparedInput[] = [];
  for (const source of inputs) {
    const r = extract(source.input, limits);
    if (r.kind === 'rejected') {
      if (!onRejected) throw badInput(where(source), r.message);
      onRejected(where(source), r.reason, r.message);
      continue;
    }
    prepared.push({ id: source.input.id ?? source.input.url, source, extracted: r.article });
  }
  // Originals are usually published before their copies; processing in time order lets copies find them.
  return prepared
    .map((p, i) => ({ p, i }))
    .sort((a, b) => compareDates(a.p.extracted.publishedAt, b.p.extracted.publishedAt) || a.i - b.i)
    .map(({ p }) => p);
}

function where(s: SourcedInput): string {
  return s.origin.line === null ? s.origin.file : `${s.origin.file}:${s.origin.line}`;
}

function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
