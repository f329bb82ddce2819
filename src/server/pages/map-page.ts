/**
 * GET /map — events where they happened: the most recent (or, with sort=corroborated, the most
 * corroborated) MAP_MAX events with a place, on a server-drawn world map fitted to them (view=world
 * shows the whole world), with the home page's filters, and the same events as a list below.
 */
import type { FastifyInstance } from 'fastify';
import { ensureEventList, listItem, type EventListItem } from '../../run/event-list.ts';
import { filterOf, parseEventListQuery, type EventListQuery } from '../../run/event-list-query.ts';
import { CorroborateError } from '../../domain/errors.ts';
import { EVENT_CATEGORIES } from '../../domain/event.ts';
import type { AppDeps } from '../app-deps.ts';
import { formatDate, formatPlace, levelBadge, plural } from '../views/format.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { worldMap } from '../views/world-map.ts';

/** The most events one map draws: enough for a busy month, few enough for a page of a few hundred kB. */
export const MAP_MAX = 500;
/** The list parameters the map takes; paging ones (limit, after, before) make no sense on it. */
const TAKEN = ['category', 'level', 'from', 'to', 'place', 'entity', 'outlet', 'sort'];
const LEVELS = ['Verified', 'Likely', 'Unconfirmed', 'Disputed', 'Retracted'];

/** Registers the map page. */
export function mapPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: Record<string, unknown> }>('/map', async (req, reply) => {
    const raw = Object.fromEntries(Object.entries(req.query).filter(([k]) => TAKEN.includes(k)));
    const q = parseEventListQuery(raw);
    const view = req.query.view;
    if (view !== undefined && view !== 'world' && view !== 'fit')
      throw new CorroborateError('usage', 'view must be world or fit', 'view');
    await ensureEventList(deps.store);
    const rows = await deps.store.eventList.page({ ...filterOf(q), sort: q.sort, limit: MAP_MAX });
    const events = rows.map(listItem);
    // A place the reports only name ("the U.K. and France are discussing…") is not where the event
    // happened: such an event is listed, not pinned.
    const placed = events.filter(
      (e) => e.place?.lat != null && e.place.lon != null && e.place.role !== 'mentioned',
    );
    const whole = view === 'world';
    // The other view's link keeps the filters.
    const other = new URLSearchParams(
      Object.entries(raw).flatMap(([k, v]) => (v ? [[k, String(v)] as [string, string]] : [])),
    );
    if (!whole) other.set('view', 'world');
    const body = html`<h1>Map of events</h1>
<p class="meta"><span>${plural(placed.length, 'event')} with a place${events.length > placed.length ? html`; ${events.length - placed.length} with none, or one the reports only name, ${events.length - placed.length === 1 ? 'is' : 'are'} only in the <a href="/">events list</a>` : ''}</span>${events.length === MAP_MAX ? html`<span>the ${MAP_MAX} ${q.sort === 'corroborated' ? 'most corroborated' : 'most recent'} events that match</span>` : ''}<span><a href="/map?${other.toString()}">${whole ? 'Fit to the events' : 'Whole world'}</a></span></p>
${filterForm(q, whole)}
${worldMap(placed, { whole, label: `Map of ${plural(placed.length, 'event')}` })}
<section class="card" aria-labelledby="map-list"><h2 id="map-list">The same events</h2>
${placed.length ? html`<ul class="events">${placed.map(mapItem)}</ul>` : html`<p>No event with a place${Object.keys(raw).length ? ' matches these filters' : ' yet'}.</p>`}
</section>
<p class="meta">Points are where each event happened as its reports say (or, failing that, where they were filed from: the place's role is on the event page); a place they only name is not pinned. Country outlines: Natural Earth 1:110m, public domain, via the world-atlas package.</p>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Map of events', sample: await deps.isSample(), current: 'map' }, body).value);
  });
}

/** Category, level and order, as a GET form: a filtered map is a link like any other. */
function filterForm(q: EventListQuery, whole: boolean): SafeHtml {
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/map" aria-label="Filter the map">
<label>Category <select name="category">${option('', 'Any', q.category ?? '')}${EVENT_CATEGORIES.map((c) => option(c, c, q.category))}</select></label>
<label>Level <select name="level">${option('', 'Any', q.level ?? '')}${LEVELS.map((l) => option(l, l, q.level))}</select></label>
<label>Events drawn <select name="sort">${option('newest', `The ${MAP_MAX} most recent`, q.sort)}${option('corroborated', `The ${MAP_MAX} most corroborated`, q.sort)}</select></label>
${whole ? html`<input type="hidden" name="view" value="world">` : ''}<button type="submit">Show</button> <a href="/map">Clear</a>
</form>`;
}

function mapItem(e: EventListItem) {
  return html`<li><a class="title" href="/events/${encodeURIComponent(e.id)}">${e.title}</a>
<div class="meta">${levelBadge(e.level)}<span>${formatPlace(e.place)}</span><span>${formatDate(e.date)}</span><span>${plural(e.independentSources, 'independent source')}</span></div></li>`;
}
