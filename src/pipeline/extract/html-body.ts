/**
 * The article body of a parsed page, as a cascade:
 *   1. drop elements that are never article text (scripts, styles, navigation, forms that do not wrap the page);
 *   2. pick the container: the article element when there is one, else the densest paragraph parent
 *      (paragraphs inside certain boilerplate — comments, related, share — do not count);
 *   3. set aside captions, bylines, embedded posts and pull quotes;
 *   4. drop boilerplate inside it, named for what it holds (cookie, share, related, newsletter…), and
 *      runs of paragraphs that are each one linked headline (link-paragraph-runs.ts);
 *   5. emit its blocks (paragraphs, headings, list items, quotes) as text with paragraph breaks.
 */
import type { AnyNode, Element } from 'domhandler';
import { findAll, getAttributeValue, removeElement, textContent } from 'domutils';
import type { EmbeddedBlock } from '../../domain/article.ts';
import { dropLinkParagraphRuns } from './link-paragraph-runs.ts';

/** Elements that never hold article prose. */
const NEVER_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'canvas',
  'video',
  'audio',
  'object',
  'embed',
  'dialog',
]);

/** Page-level furniture: dropped unless inside the article element (where header holds the headline). */
const PAGE_FURNITURE = new Set(['header', 'footer', 'aside', 'menu']);

/**
 * Words in class and id names (split at "-", "_" and spaces) that mark boilerplate for certain:
 * such containers are dropped, and their paragraphs never count towards choosing the article.
 */
const STRONG_NEGATIVE = new Set([
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'share',
  'sharing',
  'social',
  'related',
  'recommended',
  'recommendations',
  'readmore',
  'promo',
  'advert',
  'advertisement',
  'ad',
  'ads',
  'sponsor',
  'sponsored',
  'comment',
  'comments',
  'disqus',
  'outbrain',
  'taboola',
  'popup',
  'modal',
  'breadcrumb',
  'breadcrumbs',
  'kicker',
  'eyebrow',
  'overline',
  'rubric',
  'newsletters',
  'trending',
  'popular',
  'tooltip',
  'popover',
  'hovercard',
  'rollover',
]);

/**
 * Words that mark page furniture, unless the same name also says it holds the content
 * ("sidebar" is furniture, "content-with-sidebar" is not), and unless the element holds most
 * of the article's prose (a layout wrapper named for its sidebar).
 */
const WEAK_NEGATIVE = new Set([
  'paywall',
  'menu',
  'navbar',
  'nav',
  'sidebar',
  'widget',
  'widgets',
  'tags',
  'footer',
  'masthead',
  'toolbar',
  'byline',
  'meta',
  'author',
  'bio',
  'skip',
  'label',
  // Links to the neighbouring stories ("next", "prev") and pages of a list.
  'next',
  'prev',
  'previous',
  'navigation',
  'pagination',
  'pager',
]);

/** Words that make a class name a state, not a kind of container ("modal-enabled", "has-comments"). */
const STATE_WORDS = new Set([
  'enabled',
  'disabled',
  'open',
  'opened',
  'active',
  'visible',
  'loaded',
  'has',
  'is',
  'with',
  'no',
  'without',
  'hide',
  'hidden',
  'show',
  'js',
  'allowed',
  'count',
]);

/** Words that say a container holds the article. */
export const POSITIVE = new Set([
  'article',
  'body',
  'content',
  'entry',
  'main',
  'post',
  'story',
  'text',
  'prose',
]);

/** An element holding more than this share of the container's prose is never dropped as furniture. */
const MAX_FURNITURE_SHARE = 0.4;

/** Roles of elements that are navigation or page chrome. */
const CHROME_ROLES = /^(navigation|banner|contentinfo|complementary|search|dialog|alert)$/i;

/** Block elements whose text is emitted as a paragraph. */
const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dd', 'td']);

/** A paragraph shorter than this (characters) adds nothing to a container's score. */
export const MIN_SCORED_PARAGRAPH = 40;

/** A time budget checked inside the cascade's loops; `check` throws DeadlineExceeded once it is spent. */
export interface Deadline {
  check(): void;
}

/** Thrown when a page's time budget is spent; the extract stage turns it into a rejection. */
export class DeadlineExceeded extends Error {}

const NO_DEADLINE: Deadline = { check: () => undefined };

