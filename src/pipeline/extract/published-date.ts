/**
 * The publication date of a page from its signals, strongest first: JSON-LD, article meta tags,
 * microdata, <time> in the article, the URL path, then dates written in bylines and datelines.
 * Each value is normalised to ISO 8601 (keeping the time zone when the page gives one).
 */
import * as chrono from 'chrono-node';

/** Meta tags that carry a publication date, by their lower-cased name or property. */
export const DATE_META_NAMES = [
  'article:published_time', 'og:article:published_time', 'article:published', 'datepublished', 'pubdate', 'publishdate', 'publish-date',
  'publish_date', 'publication_date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.date', 'sailthru.date',
  'parsely-pub-date', 'article.published', 'ptime', 'citation_publication_date', 'cxenseparse:recs:publishtime', 'originalpublicationdate',
];

/** Dates in URL paths: /2019/11/19/, /2019-11-19, /20191119/. */
const URL_DATE = /\/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|$)|\/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\//;

export interface DateCandidate {
  source: string;
  value: string | null | undefined;
}

/** Returns the first candidate that reads as a date, normalised, with its source; or null. */
export function firstDate(candidates: DateCandidate[]): { value: string; source: string } | null {
  for (const c of candidates) {
    const v = c.value ? normaliseDate(c.value) : null;
    if (v) return { value: v, source: c.source };
  }
  return null;
}

/** Returns an ISO 8601 form of a date written in markup or prose, or null when it is not one. */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return s.replace(' ', 'T');
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString(); // Unix seconds
  if (/^\d{13}$/.test(s)) return new Date(Number(s)).toISOString();
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  const parsed = chrono.strict.parse(s)[0];
  if (!parsed || !parsed.start.isCertain('year') || !parsed.start.isCertain('month') || !parsed.start.isCertain('day')) return null;
  const c = parsed.start;
  const day = `${c.get('year')}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`;
  return day;
}

/** Returns the date written in a URL's path, or null. */
export function dateInUrl(url: string): string | null {
  const m = URL_DATE.exec(url);
  if (!m) return null;
  const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Returns a date written in a short text such as a byline ("Published Nov. 19, 2019 at 9:00 a.m."), or null. */
export function dateInText(text: string): string | null {
  if (text.length > 300) return null;
  for (const r of chrono.strict.parse(text)) {
    const c = r.start;
    if (c.isCertain('year') && c.isCertain('month') && c.isCertain('day')) return `${c.get('year')}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`;
  }
  return null;
}
