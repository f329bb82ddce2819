/** Values as feeds write them, made uniform: text that may hold markup, dates in several formats, links. */
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

/** Plain text of a value that may be HTML ("<b>Port</b> &amp; quay" → "Port & quay"); null when empty. */
export function plainText(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = /[<&]/.test(raw) ? textContent(parseDocument(raw, { decodeEntities: true })) : raw;
  const t = text.replace(/\s+/g, ' ').trim();
  return t || null;
}

/**
 * A feed date as ISO 8601: RFC 3339 kept as written (with its offset); RFC 822 ("Tue, 19 Nov 2019
 * 10:00:00 EST") and other forms the platform parses, in UTC. Null when absent or unreadable.
 */
export function feedDate(raw: string | null | undefined): string | null {
  const s = raw?.trim();
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/i.test(s))
    return s.toUpperCase();
  // RFC 822 allows a two-digit year and a missing weekday; Date.parse reads both.
  const at = Date.parse(s.replace(/^\w{3},?\s*/, ''));
  if (Number.isNaN(at)) return null;
  const year = new Date(at).getUTCFullYear();
  return year >= 1900 && year < 2200 ? new Date(at).toISOString() : null;
}

/** An absolute http(s) URL from a link that may be relative; null when it is neither. */
export function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  const h = href?.trim();
  if (!h) return null;
  try {
    const u = base ? new URL(h, base) : new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