/** Returns a deadline `ms` from now, read from the clock every 256 checks (reading it is not free). */
export function deadlineIn(ms: number): Deadline {
  const end = performance.now() + ms;
  let n = 0;
  return {
    check() {
      if (++n % 256 === 0 && performance.now() > end)
        throw new DeadlineExceeded(`over the time budget of ${ms} ms`);
    },
  };
}

/** How the container was found: the marked article body, the one article element, the densest prose, or none. */
export type ContainerKind =
  | 'marked-body'
  | 'article-element'
  | 'densest-prose'
  | 'second-opinion'
  | 'whole-page';

export interface BodyResult {
  text: string;
  embedded: EmbeddedBlock[];
  container: ContainerKind;
  /** Share of the emitted text that sits in links (what is left once link lists and boilerplate are out). */
  linkShare: number;
}

/** Picks the article's container(s) from a cleaned page; an empty list when none is found. */
export type ContainerPicker = (
  root: AnyNode[],
  deadline: Deadline,
) => { picked: Element[]; kind: ContainerKind };

/** Returns the body text of the page's main content and the blocks set apart from it. */
export function extractBody(
  root: AnyNode[],
  deadline: Deadline = NO_DEADLINE,
  picker: ContainerPicker = pickContainer,
): BodyResult {
  const embedded: EmbeddedBlock[] = [];
  dropNeverText(root);
  const { picked, kind } = picker(root, deadline);
  // With no container found, the whole body is read (never the <head>, whose <title> is metadata).
  const scope = picked.length
    ? picked
    : root
        .flatMap((n) => (n.type === 'tag' && (n as Element).name === 'html' ? (n as Element).children : [n]))
        .filter((n) => !(n.type === 'tag' && (n as Element).name === 'head'));
  setApart(scope, embedded);
  dropBoilerplate(scope, picked, deadline);
  dropLinkParagraphRuns(scope);
  const blocks: string[] = [];
  emitBlocks(scope, blocks);
  const text = blocks.join('\n\n');
  return {
    text,
    embedded,
    container: picked.length ? kind : 'whole-page',
    linkShare: linkShareOf(scope, text),
  };
}

/** Share of the emitted text's characters (whitespace not counted) that sit in the scope's links. */
function linkShareOf(scope: AnyNode[], text: string): number {
  const all = visibleLength(text);
  const linked = findAll((c) => c.name === 'a', scope).reduce((k, a) => k + visibleLength(textContent(a)), 0);
  return all ? Math.min(1, linked / all) : 0;
}

function elements(nodes: AnyNode[], test: (e: Element) => boolean): Element[] {
  return findAll(test, nodes);
}

/** A form holding paragraphs of at least this much text wraps the page (ASP.NET does this); it is kept. */
const PAGE_WRAPPING_FORM_PROSE = 80;

function dropNeverText(root: AnyNode[]): void {
  for (const e of elements(root, (e) => NEVER_TEXT.has(e.name))) {
    if (e.name === 'form' && proseLength(e) >= PAGE_WRAPPING_FORM_PROSE) continue;
    if (isAttached(e)) removeElement(e);
  }
}

function classId(e: Element): string {
  return `${getAttributeValue(e, 'class') ?? ''} ${getAttributeValue(e, 'id') ?? ''}`;
}

/** How an element's class and id names read: 'strong' or 'weak' boilerplate, or null. */
const kindCache = new WeakMap<Element, 'strong' | 'weak' | null>();

export function boilerplateKind(e: Element): 'strong' | 'weak' | null {
  const cached = kindCache.get(e);
  if (cached !== undefined) return cached;
  const kind = readBoilerplateKind(e);
  kindCache.set(e, kind);
  return kind;
}

function readBoilerplateKind(e: Element): 'strong' | 'weak' | null {
  // The body's and root's classes are page-wide flags ("ads-on", "share-tools-on"), not containers.
  if (e.name === 'body' || e.name === 'html') return null;
  let weak = false;
  for (const name of classId(e).toLowerCase().split(/\s+/)) {
    if (!name) continue;
    const words = name.split(/[-_]+/);
    if (words.some((w) => POSITIVE.has(w) || STATE_WORDS.has(w))) continue;
    if (words.some((w) => STRONG_NEGATIVE.has(w))) return 'strong';
    if (words.some((w) => WEAK_NEGATIVE.has(w))) weak = true;
  }
  return weak ? 'weak' : null;
}

