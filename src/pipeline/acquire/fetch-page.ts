/**
 * One address to one ArticleInput: fetched politely through the Fetcher, decoded from bytes (BOM,
 * Content-Type charset, <meta charset>), and kept only when it is a page or plain text. Anything else
 * (a PDF, an image, a feed given as a page) is `not-article`; bytes served as a page that are not
 * text are `not-text`. Control characters are removed here, where the page becomes ArticleInput.
 */
import type { ArticleInput } from '../../domain/article.ts';
import type { Fetcher, FetchFailure } from './fetcher.ts';
import { decodeHtml } from './decode.ts';
import { cleanArticleInput } from './strip-controls.ts';

export type PageOutcome =
  | { kind: 'ok'; input: ArticleInput; finalUrl: string; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified'; finalUrl: string }
  | { kind: 'failed'; url: string; failure: FetchFailure };

/** Media types read as pages (HTML) or as plain text; the rest are not articles. */
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/;
const TEXT_TYPES = /^text\/plain$/;

/** Fetches `url` and returns it as an article input (the URL after redirects is the article's URL). */
export async function fetchPage(
  fetcher: Fetcher,
  url: string,
  validators: { etag?: string | null; lastModified?: string | null } = {},
): Promise<PageOutcome> {
  const got = await fetcher.fetch({ url, ...validators });
  if (got.kind === 'failed') return got;
  if (got.kind === 'not-modified') return { kind: 'not-modified', finalUrl: got.finalUrl };
  const type = (got.contentType ?? 'text/html').split(';')[0]?.trim().toLowerCase() ?? '';
  const isHtml = HTML_TYPES.test(type) || (!got.contentType && looksLikeHtml(got.body));
  if (!isHtml && !TEXT_TYPES.test(type)) {
    return {
      kind: 'failed',
      url,
      failure: {
        kind: 'not-article',
        message: `${got.finalUrl} is ${type || 'of no declared type'}, not a page`,
      },
    };
  }
  const decoded = decodeHtml(got.body, got.contentType);
  if (decoded.kind === 'rejected')
    return {
      kind: 'failed',
      url,
      failure: { kind: decoded.reason, message: `${got.finalUrl}: ${decoded.message}` },
    };
  const input: ArticleInput = cleanArticleInput(
    isHtml ? { url: got.finalUrl, html: decoded.text } : { url: got.finalUrl, text: decoded.text },
  );
  return { kind: 'ok', input, finalUrl: got.finalUrl, etag: got.etag, lastModified: got.lastModified };
}

function looksLikeHtml(body: Buffer): boolean {
  return /<(!doctype html|html|head|body)\b/i.test(body.subarray(0, 1024).toString('latin1'));
}
