/**
 * `extract` over a mix of files and URLs, in the order given: files are read (and unpacked, decoded)
 * from disk, URLs fetched through the guarded fetcher. Each result carries the file or URL it came from;
 * the first failure is thrown naming that source and its reason.
 */
import { extractLimits, type Config } from '../config/config.ts';
import type { ArticleInput, ExtractedArticle } from '../domain/article.ts';
import { badInput } from '../domain/errors.ts';
import { fetchPage } from '../pipeline/acquire/fetch-page.ts';
import { Fetcher } from '../pipeline/acquire/fetcher.ts';
import { readInputs } from '../pipeline/acquire/read-inputs.ts';
import { extract } from '../pipeline/extract/extract.ts';

export type ExtractedSource = ExtractedArticle & { file: string };

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** Extracts each source; `url` overrides the page address (one source only). */
export async function extractSources(
  sources: string[],
  config: Config,
  url?: string,
): Promise<ExtractedSource[]> {
  const limits = extractLimits(config.limits);
  const fetcher = sources.some(isUrl) ? new Fetcher(config.fetch) : null;
  try {
    const out: ExtractedSource[] = [];
    for (const source of sources) {
      let inputs: { input: ArticleInput; from: string }[];
      if (isUrl(source)) {
        const got = await fetchPage(fetcher as Fetcher, source);
        if (got.kind === 'failed')
          throw badInput(source, `fetch failed (${got.failure.kind}): ${got.failure.message}`);
        if (got.kind === 'not-modified')
          throw badInput(source, 'the server answered 304 Not Modified to an unconditional request');
        inputs = [{ input: got.input, from: source }];
      } else {
        inputs = readInputs([source], config.limits.maxFileBytes).inputs.map(({ input, origin }) => ({
          input,
          from: origin.line ? `${origin.file}:${origin.line}` : origin.file,
        }));
      }
      for (const { input, from } of inputs) {
        const r = extract(url ? { ...input, url } : input, limits);
        if (r.kind === 'rejected') throw badInput(from, `${r.reason}: ${r.message}`);
        out.push({ file: from, ...r.article });
      }
    }
    return out;
  } finally {
    await fetcher?.close();
  }
}
