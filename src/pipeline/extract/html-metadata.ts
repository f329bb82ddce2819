/** Page metadata with its evidence: JSON-LD, OpenGraph/article meta, <title>, <time>, canonical link, lang. */
import type { ChildNode, Document, Element, Text } from 'domhandler';
import { findAll, getAttributeValue, textContent } from 'domutils';
import type { FieldEvidence } from '../../domain/article.ts';
import { DATE_META_NAMES, dateInUrl, type DateSignals } from './published-date.ts';
import { publicationTimeElement } from './time-element.ts';
import { parseJsonLenient } from '../../lib/lenient-json.ts';

export interface PageMetadata {
  title: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  authors: string[];
  /** What the page says about its publication date; decided with the body's bylines in extract.ts. */
  dateSignals: DateSignals;
  modifiedAt: string | null;
  language: string | null;
  description: string | null;
  image: string | null;
  evidence: FieldEvidence[];
}

/** JSON-LD @types that describe an article page. */
const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|OpinionNewsArticle|BackgroundNewsArticle|LiveBlogPosting)$/;

/** Returns the metadata of a parsed page, each field with the signal it came from. */
export function readMetadata(doc: Document, pageUrl: string | null = null): PageMetadata {
  const index = indexByName(doc);
  const el = (name: string) => index.get(name) ?? [];
  const meta = metaTags(el('meta'));
  const ld = jsonLdArticle(el('script'));
  const ev: FieldEvidence[] = [];
  const pick = (field: string, candidates: [string, string | null | undefined][]): string | null => {
    for (const [source, value] of candidates) {
      const v = value?.trim();
      if (v) {
        ev.push({ field, source, value: v });
        return v;
      }
    }
    return null;
  };
  const firstText = (name: string) => {
    const e = el(name)[0];
    return e ? textContent(e).replace(/\s+/g, ' ') : null;
  };
  const timeEl = publicationTimeElement(el('time'));
  const canonicalLink = el('link').find(
    (l) => (getAttributeValue(l, 'rel') ?? '').toLowerCase() === 'canonical',
  );
  const htmlEl = el('html')[0];
  const siteName = pick('outlet', [
    ['og:site_name', meta.get('og:site_name')],
    ['json-ld:publisher', ld.publisher],
    ['application-name', meta.get('application-name')],
  ]);
  const rawTitle = pick('title', [
    ['og:title', meta.get('og:title')],
    ['json-ld:headline', ld.headline],
    ['twitter:title', meta.get('twitter:title')],
    ['h1', firstText('h1')],
    ['<title>', firstText('title')],
  ]);
  const authorMeta = meta.get('author') ?? meta.get('article:author') ?? meta.get('parsely-author');
  const authors = ld.authors.length
    ? ld.authors
    : authorMeta
      ? authorMeta
          .split(/,| and /)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  if (authors.length)
    ev.push({
      field: 'authors',
      source: ld.authors.length ? 'json-ld:author' : 'meta:author',
      value: authors.join(', '),
    });
  return {
    title: rawTitle ? stripSiteSuffix(rawTitle, siteName) : null,
    siteName,
    canonicalUrl: pick('canonicalUrl', [
      ['link:canonical', canonicalLink && getAttributeValue(canonicalLink, 'href')],
      ['og:url', meta.get('og:url')],
      ['json-ld:url', ld.url],
    ]),
    authors,
    dateSignals: {
      machine: [
        { source: 'json-ld:datePublished', value: ld.datePublished },
        ...DATE_META_NAMES.map((n) => ({ source: `meta:${n}`, value: meta.get(n) })),
        ...el('itemprop:datePublished').map((e) => ({
          source: 'microdata:datePublished',
          value: getAttributeValue(e, 'content') ?? getAttributeValue(e, 'datetime') ?? textContent(e),
        })),
        {
          source: timeEl?.updated ? '<time datetime> (marked updated, the only one)' : '<time datetime>',
          value: timeEl && getAttributeValue(timeEl.element, 'datetime'),
        },
      ],
      url: pageUrl ? dateInUrl(pageUrl) : null,
      pageUrl,
      visible: headlineNeighbourhood(el('h1'), rawTitle ? stripSiteSuffix(rawTitle, siteName) : null),
      language: htmlEl ? (getAttributeValue(htmlEl, 'lang') ?? null) : null,
    },
    modifiedAt: pick('modifiedAt', [
      ['json-ld:dateModified', ld.dateModified],
      ['article:modified_time', meta.get('article:modified_time')],
      ['og:updated_time', meta.get('og:updated_time')],
    ]),
    language: pick('language', [
      ['html:lang', htmlEl && getAttributeValue(htmlEl, 'lang')],
      ['og:locale', meta.get('og:locale')],
      ['json-ld:inLanguage', ld.inLanguage],
    ]),
    description: pick('description', [
      ['og:description', meta.get('og:description')],
      ['meta:description', meta.get('description')],
      ['json-ld:description', ld.description],
    ]),
    image: pick('image', [
      ['og:image', meta.get('og:image')],
      ['json-ld:image', ld.image],
    ]),
    evidence: ev,
  };
}

