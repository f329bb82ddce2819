/** The site's stylesheet (site.css beside this file), read once, with the content hash that versions its URL. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The stylesheet's text. */
export const SITE_CSS = readFileSync(new URL('./site.css', import.meta.url), 'utf8');

/** The first 12 hex digits of the stylesheet's SHA-256: a new deploy with new CSS gets a new URL. */
export const SITE_CSS_HASH = createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 12);

/** The stylesheet's URL as pages link it: cacheable for a year, since its content decides its address. */
export const SITE_CSS_HREF = `/assets/site.css?v=${SITE_CSS_HASH}`;
