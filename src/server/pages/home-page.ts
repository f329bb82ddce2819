/** GET / — the stories, then the list of events, newest first, with report and independent-source counts. */
import type { FastifyInstance } from 'fastify';
import { listEvents, withReaderLevels, type EventJson } from '../../run/event-views.ts';
import { listStories, type StoryJson } from '../../run/story-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { readerPolicy } from '../reader-policy.ts';
import { formatDate, formatPlace, levelBadge } from '../views/format.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Registers the home page. */
export function homePage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/', async (req, reply) => {
    const [stored, stories] = await Promise.all([listEvents(deps.store), listStories(deps.store)]);
    // A reader's source policy recomputes each event's level from the sources the reader counts.
    const policy = readerPolicy(req, reply);
    const events = policy
      ? await withReaderLevels(deps.store, stored, policy, deps.confidence, new Date().toISOString())
      : stored;
    const body = html`${stories.length ? html`<h1>Stories</h1><ul class="events stories">${stories.map(storyItem)}</ul>` : ''}
<h1>Events</h1>
<p class="meta">${events.length} events from ${new Set(events.flatMap((e) => e.reports.map((r) => r.outlet))).size} outlets</p>
<ul class="events">${events.map(eventItem)}</ul>`;
    reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Events', sample: await deps.isSample() }, body).value);
  });
}

function eventItem(e: EventJson) {
  return html`<li><a class="title" href="/events/${encodeURIComponent(e.id)}">${e.title}</a>
<div class="meta">${levelBadge(e.level)}<span>${formatDate(e.date)}</span>${e.place ? html`<span>${formatPlace(e.place)}</span>` : ''}${e.category ? html`<span>${e.category}</span>` : ''}
<span><strong>${e.articleCount}</strong> ${e.articleCount === 1 ? 'report' : 'reports'}</span><span><strong>${e.independentSources}</strong> independent ${e.independentSources === 1 ? 'source' : 'sources'}</span></div></li>`;
}

function storyItem(s: StoryJson) {
  const latest = s.events.at(-1);
  return html`<li><a class="title" href="/stories/${encodeURIComponent(s.id)}">${s.title}</a>
<div class="meta"><span><strong>${s.events.length}</strong> events</span>${s.span ? html`<span>${formatDate({ start: s.span.start, end: s.span.end, precision: 'day' })}</span>` : ''}${latest ? html`<span>latest: <a href="/events/${encodeURIComponent(latest.id)}">${latest.title}</a></span>` : ''}</div></li>`;
}
