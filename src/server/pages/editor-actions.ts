/**
 * Editors' actions on what is stored, the same as the command line's (`events merge|split|resolve-dispute`,
 * `articles withdraw|restore`, the outlet registry): an event's editorial page (merge it into another,
 * split reports off it, settle a dispute, withdraw or restore a report) and an outlet's (kind, tier,
 * owner). Each action re-assesses what it touches and is written to the audit log by the run layer.
 * The same actions are in the API under /api/v1 (JSON bodies, X-CSRF-Token).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { OUTLET_KINDS, OUTLET_TIERS } from '../../domain/outlet.ts';
import { EVENT_CATEGORIES, type EventEdit } from '../../domain/event.ts';
import { resolveDispute } from '../../run/disputes.ts';
import {
  editEvent,
  editText,
  MAX_EDIT_NOTE_LENGTH,
  MAX_PLACE_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../run/edit-event.ts';
import { editOutlet } from '../../run/outlets.ts';
import { existingEvent, mergeEvents, splitEvent } from '../../run/regroup.ts';
import { standing } from '../../run/submissions.ts';
import { setArticlesStatus } from '../../run/withdraw.ts';
import { CSRF_INPUT_NAME, formToken } from '../access.ts';
import type { AppDeps } from '../app-deps.ts';
import { runDeps } from '../editorial-state.ts';
import { html } from '../views/html.ts';
import { sendEditorialPage } from './editorial-page.ts';

type Params = { Params: { id: string } };
type Body = Record<string, unknown>;
const MAX_REASON = 500;

export function editorActions(app: FastifyInstance, deps: AppDeps): void {
  app.get<Params>('/editor/events/:id', async (req, reply) =>
    eventPage(req, reply, deps, req.params.id, null),
  );

  const eventAction = (name: string, act: (req: FastifyRequest<Params>, body: Body) => Promise<unknown>) => {
    app.post<Params>(`/editor/events/:id/${name}`, { bodyLimit: 64 * 1024 }, async (req, reply) => {
      try {
        await act(req, (req.body ?? {}) as Body);
      } catch (err) {
        if (!(err instanceof CorroborateError) || !['usage', 'conflict'].includes(err.kind)) throw err;
        return eventPage(req, reply, deps, req.params.id, err.message, 400);
      }
      // A merged event is gone: its editor goes on with the event that took its reports.
      const into = (req.body as Body | undefined)?.into;
      const next = name === 'merge' && typeof into === 'string' ? into.trim() : req.params.id;
      return reply.redirect(`/editor/events/${encodeURIComponent(next)}`, 303);
    });
    app.post<Params>(`/api/v1/events/:id/${name}`, { bodyLimit: 64 * 1024 }, async (req) => {
      const done = await act(req, (req.body ?? {}) as Body);
      const into = (req.body as Body | undefined)?.into;
      const id = name === 'merge' && typeof into === 'string' ? into.trim() : req.params.id;
      const changes = done && typeof done === 'object' && 'changes' in done ? { changes: done.changes } : {};
      return { event: id, now: await standing(runDeps(deps), id), ...changes };
    });
  };
  eventAction('merge', (req, b) =>
    mergeEvents(actorDeps(deps, req), req.params.id, text(b.into, 'into'), reason(b, 'merged by an editor')),
  );
  eventAction('split', (req, b) =>
    splitEvent(actorDeps(deps, req), req.params.id, list(b.articles), reason(b, 'split by an editor')),
  );
  eventAction('settle', (req, b) =>
    resolveDispute(
      actorDeps(deps, req),
      req.params.id,
      text(b.field, 'field'),
      text(b.value, 'value'),
      optional(b.note),
    ),
  );
  eventAction('edit', (req, b) =>
    editEvent(actorDeps(deps, req), req.params.id, {
      ...fields(b, ['title', 'category', 'date', 'place']),
      undo: b.undo === undefined ? [] : Array.isArray(b.undo) ? b.undo.map(String) : [String(b.undo)],
      note: optional(b.note),
    }),
  );

  for (const [action, status] of [
    ['withdraw', 'withdrawn'],
    ['restore', 'active'],
  ] as const) {
    const act = async (req: FastifyRequest<Params>) =>
      setArticlesStatus(
        actorDeps(deps, req),
        [req.params.id],
        status,
        reason((req.body ?? {}) as Body, status === 'withdrawn' ? 'withdrawn by its outlet' : 'restored'),
      );
    app.post<Params>(`/editor/reports/:id/${action}`, { bodyLimit: 16 * 1024 }, async (req, reply) => {
      const s = await act(req);
      const back = s.events[0]?.id;
      return reply.redirect(back ? `/editor/events/${encodeURIComponent(back)}` : '/editor', 303);
    });
    app.post<Params>(`/api/v1/reports/:id/${action}`, { bodyLimit: 16 * 1024 }, async (req) => act(req));
  }

  app.get<Params>('/editor/outlets/:id', async (req, reply) =>
    outletPage(req, reply, deps, req.params.id, null),
  );
  const outletEdit = (req: FastifyRequest<Params>) => {
    const b = (req.body ?? {}) as Body;
    return editOutlet(actorDeps(deps, req), req.params.id, {
      ...(typeof b.kind === 'string' ? { kind: b.kind } : {}),
      ...(typeof b.tier === 'string' ? { tier: b.tier } : {}),
      ...(typeof b.owner === 'string' ? { ownerGroup: b.owner } : {}),
    });
  };
  app.post<Params>('/editor/outlets/:id', { bodyLimit: 16 * 1024 }, async (req, reply) => {
    try {
      await outletEdit(req);
    } catch (err) {
      if (!(err instanceof CorroborateError) || err.kind !== 'usage') throw err;
      return outletPage(req, reply, deps, req.params.id, err.message, 400);
    }
    return reply.redirect(`/editor/outlets/${encodeURIComponent(req.params.id)}`, 303);
  });
  app.post<Params>('/api/v1/outlets/:id', { bodyLimit: 16 * 1024 }, async (req) => outletEdit(req));
}

async function eventPage(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  id: string,
  error: string | null,
  status = 200,
): Promise<FastifyReply> {
  const event = await existingEvent(deps.store, id);
  const reports = await deps.store.events.reports(id);
  const articles = new Map(
    (await deps.store.articles.getMany(reports.map((r) => r.articleId))).map((a) => [a.id, a]),
  );
  const [latest, edits] = await Promise.all([
    deps.store.events.history(id).then((h) => h.at(-1)),
    deps.store.events.edits(id),
  ]);
  const now = await standing(runDeps(deps), id);
  const token = formToken(req, reply);
  const base = `/editor/events/${encodeURIComponent(id)}`;
  const hidden = html`<input type="hidden" name="${CSRF_INPUT_NAME}" value="${token}">`;
  const body = html`<h1>Edit: ${event.title}</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<p>${now.level ?? 'Not assessed'}; ${now.independentSources} independent sources in ${now.reports} reports. <a href="/events/${encodeURIComponent(id)}">The event as readers see it</a> · <a href="/editor">Editor's desk</a></p>
<section class="card" aria-labelledby="fields"><h2 id="fields">Title, category, date and place</h2>
<form class="stacked" method="post" action="${base}/edit">${hidden}
<label for="title">Title</label><input id="title" name="title" required maxlength="${MAX_TITLE_LENGTH}" value="${event.title}">
<label for="category">Category</label><select id="category" name="category"><option value=""${event.category ? '' : ' selected'}>none</option>${EVENT_CATEGORIES.map((c) => html`<option${c === event.category ? ' selected' : ''}>${c}</option>`)}</select>
<label for="date">Date: a day (YYYY-MM-DD) or a span (YYYY-MM-DD to YYYY-MM-DD); empty when unknown</label><input id="date" name="date" maxlength="40" value="${editText('date', event.date)}">
<label for="place">Where it happened: a city, region or country (“Paris, Texas”); empty when no place is known</label><input id="place" name="place" maxlength="${MAX_PLACE_LENGTH}" value="${editText('place', event.place)}">
<label for="edit-note">Why (shown to readers with the change)</label><input id="edit-note" name="note" maxlength="${MAX_EDIT_NOTE_LENGTH}">
<button type="submit">Save</button></form>
${edits.length ? html`<p class="meta">An edited field keeps its value whatever later reports say, until the edit is undone.</p><ul class="desk">${edits.map((e) => editItem(e, base, hidden))}</ul>` : ''}
</section>
<section class="card" aria-labelledby="split"><h2 id="split">Reports</h2>
<form class="stacked" method="post" action="${base}/split">${hidden}
<fieldset><legend>Choose reports to split off into a new event</legend>
${reports.map((r) => {
  const a = articles.get(r.articleId);
  const label = `${a?.title ?? r.articleId}${a?.status === 'withdrawn' ? ' (withdrawn)' : ''}`;
  return html`<label class="check"><input type="checkbox" name="articles" value="${r.articleId}"> ${label}</label>`;
})}
</fieldset>
<label for="split-reason">Why (kept in the record)</label><input id="split-reason" name="reason" maxlength="${MAX_REASON}">
<button type="submit">Split off</button></form>
<ul class="desk">${reports.map((r) => {
    const a = articles.get(r.articleId);
    const withdrawn = a?.status === 'withdrawn';
    return html`<li>${a?.title ?? r.articleId} <form class="inline" method="post" action="/editor/reports/${encodeURIComponent(r.articleId)}/${withdrawn ? 'restore' : 'withdraw'}">${hidden}<button type="submit">${withdrawn ? 'Restore' : 'Withdraw'}</button></form></li>`;
  })}</ul></section>
<section class="card" aria-labelledby="merge"><h2 id="merge">Merge into another event</h2>
<form class="stacked" method="post" action="${base}/merge">${hidden}
<label for="into">The event that keeps its id (its id, from its address)</label><input id="into" name="into" required maxlength="100">
<label for="merge-reason">Why (kept in the record)</label><input id="merge-reason" name="reason" maxlength="${MAX_REASON}">
<button type="submit">Merge</button></form></section>
${
  latest?.disputes.length
    ? html`<section class="card" aria-labelledby="disputes"><h2 id="disputes">Disputes</h2>${latest.disputes.map(
        (
          d,
        ) => html`<form class="stacked" method="post" action="${base}/settle">${hidden}<input type="hidden" name="field" value="${d.field}">
<fieldset><legend>${d.field}${d.resolved ? html` (settled: ${d.resolved.value})` : ''}</legend>
${d.values.map((v, i) => html`<label class="check"><input type="radio" name="value" value="${v.value}"${i === 0 ? ' required' : ''}> ${v.value} — ${v.outlets.join(', ')}</label>`)}
</fieldset><label for="note-${d.field}">Note (shown with the settlement)</label><input id="note-${d.field}" name="note" maxlength="${MAX_REASON}">
<button type="submit">Settle</button></form>`,
      )}</section>`
    : ''
}`;
  return sendEditorialPage(reply, deps, `Edit: ${event.title}`, body, status, false);
}

/** An edit in force, with what the pipeline makes of the field and a button to go back to that. */
function editItem(e: EventEdit, base: string, hidden: ReturnType<typeof html>) {
  const computed = editText(e.field, e.computed) || 'none';
  return html`<li>${e.field}: set by ${e.decidedBy} on ${e.at.slice(0, 10)}${e.note ? html` (${e.note})` : ''}; from the reports: ${computed} <form class="inline" method="post" action="${base}/edit">${hidden}<input type="hidden" name="undo" value="${e.field}"><button type="submit">Undo</button></form></li>`;
}