/** Whether the element or an ancestor is named as certain boilerplate (comments, related, share…). */
export function insideStrongBoilerplate(e: Element): boolean {
  for (let n: Element | null = e; n && n.type === 'tag'; n = n.parent as Element | null)
    if (boilerplateKind(n) === 'strong') return true;
  return false;
}

function dropBoilerplate(root: AnyNode[], picked: Element[], deadline: Deadline): void {
  const total = picked.reduce((n, e) => n + proseLength(e), 0);
  const container = picked.length === 1 ? (picked[0] as Element) : null;
  for (const e of elements(root, (e) => !picked.includes(e))) {
    deadline.check();
    if (!isAttached(e)) continue; // already removed with an ancestor
    const role = getAttributeValue(e, 'role') ?? '';
    const kind = isArticleish(e) ? null : boilerplateKind(e);
    const holdsArticle = () => total > 0 && proseLength(e) > MAX_FURNITURE_SHARE * total;
    const furniture =
      PAGE_FURNITURE.has(e.name) &&
      !(container && e.name === 'header' && isInside(e, container)) &&
      !holdsArticle();
    if (isLinkList(e)) {
      removeElement(e);
      continue;
    }
    if (
      furniture ||
      kind === 'strong' ||
      (kind === 'weak' && !holdsArticle()) ||
      CHROME_ROLES.test(role) ||
      getAttributeValue(e, 'hidden') !== undefined ||
      getAttributeValue(e, 'aria-hidden') === 'true'
    ) {
      removeElement(e);
    }
  }
}

/** An element that itself looks like the article (so a stray "share" class on it is not trusted). */
export function isArticleish(e: Element): boolean {
  return e.name === 'article' || e.name === 'main' || getAttributeValue(e, 'itemprop') === 'articleBody';
}

