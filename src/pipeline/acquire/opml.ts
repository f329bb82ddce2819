/** OPML 1.0/2.0 subscription lists: read (nested outlines, any case of xmlUrl) and written (OPML 2.0). */
import type { Element } from 'domhandler';
import type { Subscription } from '../../domain/feed.ts';
import { absoluteUrl } from './feed-values.ts';
import { attr, childElements, localName, parseXml, rootElement, XmlRefused } from './xml.ts';

/** An outline that names a feed the poller cannot follow, with the reason. */
export interface SkippedOutline {
  /** The feed address as the outline gives it ('' when it gives none). */
  xmlUrl: string;
  title: string | null;
  reason: 'unsupported-scheme' | 'not-a-url' | 'no-address';
  message: string;
}

export type OpmlResult =
  | { kind: 'ok'; subscriptions: Subscription[]; skipped: SkippedOutline[] }
  | { kind: 'refused'; message: string };

/** Outline types that promise a feed: such an outline without an address is skipped, not taken for a folder. */
const FEED_TYPES = /^(rss|atom|rdf|feed|json)$/i;

/**
 * Reads every outline that names a feed (xmlUrl), however deeply nested in folders. Outlines whose
 * address is not http(s) (file://, gopher://), not a URL, relative with no base, or missing on a feed
 * outline are listed as skipped with the reason.
 */
export function parseOpml(text: string, baseUrl: string | null = null): OpmlResult {
  let root: Element | null;
  try {
    root = rootElement(parseXml(text));
  } catch (err) {
    if (err instanceof XmlRefused) return { kind: 'refused', message: err.message };
    throw err;
  }
  if (!root || localName(root) !== 'opml')
    return {
      kind: 'refused',
      message: `not OPML: the root element is ${root ? `<${root.name}>` : 'missing'}`,
    };
  const body = childElements(root, 'body')[0];
  const out: Subscription[] = [];
  const skipped: SkippedOutline[] = [];
  const seen = new Set<string>();
  const walk = (e: Element, depth: number) => {
    if (depth > 32) return;
    for (const o of childElements(e, 'outline')) {
      const raw = attr(o, 'xmlUrl');
      const feedUrl = absoluteUrl(raw, baseUrl);
      const why = feedUrl ? null : unfollowable(raw, attr(o, 'type'), baseUrl);
      if (why)
        skipped.push({ xmlUrl: raw?.trim() ?? '', title: attr(o, 'title') ?? attr(o, 'text'), ...why });
      if (feedUrl && !seen.has(feedUrl)) {
        seen.add(feedUrl);
        out.push({
          feedUrl,
          title: attr(o, 'title') ?? attr(o, 'text'),
          siteUrl: absoluteUrl(attr(o, 'htmlUrl'), baseUrl),
        });
      }
      walk(o, depth + 1);
    }
  };
  if (body) walk(body, 0);
  return { kind: 'ok', subscriptions: out, skipped };
}

/** Why an outline's feed address cannot be followed; null for a folder (no address, no feed type). */
function unfollowable(
  raw: string | null,
  type: string | null,
  baseUrl: string | null,
): Pick<SkippedOutline, 'reason' | 'message'> | null {
  const href = raw?.trim();
  if (!href)
    return type && FEED_TYPES.test(type)
      ? { reason: 'no-address', message: 'the outline has no xmlUrl' }
      : null;
  let url: URL;
  try {
    url = baseUrl ? new URL(href, baseUrl) : new URL(href);
  } catch {
    return { reason: 'not-a-url', message: `${JSON.stringify(href)} is not an absolute URL` };
  }
  return {
    reason: 'unsupported-scheme',
    message: `${url.protocol.replace(/:$/, '')}: addresses are not followed (only http and https)`,
  };
}

/** Writes subscriptions as an OPML 2.0 document. */
export function writeOpml(subscriptions: Subscription[], title: string, now: string): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const lines = subscriptions.map((s) => {
    const name = esc(s.title ?? s.feedUrl);
    return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${esc(s.feedUrl)}"${s.siteUrl ? ` htmlUrl="${esc(s.siteUrl)}"` : ''}/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>${esc(title)}</title>\n    <dateCreated>${new Date(now).toUTCString()}</dateCreated>\n  </head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}
