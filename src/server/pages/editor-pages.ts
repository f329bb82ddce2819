/**
 * The editor's desk (editors and admins; access.ts guards every route): the submission queue with a
 * preview of each fetched page and the event it is for, approve or reject (with a reason kept for
 * editors), and the audit log. The same actions are in the API under /api/v1/submissions. Everything a
 * reader or an outlet wrote (titles, notes, addresses, texts) is escaped as text; no page here loads a
 * script, and the Content-Security-Policy forbids inline ones.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEntry, Submission, SubmissionStatus } from '../../domain/editorial.ts';
import { CorroborateError } from '../../domain/errors.ts';
import {
  approveSubmission,
  MAX_REASON_LENGTH,
  previewSubmission,
  projectSubmission,
  type Projection,
  rejectSubmission,
  standing,
  type Standing,
  type SubmissionPreview,
} from '../../run/submissions.ts';
import { CSRF_INPUT_NAME, currentSession, formToken } from '../access.ts';
import type { AppDeps } from '../app-deps.ts';
import { runDeps } from '../editorial-state.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { fieldText, sendEditorialPage } from './editorial-page.ts';
import { logoutForm } from './login-page.ts';

type Params = { Params: { id: string } };
const STATUSES: readonly SubmissionStatus[] = ['pending', 'approved', 'rejected'];
const AUDIT_ROWS = 200;

export function editorPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/editor', async (req, reply) => {
    const session = await currentSession(req, deps);
    const waiting = await deps.store.submissions.pendingCount();
    return sendEditorialPage(
      reply,
      deps,
      "Editor's desk",
      html`<p>Logged in as <strong>${session?.user.name}</strong> (${session?.user.role}). ${logoutForm(req, reply)}</p>
<ul class="desk">
<li><a href="/editor/submissions">Submissions</a>: ${waiting} waiting for review</li>
<li><a href="/editor/audit">Audit log</a>: every editorial change, who made it and when</li>
<li>Events and outlets: <code>/editor/events/ID</code> (merge, split, settle a dispute, withdraw or restore a report) and <code>/editor/outlets/ID</code> (kind, tier, owner), ID as in the event's or outlet's address; each submission links to its event's</li>
${
  session?.user.role === 'admin'
    ? html`<li><a href="/admin/users">Accounts</a>: add editors, disable, reset passwords</li>
<li><a href="/admin/jobs">Job queue</a>: reports waiting for workers, and dead jobs to retry (PostgreSQL)</li>`
    : ''
}
<li><a href="/account/password">Change your password</a></li>
</ul>`,
    );
  });

  app.get('/editor/submissions', async (req, reply) => {
    const status = statusOf((req.query as Record<string, unknown>).status);
    const rows = await deps.store.submissions.withStatus(status);
    const titles = await eventTitles(deps, rows);
    const tabs = STATUSES.map((s) =>
      s === status
        ? html`<strong aria-current="page">${s}</strong>`
        : html`<a href="/editor/submissions?status=${s}">${s}</a>`,
    );
    return sendEditorialPage(
      reply,
      deps,
      'Submissions',
      html`<nav class="pages" aria-label="Which submissions">${tabs.map((t, i) => html`${i ? ' · ' : ''}${t}`)}</nav>
${rows.length ? html`<ul class="events results">${rows.map((s) => queueItem(s, titles.get(s.eventId ?? '')))}</ul>` : html`<p>No ${status} submissions.</p>`}`,
    );
  });

  app.get<Params>('/editor/submissions/:id', async (req, reply) => {
    const s = await submission(deps, req.params.id);
    return sendEditorialPage(reply, deps, 'Submission', await reviewBody(req, reply, deps, s, null));
  });

  for (const action of ['approve', 'reject'] as const)
    app.post<Params>(`/editor/submissions/:id/${action}`, { bodyLimit: 16 * 1024 }, async (req, reply) => {
      const s = await submission(deps, req.params.id);
      const actor = req.session?.user.login ?? 'editor';
      try {
        if (action === 'approve') await approveSubmission(runDeps(deps, actor), s.id);
        else
          await rejectSubmission(
            runDeps(deps, actor),
            s.id,
            fieldText((req.body as Record<string, unknown>)?.reason),
          );
      } catch (err) {
        if (!(err instanceof CorroborateError) || !['usage', 'conflict'].includes(err.kind)) throw err;
        const again = await submission(deps, s.id);
        const status = err.kind === 'conflict' ? 409 : 400;
        return sendEditorialPage(
          reply,
          deps,
          'Submission',
          await reviewBody(req, reply, deps, again, err.message),
          status,
        );
      }
      return reply.redirect(`/editor/submissions/${encodeURIComponent(s.id)}`, 303);
    });

  app.get('/editor/audit', async (req, reply) => {
    const entries = await deps.store.audit.recent(AUDIT_ROWS);
    return sendEditorialPage(
      reply,
      deps,
      'Audit log',
      html`<p>The newest ${AUDIT_ROWS} changes, newest first. Nothing here can be changed or removed.</p>
<div class="table-wrap"><table class="stack"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Of</th><th scope="col">Detail</th></tr></thead>
<tbody>${entries.map(auditRow)}</tbody></table></div>`,
    );
  });

  // The same in the API (JSON; a state change needs the X-CSRF-Token header, from GET /api/v1/session).
  app.get('/api/v1/session', async (req, reply) => {
    const session = await currentSession(req, deps);
    void reply.header('Cache-Control', 'no-store');
    const user = session && { login: session.user.login, name: session.user.name, role: session.user.role };
    // Without a session, this client's form token (its cookie set now if missing): for a submission.
    return { user, csrf: formToken(req, reply) };
  });
  app.get('/api/v1/submissions', async (req) => {
    const status = statusOf((req.query as Record<string, unknown>).status);
    return { status, submissions: await deps.store.submissions.withStatus(status) };
  });
  app.get<Params>('/api/v1/submissions/:id', async (req) => {
    const s = await submission(deps, req.params.id);
    const run = runDeps(deps);
    const preview = await previewSubmission(run, s.id);
    const projection =
      s.status === 'pending' && preview && !preview.refused ? await projectSubmission(run, s.id) : null;
    return { submission: s, preview, projection };
  });
  app.post<Params>('/api/v1/submissions/:id/approve', async (req) =>
    approveSubmission(runDeps(deps, req.session?.user.login), req.params.id),
  );
  app.post<Params>('/api/v1/submissions/:id/reject', { bodyLimit: 16 * 1024 }, async (req) => ({
    submission: await rejectSubmission(
      runDeps(deps, req.session?.user.login),
      req.params.id,
      fieldText((req.body as Record<string, unknown>)?.reason),
    ),
  }));
  app.get('/api/v1/audit', async () => ({ entries: await deps.store.audit.recent(AUDIT_ROWS) }));
}

async function reviewBody(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  s: Submission,
  error: string | null,
): Promise<SafeHtml> {
  const event = s.eventId ? await deps.store.events.get(s.eventId) : undefined;
  const now = event ? await standing(runDeps(deps), event.id) : null;
  const preview = await previewSubmission(runDeps(deps), s.id);
  const projection =
    s.status === 'pending' && preview && !preview.refused
      ? await projectSubmission(runDeps(deps), s.id)
      : null;
  const token = formToken(req, reply);
  const base = `/editor/submissions/${encodeURIComponent(s.id)}`;
  const decided =
    s.status === 'pending'
      ? ''
      : html`<p role="status">${s.status === 'approved' ? 'Approved' : 'Rejected'} by ${s.reviewedBy ?? '?'} on ${s.reviewedAt?.slice(0, 16).replace('T', ' ') ?? '?'} UTC${s.reason ? html`: “${s.reason}”` : ''}.${s.articleId ? html` It is the report <a href="/reports/${encodeURIComponent(s.articleId)}">${s.articleId}</a>.` : ''}</p>`;
  return html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}${decided}
<dl class="facts">
<dt>Address</dt><dd><code>${s.url}</code></dd>
<dt>For the event</dt><dd>${event ? html`<a href="/events/${encodeURIComponent(event.id)}">${event.title}</a> (<a href="/editor/events/${encodeURIComponent(event.id)}">edit it</a>)` : html`${s.eventId ?? 'none'} (no longer stored)`}</dd>
${now ? html`<dt>The event now</dt><dd>${standingText(now)}</dd>` : ''}
<dt>Submitted</dt><dd>${s.createdAt.slice(0, 16).replace('T', ' ')} UTC${s.times > 1 ? `, ${s.times} times` : ''}</dd>
<dt>Note</dt><dd>${s.note ?? html`<span class="meta">none</span>`}</dd>
<dt>Fetched</dt><dd>${fetchText(s)}</dd>
</dl>
${preview ? previewHtml(preview) : ''}
${projection ? projectionHtml(projection) : ''}
${s.status === 'pending' ? decisionForms(base, token, s, preview) : ''}
<p><a href="/editor/submissions">Back to the queue</a></p>`;
}

function decisionForms(
  base: string,
  token: string,
  s: Submission,
  preview: SubmissionPreview | null,
): SafeHtml {
  const approvable = s.fetchState === 'fetched' && preview && !preview.refused;
  return html`<section class="card" aria-labelledby="decide"><h2 id="decide">Decide</h2>
${approvable ? html`<form class="stacked" method="post" action="${base}/approve"><input type="hidden" name="${CSRF_INPUT_NAME}" value="${token}"><p>Approving stores the page as a report of this event and re-assesses the event.</p><button type="submit">Approve</button></form>` : html`<p>It cannot be approved until its page is fetched and readable.</p>`}
<form class="stacked" method="post" action="${base}/reject"><input type="hidden" name="${CSRF_INPUT_NAME}" value="${token}">
<label for="reason">Reason for rejecting (kept for editors)</label><textarea id="reason" name="reason" rows="3" required maxlength="${MAX_REASON_LENGTH}"></textarea>
<button type="submit">Reject</button></form></section>`;
}

/** What approving would change, as the pipeline reads the page now. */
function projectionHtml(p: Projection): SafeHtml {
  const at = p.placement;
  const where =
    at.kind === 'this'
      ? html`the resolver would put it in this event on its own.`
      : at.kind === 'new'
        ? html`the resolver would make it a <strong>new event</strong>: it may tell of another event. Approving puts it in this one.`
        : html`the resolver would put it in <strong>another event</strong>, <a href="/events/${encodeURIComponent(at.eventId)}">${at.title}</a>: it may tell of that one. Approving puts it in this one.`;
  const change = (a: string | number | null, b: string | number | null) =>
    a === b ? html`${b ?? 'none'} (no change)` : html`${a ?? 'none'} → <strong>${b ?? 'none'}</strong>`;
  return html`<section class="card" aria-labelledby="projection"><h2 id="projection">If approved</h2>
<p>Read as a report, ${where}${p.stored ? ' The page is stored already as a report.' : ''}</p>
${p.copyOf ? html`<p>It copies a stored report (<a href="/reports/${encodeURIComponent(p.copyOf.articleId)}">${p.copyOf.title ?? p.copyOf.articleId}</a>): a copy adds no independent source.</p>` : ''}
<dl class="facts"><dt>Level</dt><dd>${change(p.before.level, p.after.level)}</dd>
<dt>Independent sources</dt><dd>${change(p.before.independentSources, p.after.independentSources)}</dd>
<dt>Reports</dt><dd>${change(p.before.reports, p.after.reports)}</dd></dl></section>`;
}

