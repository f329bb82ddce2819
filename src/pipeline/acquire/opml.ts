/** OPML 1.0/2.0 subscription lists: read (nested outlines, any case of xmlUrl) and written (OPML 2.0). */
import type { Element } from 'domhandler';
import type { Subscription } from '../../domain/feed.ts';
import { absoluteUrl } from './feed-values.ts';
import { attr, childElements, localName, parseXml, rootElement, XmlRefused } from './xml.ts';

export type OpmlResult = { kind: 'ok'; subscriptions: Subscription[] } | { kind: 'refused'; message: string };

/** Reads every outline that names a feed (xmlUrl), however deeply nested in folders. */
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
  const seen = new Set<string>();
  const walk = (e: Element, depth: number) => {
    if (depth > 32) return;
    for (const o of childElements(e, 'outline')) {
      const feedUrl = absoluteUrl(attr(o, 'xmlUrl'), baseUrl);
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
  return { kind: 'ok', subscriptions: out };
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
