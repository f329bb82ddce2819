/** JSON Feed 1.1 (and 1.0): a raw parser that checks shapes as written, and an adapter onto FeedItem. */
import type { FeedItem, ParsedFeed } from '../../domain/feed.ts';
import { absoluteUrl, feedDate, plainText } from './feed-values.ts';

export interface RawJsonFeedItem {
  id: string | null;
  url: string | null;
  externalUrl: string | null;
  title: string | null;
  contentHtml: string | null;
  contentText: string | null;
  summary: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  tags: string[];
}

export interface RawJsonFeed {
  version: string;
  title: string | null;
  homePageUrl: string | null;
  items: RawJsonFeedItem[];
}

/** Thrown for JSON that is not a JSON Feed. */
export class NotAJsonFeed extends Error {}

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null;

/** Reads parsed JSON as a JSON Feed; throws NotAJsonFeed naming what is wrong. */
export function parseRawJsonFeed(data: unknown, maxItems: number): RawJsonFeed {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new NotAJsonFeed('not a JSON object');
  const o = data as Record<string, unknown>;
  const version = str(o.version);
  if (!version || !/jsonfeed\.org\/version\//.test(version))
    throw new NotAJsonFeed('no JSON Feed "version" (https://jsonfeed.org/version/1.1)');
  if (!Array.isArray(o.items)) throw new NotAJsonFeed('"items" is not a list');
  const items = o.items
    .slice(0, maxItems)
    .filter((i): i is Record<string, unknown> => !!i && typeof i === 'object')
    .map((i) => {
      // 1.1 has "authors" (a list); 1.0 had "author" (one object).
      const people = Array.isArray(i.authors) ? i.authors : i.author ? [i.author] : [];
      return {
        id: str(i.id),
        url: str(i.url),
        externalUrl: str(i.external_url),
        title: str(i.title),
        contentHtml: str(i.content_html),
        contentText: str(i.content_text),
        summary: str(i.summary),
        datePublished: str(i.date_published),
        dateModified: str(i.date_modified),
        authors: people
          .map((a) => (a && typeof a === 'object' ? str((a as Record<string, unknown>).name) : null))
          .filter((a): a is string => !!a),
        tags: Array.isArray(i.tags) ? i.tags.map(str).filter((t): t is string => !!t) : [],
      };
    });
  return { version, title: str(o.title), homePageUrl: str(o.home_page_url), items };
}

/** The adapter onto FeedItem; relative URLs resolved against the feed's address. */
export function adaptJsonFeed(raw: RawJsonFeed, feedUrl: string | null): ParsedFeed {
  const siteUrl = absoluteUrl(raw.homePageUrl, feedUrl);
  const base = feedUrl ?? siteUrl;
  const items: FeedItem[] = [];
  for (const i of raw.items) {
    const url = absoluteUrl(i.url, base) ?? absoluteUrl(i.externalUrl, base);
    const id = i.id ?? url;
    if (!id) continue;
    items.push({
      id,
      url,
      title: plainText(i.title),
      summary: plainText(i.summary) ?? (i.contentText ? plainText(i.contentText.slice(0, 500)) : null),
      contentHtml:
        i.contentHtml ??
        (i.contentText
          ? `<p>${i.contentText
              .replace(/&/g, '&amp;')
              .replace(/</g, '&lt;')
              .replace(/\n{2,}/g, '</p><p>')}</p>`
          : null),
      publishedAt: feedDate(i.datePublished),
      updatedAt: feedDate(i.dateModified),
      authors: i.authors,
      categories: i.tags,
    });
  }
  return { format: 'json', title: plainText(raw.title), siteUrl, items };
}
