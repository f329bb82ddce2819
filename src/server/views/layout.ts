/**
 * The page frame: head (stylesheet, favicon), a skip link, the header with the site navigation and a
 * search form, the fictional-sample notice when the data is the demo, <main> and the footer. No inline
 * style or script: everything it looks like comes from /assets/site.css.
 */
import { html, type SafeHtml } from './html.ts';
import { SITE_CSS_HREF } from './stylesheet.ts';

/** The sections of the site the header links to, in order. */
export const NAV = [
  { key: 'events', href: '/', label: 'Events' },
  { key: 'stories', href: '/stories', label: 'Stories' },
  { key: 'map', href: '/map', label: 'Map' },
  { key: 'entities', href: '/entities', label: 'Entities' },
  { key: 'outlets', href: '/outlets', label: 'Outlets' },
  { key: 'sources', href: '/sources', label: 'Sources' },
  { key: 'methodology', href: '/methodology', label: 'Methodology' },
  { key: 'quality', href: '/quality', label: 'Quality' },
  { key: 'api', href: '/api/docs', label: 'API' },
] as const;

export type NavKey = (typeof NAV)[number]['key'] | 'search';

export interface LayoutOptions {
  title: string;
  sample: boolean;
  /** The section the page belongs to, marked aria-current in the navigation. */
  current?: NavKey;
  /** The search box's text on the search page. */
  query?: string;
}

/** Returns a full HTML page around the given body. */
export function layout(opts: LayoutOptions, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · Corroborate</title>
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${SITE_CSS_HREF}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="icon" href="/favicon.ico" sizes="16x16">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">Corroborate</a>
<nav aria-label="Site"><ul>${NAV.map((n) => html`<li><a href="${n.href}"${opts.current === n.key ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul></nav>
<form class="site-search" role="search" action="/search" method="get"><label class="visually-hidden" for="site-q">Search reports and events</label><input id="site-q" type="search" name="q" value="${opts.query ?? ''}" placeholder="Search"><button type="submit">Search</button></form>
</header>
${opts.sample ? html`<aside class="sample" aria-label="About this data"><strong>Fictional sample.</strong> Every outlet, person and event in this demo is invented; the places are real. Nothing here reports real news.</aside>` : ''}
<main id="main" tabindex="-1">${body}</main>
<footer class="site">Corroborate — self-hosted news-event desk · <a href="/methodology">How we assess confidence</a> · <a href="/quality">How well it works</a></footer>
</body></html>`;
}
