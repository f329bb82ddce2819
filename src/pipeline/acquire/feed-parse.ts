/**
 * Any feed's bytes to a ParsedFeed: decoded (BOM, HTTP charset, XML declaration), the format sniffed
 * from the content itself (servers label feeds text/html, text/plain or octet-stream as often as
 * correctly), then the format's raw parser and adapter. Never throws: a refusal carries its reason.
 */
import type { ParsedFeed } from '../../domain/feed.ts';
import { decodeHtml } from './decode.ts';
import { adaptAtom, parseRawAtom } from './feed-atom.ts';
import { adaptJsonFeed, NotAJsonFeed, parseRawJsonFeed } from './feed-json.ts';
import { adaptRss, parseRawRss } from './feed-rss.ts';
import { localName, parseXml, rootElement, XmlRefused } from './xml.ts';

export type FeedParseResult =
  | { kind: 'ok'; feed: ParsedFeed }
  | { kind: 'refused'; reason: 'decode' | 'not-a-feed'; message: string };

/** Items read from one feed at most; a feed with more is cut (its newest come first in practice). */
export const MAX_FEED_ITEMS = 5000;

/** Parses a feed document; `feedUrl` resolves relative links. */
export function parseFeed(
  bytes: Uint8Array,
  contentType: string | null,
  feedUrl: string | null,
): FeedParseResult {
  const decoded = decodeHtml(bytes, contentType);
  if (decoded.kind === 'rejected') return { kind: 'refused', reason: 'decode', message: decoded.message };
  return parseFeedText(decoded.text, feedUrl);
}

/** Parses feed text (already decoded). */
export function parseFeedText(text: string, feedUrl: string | null): FeedParseResult {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) {
    try {
      return { kind: 'ok', feed: adaptJsonFeed(parseRawJsonFeed(JSON.parse(body), MAX_FEED_ITEMS), feedUrl) };
    } catch (err) {
      const why = err instanceof NotAJsonFeed ? err.message : `unreadable JSON (${(err as Error).message})`;
      return {
        kind: 'refused',
        reason: err instanceof NotAJsonFeed ? 'not-a-feed' : 'decode',
        message: `not a JSON Feed: ${why}`,
      };
    }
  }
  if (!body.startsWith('<'))
    return { kind: 'refused', reason: 'not-a-feed', message: 'neither XML nor JSON' };
  let root;
  try {
    root = rootElement(parseXml(body));
  } catch (err) {
    if (err instanceof XmlRefused) return { kind: 'refused', reason: 'decode', message: err.message };
    throw err;
  }
  if (!root) return { kind: 'refused', reason: 'not-a-feed', message: 'no root element' };
  switch (localName(root)) {
    case 'rss':
      return { kind: 'ok', feed: adaptRss(parseRawRss(root, 'rss', MAX_FEED_ITEMS), feedUrl) };
    case 'rdf':
      return { kind: 'ok', feed: adaptRss(parseRawRss(root, 'rdf', MAX_FEED_ITEMS), feedUrl) };
    case 'feed':
      return { kind: 'ok', feed: adaptAtom(parseRawAtom(root, MAX_FEED_ITEMS), feedUrl) };
    case 'opml':
      return {
        kind: 'refused',
        reason: 'not-a-feed',
        message: 'an OPML subscription list, not a feed (import it with `corroborate ingest FILE.opml`)',
      };
    case 'html':
      return { kind: 'refused', reason: 'not-a-feed', message: 'an HTML page, not a feed' };
    default:
      return { kind: 'refused', reason: 'not-a-feed', message: `unknown root element <${root.name}>` };
  }
}