async function outletPage(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  id: string,
  error: string | null,
  status = 200,
): Promise<FastifyReply> {
  const o = await deps.store.outlets.get(id);
  if (!o) throw new CorroborateError('not-found', 'no such outlet', id);
  const token = formToken(req, reply);
  const options = (values: readonly string[], current: string) =>
    values.map((v) => html`<option${v === current ? ' selected' : ''}>${v}</option>`);
  const body = html`<h1>Edit: ${o.name}</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<p><a href="/outlets/${encodeURIComponent(id)}">The outlet as readers see it</a> · <a href="/editor">Editor's desk</a></p>
<form class="stacked" method="post" action="/editor/outlets/${encodeURIComponent(id)}"><input type="hidden" name="${CSRF_INPUT_NAME}" value="${token}">
<label for="kind">Kind</label><select id="kind" name="kind">${options(OUTLET_KINDS, o.kind)}</select>
<label for="tier">Tier</label><select id="tier" name="tier">${options(OUTLET_TIERS, o.tier)}</select>
<label for="owner">Owner group</label><input id="owner" name="owner" maxlength="200" value="${o.ownerGroup ?? ''}">
<button type="submit">Save</button></form>
<p class="meta">Saving re-assesses every event with a report from this outlet.</p>`;
  return sendEditorialPage(reply, deps, `Edit: ${o.name}`, body, status, false);
}

function actorDeps(deps: AppDeps, req: FastifyRequest) {
  return runDeps(deps, req.session?.user.login ?? 'editor');
}

function text(v: unknown, name: string): string {
  if (typeof v !== 'string' || !v.trim()) throw new CorroborateError('usage', `give ${name}`, name);
  return v.trim();
}

/** The named fields given as text (a field not given is left as it stands). */
function fields(b: Body, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = b[n];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new CorroborateError('usage', `${n} is text`, n);
    out[n] = v;
  }
  return out;
}

function optional(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, MAX_REASON) : null;
}

function list(v: unknown): string[] {
  const items = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
  if (!items.length) throw new CorroborateError('usage', 'choose at least one report', 'articles');
  return items;
}

function reason(b: Body, fallback: string): string {
  const r = optional(b.reason);
  return r ?? fallback;
}
