/**
 * Atom 1.0 documents (RFC 4287) for the feeds: every text escaped, characters XML 1.0 forbids dropped, and
 * nothing in the document that the data does not decide (no "now"), so the same data gives the same bytes
 * and an ETag over them holds until something changes.
 */

export interface AtomEntry {
  /** A permanent, unique id (a URN), the same every time the entry is served. */
  id: string;
  title: string;
  /** When the entry last changed (ISO 8601). */
  updated: string;
  /** When the entry first appeared (ISO 8601), if known. */
  published?: string;
  /** Absolute address of the page the entry is about. */
  link: string;
  summary: string;
  /** Atom categories (terms), e.g. the event's category and level. */
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** Absolute address of the page the feed follows. */
  link: string;
  /** Absolute address of the feed itself. */
  self: string;
  entries: AtomEntry[];
}

/** The feed's own date when it has no entries: fixed, so an empty feed is stable too. */
const EPOCH = '1970-01-01T00:00:00.000Z';

/** Returns when a feed was last updated: its newest entry's time (a fixed date when it has none). */
export function feedUpdated(f: AtomFeed): string {
  return f.entries.reduce((max, e) => (e.updated > max ? e.updated : max), EPOCH);
}

/** Returns an Atom feed document; the feed's `updated` is its newest entry's. */
export function atomFeed(f: AtomFeed): string {
  const updated = feedUpdated(f);
  const head = [
    `<id>${x(f.id)}</id>`,
    `<title>${x(f.title)}</title>`,
    f.subtitle ? `<subtitle>${x(f.subtitle)}</subtitle>` : '',
    `<updated>${x(updated)}</updated>`,
    '<author><name>Corroborate</name></author>',
    '<generator>Corroborate</generator>',
    `<link rel="alternate" type="text/html" href="${x(f.link)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${x(f.self)}"/>`,
  ].join('');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">${head}
${f.entries.map(entry).join('\n')}
</feed>
`;
}

function entry(e: AtomEntry): string {
  return [
    '<entry>',
    `<id>${x(e.id)}</id>`,
    `<title>${x(e.title)}</title>`,
    `<updated>${x(e.updated)}</updated>`,
    e.published ? `<published>${x(e.published)}</published>` : '',
    `<link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
    ...(e.categories ?? []).map((c) => `<category term="${x(c)}"/>`),
    `<summary>${x(e.summary)}</summary>`,
    '</entry>',
  ].join('');
}

/** XML 1.0 forbids these even escaped (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text escaped for XML content and attribute values. */
function x(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