function hasAncestor(e: Element, name: string): boolean {
  for (let p = e.parent as Element | null; p; p = p.parent as Element | null)
    if (p.name === name) return true;
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

/** What setApart does with an element, in the order the kinds are handled. */
type ApartKind = 'figure' | 'caption' | 'byline' | 'social-post' | 'pull-quote' | 'heading-or-time';
const APART_ORDER: ApartKind[] = [
  'figure',
  'caption',
  'byline',
  'social-post',
  'pull-quote',
  'heading-or-time',
];

/** Class and id names that mark each kind. */
const CAPTION_NAMES =
  /(^|[\s_-])(caption|cutline|credit|credits|photo-credit|image-credit|wp-caption-text)([\s_-]|$)/i;
const BYLINE_NAMES = /(^|[\s_-])(byline|author|dateline)([\s_-]|$)/i;
const SOCIAL_NAMES = /(twitter-tweet|instagram-media|tiktok-embed|social-embed|embed-post)/i;
const PULL_QUOTE_NAMES = /(^|[\s_-])(pull-?quote)([\s_-]|$)/i;

function apartKind(e: Element): ApartKind | null {
  if (e.name === 'figure' || (e.name === 'figcaption' && !hasAncestor(e, 'figure'))) return 'figure';
  const names = classId(e);
  if (names.trim()) {
    if (CAPTION_NAMES.test(names)) return 'caption';
    if (BYLINE_NAMES.test(names)) return 'byline';
  }
  if (getAttributeValue(e, 'rel') === 'author') return 'byline';
  if (names.trim()) {
    if (SOCIAL_NAMES.test(names)) return 'social-post';
    if (PULL_QUOTE_NAMES.test(names)) return 'pull-quote';
  }
  return e.name === 'h1' || e.name === 'time' ? 'heading-or-time' : null;
}

/**
 * Captions, bylines, embedded posts and pull quotes are kept, but not as body text. One walk sorts the
 * elements by kind; the kinds are then handled in order, skipping what an earlier removal took along.
 */
function setApart(root: AnyNode[], out: EmbeddedBlock[]): void {
  const text = (e: Element) => textContent(e).replace(/\s+/g, ' ').trim();
  const byKind = new Map<ApartKind, Element[]>(APART_ORDER.map((k) => [k, []]));
  for (const e of elements(root, () => true)) {
    const kind = apartKind(e);
    if (kind) byKind.get(kind)?.push(e);
  }
  for (const kind of APART_ORDER) {
    for (const e of byKind.get(kind) ?? []) {
      if (!isAttached(e)) continue;
      if (kind === 'figure') {
        const cap = e.name === 'figure' ? findAll((c) => c.name === 'figcaption', e.children)[0] : e;
        if (cap && text(cap)) out.push({ kind: 'caption', text: text(cap) });
      } else if (kind === 'caption') {
        const t = text(e);
        if (t && t.length < 600) out.push({ kind: 'caption', text: t });
      } else if (kind === 'byline') {
        const t = text(e);
        if (t && t.length < 200)
          out.push({ kind: /dateline/i.test(classId(e)) ? 'dateline' : 'byline', text: t });
      } else if (kind === 'social-post' || kind === 'pull-quote') {
        out.push({ kind, text: text(e) });
      }
      removeElement(e);
    }
  }
}

/** A sibling of the best container joins it when it scores at least this share of the best score. */
const SIBLING_SHARE = 0.2;

/** A lone sibling paragraph this long (characters) joins the container too. */
export const SIBLING_PARAGRAPH = 80;

/**
 * The article's container(s): the marked article body or the single article element with prose;
 * else the element whose paragraphs weigh most, with the siblings that carry prose as well
 * (an intro and a body in neighbouring blocks).
 */
function pickContainer(root: AnyNode[], deadline: Deadline): { picked: Element[]; kind: ContainerKind } {
  const marked = elements(root, (e) => getAttributeValue(e, 'itemprop') === 'articleBody');
  if (marked.length === 1) return { picked: marked, kind: 'marked-body' };
  const articles = elements(root, (e) => e.name === 'article').filter((a) => proseLength(a) > 200);
  if (articles.length === 1) return { picked: articles, kind: 'article-element' };
  return { picked: densestProse(root, deadline), kind: 'densest-prose' };
}

/** The element whose paragraphs weigh most, with the siblings that carry prose as well. */
function densestProse(root: AnyNode[], deadline: Deadline): Element[] {
  const scores = new Map<Element, number>();
  const credit = (e: Element | null, n: number) => {
    if (e?.type === 'tag') scores.set(e, (scores.get(e) ?? 0) + n);
  };
  for (const p of elements(root, (e) => e.name === 'p' || hasOwnProse(e))) {
    deadline.check();
    const len = e2len(p);
    if (len < MIN_SCORED_PARAGRAPH || insideStrongBoilerplate(p)) continue;
    // A paragraph credits its parent and grandparent; a container of loose prose credits itself and its parent.
    const first = p.parent as Element | null;
    credit(first, len);
    credit(first?.parent as Element | null, len / 2);
  }
  let top: Element | null = null;
  let bestScore = 0;
  for (const [e, s] of scores) if (s > bestScore) [top, bestScore] = [e, s];
  if (!top) return [];
  const best = climbToWholeArticle(top);
  const parent = best.parent as Element | null;
  if (!parent || parent.type !== 'tag') return [best];
  return parent.children.filter((c): c is Element => {
    if (c === best) return true;
    if (c.type !== 'tag') return false;
    const e = c as Element;
    if (insideStrongBoilerplate(e)) return false;
    if ((scores.get(e) ?? 0) >= SIBLING_SHARE * bestScore) return true;
    return e.name === 'p' && textContent(e).trim().length >= SIBLING_PARAGRAPH && linkDensity(e) < 0.25;
  });
}

/** Lists (and list-like divs without paragraphs) whose text is mostly links: other stories' headlines. */
const LINK_LIST_DENSITY = 0.7;

export function isLinkList(e: Element): boolean {
  // Divs count only when every child element is a link or inline wrapper (a cheap test before the walk).
  const divOfLinks =
    e.name === 'div' &&
    e.children.every(
      (c) => c.type !== 'tag' || ['a', 'span', 'br', 'strong', 'em', 'b', 'i'].includes((c as Element).name),
    );
  if (e.name !== 'ul' && e.name !== 'ol' && !divOfLinks) return false;
  const text = textContent(e).trim();
  return (
    text.length > 0 &&
    findAll((c) => c.name === 'a', e.children).length >= 2 &&
    linkDensity(e) >= LINK_LIST_DENSITY
  );
}

/** Climbing to a parent needs it to add this share of good prose (an article split into sections). */
const CLIMB_GAIN = 0.3;
/** …and its text to be at least this share good prose (not a page of sidebars). */
const CLIMB_PROSE_SHARE = 0.5;
/** How many levels the container may climb. */
const MAX_CLIMB = 10;

/**
 * From the best-scoring element up through its ancestors while each adds substantial prose and
 * stays mostly prose: the body of an article broken into sections by figures or ads.
 */
function climbToWholeArticle(best: Element): Element {
  let current = best;
  let prose = goodProse(best);
  for (let i = 0; i < MAX_CLIMB; i++) {
    const parent = current.parent as Element | null;
    if (!parent || parent.type !== 'tag' || parent.name === 'body') break;
    const parentProse = goodProse(parent);
    const total = textContent(parent).replace(/\s+/g, ' ').length || 1;
    if (parentProse >= prose * (1 + CLIMB_GAIN) && parentProse / total >= CLIMB_PROSE_SHARE) {
      current = parent;
      prose = parentProse;
    } else if (parentProse > prose) {
      break;
    } else {
      current = parent.children.filter((c) => c.type === 'tag').length === 1 ? parent : current;
    }
  }
  return current;
}

/** Paragraph text inside an element that is not inside certain boilerplate. */
function goodProse(e: Element): number {
  return findAll((c) => c.name === 'p', e.children)
    .map((p) => [p, paragraphLength(p)] as const)
    .filter(([p, len]) => len >= MIN_SCORED_PARAGRAPH && !insideStrongBoilerplate(p))
    .reduce((n, [, len]) => n + len, 0);
}

/** A paragraph's trimmed text length, kept: the climb reads the same paragraphs at every level. */
const paragraphLengths = new WeakMap<Element, number>();

function paragraphLength(p: Element): number {
  let n = paragraphLengths.get(p);
  if (n === undefined) {
    n = textContent(p).trim().length;
    paragraphLengths.set(p, n);
  }
  return n;
}

/** Share of an element's text that sits in links. */
export function linkDensity(e: Element): number {
  // Whitespace is not counted: the indentation between a list's items would dilute its links.
  const all = visibleLength(textContent(e)) || 1;
  return (
    findAll((c) => c.name === 'a', e.children).reduce((n, a) => n + visibleLength(textContent(a)), 0) / all
  );
}

/** Characters that are not ASCII whitespace (a loop, not a regular expression: it runs for every list and candidate). */
function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) n++;
  }
  return n;
}

