/** URL helpers: canonical form for identity, host for outlet matching. */

/** Query parameters that track the reader, not the page; dropped from canonical URLs. */
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ocid|igshid|_ga)$/i;

/** Returns the canonical form of a URL (lower-case host, no fragment, no tracking params, no trailing slash), or the input unchanged if it is not an http(s) URL. */
export function canonicalUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.toString();
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443'))
    u.port = '';
  const kept = [...u.searchParams.entries()].filter(([k]) => !TRACKING_PARAMS.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.toString();
}

/** Returns the host of a URL without a leading "www.", or null when it has none. */
export function hostOf(raw: string): string | null {
  try {
    const h = new URL(raw).hostname.toLowerCase();
    return h ? h.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}
