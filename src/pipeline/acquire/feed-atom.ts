/** Atom 1.0 (RFC 4287): a raw parser that reads entries as written, and an adapter onto FeedItem. */
import type { Element } from 'domhandler';
import { getInnerHTML, textContent } from 'domutils';
import type { FeedItem, ParsedFeed } from '../../domain/feed.ts';
import { absoluteUrl, feedDate, plainText } from './feed-values.ts';
import { attr, child, childElements, childText, NS } from './xml.ts';

/** Atom elements are read in the Atom namespace, or in none (feeds that forget the xmlns). */
const ATOM = [NS.atom, NS.none];

export interface RawAtomText {
  type: 'text' | 'html' | 'xhtml';
  value: string;
}

export interface RawAtomEntry {
  id: string | null;
  title: RawAtomText | null;
  links: { rel: string; href: string; type: string | null }[];
  /** xml:base in force for the entry (entry's own, else the feed's). */
  base: string | null;
  published: string | null;
  updated: string | null;
  summary: RawAtomText | null;
  content: RawAtomText | null;
  authors: string[];
  categories: string[];
}

export interface RawAtomFeed {
  title: RawAtomText | null;
  links: RawAtomEntry['links'];
  base: string | null;
  entries: RawAtomEntry[];
}

/** Reads an Atom <feed> as written. */
export function parseRawAtom(root: Element, maxItems: number): RawAtomFeed {
  const base = attr(root, 'xml:base');
  return {
    title: textConstruct(child(root, 'title', ATOM)),
    links: links(root),
    base,
    entries: childElements(root, 'entry', ATOM)
      .slice(0, maxItems)
      .map((e) => ({
        id: childText(e, 'id', ATOM),
        title: textConstruct(child(e, 'title', ATOM)),
        links: links(e),
        base: attr(e, 'xml:base') ?? base,
        published: childText(e, 'published', ATOM) ?? childText(e, 'issued', ATOM),
        updated: childText(e, 'updated', ATOM) ?? childText(e, 'modified', ATOM),
        summary: textConstruct(child(e, 'summary', ATOM)),
        content: textConstruct(child(e, 'content', ATOM)),
        authors: childElements(e, 'author', ATOM)
          .map((a) => childText(a, 'name', ATOM) ?? textContent(a).trim())
          .filter(Boolean),
        categories: childElements(e, 'category', ATOM)
          .map((c) => attr(c, 'label') ?? attr(c, 'term') ?? '')
          .filter(Boolean),
      })),
  };
}

function links(e: Element): RawAtomEntry['links'] {
  return childElements(e, 'link', ATOM)
    .map((l) => ({
      rel: (attr(l, 'rel') ?? 'alternate').toLowerCase(),
      href: attr(l, 'href') ?? '',
      type: attr(l, 'type'),
    }))
    .filter((l) => l.href);
}

/** An Atom text construct: plain text, escaped HTML, or inline XHTML (kept as markup). */
function textConstruct(e: Element | null): RawAtomText | null {
  if (!e) return null;
  const type = (attr(e, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml') {
    const div = childElements(e)[0];
    return { type: 'xhtml', value: div ? getInnerHTML(div, { xmlMode: false }) : getInnerHTML(e) };
  }
  return { type: type === 'html' || type === 'text/html' ? 'html' : 'text', value: textContent(e) };
}

/** The adapter: entries onto FeedItem, links resolved against xml:base and the feed's address. */
export function adaptAtom(raw: RawAtomFeed, feedUrl: string | null): ParsedFeed {
  const feedBase = absoluteUrl(raw.base, feedUrl) ?? feedUrl;
  const alternate = (ls: RawAtomEntry['links'], base: string | null) =>
    absoluteUrl(
      (
        ls.find((l) => l.rel === 'alternate' && (!l.type || /html/.test(l.type))) ??
        ls.find((l) => l.rel === 'alternate')
      )?.href,
      base,
    );
  const items: FeedItem[] = [];
  for (const e of raw.entries) {
    const base = absoluteUrl(e.base, feedBase) ?? feedBase;
    const url = alternate(e.links, base);
    const id = e.id ?? url;
    if (!id) continue;
    items.push({
      id,
      url,
      title: e.title ? plainText(e.title.value) : null,
      summary: e.summary ? plainText(e.summary.value) : null,
      contentHtml: e.content
        ? (e.content.type === 'text' ? escapeHtml(e.content.value) : e.content.value).trim() || null
        : null,
      publishedAt: feedDate(e.published) ?? feedDate(e.updated),
      updatedAt: feedDate(e.updated),
      authors: e.authors,
      categories: e.categories,
    });
  }
  return {
    format: 'atom',
    title: raw.title ? plainText(raw.title.value) : null,
    siteUrl: alternate(raw.links, feedBase),
    items,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
