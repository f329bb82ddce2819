/**
 * The article body of a parsed page, as a cascade:
 *   1. drop elements that are never article text (scripts, forms, navigation, page header/footer);
 *   2. drop boilerplate containers named for what they hold (cookie, share, related, newsletter…);
 *   3. set aside captions, bylines, embedded posts and pull quotes;
 *   4. pick the container: the article element when there is one, else the densest paragraph parent;
 *   5. emit its blocks (paragraphs, headings, list items, quotes) as text with paragraph breaks.
 */
import type { AnyNode, Element } from 'domhandler';
import { findAll, getAttributeValue, removeElement, textContent } from 'domutils';
import type { EmbeddedBlock } from '../../domain/article.ts';

/** Elements that never hold article prose. */
const NEVER_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'form', 'button', 'input', 'select', 'textarea', 'nav', 'canvas', 'video', 'audio', 'object', 'embed', 'dialog']);

/** Page-level furniture: dropped unless inside the article element (where header holds the headline). */
const PAGE_FURNITURE = new Set(['header', 'footer', 'aside', 'menu']);

/**
 * class/id words of boilerplate containers. Matched on word boundaries of the class or id
 * so that "share-bar" matches but "shareholders" does not.
 */
const BOILERPLATE_NAMES = /(^|[\s_-])(cookie|cookies|consent|gdpr|newsletter|subscribe|subscription|signup|sign-up|paywall|share|sharing|social|related|recommended|recommendations|more-stories|read-more|readmore|promo|advert|advertisement|ads?|sponsor|sponsored|comments?|disqus|breadcrumbs?|menu|navbar|nav|popup|modal|outbrain|taboola|sidebar|widget|tags|author-bio|byline-social|skip-link|site-header|site-footer|footer|masthead|kicker|eyebrow|overline|rubric|section-label|section-name)($|[\s_-])/i;

/** Roles of elements that are navigation or page chrome. */
const CHROME_ROLES = /^(navigation|banner|contentinfo|complementary|search|dialog|alert)$/i;

/** Block elements whose text is emitted as a paragraph. */
const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dd', 'td']);

/** A paragraph shorter than this (characters) adds nothing to a container's score. */
const MIN_SCORED_PARAGRAPH = 40;

export interface BodyResult {
  text: string;
  embedded: EmbeddedBlock[];
}

/** Returns the body text of the page's main content and the blocks set apart from it. */
export function extractBody(root: AnyNode[]): BodyResult {
  const embedded: EmbeddedBlock[] = [];
  dropNeverText(root);
  const container = pickContainer(root);
  dropBoilerplate(container ? [container] : root, container);
  setApart(container ? [container] : root, embedded);
  const blocks: string[] = [];
  emitBlocks(container ? [container] : root, blocks);
  return { text: blocks.join('\n\n'), embedded };
}

function elements(nodes: AnyNode[], test: (e: Element) => boolean): Element[] {
  return findAll(test, nodes);
}

function dropNeverText(root: AnyNode[]): void {
  for (const e of elements(root, (e) => NEVER_TEXT.has(e.name))) removeElement(e);
}

function classId(e: Element): string {
  return `${getAttributeValue(e, 'class') ?? ''} ${getAttributeValue(e, 'id') ?? ''}`;
}

function dropBoilerplate(root: AnyNode[], container: Element | null): void {
  for (const e of elements(root, (e) => e !== container)) {
    if (!isAttached(e)) continue; // already removed with an ancestor
    const role = getAttributeValue(e, 'role') ?? '';
    const furniture = PAGE_FURNITURE.has(e.name) && !(container && e.name === 'header' && isInside(e, container));
    if (furniture || CHROME_ROLES.test(role) || (BOILERPLATE_NAMES.test(classId(e)) && !isArticleish(e)) || getAttributeValue(e, 'hidden') !== undefined || getAttributeValue(e, 'aria-hidden') === 'true') {
      removeElement(e);
    }
  }
}

/** An element that itself looks like the article (so a stray "share" class on it is not trusted). */
function isArticleish(e: Element): boolean {
  return e.name === 'article' || e.name === 'main' || getAttributeValue(e, 'itemprop') === 'articleBody';
}

function hasAncestor(e: Element, name: string): boolean {
  for (let p = e.parent as Element | null; p; p = p.parent as Element | null) if (p.name === name) return true;
  return false;
}

