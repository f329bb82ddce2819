/** GET /stories/:id — one story: its events in date order, each a linked line with its level. */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { withReaderLevels } from '../../run/event-views.ts';
import { getStory, type StoryEventJson } from '../../run/story-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { readerPolicy } from '../reader-policy.ts';
import { formatDate, formatPlace, levelBadge } from '../views/format.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Registers the story page. */
export function storyPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>('/stories/:id', async (req, reply) => {
    const stored = await getStory(deps.store, req.params.id);
    if (!stored) throw new CorroborateError('not-found', 'no such story', req.params.id);
    // A reader's source policy recomputes the levels; the story is shown whatever they become.
    const policy = readerPolicy(req, reply);
    const story = policy ? { ...stored, events: await withReaderLevels(deps.store, stored.events, policy, deps.confidence, new Date().toISOString()) } : stored;
    const span = story.span ? formatDate({ start: story.span.start, end: story.span.end, precision: 'day' }) : 'dates unknown';
    const body = html`<p class="meta"><a href="/">← All events</a></p>
<p class="kicker">Story</p>
<h1>${story.title}</h1>
<div class="meta"><span>${story.events.length} events</span><span>${span}</span></div>
<section class="card"><h2>How we got here</h2>
<ol class="timeline">${story.events.map(storyEvent)}</ol></section>`;
    reply.type('text/html; charset=utf-8').send(layout({ title: story.title, sample: await deps.isSample() }, body).value);
  });
}

function storyEvent(e: StoryEventJson) {
  return html`<li><span class="when">${formatDate(e.date)}</span> <a href="/events/${encodeURIComponent(e.id)}">${e.title}</a>
<div class="meta">${levelBadge(e.level)}${e.place ? html`<span>${formatPlace(e.place)}</span>` : ''}${e.category ? html`<span>${e.category}</span>` : ''}<span>${e.articleCount} ${e.articleCount === 1 ? 'report' : 'reports'}, ${e.independentSources} independent</span></div></li>`;
}
