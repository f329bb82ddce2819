/** Step 1 of ingest: every input extracted in memory first, so bad input stops the run before anything is written. */
import { describeOrigin, type ExtractedArticle } from '../domain/article.ts';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { badInput } from '../domain/errors.ts';
import { isWebUrl, schemeOf } from '../lib/web-url.ts';
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
    const refused = refusedAddress(source);
    if (refused) {
      if (!onRejected) throw badInput(where(source), refused);
      onRejected(where(source), 'bad-url', refused);
      continue;
    }
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

/**
 * Why the input's address may not be stored, or null: an article's address is http(s), or the file: address
 * of the very file it was read from (a .txt or .html given on the command line); any other scheme
 * (javascript:, data:, a file: address named inside a JSONL line or a feed) is refused.
 */
function refusedAddress(s: SourcedInput): string | null {
  const url = s.input.url;
  if (isWebUrl(url)) return null;
  if (s.origin.line === null && url === pathToFileURL(resolve(s.origin.file)).href) return null;
  const scheme = schemeOf(url);
  return `"url" must be an http(s) address, not ${scheme ? `a ${scheme}: address` : JSON.stringify(url.slice(0, 80))}`;
}

function where(s: SourcedInput): string {
  return describeOrigin(s.origin);
}

function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
