/**
 * RSS 0.9x/2.0 (`<rss><channel><item>`) and RDF/RSS 1.0 (`<rdf:RDF>` with `<item rdf:about>` beside
 * the channel): a raw parser that reads the elements as written, and an adapter onto FeedItem.
 */
import type { Element } from 'domhandler';
import { textContent } from 'domutils';
import type { FeedItem, ParsedFeed } from '../../domain/feed.ts';
import { absoluteUrl, feedDate, plainText } from './feed-values.ts';
import { attr, child, childElements, childText, NS } from './xml.ts';

/** An RSS or RDF item as written. */
export interface RawRssItem {
  title: string | null;
  link: string | null;
  /** rdf:about of an RSS 1.0 item. */
  about: string | null;
  guid: string | null;
  /** guid's isPermaLink; RSS 2.0 says a guid is a permalink unless this is "false". */
  guidIsPermaLink: boolean;
  description: string | null;
  contentEncoded: string | null;
  pubDate: string | null;
  dcDate: string | null;
  author: string | null;
  creators: string[];
  categories: string[];
}

export interface RawRssChannel {
  version: 'rss' | 'rdf';
  title: string | null;
  link: string | null;
  items: RawRssItem[];
}

/** RSS elements carry no namespace; RSS 1.0 and Netscape's RSS 0.90 put theirs in one (any is accepted). */
const ANY = undefined;

/** Reads an <rss> or <rdf:RDF> root as written. */
export function parseRawRss(root: Element, version: 'rss' | 'rdf', maxItems: number): RawRssChannel {
  const channel = child(root, 'channel', ANY);
  // RSS 2.0 puts items inside the channel; RSS 1.0 and 0.90 beside it.
  const itemEls = [
    ...(channel ? childElements(channel, 'item', ANY) : []),
    ...childElements(root, 'item', ANY),
  ].slice(0, maxItems);
  return {
    version,
    title: channel ? childText(channel, 'title', ANY) : null,
    link: channel ? childText(channel, 'link', ANY) : null,
    items: itemEls.map(rawItem),
  };
}

function rawItem(e: Element): RawRssItem {
  const guid = child(e, 'guid', ANY);
  const raw = (local: string, ns?: readonly string[]) => {
    const c = child(e, local, ns);
    return c ? textContent(c) : null;
  };
  return {
    title:
      raw('title', [NS.none, NS.rss1, 'http://my.netscape.com/rdf/simple/0.9/']) ?? raw('title', [NS.dc]),
    link: childText(e, 'link', [NS.none, NS.rss1, 'http://my.netscape.com/rdf/simple/0.9/']),
    about: attr(e, 'rdf:about'),
    guid: guid ? textContent(guid).trim() || null : null,
    guidIsPermaLink: guid ? (attr(guid, 'isPermaLink') ?? 'true').trim().toLowerCase() !== 'false' : false,
    description:
      raw('description', [NS.none, NS.rss1, 'http://my.netscape.com/rdf/simple/0.9/']) ??
      raw('description', [NS.dc]),
    contentEncoded: raw('encoded', [NS.content]),
    pubDate: childText(e, 'pubdate', [NS.none]),
    dcDate: childText(e, 'date', [NS.dc]),
    author: childText(e, 'author', [NS.none]),
    creators: childElements(e, 'creator', [NS.dc])
      .map((c) => textContent(c).trim())
      .filter(Boolean),
    categories: [...childElements(e, 'category', [NS.none]), ...childElements(e, 'subject', [NS.dc])]
      .map((c) => textContent(c).trim())
      .filter(Boolean),
  };
}

/** The adapter: a raw channel onto the product's feed type; relative links resolved against the feed. */
export function adaptRss(raw: RawRssChannel, feedUrl: string | null): ParsedFeed {
  const siteUrl = absoluteUrl(raw.link, feedUrl);
  const base = feedUrl ?? siteUrl;
  const items: FeedItem[] = [];
  for (const it of raw.items) {
    const url =
      absoluteUrl(it.link, base) ??
      absoluteUrl(it.about, base) ??
      (it.guidIsPermaLink ? absoluteUrl(it.guid, base) : null);
    const id = it.guid ?? it.about ?? url;
    if (!id) continue; // an item with neither id nor link cannot be told apart from the next
    items.push({
      id,
      url,
      title: plainText(it.title),
      summary: plainText(it.description),
      contentHtml: it.contentEncoded?.trim() || null,
      publishedAt: feedDate(it.pubDate) ?? feedDate(it.dcDate),
      updatedAt: null,
      // RSS 2.0's <author> is an e-mail address, often "mail@x (Name)": the name is kept.
      authors: [...it.creators, ...(it.author ? [/\(([^)]+)\)/.exec(it.author)?.[1] ?? it.author] : [])]
        .map((a) => a.trim())
        .filter(Boolean),
      categories: it.categories,
    });
  }
  return { format: raw.version, title: plainText(raw.title), siteUrl, items };
}
