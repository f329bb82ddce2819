/**
 * Logging in and out, and changing one's password. A login is rate-limited per client (besides the
 * account's own lock-out, run/accounts.ts); a successful one sets the session cookie (HttpOnly,
 * SameSite=Strict, Secure over TLS) and a new session replaces any the browser had. Logging out ends
 * the session in the database, so the cookie is worthless even if kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { changePassword, logIn, logOut, MIN_PASSWORD, SESSION_MAX_DAYS } from '../../run/accounts.ts';
import { cookie, CSRF_INPUT_NAME, currentSession, formToken, SESSION_COOKIE } from '../access.ts';
import type { AppDeps } from '../app-deps.ts';
import { limit, runDeps, type EditorialState } from '../editorial-state.ts';
import { fieldText, sendEditorialPage } from './editorial-page.ts';
import { html, type SafeHtml } from '../views/html.ts';

type Body = Record<string, unknown>;

export function loginPages(app: FastifyInstance, deps: AppDeps, state: EditorialState): void {
  app.get('/login', async (req, reply) => {
    const session = await currentSession(req, deps);
    const next = nextPath((req.query as Body).next);
    if (session)
      return sendEditorialPage(
        reply,
        deps,
        'Logged in',
        html`<p>You are logged in as <strong>${session.user.name}</strong> (${session.user.role}). <a href="${next}">Continue</a>.</p>`,
      );
    return sendEditorialPage(reply, deps, 'Log in', loginForm(req, reply, next, null));
  });

  app.post('/login', { bodyLimit: 8 * 1024 }, async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    const next = nextPath(body.next);
    try {
      limit(reply, [[state.loginsPerClient, req.ip]], 'login attempts from your address');
      const { token } = await logIn(runDeps(deps), fieldText(body.login), fieldText(body.password));
      if (req.session) await logOut(runDeps(deps), req.session);
      return reply
        .header('Set-Cookie', cookie(req, SESSION_COOKIE, token, SESSION_MAX_DAYS * 86_400))
        .header('Cache-Control', 'no-store')
        .redirect(next, 303);
    } catch (err) {
      if (!(err instanceof CorroborateError)) throw err;
      const status = { unauthorized: 401, locked: 423, 'too-many': 429 }[err.kind as string] ?? 400;
      return sendEditorialPage(reply, deps, 'Log in', loginForm(req, reply, next, err.message), status);
    }
  });

  app.post('/logout', async (req, reply) => {
    if (req.session) await logOut(runDeps(deps), req.session);
    return reply
      .header('Set-Cookie', cookie(req, SESSION_COOKIE, '', 0))
      .header('Cache-Control', 'no-store')
      .redirect('/login', 303);
  });

  app.get('/account/password', async (req, reply) =>
    sendEditorialPage(reply, deps, 'Change your password', passwordForm(req, reply, null)),
  );

  app.post('/account/password', { bodyLimit: 8 * 1024 }, async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    const session = req.session;
    if (!session) throw new CorroborateError('unauthorized', 'log in first');
    try {
      if (fieldText(body.password) !== fieldText(body.confirm))
        throw new CorroborateError('usage', 'the two new passwords differ', 'confirm');
      const r = await changePassword(
        runDeps(deps),
        session,
        fieldText(body.current),
        fieldText(body.password),
      );
      return sendEditorialPage(
        reply,
        deps,
        'Password changed',
        html`<p role="status">Your password is changed. ${r.sessionsEnded ? `${r.sessionsEnded} other sessions of your account were ended.` : ''}</p><p><a href="/editor">Back to the editor's desk</a></p>`,
      );
    } catch (err) {
      if (!(err instanceof CorroborateError) || err.kind !== 'usage') throw err;
      return sendEditorialPage(
        reply,
        deps,
        'Change your password',
        passwordForm(req, reply, err.message),
        400,
      );
    }
  });
}

/** The logout button an editor page shows (a form: logging out changes state). */
export function logoutForm(req: FastifyRequest, reply: FastifyReply): SafeHtml {
  return html`<form class="inline" method="post" action="/logout"><input type="hidden" name="${CSRF_INPUT_NAME}" value="${formToken(req, reply)}"><button type="submit">Log out</button></form>`;
}

function loginForm(req: FastifyRequest, reply: FastifyReply, next: string, error: string | null): SafeHtml {
  return html`<p>For editors and admins. Readers need no account: every page of the site is open, and anyone can <a href="/">submit a source</a> from an event's page.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form class="stacked" method="post" action="/login">
<input type="hidden" name="${CSRF_INPUT_NAME}" value="${formToken(req, reply)}">
<input type="hidden" name="next" value="${next}">
<label for="login">Login</label><input id="login" name="login" autocomplete="username" required maxlength="40">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">Log in</button>
</form>`;
}

function passwordForm(req: FastifyRequest, reply: FastifyReply, error: string | null): SafeHtml {
  return html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form class="stacked" method="post" action="/account/password">
<input type="hidden" name="${CSRF_INPUT_NAME}" value="${formToken(req, reply)}">
<label for="current">Current password</label><input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="password">New password (at least ${MIN_PASSWORD} characters)</label><input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD}" maxlength="200">
<label for="confirm">New password again</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD}" maxlength="200">
<button type="submit">Change password</button>
</form>
<p class="meta">Changing your password ends your other sessions.</p>`;
}

/** Where to go after logging in: a path of this site, else the editor's desk. */
function nextPath(v: unknown): string {
  return typeof v === 'string' && /^\/(?![/\\])[^\s]*$/.test(v) && v.length < 500 ? v : '/editor';
}
