/**
 * `analyze` over files and article lines: a page is extracted first (its text and publication date
 * are what the analysis reads); a text file is read as it is; an article line may give either.
 */
import { extractLimits, type Config } from '../config/config.ts';
import type { Analysis } from '../domain/analysis.ts';
import type { ArticleInput } from '../domain/article.ts';
import { badInput } from '../domain/errors.ts';
import { analyze } from '../pipeline/analyze/analyze.ts';
import { extract } from '../pipeline/extract/extract.ts';

/** Returns the analysis of one article input; `publishedAt` (when given) overrides the input's own. */
export function analyzeInput(
  input: ArticleInput,
  config: Config,
  where: string,
  publishedAt?: string,
): Analysis {
  if (publishedAt !== undefined && Number.isNaN(Date.parse(publishedAt)))
    throw badInput('--published-at', `not a date: ${JSON.stringify(publishedAt)}`);
  const r = extract(input, extractLimits(config.limits));
  if (r.kind === 'rejected') throw badInput(where, `${r.reason}: ${r.message}`);
  return analyze({
    id: input.id ?? input.url,
    text: r.article.text,
    publishedAt: publishedAt ?? r.article.publishedAt,
  });
}
