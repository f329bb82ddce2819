/**
 * The extract stage: from one input (HTML page or plain text) to the article's own text and
 * metadata, each field with its evidence.
 *   1. HTML: parse, read metadata, take the main content's blocks (body-cascade.ts: with a second
 *      opinion when the first looks doubtful);
 *   2. both: clean the text line by line (chrome out, syndication lines into metadata);
 *   3. fill metadata from the input's own fields where the page gave none;
 *   4. reject when no text is left.
 */
import type { ChildNode, Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { ArticleInput, ExtractedArticle, FieldEvidence } from '../../domain/article.ts';
import { canonicalUrl, hostOf } from '../../lib/url.ts';
import { normalizeText } from '../../lib/text-normalize.ts';
import { chooseBody, type BodyChoice } from './body-cascade.ts';
import { DeadlineExceeded, deadlineIn } from './html-body.ts';
import { readMetadata, type PageMetadata } from './html-metadata.ts';
import { decidePublished } from './published-date.ts';
import { cleanTextLines } from './text-lines.ts';

export type ExtractResult =
  | { kind: 'ok'; article: ExtractedArticle }
  | { kind: 'rejected'; reason: 'no-text' | 'too-large' | 'too-complex' | 'timeout'; message: string };

export interface ExtractOptions {
  /** Largest HTML or text accepted, in characters. */
  maxChars: number;
  /** Most elements a page may have. */
  maxElements?: number;
  /** Deepest element nesting a page may have. */
  maxDepth?: number;
  /** Time one page may take, in milliseconds (checked inside the body cascade). */
  timeBudgetMs?: number;
}

/** Default time budget of one page: the bound, with parsing counted in. */
export const DEFAULT_TIME_BUDGET_MS = 1000;

/** Defaults for the element caps: far above real news pages (the shared benchmark's largest has about 12,000 elements, nesting 40 deep). */
export const DEFAULT_MAX_ELEMENTS = 250_000;
export const DEFAULT_MAX_DEPTH = 512;

/** Returns the extracted article of one input, or a rejection with its reason. */
export function extract(input: ArticleInput, opts: ExtractOptions): ExtractResult {
  const raw = input.html ?? input.text ?? '';
  if (raw.length > opts.maxChars)
    return {
      kind: 'rejected',
      reason: 'too-large',
      message: `${raw.length} characters is over the limit of ${opts.maxChars}`,
    };
  const page =
    input.html !== undefined
      ? fromHtml(input.html, input.url, opts)
      : { text: input.text ?? '', meta: null, embedded: [], bodyEvidence: [] };
  if ('rejected' in page) return page.rejected;
  const cleaned = cleanTextLines(normalizeText(page.text));
  const text = withoutRepeatedHeadline(cleaned.text, input.title ?? page.meta?.title ?? null);
  if (!text.trim())
    return {
      kind: 'rejected',
      reason: 'no-text',
      message: input.html !== undefined ? 'no article text found in the HTML' : 'the report has no text',
    };
  const meta = page.meta;
  const evidence: FieldEvidence[] = [...(meta?.evidence ?? []), ...page.bodyEvidence, ...cleaned.evidence];
  const given = (field: string, value: string | undefined) => {
    if (value) evidence.push({ field, source: 'input', value });
    return value ?? null;
  };
  const url = input.url;
  const canonical = canonicalUrl(meta?.canonicalUrl && isHttp(meta.canonicalUrl) ? meta.canonicalUrl : url);
  // A date line in the text is already in the evidence (text-lines.ts); page signals come first.
  const lineDate = cleaned.evidence.find((e) => e.field === 'publishedAt')?.value ?? null;
  const published = publishedDate(
    meta,
    [...page.embedded, ...cleaned.embedded],
    lineDate !== null,
    page.text,
  );
  if (published && !input.publishedAt)
    evidence.push({ field: 'publishedAt', source: published.source, value: published.value });
  return {
    kind: 'ok',
    article: {
      url,
      canonicalUrl: canonical,
      title: given('title', input.title) ?? meta?.title ?? null,
      authors: uniq([...(meta?.authors ?? []), ...cleaned.authors]),
      publishedAt: given('publishedAt', input.publishedAt) ?? published?.value ?? lineDate,
      modifiedAt: meta?.modifiedAt ?? null,
      outlet: given('outlet', input.outlet) ?? meta?.siteName ?? (hostOf(canonical) || null),
      language: meta?.language ?? null,
      description: meta?.description ?? null,
      text,
      syndication: cleaned.syndication,
      embedded: [...page.embedded, ...cleaned.embedded],
      evidence,
    },
  };
}

function fromHtml(
  html: string,
  url: string,
  opts: ExtractOptions,
):
  | {
      text: string;
      meta: PageMetadata;
      embedded: ExtractedArticle['embedded'];
      bodyEvidence: FieldEvidence[];
    }
  | { rejected: ExtractResult } {
  const started = performance.now();
  const doc = parseDocument(html, { decodeEntities: true });
  const size = domSize(doc);
  const maxElements = opts.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (size.elements > maxElements)
    return {
      rejected: {
        kind: 'rejected',
        reason: 'too-complex',
        message: `${size.elements} elements is over the limit of ${maxElements}`,
      },
    };
  if (size.depth > maxDepth)
    return {
      rejected: {
        kind: 'rejected',
        reason: 'too-complex',
        message: `elements nested ${size.depth} deep is over the limit of ${maxDepth}`,
      },
    };
  const meta = readMetadata(doc, /^https?:/i.test(url) ? url : null);
  let body: BodyChoice;
  try {
    body = chooseBody(
      html,
      doc,
      deadlineIn((opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS) - (performance.now() - started)),
    );
  } catch (err) {
    if (err instanceof DeadlineExceeded)
      return { rejected: { kind: 'rejected', reason: 'timeout', message: err.message } };
    throw err;
  }
  return { text: body.text, meta, embedded: body.embedded, bodyEvidence: body.evidence };
}

/** Counts elements and the deepest nesting without recursion (a hostile page may nest very deep). */
function domSize(doc: Document): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: [ChildNode, number][] = doc.children.map((c) => [c, 1]);
  while (stack.length) {
    const [node, d] = stack.pop() as [ChildNode, number];
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    elements++;
    if (d > depth) depth = d;
    for (const c of (node as Element).children) stack.push([c, d + 1]);
  }
  return { elements, depth };
}

