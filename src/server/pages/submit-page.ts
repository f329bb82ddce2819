/**
 * "Know another source?": a reader proposes a report for an event (no account needed).
 * GET /events/:id/sources/new is the form; POST stores the submission as pending and answers with what
 * happens next; POST /api/v1/events/:id/submissions does the same for programs (JSON in and out). Each
 * client may submit a few a minute and everyone together a bounded number; the same address for the
 * same event again is counted on the first; a full review queue refuses new ones (503).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import type { Submitted } from '../../storage/editorial-repository.ts';
import { MAX_NOTE_LENGTH, MAX_URL_LENGTH, submit } from '../../run/submissions.ts';
import { CSRF_INPUT_NAME, formToken } from '../access.ts';
import type { AppDeps } from '../app-deps.ts';
import { limit, runDeps, type EditorialState } from '../editorial-state.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

type Params = { Params: { id: string } };

/** A submission's body is small: an address and a note. */
const BODY_LIMIT = 16 * 1024;

export function submitPage(app: FastifyInstance, deps: AppDeps, state: EditorialState): void {
  app.get<Params>('/events/:id/sources/new', async (req, reply) => {
    const event = await eventOf(deps, req.params.id);
    return page(reply, deps, event, form(req, reply, event.id, {}));
  });

  app.post<Params>('/events/:id/sources/new', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const event = await eventOf(deps, req.params.id);
    const body = fields(req.body);
    try {
      const done = await accept(req, reply, deps, state, event.id, body);
      return page(reply, deps, event, thanks(event, done), 202);
    } catch (err) {
      if (!(err instanceof CorroborateError) || err.kind !== 'usage') throw err;
      // A mistake in the form is shown with the form, filled in as it was sent.
      return page(reply, deps, event, form(req, reply, event.id, { ...body, error: err.message }), 400);
    }
  });

  app.post<Params>('/api/v1/events/:id/submissions', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const event = await eventOf(deps, req.params.id);
    const done = await accept(req, reply, deps, state, event.id, fields(req.body));
    return reply.status(202).send({
      id: done.submission.id,
      eventId: event.id,
      url: done.submission.url,
      status: done.submission.status,
      repeat: done.repeat,
      message: nextSteps(done),
    });
  });
}

async function accept(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  state: EditorialState,
  eventId: string,
  body: { url?: string; note?: string },
): Promise<Submitted> {
  limit(
    reply,
    [
      [state.submitsPerClient, req.ip],
      [state.submitsAll, ''],
    ],
    'submissions',
  );
  const done = await submit(runDeps(deps), { eventId, url: body.url ?? '', note: body.note ?? null });
  if (!done.repeat) state.fetching.kick();
  return done;
}

async function eventOf(deps: AppDeps, id: string): Promise<{ id: string; title: string }> {
  const event = await deps.store.events.get(id);
  if (!event) throw new CorroborateError('not-found', 'no such event', id);
  return { id: event.id, title: event.title };
}

function fields(body: unknown): { url?: string; note?: string } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const url = text(b.url);
  const note = text(b.note);
  return { ...(url !== undefined ? { url } : {}), ...(note !== undefined ? { note } : {}) };
}

function form(
  req: FastifyRequest,
  reply: FastifyReply,
  eventId: string,
  v: { url?: string; note?: string; error?: string },
): SafeHtml {
  const action = `/events/${encodeURIComponent(eventId)}/sources/new`;
  return html`<p>Seen this event reported by an outlet we do not list here? Give the address of the report. An editor reads every submission before it counts; approved sources can raise the event's confidence rating.</p>
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<form class="stacked" method="post" action="${action}">
<input type="hidden" name="${CSRF_INPUT_NAME}" value="${formToken(req, reply)}">
<label for="url">Address of the report</label>
<input id="url" name="url" type="url" inputmode="url" required maxlength="${MAX_URL_LENGTH}" placeholder="https://" value="${v.url ?? ''}">
<label for="note">Note for the editor (optional)</label>
<textarea id="note" name="note" rows="4" maxlength="${MAX_NOTE_LENGTH}">${v.note ?? ''}</textarea>
<button type="submit">Submit for review</button>
</form>
<p class="meta">We fetch the page once to show it to an editor. Nothing about you is stored but what you write here.</p>`;
}

function thanks(event: { id: string; title: string }, done: Submitted): SafeHtml {
  return html`<p role="status"><strong>Thank you.</strong> ${nextSteps(done)}</p>
<p><a href="/events/${encodeURIComponent(event.id)}">Back to the event</a></p>`;
}

function nextSteps(done: Submitted): string {
  const s = done.submission;
  if (done.repeat)
    return s.status === 'pending'
      ? 'This address was already submitted for this event and waits for an editor; we counted your submission with it.'
      : `This address was already submitted for this event and an editor ${s.status} it.`;
  return 'Your submission waits for an editor. We fetch the page now; an editor reads it, checks where it comes from and decides whether it joins the event. If it does, the event page lists it and its confidence rating counts it.';
}

async function page(
  reply: FastifyReply,
  deps: AppDeps,
  event: { id: string; title: string },
  body: SafeHtml,
  status = 200,
): Promise<FastifyReply> {
  return reply
    .status(status)
    .header('Cache-Control', 'private, no-store')
    .type('text/html; charset=utf-8')
    .send(
      layout(
        { title: 'Know another source?', sample: await deps.isSample() },
        html`<h1>Know another source?</h1>
<p class="meta">For the event <a href="/events/${encodeURIComponent(event.id)}">${event.title}</a></p>
${body}`,
      ).value,
    );
}
