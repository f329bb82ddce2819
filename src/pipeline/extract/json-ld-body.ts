/**
 * The article text the page states about itself: the longest `articleBody` (or `text`) of an
 * article-typed JSON-LD node. Read before the body cascade removes the page's scripts.
 */
import type { AnyNode } from 'domhandler';
import { findAll, getAttributeValue, textContent } from 'domutils';
import { parseJsonLenient } from '../../lib/lenient-json.ts';

/** JSON-LD types whose body is the page's article. */
const ARTICLE_TYPES = /(Article|BlogPosting|Report|NewsArticle|Posting|LiveBlogPosting)$/;

/** How deep the JSON-LD walk goes (a hostile page may nest very deep). */
const MAX_DEPTH = 8;

/** Returns the page's JSON-LD article body, paragraphs kept, or null when it states none. */
export function jsonLdBody(root: AnyNode[]): string | null {
  let best: string | null = null;
  for (const s of findAll((e) => e.name === 'script', root)) {
    if (!(getAttributeValue(s, 'type') ?? '').includes('ld+json')) continue;
    const raw = textContent(s);
    if (!/"(articleBody|text)"/.test(raw)) continue;
    const data = parseJsonLenient(raw);
    for (const body of bodiesIn(data, 0)) if (!best || body.length > best.length) best = body;
  }
  return best ? asText(best) : null;
}

function bodiesIn(node: unknown, depth: number): string[] {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n) => bodiesIn(n, depth + 1));
  const o = node as Record<string, unknown>;
  const types = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
  const own = types.some((t) => ARTICLE_TYPES.test(t))
    ? [o.articleBody, o.text].filter((v): v is string => typeof v === 'string' && v.trim().length > 0)
    : [];
  return [...own, ...bodiesIn(o['@graph'], depth + 1), ...bodiesIn(o.mainEntity, depth + 1)];
}

/** Some sites put HTML in articleBody: tags out, entities of the common kind decoded, paragraphs kept. */
function asText(body: string): string {
  return body
    .replace(/<\/(p|div|h\d|li|blockquote)>|<br\s*\/?>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
