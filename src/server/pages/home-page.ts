/**
 * GET / — the events, a page at a time (newest or most corroborated first), with a filter form
 * (category, level, dates, place, entity, outlet) that works without JavaScript, Newer/Older links that
 * keep the filters, and on the first unfiltered page the latest few stories with a link to them all.
 * Read from the list rows; a reader's source policy recomputes the levels of the page's events only.
 */
import type { FastifyInstance } from 'fastify';
import { EVENT_CATEGORIES } from '../../domain/event.ts';
import type { EventListItem } from '../../run/event-list.ts';
import {
  DEFAULT_LIMIT,
  pageEvents,
  pageStories,
  parseEventListQuery,
  type EventListQuery,
  type StoryListItem,
} from '../../run/event-list-query.ts';
import { withReaderLevels } from '../../run/event-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { readerPolicy } from '../reader-policy.ts';
import { formatDate, formatPlace, levelBadge } from '../views/format.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Stories shown on the home page; the rest are on /stories. */
const HOME_STORIES = 5;
const LEVELS = ['Verified', 'Likely', 'Unconfirmed', 'Disputed', 'Retracted'];
/** The filter parameters, in the order links carry them. */
const FILTERS = ['category', 'level', 'from', 'to', 'place', 'entity', 'outlet', 'sort', 'limit'] as const;

/** Registers the home page. */
export function homePage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/', async (req, reply) => {
    const q = parseEventListQuery(req.query as Record<string, unknown>);
    const filtered = FILTERS.some((k) => k !== 'sort' && k !== 'limit' && q[k] !== undefined);
    const [page, stories] = await Promise.all([
      pageEvents(deps.store, q),
      q.after || q.before || filtered ? undefined : pageStories(deps.store, { limit: HOME_STORIES }),
    ]);
    // A reader's source policy recomputes each shown event's level from the sources the reader counts.
    const policy = readerPolicy(req, reply);
    const events = policy
      ? await withReaderLevels(deps.store, page.items, policy, deps.confidence, new Date().toISOString())
      : page.items;
    const body = html`<h1>Events</h1>
${filterForm(q)}
${events.length ? html`<ul class="events">${events.map(eventItem)}</ul>` : html`<p>No events${filtered ? ' match these filters' : ' yet'}.</p>`}
${pager(q, page)}
${stories?.items.length ? storiesSection(stories.items, stories.next !== null) : ''}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Events', sample: await deps.isSample() }, body).value);
  });
}

/** The filter form: a GET form, so a filtered list is a link like any other. */
function filterForm(q: EventListQuery): SafeHtml {
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;
  const field = (name: 'from' | 'to' | 'place' | 'entity' | 'outlet', label: string, type = 'text') =>
    html`<label>${label} <input type="${type}" name="${name}" value="${q[name] ?? ''}"${type === 'text' ? html` maxlength="300"` : ''}></label>`;
  return html`<form class="filters" method="get" action="/" role="search" aria-label="Filter events">
<label>Category <select name="category">${option('', 'Any', q.category ?? '')}${EVENT_CATEGORIES.map((c) => option(c, c, q.category))}</select></label>
<label>Level <select name="level">${option('', 'Any', q.level ?? '')}${LEVELS.map((l) => option(l, l, q.level))}</select></label>
${field('from', 'From', 'date')}${field('to', 'To', 'date')}
${field('place', 'Place or country')}${field('entity', 'Entity')}${field('outlet', 'Outlet')}
<label>Order <select name="sort">${option('newest', 'Newest first', q.sort)}${option('corroborated', 'Most corroborated first', q.sort)}</select></label>
<button type="submit">Show</button> <a href="/">Clear</a>
</form>`;
}

/** Newer/Older links that keep the filters. */
function pager(q: EventListQuery, page: { next: string | null; prev: string | null }): SafeHtml | '' {
  if (!page.next && !page.prev) return '';
  const link = (cursor: 'after' | 'before', value: string) => {
    const params = new URLSearchParams();
    for (const k of FILTERS) {
      const v = q[k];
      if (v !== undefined && !(k === 'sort' && v === 'newest') && !(k === 'limit' && v === DEFAULT_LIMIT))
        params.set(k, String(v));
    }
    params.set(cursor, value);
    return `/?${params.toString()}`;
  };
  return html`<nav class="pager" aria-label="Pages">${page.prev ? html`<a rel="prev" href="${link('before', page.prev)}">← Newer</a>` : ''}${page.next ? html`<a rel="next" href="${link('after', page.next)}">Older →</a>` : ''}</nav>`;
}

function eventItem(e: EventListItem) {
  return html`<li><a class="title" href="/events/${encodeURIComponent(e.id)}">${e.title}</a>
<div class="meta">${levelBadge(e.level)}<span>${formatDate(e.date)}</span>${e.place ? html`<span>${formatPlace(e.place)}</span>` : ''}${e.category ? html`<span>${e.category}</span>` : ''}
<span><strong>${e.articleCount}</strong> ${e.articleCount === 1 ? 'report' : 'reports'}</span><span><strong>${e.independentSources}</strong> independent ${e.independentSources === 1 ? 'source' : 'sources'}</span></div></li>`;
}

function storiesSection(stories: StoryListItem[], more: boolean): SafeHtml {
  return html`<section aria-labelledby="latest-stories"><h2 id="latest-stories">Latest stories</h2>
<ul class="events stories">${stories.map(storyItem)}</ul>
<p><a href="/stories">${more ? 'All stories' : 'Stories'} →</a></p></section>`;
}

/** One story as a list line: title, how many events, its span, its latest event. */
export function storyItem(s: StoryListItem): SafeHtml {
  return html`<li><a class="title" href="/stories/${encodeURIComponent(s.id)}">${s.title}</a>
<div class="meta"><span><strong>${s.eventCount}</strong> ${s.eventCount === 1 ? 'event' : 'events'}</span>${s.span ? html`<span>${formatDate({ start: s.span.start, end: s.span.end, precision: 'day' })}</span>` : ''}${s.latestEvent ? html`<span>latest: <a href="/events/${encodeURIComponent(s.latestEvent.id)}">${s.latestEvent.title}</a></span>` : ''}</div></li>`;
}
