/**
 * GET /search?q= — the search form; matching events first, then matching reports with their matches
 * marked, their outlet and their event; a link to the next page. Works without JavaScript.
 */
import type { FastifyInstance } from 'fastify';
import {
  DEFAULT_LIMIT,
  MAX_QUERY_LENGTH,
  parseSearchRequest,
  search,
  type EventResult,
  type ReportResult,
  type SearchResults,
  type TextPart,
} from '../../run/search.ts';
import type { AppDeps } from '../app-deps.ts';
import { levelBadge } from '../views/format.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Registers the search page. */
export function searchPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/search', async (req, reply) => {
    const request = parseSearchRequest(req.query as Record<string, unknown>);
    const results = request.q ? await search(deps.store, request) : null;
    const body = html`<h1>Search</h1>
${searchForm(request.q)}
${results ? rendered(results, Boolean(request.after), request.limit) : html`<p class="meta">Search the reports' titles and texts and the events' titles. Accents and capitals do not matter; put a phrase in "quotes"; end a word with * to match its beginning (<kbd>evacu*</kbd>).</p>`}`;
    return reply.type('text/html; charset=utf-8').send(
      layout(
        {
          title: request.q ? `Search: ${request.q}` : 'Search',
          sample: await deps.isSample(),
          current: 'search',
          query: request.q,
        },
        body,
      ).value,
    );
  });
}

/** Returns highlighted text: each part escaped, matches in <mark>. */
export function highlighted(parts: readonly TextPart[]): SafeHtml {
  return html`${parts.map((p) => (p.mark ? html`<mark>${p.text}</mark>` : p.text))}`;
}

function searchForm(q: string): SafeHtml {
  return html`<form class="search" role="search" action="/search" method="get">
<label for="q">Search reports and events</label>
<input id="q" type="search" name="q" value="${q}" maxlength="${MAX_QUERY_LENGTH}" required>
<button type="submit">Search</button>
</form>`;
}

/**
 * The results as HTML, built once for each answer search() keeps (it returns the same object for a
 * query asked again while the index stands): a repeated query costs no highlighting or escaping again.
 */
const renderedResults = new WeakMap<SearchResults, SafeHtml>();
function rendered(r: SearchResults, later: boolean, limit: number): SafeHtml {
  let out = renderedResults.get(r);
  if (!out) renderedResults.set(r, (out = resultsHtml(r, later, limit)));
  return out;
}

function resultsHtml(r: SearchResults, later: boolean, limit: number): SafeHtml {
  if (!r.events.length && !r.reports.length)
    return later
      ? html`<p>No more results for “${r.query}”. <a href="${searchHref(r.query, limit)}">Back to the first results</a>.</p>`
      : html`<p>Nothing matches “${r.query}”. Try fewer words, another spelling, or the beginning of a word with * after it.</p>`;
  return html`${r.events.length ? html`<h2>Events</h2><ul class="events">${r.events.map(eventItem)}</ul>` : ''}
${r.reports.length ? html`<h2>Reports</h2><ul class="events results">${r.reports.map(reportItem)}</ul>` : ''}
<nav class="pages" aria-label="More results">${later ? html`<a href="${searchHref(r.query, limit)}">First results</a> ` : ''}${r.next ? html`<a rel="next" href="${searchHref(r.query, limit, r.next)}">More results</a>` : ''}</nav>`;
}

function eventItem(e: EventResult): SafeHtml {
  return html`<li><a class="title" href="/events/${encodeURIComponent(e.id)}">${highlighted(e.title)}</a>
<div class="meta">${levelBadge(e.level)}${e.dateStart ? html`<span>${day(e.dateStart)}</span>` : ''}<span>${e.reportCount} ${e.reportCount === 1 ? 'report' : 'reports'}</span></div></li>`;
}

function reportItem(r: ReportResult): SafeHtml {
  const title = r.title.length ? highlighted(r.title) : html`${r.url}`;
  // The title leads to the report's page here; the original is linked beside it when it is a web address.
  const original = /^https?:\/\//i.test(r.url)
    ? html` <a class="original" href="${r.url}" rel="noopener noreferrer">original</a>`
    : '';
  const link = html`<a class="title" href="/reports/${encodeURIComponent(r.articleId)}">${title}</a>${original}`;
  return html`<li>${link}
<p class="snippet">${highlighted(r.snippet)}</p>
<div class="meta">${r.outlet ? html`<span><a href="/outlets/${encodeURIComponent(r.outlet.id)}">${r.outlet.name}</a></span>` : ''}${r.publishedAt ? html`<span>${day(r.publishedAt)}</span>` : ''}${r.event ? html`<span>in <a href="/events/${encodeURIComponent(r.event.id)}">${r.event.title}</a></span>` : ''}</div></li>`;
}

/** One formatter for every date of the page: toLocaleDateString builds a new one per call (about 1 ms). */
const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Returns "14 Apr 2025" for an ISO date or time (the date as written, in UTC). */
function day(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : DAY.format(d);
}

function searchHref(q: string, limit: number, after?: string): string {
  const p = new URLSearchParams({ q });
  if (limit !== DEFAULT_LIMIT) p.set('limit', String(limit));
  if (after) p.set('after', after);
  return `/search?${p.toString()}`;
}
