/** GET /stories — every story, the one with the latest event first, a page at a time (Newer/Older links). */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LIMIT, pageStories, parseStoryListQuery } from '../../run/event-list-query.ts';
import type { AppDeps } from '../app-deps.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { storyItem } from './home-page.ts';

/** Registers the stories list. */
export function storiesPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/stories', async (req, reply) => {
    const q = parseStoryListQuery(req.query as Record<string, unknown>);
    const page = await pageStories(deps.store, q);
    const link = (cursor: 'after' | 'before', value: string) => {
      const params = new URLSearchParams();
      if (q.limit !== DEFAULT_LIMIT) params.set('limit', String(q.limit));
      params.set(cursor, value);
      return `/stories?${params.toString()}`;
    };
    const body = html`<h1>Stories</h1>
<p class="meta">Threads of events over weeks or months, the one with the latest event first.</p>
${page.items.length ? html`<ul class="events stories">${page.items.map(storyItem)}</ul>` : html`<p>No stories yet.</p>`}
${page.next || page.prev ? html`<nav class="pager" aria-label="Pages">${page.prev ? html`<a rel="prev" href="${link('before', page.prev)}">← Newer</a>` : ''}${page.next ? html`<a rel="next" href="${link('after', page.next)}">Older →</a>` : ''}</nav>` : ''}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Stories', sample: await deps.isSample() }, body).value);
  });
}
