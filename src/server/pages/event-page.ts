/**
 * GET /events/:id — one event: its level and why, what each independent source says, which reports
 * support each value of each field, its story, its merges and splits, and every report. The address
 * of an event that was merged away redirects to the event it lives on in.
 */
import type { FastifyInstance } from 'fastify';
import type { EventLineageEntry } from '../../domain/event.ts';
import { entityPageKeys } from '../../run/entity-views.ts';
import { getEvent, getEventCard, withReaderLevels, type EventJson } from '../../run/event-views.ts';
import { redirectMerged } from '../api/events-api.ts';
import type { AppDeps } from '../app-deps.ts';
import { readerPolicy } from '../reader-policy.ts';
import {
  Citations,
  entitiesHtml,
  eventLead,
  reportLink,
  sectionHtml,
  sourceLead,
} from '../views/briefing.ts';
import { disputeBlock, disputeHeadline } from '../views/dispute-block.ts';
import { formatDate, formatPlace, levelBadge, plural } from '../views/format.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Registers the event page. */
export function eventPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>('/events/:id', async (req, reply) => {
    const [stored, card] = await Promise.all([
      getEvent(deps.store, req.params.id),
      getEventCard(deps.store, req.params.id, deps.brief),
    ]);
    if (!stored || !card)
      return redirectMerged(deps, reply, req.params.id, (to) => `/events/${encodeURIComponent(to)}`);
    // A reader's source policy recomputes the level from the sources the reader counts.
    const policy = readerPolicy(req, reply);
    const seen = policy
      ? (await withReaderLevels(deps.store, [stored], policy, deps.confidence, new Date().toISOString()))[0]
      : undefined;
    const event = seen ?? stored;
    const entityPages = await entityPageKeys(deps.store, [stored.id], card.entities);
    const why = seen ? seen.reader : { explanation: card.explanation, next: card.next };
    const story = event.storyId ? await deps.store.stories.get(event.storyId) : undefined;
    const cite = new Citations(new Map(card.extraction.reports.map((r) => [r.articleId, r])));
    const happened = card.sections.find((x) => x.key === 'happened');
    const disputed = card.sections.find((x) => x.key === 'disputes');
    const open = card.disputes.filter((d) => !d.resolved);
    // The disputes are shown once, in "How sure can we be?"; the level's explanation, which names
    // the same values, is cut to its first clause there.
    const explanation =
      event.level === 'Disputed' && open.length && why.explanation
        ? disputeHeadline(why.explanation)
        : (why.explanation ?? 'Not assessed yet.');
    const body = html`<nav class="meta crumbs" aria-label="Breadcrumb"><a href="/">← All events</a>${story ? html`<span>Story: <a href="/stories/${encodeURIComponent(story.id)}">${story.title}</a></span>` : ''}</nav>
<h1>${event.title}</h1>
<div class="meta">${levelBadge(event.level)}<span>${formatDate(event.date)}</span>${event.place ? html`<span>${formatPlace(event.place)} (${event.place.role})</span>` : ''}${event.category ? html`<span>${event.category}</span>` : ''}</div>
${happened ? sectionHtml(happened, cite) : ''}
<section class="card" aria-labelledby="how-sure"><h2 id="how-sure">How sure can we be?</h2>
<p>${explanation} ${why.next ?? ''}</p>
${policy ? html`<p class="meta policy">Your source policy: ${policy.exclude.length ? html`leaving out ${policy.exclude.join(', ')}` : ''}${policy.exclude.length && policy.lower.length ? '; ' : ''}${policy.lower.length ? html`counting ${policy.lower.join(', ')} as low-tier` : ''} (level as stored: ${stored.level ?? 'not assessed'}) · <a href="?sources=all">count every source</a></p>` : ''}
<p class="meta"><span>${plural(event.articleCount, 'report')}</span><span>${plural(event.outletCount, 'outlet')}</span><span>${plural(event.independentSources, 'independent source')}</span></p>
${disputeBlock(card.disputes, disputed, cite)}
</section>
${card.sections.filter((x) => x.key !== 'happened' && x.key !== 'disputes').map((x) => sectionHtml(x, cite, x.key === 'papers' ? sourceLead : eventLead))}
${card.denials.length ? html`<section class="card"><h2>Denied</h2>${card.denials.map((d) => html`<blockquote>${d.sentence}<br><span class="tone">${d.outlet} · denies${d.cues.length ? html` (${d.cues.map((q, i) => html`${i ? ', ' : ''}“${q}”`)})` : ''}</span></blockquote>`)}</section>` : ''}
${entitiesHtml(card.entities, cite, 0, entityPages)}
${event.support?.length ? fieldSection(event.support) : ''}
${event.recalledIn?.length ? recalledSection(event.recalledIn) : ''}
${event.levelHistory?.length ? historySection(event.id, event.levelHistory) : ''}
${event.mergesAndSplits?.length ? mergeSection(event.id, event.mergesAndSplits) : ''}
${event.editorial?.length ? editorialSection(event.editorial) : ''}
<section class="card know"><h2>Know another source?</h2><p>If you have seen this event covered by another outlet, <a href="${card.submitSource}">submit it for editorial review</a>. Approved sources count towards the confidence rating.</p></section>
<section class="card"><h2>Reports</h2>
<table class="reports"><thead><tr><th scope="col">Published</th><th scope="col">Outlet</th><th scope="col">Headline</th><th scope="col">Tone</th></tr></thead><tbody>
${event.reports.map((r) => html`<tr><td class="date" data-label="Published">${r.publishedAt ? r.publishedAt.slice(0, 10) : ''}</td><td data-label="Outlet">${r.outlet ?? ''}</td><td data-label="Headline">${reportLink(r.articleId, r.title ?? r.articleId, r.url)}${r.passage ? html` <span class="tone">(one passage of a report of several events)</span>` : ''}</td><td class="tone" data-label="Tone">${r.tone ?? ''}</td></tr>`)}
</tbody></table></section>
${cite.list()}
<p class="meta extraction">Card written ${card.extraction.builtAt.slice(0, 16).replace('T', ' ')} UTC from ${plural(card.extraction.reports.length, 'report')}${card.extraction.assessedAt ? html`; assessed ${card.extraction.assessedAt.slice(0, 16).replace('T', ' ')} UTC` : ''} · <a href="/api/v1/events/${encodeURIComponent(event.id)}/card">as JSON</a></p>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: event.title, sample: await deps.isSample(), current: 'events' }, body).value);
  });
}

/** Which independent sources back each value of each field: the event's support matrix, a row group a field. */
function fieldSection(support: NonNullable<EventJson['support']>) {
  const names: Record<string, string> = {
    date: 'Date',
    place: 'Place',
    category: 'Category',
    participants: 'Participants',
  };
  const shown = support.filter(
    (r, i) =>
      r.field !== 'participants' || support.slice(0, i).filter((x) => x.field === 'participants').length < 8,
  );
  if (!shown.length) return '';
  const fields = [...new Set(shown.map((r) => r.field))];
  return html`<section class="card"><h2>Who reports what</h2>
<table class="reports fields"><colgroup><col class="c-field"><col class="c-value"><col></colgroup><thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Backed by</th></tr></thead>
${fields.map((f) => {
  const rows = shown.filter((r) => r.field === f);
  const name = names[f] ?? f.charAt(0).toUpperCase() + f.slice(1);
  return html`<tbody>${rows.map((r, i) => html`<tr>${i ? '' : html`<th scope="rowgroup" rowspan="${rows.length}">${name}</th>`}<td data-label="Value">${r.value}</td><td class="tone" data-label="Backed by">${plural(r.sources.length, 'independent source')}${r.sources.length ? html`: ${r.sources.join(', ')}` : ''} (${plural(r.reports, 'report')})</td></tr>`)}</tbody>`;
})}
</table></section>`;
}

/** The merges and splits the event took part in. */
function mergeSection(id: string, entries: EventLineageEntry[]) {
  const link = (e: string) =>
    e === id ? html`this event` : html`<a href="/events/${encodeURIComponent(e)}">${e}</a>`;
  return html`<section class="card"><h2>Merges and splits</h2><ul>
${entries.map((e) => html`<li>${e.at.slice(0, 10)}: ${e.kind === 'merge' ? html`${e.detail?.title ?? e.fromId} (${e.fromId}) merged into ${link(e.toId)}` : html`${plural(e.articleIds.length, 'report')} split off ${link(e.fromId)} into ${link(e.toId)}`} — ${e.reason}</li>`)}
</ul></section>`;
}

/** What editors changed on the event, with their reasons. */
function editorialSection(changes: NonNullable<EventJson['editorial']>) {
  return html`<section class="card" aria-labelledby="editorial"><h2 id="editorial">Editorial changes</h2><ul>
${changes.map((c) => html`<li><time datetime="${c.at}">${c.at.slice(0, 10)}</time>: ${c.what}${c.note ? html` — ${c.note}` : ''}</li>`)}
</ul></section>`;
}

/** Later reports that recall this event as background, with the passage that does. */
function recalledSection(recalled: NonNullable<EventJson['recalledIn']>) {
  return html`<section class="card"><h2>Recalled in later reports</h2>
${recalled.map((r) => html`<blockquote>${r.text}<br><span class="tone">${r.outlet ?? ''}${r.eventId ? html` · in a report of <a href="/events/${encodeURIComponent(r.eventId)}">${r.title ?? r.eventId}</a>` : ''}</span></blockquote>`)}
</section>`;
}

/** Each change of the event's level, with when and why, and its feed. */
function historySection(id: string, history: NonNullable<EventJson['levelHistory']>) {
  return html`<section class="card"><h2>Verification history</h2><ol class="timeline">
${history.map((h) => html`<li><span class="when">${h.at.slice(0, 16).replace('T', ' ')} UTC</span> ${levelBadge(h.level)} <span class="tone">${h.level === 'Disputed' ? disputeHeadline(h.explanation) : h.explanation}</span></li>`)}
</ol><p class="meta"><a href="/events/${encodeURIComponent(id)}/feed.atom">Feed of its level changes</a></p></section>`;
}