/** Whether the element still hangs from the document (removing an ancestor detaches the subtree). */
function isAttached(e: Element): boolean {
  let n: AnyNode = e;
  while (n.parent) n = n.parent;
  return n.type === 'root';
}

function isInside(e: Element, ancestor: Element): boolean {
  for (let p = e.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Captions, bylines, embedded posts and pull quotes are kept, but not as body text. */
function setApart(root: AnyNode[], out: EmbeddedBlock[]): void {
  const text = (e: Element) => textContent(e).replace(/\s+/g, ' ').trim();
  const figures = elements(root, (e) => e.name === 'figure');
  const looseCaptions = elements(root, (e) => e.name === 'figcaption' && !hasAncestor(e, 'figure'));
  for (const e of [...figures, ...looseCaptions]) {
    if (!isAttached(e)) continue;
    const cap = e.name === 'figure' ? findAll((c) => c.name === 'figcaption', e.children)[0] : e;
    if (cap && text(cap)) out.push({ kind: 'caption', text: text(cap) });
    removeElement(e);
  }
  for (const e of elements(root, (e) => /(^|[\s_-])(byline|author|dateline)([\s_-]|$)/i.test(classId(e)) || getAttributeValue(e, 'rel') === 'author')) {
    if (!isAttached(e)) continue;
    const t = text(e);
    if (t && t.length < 200) out.push({ kind: /dateline/i.test(classId(e)) ? 'dateline' : 'byline', text: t });
    removeElement(e);
  }
  for (const e of elements(root, (e) => /(twitter-tweet|instagram-media|tiktok-embed|social-embed|embed-post)/i.test(classId(e)))) {
    if (!isAttached(e)) continue;
    out.push({ kind: 'social-post', text: text(e) });
    removeElement(e);
  }
  for (const e of elements(root, (e) => /(^|[\s_-])(pull-?quote)([\s_-]|$)/i.test(classId(e)))) {
    if (!isAttached(e)) continue;
    out.push({ kind: 'pull-quote', text: text(e) });
    removeElement(e);
  }
  for (const e of elements(root, (e) => e.name === 'h1' || e.name === 'time')) removeElement(e);
}

/** The article element if there is exactly one with prose; else the element whose paragraphs weigh most. */
function pickContainer(root: AnyNode[]): Element | null {
  const marked = elements(root, (e) => getAttributeValue(e, 'itemprop') === 'articleBody');
  if (marked.length === 1) return marked[0] as Element;
  const articles = elements(root, (e) => e.name === 'article').filter((a) => proseLength(a) > 200);
  if (articles.length === 1) return articles[0] as Element;
  const scores = new Map<Element, number>();
  for (const p of elements(root, (e) => e.name === 'p')) {
    const len = textContent(p).trim().length;
    if (len < MIN_SCORED_PARAGRAPH) continue;
    const parent = p.parent as Element | null;
    if (parent?.type === 'tag') scores.set(parent, (scores.get(parent) ?? 0) + len);
    const grand = parent?.parent as Element | null;
    if (grand?.type === 'tag') scores.set(grand, (scores.get(grand) ?? 0) + len / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [e, s] of scores) if (s > bestScore) [best, bestScore] = [e, s];
  return best;
}

function proseLength(e: Element): number {
  return findAll((c) => c.name === 'p', e.children).reduce((n, p) => n + textContent(p).trim().length, 0);
}

/** Walks the container; each block element becomes one paragraph; loose text in divs becomes one too. */
function emitBlocks(nodes: AnyNode[], out: string[]): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      const t = (n as unknown as { data: string }).data.replace(/\s+/g, ' ').trim();
      if (t.length > 1) out.push(t);
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root') continue;
    const e = n as Element;
    if (BLOCKS.has(e.name) && !findAll((c) => BLOCKS.has(c.name) && c.name !== 'li', e.children).length) {
      const t = textContent(e).replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
    } else if (e.name === 'br') {
      continue;
    } else if (!findAll((c) => BLOCKS.has(c.name), e.children).length) {
      // No block inside: the element's text is one paragraph (a div of prose, a lone link).
      const t = textContent(e).replace(/\s+/g, ' ').trim();
      if (t.length > 1) out.push(t);
    } else {
      emitBlocks(e.children, out);
    }
  }
}