/**
 * The publication date from the page's signals (published-date.ts) and the bylines and datelines the
 * body cascade set apart; for plain text, the date line found among the text's lines; last, the text's own
 * date line near its top (a plain report's "4 de septiembre de 2008").
 */
function publishedDate(
  meta: PageMetadata | null,
  blocks: ExtractedArticle['embedded'],
  hasLineDate: boolean,
  text: string,
): { value: string; source: string } | null {
  const bylines = blocks
    .filter((b) => b.kind === 'byline' || b.kind === 'dateline')
    .map((b) => ({ source: b.kind, text: b.text }));
  if (meta)
    return decidePublished({ ...meta.dateSignals, visible: [...meta.dateSignals.visible, ...bylines], text });
  return hasLineDate
    ? null
    : decidePublished({ machine: [], url: null, visible: bylines, language: null, text });
}

/** Drops a first paragraph that only repeats the headline (pages that print the title in the body). */
function withoutRepeatedHeadline(text: string, title: string | null): string {
  if (!title) return text;
  const norm = (x: string) => x.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const firstBreak = text.indexOf('\n');
  const first = firstBreak < 0 ? text : text.slice(0, firstBreak);
  const f = norm(first);
  // The body's copy may lack the site-name suffix the <title> carries.
  const repeats = f === norm(title) || (first.length >= 20 && norm(title).startsWith(f));
  return repeats && firstBreak > 0 ? text.slice(firstBreak).trimStart() : text;
}

function isHttp(u: string): boolean {
  return /^https?:\/\//i.test(u);
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
}