/** How much text after the headline is read for a visible date (bylines sit right under it). */
const AFTER_HEADLINE_CHARS = 400;
/** Elements whose text a reader does not see. */
const UNSEEN = new Set(['script', 'style', 'noscript', 'template', 'svg']);

/**
 * The visible text right after the page's headline: the <h1> that matches the title (else the first
 * with three words or more), then the text that follows it in document order, up to a few hundred
 * characters. Bylines and datelines live here on most pages, whatever their markup.
 */
function headlineNeighbourhood(h1s: Element[], title: string | null): { source: string; text: string }[] {
  const norm = (x: string) => x.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const t = title ? norm(title) : '';
  const h1 =
    h1s.find((h) => {
      const n = norm(textContent(h));
      return n.length > 10 && t && (t.includes(n) || n.includes(t));
    }) ?? h1s.find((h) => textContent(h).trim().split(/\s+/).length >= 3);
  if (!h1) return [];
  let text = '';
  let node: ChildNode | null = nextInOrder(h1);
  for (let steps = 0; node && text.length < AFTER_HEADLINE_CHARS && steps < 2000; steps++) {
    if (node.type === 'text') {
      const data = (node as Text).data.trim();
      if (data) text += ` ${data}`;
      node = nextInOrder(node);
    } else if (
      (node.type === 'tag' || node.type === 'script' || node.type === 'style') &&
      !UNSEEN.has((node as Element).name) &&
      (node as Element).children.length
    ) {
      node = (node as Element).children[0] as ChildNode;
    } else {
      node = nextInOrder(node);
    }
  }
  return text ? [{ source: 'after-headline', text: text.trim() }] : [];
}

/** The node after `n` in document order, skipping n's own children. */
function nextInOrder(n: ChildNode): ChildNode | null {
  for (let cur: ChildNode | null = n; cur; cur = cur.parent as ChildNode | null) {
    if (cur.next) return cur.next;
  }
  return null;
}

/** Returns a title without a trailing or leading site name ("Headline | Outlet" → "Headline"). */
export function stripSiteSuffix(title: string, siteName: string | null): string {
  const t = title.replace(/\s+/g, ' ').trim();
  const parts = t.split(/\s+[|–—·•]\s+|\s+-\s+/);
  if (parts.length < 2) return t;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const site = siteName ? norm(siteName) : null;
  const last = parts[parts.length - 1] as string;
  const first = parts[0] as string;
  if (site && norm(last) === site) return parts.slice(0, -1).join(' - ').trim();
  if (site && norm(first) === site) return parts.slice(1).join(' - ').trim();
  // Without a known site name: a short last segment after " | " is the site's name (a headline is
  // rarely split by a bar), and so is a short one after a dash when the headline before it is long.
  const short = last.split(' ').length <= 4;
  if (!site && short && (/\s\|\s/.test(t) || first.split(' ').length >= 4))
    return parts.slice(0, -1).join(' - ').trim();
  return t;
}

/** The page's metadata elements by tag name, in one walk (the page may be large). */
const INDEXED = new Set(['meta', 'script', 'link', 'time', 'html', 'h1', 'title']);

function indexByName(doc: Document): Map<string, Element[]> {
  const out = new Map<string, Element[]>();
  for (const e of findAll(
    (x) => INDEXED.has(x.name) || getAttributeValue(x, 'itemprop') === 'datePublished',
    doc.children,
  )) {
    const key = getAttributeValue(e, 'itemprop') === 'datePublished' ? 'itemprop:datePublished' : e.name;
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  }
  return out;
}

