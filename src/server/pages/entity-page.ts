/**
 * GET /entities — people, organisations and places the reports name, those in the most events first,
 * filtered by name and kind, a page at a time. GET /entities/:key — who or what it is (a report's own
 * words, cited), its events newest first, the entities it appears with, its Atom feed. A key whose name
 * is stored under another kind redirects there.
 */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { ENTITY_KINDS } from '../../run/event-entities.ts';
import {
  buildEntityViews,
  getEntity,
  listEntities,
  type EntityDetail,
  type EntityJson,
} from '../../run/entity-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { isReadOnlyError } from '../../storage/store.ts';
import { levelBadge } from '../views/format.ts';
import { pager } from '../views/pager.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** One number formatter for the page (toLocaleString builds a new one on every call). */
const NUMBER = new Intl.NumberFormat('en-GB');

/** "1 report", "1,204 reports". */
function counted(n: number, one: string, many = `${one}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}
/**
 * One formatter for every date of a page: toLocaleDateString builds a new formatter on each call
 * (about a millisecond each), which a list of fifty made the slowest part of the page.
 */
const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "14 Apr 2025", or "3 Mar 2025 – 2 Oct 2025" for two days. */
function dateSpan(start: string, end: string): string {
  const f = (s: string) => {
    const t = Date.parse(`${s.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(t) ? s : DAY.format(t);
  };
  return start.slice(0, 10) === end.slice(0, 10) ? f(start) : `${f(start)} – ${f(end)}`;
}

const KIND_LABEL: Record<string, string> = {
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  other: 'Other',
};

/** Registers the entity pages (and builds the entity index once for a database that has none). */
export function entityPage(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('onReady', async () => {
    try {
      await buildEntityViews(deps.store);
    } catch (err) {
      // A read-only database (a standby serving the web): what the primary built is served as it is.
      if (!isReadOnlyError(err)) throw err;
      app.log.warn('the database is read-only: the entity index is served as it stands');
    }
  });
  app.get<{ Querystring: Record<string, string | undefined> }>('/entities', async (req, reply) => {
    const q = {
      q: req.query.q,
      kind: req.query.kind,
      limit: req.query.limit,
      after: req.query.after,
      before: req.query.before,
    };
    const page = await listEntities(deps.store, q);
    const filtered = !!(q.q?.trim() || q.kind);
    const body = html`<h1>People, organisations and places</h1>
${filterForm(q)}
${page.entities.length ? html`<ul class="events entities-index">${page.entities.map(entityItem)}</ul>` : html`<p>No entities${filtered ? ' match these filters' : ' yet'}.</p>`}
${pager('/entities', q, page, ['← Previous', 'Next →'])}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Entities', sample: await deps.isSample(), current: 'entities' }, body).value);
  });
  app.get<{ Params: { key: string }; Querystring: Record<string, string | undefined> }>(
    '/entities/:key',
    async (req, reply) => {
      const q = { limit: req.query.limit, after: req.query.after, before: req.query.before };
      const e = await getEntity(deps.store, req.params.key, q);
      if (!e) throw new CorroborateError('not-found', 'no such entity', req.params.key);
      if ('movedTo' in e) return reply.redirect(`/entities/${encodeURIComponent(e.movedTo)}`, 301);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          layout({ title: e.name, sample: await deps.isSample(), current: 'entities' }, entityBody(e, q))
            .value,
        );
    },
  );
}

function filterForm(q: { q?: string | undefined; kind?: string | undefined }): SafeHtml {
  const option = (value: string, label: string) =>
    html`<option value="${value}"${(q.kind ?? '') === value ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/entities" role="search" aria-label="Filter entities">
<label>Name <input type="search" name="q" value="${q.q ?? ''}" maxlength="200"></label>
<label>Kind <select name="kind">${option('', 'Any')}${ENTITY_KINDS.map((k) => option(k, KIND_LABEL[k] ?? k))}</select></label>
<button type="submit">Show</button> <a href="/entities">Clear</a>
</form>`;
}

function entityItem(e: EntityJson): SafeHtml {
  const span = e.firstDate && e.lastDate ? dateSpan(e.firstDate, e.lastDate) : '';
  return html`<li><a class="title" href="${e.url}">${e.name}</a>
<div class="meta"><span>${KIND_LABEL[e.kind] ?? e.kind}</span><span>${counted(e.eventCount, 'event')}</span>${span ? html`<span>${span}</span>` : ''}${e.description ? html`<span>${e.description.text}</span>` : ''}</div></li>`;
}

function entityBody(e: EntityDetail, q: Record<string, string | undefined>): SafeHtml {
  const path = `/entities/${encodeURIComponent(e.key)}`;
  const span = e.firstDate && e.lastDate ? dateSpan(e.firstDate, e.lastDate) : null;
  return html`<p class="meta"><a href="/entities">← All entities</a></p>
<p class="kicker">${KIND_LABEL[e.kind] ?? e.kind}</p>
<h1>${e.name}</h1>
${describe(e)}
<div class="meta"><span>${counted(e.eventCount, 'event')}</span>${span ? html`<span>${span}</span>` : ''}<span><a href="${e.feed}">Atom feed of its events</a></span><span><a href="/?entity=${encodeURIComponent(e.key)}">Filter the events list</a></span><span><a href="/api/v1/entities/${encodeURIComponent(e.key)}">as JSON</a></span></div>
<section class="card" aria-labelledby="its-events"><h2 id="its-events">Its events, newest first</h2>
${e.events.length ? html`<ul class="events">${e.events.map(eventItem)}</ul>` : html`<p>No events on this page.</p>`}
${pager(path, q, e)}</section>
${e.related.length ? html`<section class="card" aria-labelledby="appears-with"><h2 id="appears-with">Appears most often with</h2><ul>${e.related.map((r) => html`<li><a href="${r.url}">${r.name}</a> <span class="tone">${(KIND_LABEL[r.kind] ?? r.kind).toLowerCase()} · ${counted(r.sharedEvents, 'shared event')}</span></li>`)}</ul></section>` : ''}`;
}

/** Who or what it is, in a report's words, with the sentence and a link to the report; nothing when no report says. */
function describe(e: EntityDetail): SafeHtml | '' {
  if (!e.description || !e.cited)
    return html`<p class="tone">No report we hold says who or what this is in so many words.</p>`;
  const r = e.cited.report;
  const where = `/reports/${encodeURIComponent(r.id)}?start=${e.description.start}&end=${e.description.end}`;
  return html`<p class="lead">${e.description.text}</p>
<figure class="card"><blockquote>${e.cited.sentence}</blockquote>
<figcaption>— <a href="${where}">${r.outlet ?? r.title ?? 'the report'}${r.publishedAt ? html`, ${r.publishedAt.slice(0, 10)}` : ''}</a>${r.url ? html` · <a href="${r.url}" rel="noopener nofollow">original</a>` : ''}</figcaption></figure>`;
}

function eventItem(ev: EntityDetail['events'][number]): SafeHtml {
  return html`<li><a class="title" href="${ev.url}">${ev.title}</a>
<div class="meta">${levelBadge(ev.level)}<span>${ev.date ? dateSpan(ev.date.start, ev.date.end) : 'date unknown'}</span>${ev.place ? html`<span>${[ev.place.name, ev.place.country].filter(Boolean).join(', ')}</span>` : ''}${ev.category ? html`<span>${ev.category}</span>` : ''}<span>${counted(ev.articleCount, 'report')}</span><span>${counted(ev.independentSources, 'independent source')}</span></div></li>`;
}