/** Elements that start a new block; text inside them is not a container's own prose. */
const BLOCK_LEVEL = new Set([
  ...BLOCKS,
  'p',
  'div',
  'section',
  'article',
  'main',
  'ul',
  'ol',
  'table',
  'h1',
  'header',
  'footer',
  'aside',
  'nav',
  'figure',
  'form',
  'dl',
]);

/** Containers whose own text (outside their blocks) is scored: pages that separate paragraphs with <br>. */
const TEXT_CONTAINERS = new Set(['div', 'section', 'article', 'main', 'td']);

/** Text length of a paragraph, or of a container's own prose (text and inline elements outside blocks). */
export function e2len(e: Element): number {
  if (e.name === 'p') return textContent(e).trim().length;
  let n = 0;
  const walk = (nodes: AnyNode[]) => {
    for (const c of nodes) {
      if (c.type === 'text') n += (c as unknown as { data: string }).data.trim().length;
      else if (c.type === 'tag' && !BLOCK_LEVEL.has((c as Element).name)) walk((c as Element).children);
    }
  };
  walk(e.children);
  return n;
}

/** A container whose own text reads as prose. */
export function hasOwnProse(e: Element): boolean {
  return TEXT_CONTAINERS.has(e.name) && e2len(e) >= MIN_SCORED_PARAGRAPH;
}

export function proseLength(e: Element): number {
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
      for (const para of brParagraphs(e)) out.push(para);
    } else if (e.name === 'br') {
      continue;
    } else if (!findAll((c) => BLOCKS.has(c.name), e.children).length) {
      // No block inside: the element's text is prose, its paragraphs separated by blank <br> lines.
      for (const para of brParagraphs(e)) out.push(para);
    } else {
      emitBlocks(e.children, out);
    }
  }
}

/** Returns an element's text split into paragraphs where two <br> (or a <br> and a line break) stand together. */
function brParagraphs(e: Element): string[] {
  let text = '';
  const walk = (nodes: AnyNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') text += (n as unknown as { data: string }).data.replace(/\s+/g, ' ');
      else if (n.type === 'tag') {
        if ((n as Element).name === 'br') text += '\n';
        else walk((n as Element).children);
      }
    }
  };
  walk(e.children);
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 1);
}
