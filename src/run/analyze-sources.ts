/**
 * `analyze` over files and article lines: a page is extracted first (its text and publication date
 * are what the analysis reads); a text is cleaned as ingest cleans it (chrome lines, control
 * characters, whitespace) and analysed, and every offset is then mapped back onto the text as it was
 * given — so `text.slice(start, end)` of the input is each span. A page's offsets index its extracted
 * text, which the result then carries as `text`.
 */
import { extractLimits, type Config } from '../config/config.ts';
import type { Analysis, Span } from '../domain/analysis.ts';
import type { ArticleInput } from '../domain/article.ts';
import { badInput } from '../domain/errors.ts';
import { alignText, type TextAlignment } from '../lib/text-alignment.ts';
import { cleanArticleInput } from '../pipeline/acquire/strip-controls.ts';
import { analyze } from '../pipeline/analyze/analyze.ts';
import { extract } from '../pipeline/extract/extract.ts';

/** An analysis; `text` is present when the offsets index a text other than the one given (a page's extracted text). */
export type AnalyzeOutput = Analysis & { text?: string };

/**
 * Returns the analysis of one article input; `publishedAt` (when given) overrides the input's own.
 * `given` is the text as the user gave it, before control characters were removed (default: the input's text).
 */
export function analyzeInput(
  input: ArticleInput,
  config: Config,
  where: string,
  publishedAt?: string,
  given?: string,
): AnalyzeOutput {
  if (publishedAt !== undefined && Number.isNaN(Date.parse(publishedAt)))
    throw badInput('--published-at', `not a date: ${JSON.stringify(publishedAt)}`);
  const r = analyzeOutcome(input, config, publishedAt, given);
  if (r.kind === 'rejected') throw badInput(where, `${r.reason}: ${r.message}`);
  return r.analysis;
}

/** Returns the analysis of one article input, or the reason extraction found no text to analyse. */
export function analyzeOutcome(
  input: ArticleInput,
  config: Config,
  publishedAt?: string,
  given?: string,
): { kind: 'ok'; analysis: AnalyzeOutput } | { kind: 'rejected'; reason: string; message: string } {
  // Control characters out, as at every door (the given text keeps them: offsets index it as it was).
  const r = extract(cleanArticleInput(input), extractLimits(config.limits));
  if (r.kind === 'rejected') return r;
  const analysis = analyze({
    id: input.id ?? input.url,
    text: r.article.text,
    publishedAt: publishedAt ?? r.article.publishedAt,
  });
  if (input.html !== undefined) return { kind: 'ok', analysis: { ...analysis, text: r.article.text } };
  const source = given ?? input.text ?? '';
  if (source === r.article.text) return { kind: 'ok', analysis };
  return { kind: 'ok', analysis: onGivenText(analysis, alignText(source, r.article.text), source) };
}

/** The analysis with every offset moved onto the given text (and each span's text read from it). */
function onGivenText(a: Analysis, align: TextAlignment, source: string): Analysis {
  const move = <T extends Span>(s: T): T => ({ ...s, ...align.span(s.start, s.end) });
  const withText = <T extends Span & { text: string }>(s: T): T => {
    const m = move(s);
    return { ...m, text: source.slice(m.start, m.end) };
  };
  return {
    ...a,
    sentences: a.sentences.map(move),
    entities: a.entities.map(withText),
    times: a.times.map(withText),
    quotes: a.quotes.map(withText),
    numbers: a.numbers.map(withText),
  };
}
