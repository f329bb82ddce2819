/**
 * The extract stage: from one input (HTML page or plain text) to the article's own text and
 * metadata, each field with its evidence.
 *   1. HTML: parse, read metadata, take the main content's blocks;
 *   2. both: clean the text line by line (chrome out, syndication lines into metadata);
 *   3. fill metadata from the input's own fields where the page gave none;
 *   4. reject when no text is left.
 */
import { parseDocument } from 'htmlparser2';
import type { ArticleInput, ExtractedArticle, FieldEvidence } from '../../domain/article.ts';
import { canonicalUrl, hostOf } from '../../lib/url.ts';
import { normalizeText } from '../../lib/text-normalize.ts';
import { extractBody } from './html-body.ts';
import { readMetadata, type PageMetadata } from './html-metadata.ts';
import { cleanTextLines } from './text-lines.ts';

export type ExtractResult =
  | { kind: 'ok'; article: ExtractedArticle }
  | { kind: 'rejected'; reason: 'no-text' | 'too-large'; message: string };

export interface ExtractOptions {
  /** Largest HTML or text accepted, in characters. */
  maxChars: number;
}

/** Returns the extracted article of one input, or a rejection with its reason. */
export function extract(input: ArticleInput, opts: ExtractOptions): ExtractResult {
  const raw = input.html ?? input.text ?? '';
  if (raw.length > opts.maxChars) return { kind: 'rejected', reason: 'too-large', message: `${raw.length} characters is over the limit of ${opts.maxChars}` };
  const page = input.html !== undefined ? fromHtml(input.html) : { text: input.text ?? '', meta: null, embedded: [] };
  const cleaned = cleanTextLines(normalizeText(page.text));
  const text = cleaned.text;
  if (!text.trim()) return { kind: 'rejected', reason: 'no-text', message: input.html !== undefined ? 'no article text found in the HTML' : 'the report has no text' };
  const meta = page.meta;
  const evidence: FieldEvidence[] = [...(meta?.evidence ?? []), ...cleaned.evidence];
  const given = (field: string, value: string | undefined) => {
    if (value) evidence.push({ field, source: 'input', value });
    return value ?? null;
  };
  const url = input.url;
  const textDate = cleaned.evidence.find((e) => e.field === 'publishedAt')?.value ?? null;
  return {
    kind: 'ok',
    article: {
      url,
      canonicalUrl: canonicalUrl(meta?.canonicalUrl && isHttp(meta.canonicalUrl) ? meta.canonicalUrl : url),
      title: given('title', input.title) ?? meta?.title ?? null,
      authors: uniq([...(meta?.authors ?? []), ...cleaned.authors]),
      publishedAt: given('publishedAt', input.publishedAt) ?? meta?.publishedAt ?? textDate,
      modifiedAt: meta?.modifiedAt ?? null,
      outlet: given('outlet', input.outlet) ?? meta?.siteName ?? hostOf(url),
      language: meta?.language ?? null,
      description: meta?.description ?? null,
      text,
      syndication: cleaned.syndication,
      embedded: [...page.embedded, ...cleaned.embedded],
      evidence,
    },
  };
}

function fromHtml(html: string): { text: string; meta: PageMetadata; embedded: ExtractedArticle['embedded'] } {
  const doc = parseDocument(html, { decodeEntities: true });
  const meta = readMetadata(doc);
  const body = extractBody(doc.children);
  return { text: body.text, meta, embedded: body.embedded };
}

function isHttp(u: string): boolean {
  return /^https?:\/\//i.test(u);
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
}