function previewHtml(p: SubmissionPreview): SafeHtml {
  return html`<section class="card" aria-labelledby="preview"><h2 id="preview">The page as fetched</h2>
${p.refused ? html`<p class="error">It cannot become a report: ${p.refused}</p>` : ''}
<dl class="facts"><dt>Title</dt><dd>${p.title ?? html`<span class="meta">none found</span>`}</dd>
<dt>Outlet</dt><dd>${p.outlet ?? html`<span class="meta">not named</span>`}</dd>
<dt>Published</dt><dd>${p.publishedAt ?? html`<span class="meta">no date found</span>`}</dd>
<dt>Authors</dt><dd>${p.authors.join(', ') || html`<span class="meta">none named</span>`}</dd>
<dt>Length</dt><dd>${p.words} words</dd></dl>
<blockquote class="preview">${p.opening}${p.opening.length >= 1500 ? ' …' : ''}</blockquote></section>`;
}

function queueItem(s: Submission, eventTitle: string | undefined): SafeHtml {
  return html`<li><a class="title" href="/editor/submissions/${encodeURIComponent(s.id)}">${s.url}</a>
<div class="meta"><span>for ${eventTitle ?? s.eventId ?? 'no event'}</span><span>${s.createdAt.slice(0, 10)}</span>${s.times > 1 ? html`<span>${s.times} times</span>` : ''}<span>${fetchText(s)}</span>${s.reason ? html`<span>rejected: ${s.reason}</span>` : ''}</div>
${s.note ? html`<p class="snippet">${s.note}</p>` : ''}</li>`;
}

