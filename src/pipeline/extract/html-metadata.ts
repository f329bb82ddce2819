/** Page metadata with its evidence: JSON-LD, OpenGraph/article meta, <title>, <time>, canonical link, lang. */
import type { Document, Element } from 'domhandler';
import { findAll, getAttributeValue, textContent } from 'domutils';
import type { FieldEvidence } from '../../domain/article.ts';
import { DATE_META_NAMES, dateInUrl, firstDate, type DateCandidate } from './published-date.ts';

export interface PageMetadata {
  title: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  language: string | null;
  description: string | null;
  image: string | null;
  evidence: FieldEvidence[];
}

/** JSON-LD @types that describe an article page. */
const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|OpinionNewsArticle|BackgroundNewsArticle|LiveBlogPosting)$/;

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
  const timeEl = el('time').find((t) => getAttributeValue(t, 'datetime'));
  const canonicalLink = el('link').find((l) => (getAttributeValue(l, 'rel') ?? '').toLowerCase() === 'canonical');
  const htmlEl = el('html')[0];
  const siteName = pick('outlet', [['og:site_name', meta.get('og:site_name')], ['json-ld:publisher', ld.publisher], ['application-name', meta.get('application-name')]]);
  const rawTitle = pick('title', [['og:title', meta.get('og:title')], ['json-ld:headline', ld.headline], ['twitter:title', meta.get('twitter:title')], ['h1', firstText('h1')], ['<title>', firstText('title')]]);
  const authorMeta = meta.get('author') ?? meta.get('article:author') ?? meta.get('parsely-author');
  const authors = ld.authors.length ? ld.authors : authorMeta ? authorMeta.split(/,| and /).map((s) => s.trim()).filter(Boolean) : [];
  if (authors.length) ev.push({ field: 'authors', source: ld.authors.length ? 'json-ld:author' : 'meta:author', value: authors.join(', ') });
  return {
    title: rawTitle ? stripSiteSuffix(rawTitle, siteName) : null,
    siteName,
    canonicalUrl: pick('canonicalUrl', [['link:canonical', canonicalLink && getAttributeValue(canonicalLink, 'href')], ['og:url', meta.get('og:url')], ['json-ld:url', ld.url]]),
    authors,
    publishedAt: pickDate(ev, [
      { source: 'json-ld:datePublished', value: ld.datePublished },
      ...DATE_META_NAMES.map((n) => ({ source: `meta:${n}`, value: meta.get(n) })),
      ...el('itemprop:datePublished').map((e) => ({ source: 'microdata:datePublished', value: getAttributeValue(e, 'content') ?? getAttributeValue(e, 'datetime') ?? textContent(e) })),
      { source: '<time datetime>', value: timeEl && getAttributeValue(timeEl, 'datetime') },
      { source: 'url', value: pageUrl ? dateInUrl(pageUrl) : null },
    ]),
    modifiedAt: pick('modifiedAt', [['json-ld:dateModified', ld.dateModified], ['article:modified_time', meta.get('article:modified_time')], ['og:updated_time', meta.get('og:updated_time')]]),
    language: pick('language', [['html:lang', htmlEl && getAttributeValue(htmlEl, 'lang')], ['og:locale', meta.get('og:locale')], ['json-ld:inLanguage', ld.inLanguage]]),
    description: pick('description', [['og:description', meta.get('og:description')], ['meta:description', meta.get('description')], ['json-ld:description', ld.description]]),
    image: pick('image', [['og:image', meta.get('og:image')], ['json-ld:image', ld.image]]),
    evidence: ev,
  };
}

/** Picks the first candidate that reads as a date, records its evidence, and returns it normalised. */
function pickDate(ev: FieldEvidence[], candidates: DateCandidate[]): string | null {
  const found = firstDate(candidates);
  if (!found) return null;
  ev.push({ field: 'publishedAt', source: found.source, value: found.value });
  return found.value;
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
  if (!site && short && (/\s\|\s/.test(t) || first.split(' ').length >= 4)) return parts.slice(0, -1).join(' - ').trim();
  return t;
}

/** The page's metadata elements by tag name, in one walk (the page may be large). */
const INDEXED = new Set(['meta', 'script', 'link', 'time', 'html', 'h1', 'title']);

function indexByName(doc: Document): Map<string, Element[]> {
  const out = new Map<string, Element[]>();
  for (const e of findAll((x) => INDEXED.has(x.name) || getAttributeValue(x, 'itemprop') === 'datePublished', doc.children)) {
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
    const key = (getAttributeValue(m, 'property') ?? getAttributeValue(m, 'name') ?? getAttributeValue(m, 'itemprop') ?? '').toLowerCase();
    const content = getAttributeValue(m, 'content');
    if (key && content && !out.has(key)) out.set(key, content);
  }
  return out;
}

interface LdArticle {
  headline?: string; datePublished?: string; dateModified?: string; url?: string; publisher?: string;
  description?: string; image?: string; inLanguage?: string; authors: string[];
}

/** Returns the first article-typed object in the page's JSON-LD blocks (unparseable blocks are skipped). */
function jsonLdArticle(allScripts: Element[]): LdArticle {
  const scripts = allScripts.filter((e) => (getAttributeValue(e, 'type') ?? '').includes('ld+json'));
  for (const s of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(textContent(s));
    } catch {
      continue;
    }
    const found = findArticleNode(data, 0);
    if (found) return toLd(found);
  }
  return { authors: [] };
}

function findArticleNode(node: unknown, depth: number): Record<string, unknown> | null {
  if (depth > 6 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const n of node) {
      const f = findArticleNode(n, depth + 1);
      if (f) return f;
    }
    return null;
  }
  const o = node as Record<string, unknown>;
  const types = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
  if (types.some((t) => ARTICLE_TYPES.test(t)) && (o.headline || o.datePublished)) return o;
  return findArticleNode(o['@graph'], depth + 1);
}

function toLd(o: Record<string, unknown>): LdArticle {
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : v && typeof v === 'object' && 'url' in v ? String((v as { url: unknown }).url) : undefined);
  const authors = ([] as unknown[]).concat(o.author ?? []).map(str).filter((s): s is string => !!s);
  const image = Array.isArray(o.image) ? str(o.image[0]) : str(o.image);
  return {
    headline: str(o.headline), datePublished: str(o.datePublished), dateModified: str(o.dateModified), url: str(o.url) ?? str(o.mainEntityOfPage),
    publisher: str(o.publisher), description: str(o.description), image, inLanguage: str(o.inLanguage), authors,
  };
}
