/** GET /events/:id — one event: its level and why, what each independent source says, and every report. */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { getEvent, getEventCard } from '../../run/event-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { formatDate, formatPlace, levelBadge } from '../views/format.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Registers the event page. */
export function eventPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>('/events/:id', async (req, reply) => {
    const [event, card] = await Promise.all([getEvent(deps.store, req.params.id), getEventCard(deps.store, req.params.id)]);
    if (!event || !card) throw new CorroborateError('not-found', 'no such event', req.params.id);
    const body = html`<p class="meta"><a href="/">← All events</a></p>
<h1>${event.title}</h1>
<div class="meta">${levelBadge(event.level)}<span>${formatDate(event.date)}</span>${event.place ? html`<span>${formatPlace(event.place)} (${event.place.role})</span>` : ''}${event.category ? html`<span>${event.category}</span>` : ''}</div>
<section class="card"><h2>How sure can we be?</h2>
<p>${card.explanation ?? 'Not assessed yet.'} ${card.next ?? ''}</p>
<p class="meta"><span><strong>${event.articleCount}</strong> reports</span><span><strong>${event.outletCount}</strong> outlets</span><span><strong>${event.independentSources}</strong> independent sources</span></p>
${card.disputes.map((d) => html`<p><strong>Disputed ${d.field}:</strong> ${d.values.map((v, i) => html`${i ? ' vs ' : ''}${v.value} (${v.outlets.join(', ')})`)}</p>`)}
</section>
<section class="card"><h2>What each independent source says</h2>
${card.claims.map((c) => html`<blockquote>${c.text}<br><span class="tone">${c.outlet} · source tone: ${c.tone ?? 'unknown'}</span></blockquote>`)}
<p class="meta">${card.sources.map((s) => html`<span>${s.label}${s.outlets.length > 1 ? html` (with ${s.outlets.slice(1).join(', ')})` : ''}</span>`)}</p>
</section>
<section class="card"><h2>Reports</h2>
<table class="reports"><thead><tr><th>Published</th><th>Outlet</th><th>Headline</th><th>Tone</th></tr></thead><tbody>
${event.reports.map((r) => html`<tr><td>${r.publishedAt ? r.publishedAt.slice(0, 10) : ''}</td><td>${r.outlet ?? ''}</td><td>${/^https?:/i.test(r.url) ? html`<a href="${r.url}" rel="noopener nofollow">${r.title ?? r.url}</a>` : r.title ?? r.articleId}</td><td class="tone">${r.tone ?? ''}</td></tr>`)}
</tbody></table></section>`;
    reply.type('text/html; charset=utf-8').send(layout({ title: event.title, sample: await deps.isSample() }, body).value);
  });
}
