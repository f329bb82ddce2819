/**
 * GET /stories/:id[?after=…] — one story: its events in date order, each a linked line with its level,
 * STORY_PAGE_EVENTS at a time (a link leads to the later ones), and its briefing.
 */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { withReaderLevels } from '../../run/event-views.ts';
import type { StoryBriefing } from '../../pipeline/brief/story-briefing.ts';
import { entityPageKeys } from '../../run/entity-views.ts';
import {
  BRIEFED_EVENTS,
  earlierNote,
  getStory,
  getStoryBriefing,
  type StoryEventJson,
} from '../../run/story-views.ts';
import { Citations, entitiesHtml, eventLead, sectionHtml, sourceLead } from '../views/briefing.ts';
import type { AppDeps } from '../app-deps.ts';
import { readerPolicy } from '../reader-policy.ts';
import { formatDate, formatPlace, levelBadge, plural } from '../views/format.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { storyTimeline } from '../views/story-timeline.ts';

/** Registers the story page. */
export function storyPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string }; Querystring: { after?: string } }>('/stories/:id', async (req, reply) => {
    const [stored, briefing] = await Promise.all([
      getStory(deps.store, req.params.id, req.query.after),
      getStoryBriefing(deps.store, req.params.id, deps.brief),
    ]);
    if (!stored) throw new CorroborateError('not-found', 'no such story', req.params.id);
    // A reader's source policy recomputes the levels; the story is shown whatever they become.
    const policy = readerPolicy(req, reply);
    const story = policy
      ? {
          ...stored,
          events: await withReaderLevels(
            deps.store,
            stored.events,
            policy,
            deps.confidence,
            new Date().toISOString(),
          ),
        }
      : stored;
    const span = story.span
      ? formatDate({ start: story.span.start, end: story.span.end, precision: 'day' })
      : 'dates unknown';
    // The briefing's people and places are those of the events it tells (its latest), not of this page's.
    const entityPages = briefing
      ? await entityPageKeys(
          deps.store,
          (await deps.store.eventList.latestOfStory(story.id, BRIEFED_EVENTS)).rows.map((r) => r.id),
          briefing.entities,
        )
      : new Map<string, string>();
    const paged = story.eventCount > story.events.length;
    const shown = `${fmt(story.firstEvent)}–${fmt(story.firstEvent + story.events.length - 1)}`;
    const base = `/stories/${encodeURIComponent(story.id)}`;
    const pages = paged
      ? html`<nav class="pager" aria-label="Events of the story">${story.firstEvent > 1 ? html`<a href="${base}#story-events">← Earliest events</a>` : html`<span></span>`}${story.next ? html`<a href="${base}?after=${encodeURIComponent(story.next)}#story-events" rel="next">Later events →</a>` : ''}</nav>`
      : '';
    const body = html`<p class="kicker">Story</p>
<h1>${story.title}</h1>
<div class="meta"><span>${plural(story.eventCount, 'event')}</span><span>${span}</span></div>
<section class="card" aria-labelledby="story-events"><h2 id="story-events">${paged ? `Events ${shown} of ${fmt(story.eventCount)}, earliest first` : 'Every event of the story'}</h2>
${storyTimeline(story.events, story.title)}
<ol class="timeline"${story.firstEvent > 1 ? html` start="${story.firstEvent}"` : ''}>${story.events.map(storyEvent)}</ol>${pages}</section>
${briefing ? briefingHtml(briefing, story.eventCount, entityPages) : ''}
${briefing ? html`<p class="meta extraction">Briefing written ${briefing.builtAt.slice(0, 16).replace('T', ' ')} UTC from ${plural(briefing.reports.length, 'report')} · <a href="/api/v1/stories/${encodeURIComponent(story.id)}/briefing">as JSON</a></p>` : ''}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: story.title, sample: await deps.isSample(), current: 'stories' }, body).value);
  });
}

const fmt = (n: number) => new Intl.NumberFormat('en').format(n);

function storyEvent(e: StoryEventJson) {
  return html`<li><span class="when">${formatDate(e.date)}</span> <a href="/events/${encodeURIComponent(e.id)}">${e.title}</a>
<div class="meta">${levelBadge(e.level)}${e.place ? html`<span>${formatPlace(e.place)}</span>` : ''}${e.category ? html`<span>${e.category}</span>` : ''}<span>${plural(e.articleCount, 'report')}, ${e.independentSources} independent</span></div></li>`;
}

/** The briefing's sections in the seed's order, then related stories, entity cards and the reports cited. */
function briefingHtml(b: StoryBriefing, eventCount: number, entityPages: ReadonlyMap<string, string>) {
  const cite = new Citations(new Map(b.reports.map((r) => [r.articleId, r])));
  const sections = b.sections.map((s) => {
    const section = sectionHtml(s, cite, s.key === 'papers' ? sourceLead : eventLead);
    return s.key === 'history' && b.earlierEvents
      ? html`${section}<p class="meta">${earlierNote(b.earlierEvents)}</p>`
      : section;
  });
  const related = b.relatedStories.length
    ? html`<section class="card brief"><h2>Related stories</h2><ul>${b.relatedStories.map((r) => html`<li><a href="/stories/${encodeURIComponent(r.id)}">${r.title}</a> <span class="tone">(shares ${r.shared.join(', ')})</span></li>`)}</ul></section>`
    : '';
  return html`${sections}${related}${entitiesHtml(b.entities, cite, eventCount, entityPages)}${cite.list()}`;
}
