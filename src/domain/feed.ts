/** A subscribed feed and its polling state. */

/** Every fetch failure is sorted once into one of these kinds (shown by CLI and UI). */
export type FetchErrorKind =
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'tls'
  | 'http-4xx'
  | 'http-5xx'
  | 'too-many-redirects'
  | 'too-large'
  | 'robots-disallowed'
  | 'blocked-address'
  | 'not-article'
  | 'decode'
  /** Bytes that are not text at all (an image, an archive, random bytes) although named or served as a page. */
  | 'not-text'
  /** An archive that ends in the middle of a record. */
  | 'truncated'
  /** The item was read but could not be stored (the database refused it). */
  | 'ingest';

export interface Feed {
  id: string;
  url: string;
  outletId: string | null;
  pollIntervalSeconds: number;
  etag: string | null;
  lastModified: string | null;
  lastStatus: number | null;
  consecutiveErrors: number;
  lastError: { kind: FetchErrorKind; message: string } | null;
  nextPollAt: string | null;
}

/** Feed formats read; each has a raw parser and an adapter onto FeedItem. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** One entry of any feed format, as the rest of the product sees it. */
export interface FeedItem {
  /** The item's own id (guid, Atom id, JSON Feed id), else its URL. */
  id: string;
  /** The article's address, absolute. */
  url: string | null;
  /** Plain text (markup in titles removed). */
  title: string | null;
  /** Plain-text summary. */
  summary: string | null;
  /** Full content as HTML, when the feed carries it. */
  contentHtml: string | null;
  /** ISO 8601, or null when the feed gives no date. */
  publishedAt: string | null;
  updatedAt: string | null;
  authors: string[];
  categories: string[];
}

/** A feed item with an address: a page to fetch. */
export type FeedEntry = FeedItem & { url: string };

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to. */
  siteUrl: string | null;
  items: FeedItem[];
}

/** A subscription as OPML carries it. */
export interface Subscription {
  feedUrl: string;
  title: string | null;
  siteUrl: string | null;
}