function auditRow(e: AuditEntry): SafeHtml {
  return html`<tr><td data-label="When">${e.at.slice(0, 19).replace('T', ' ')}</td><td data-label="Who">${e.actor}</td><td data-label="What">${e.action}</td><td data-label="Of">${e.subject.kind} ${e.subject.id}</td><td data-label="Detail"><code>${JSON.stringify(e.detail)}</code></td></tr>`;
}

function standingText(s: Standing): string {
  return `${s.level ?? 'not assessed'}; ${s.independentSources} independent ${s.independentSources === 1 ? 'source' : 'sources'} in ${s.reports} ${s.reports === 1 ? 'report' : 'reports'}`;
}

function fetchText(s: Submission): string {
  if (s.fetchState === 'fetched') return 'page fetched';
  if (s.fetchState === 'failed') return `could not be fetched (${s.fetchError ?? 'no reason kept'})`;
  return 'waiting to be fetched';
}

/** The titles of the submissions' events, from their list rows in one query (a queue holds at most 200). */
async function eventTitles(deps: AppDeps, rows: Submission[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.eventId).filter((x): x is string => x !== null))];
  return new Map((await deps.store.eventList.rows(ids)).map((r) => [r.id, r.title]));
}

async function submission(deps: AppDeps, id: string): Promise<Submission> {
  const s = await deps.store.submissions.get(id);
  if (!s) throw new CorroborateError('not-found', 'no such submission', id);
  return s;
}

function statusOf(v: unknown): SubmissionStatus {
  if (v === undefined) return 'pending';
  if (typeof v === 'string' && (STATUSES as readonly string[]).includes(v)) return v as SubmissionStatus;
  throw new CorroborateError('usage', `status is one of ${STATUSES.join(', ')}`, 'status');
}