function metaTags(metas: Element[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of metas) {
    const key = (
      getAttributeValue(m, 'property') ??
      getAttributeValue(m, 'name') ??
      getAttributeValue(m, 'itemprop') ??
      ''
    ).toLowerCase();
    const content = getAttributeValue(m, 'content');
    if (key && content && !out.has(key)) out.set(key, content);
  }
  return out;
}

interface LdArticle {
  headline?: string;
  datePublished?: string;
  dateModified?: string;
  url?: string;
  publisher?: string;
  description?: string;
  image?: string;
  inLanguage?: string;
  authors: string[];
}

/** JSON-LD @types that never describe the page's own article (their dates are not its dates). */
const NOT_THE_PAGE =
  /^(Organization|NewsMediaOrganization|Corporation|Person|WebSite|BreadcrumbList|ListItem|ItemList|SiteNavigationElement|ImageObject|VideoObject|AudioObject|Event|Product|Offer|Place|SearchAction|Comment)$/;

/**
 * Returns the page's article object from all its JSON-LD blocks: the first article-typed node with a
 * headline or date. When it has no datePublished, the first other node that does and is not about
 * something else (a ClaimReview or MedicalWebPage is the page; an Organization or Event is not) lends
 * its date. Blocks are parsed leniently (raw newlines in strings, trailing commas); unreadable ones skipped.
 */
function jsonLdArticle(allScripts: Element[]): LdArticle {
  const nodes: Record<string, unknown>[] = [];
  for (const s of allScripts) {
    if (!(getAttributeValue(s, 'type') ?? '').includes('ld+json')) continue;
    const data = parseJsonLenient(textContent(s));
    if (data !== undefined) collectNodes(data, 0, nodes);
  }
  const typesOf = (o: Record<string, unknown>) => ([] as unknown[]).concat(o['@type'] ?? []).map(String);
  const article = nodes.find(
    (o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)) && (o.headline || o.datePublished),
  );
  const dated = nodes.find(
    (o) => dateValue(o.datePublished) !== undefined && !typesOf(o).some((t) => NOT_THE_PAGE.test(t)),
  );
  if (!article) return dated ? toLd(dated) : { authors: [] };
  const ld = toLd(article);
  if (!ld.datePublished && dated) ld.datePublished = toLd(dated).datePublished;
  return ld;
}

/** Every object in a JSON-LD value, walking arrays and @graph, in document order. */
function collectNodes(node: unknown, depth: number, out: Record<string, unknown>[]): void {
  if (depth > 6 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) collectNodes(n, depth + 1, out);
    return;
  }
  const o = node as Record<string, unknown>;
  out.push(o);
  for (const key of NESTED_PAGE_KEYS) collectNodes(o[key], depth + 1, out);
}

/** Properties whose value is the page's own article written inside another node (a WebPage's mainEntity). */
const NESTED_PAGE_KEYS = ['@graph', 'mainEntity', 'mainEntityOfPage'];

/** A JSON-LD date in its usual forms: a string, a list of them (the first), or {"@value": …}. */
function dateValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return dateValue(v[0]);
  if (v && typeof v === 'object' && '@value' in v) return dateValue((v as { '@value': unknown })['@value']);
  return undefined;
}

function toLd(o: Record<string, unknown>): LdArticle {
  const str = (v: unknown): string | undefined =>
    typeof v === 'string'
      ? v
      : v && typeof v === 'object' && 'name' in v
        ? String((v as { name: unknown }).name)
        : v && typeof v === 'object' && 'url' in v
          ? String((v as { url: unknown }).url)
          : undefined;
  const authors = ([] as unknown[])
    .concat(o.author ?? [])
    .map(str)
    .filter((s): s is string => !!s);
  const image = Array.isArray(o.image) ? str(o.image[0]) : str(o.image);
  return {
    headline: str(o.headline),
    datePublished: dateValue(o.datePublished),
    dateModified: dateValue(o.dateModified),
    url: str(o.url) ?? str(o.mainEntityOfPage),
    publisher: str(o.publisher),
    description: str(o.description),
    image,
    inLanguage: str(o.inLanguage),
    authors,
  };
}
