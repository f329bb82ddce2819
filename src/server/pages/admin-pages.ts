/**
 * Accounts, for admins (access.ts): list them, add an editor or admin (a one-time password is shown
 * once, to be passed on), disable or enable one, reset a password. The same as `corroborate users`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User, UserRole } from '../../domain/editorial.ts';
import { CorroborateError } from '../../domain/errors.ts';
import { addUser, oneTimePassword, resetPassword, ROLES, setUserDisabled } from '../../run/accounts.ts';
import { CSRF_INPUT_NAME, formToken } from '../access.ts';
import { runDeps } from '../editorial-state.ts';
import { fieldText, sendEditorialPage } from './editorial-page.ts';
import type { AppDeps } from '../app-deps.ts';
import { html, type SafeHtml } from '../views/html.ts';

type Params = { Params: { login: string } };

export function adminPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/users', async (req, reply) => usersPage(req, reply, deps, null));

  app.post('/admin/users', { bodyLimit: 8 * 1024 }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const password = oneTimePassword();
    try {
      const user = await addUser(
        runDeps(deps),
        {
          name: fieldText(b.login),
          role: fieldText(b.role) as UserRole,
          email: fieldText(b.email) || null,
          password,
        },
        actor(req),
      );
      return usersPage(req, reply, deps, {
        note: html`Added <strong>${user.login}</strong> (${user.role}). One-time password, shown only now: <code>${password}</code> — give it to ${user.name}, who changes it at /account/password.`,
      });
    } catch (err) {
      if (!(err instanceof CorroborateError) || !['usage', 'conflict'].includes(err.kind)) throw err;
      return usersPage(req, reply, deps, { error: err.message }, err.kind === 'conflict' ? 409 : 400);
    }
  });

  for (const action of ['disable', 'enable', 'reset'] as const)
    app.post<Params>(`/admin/users/:login/${action}`, async (req, reply) => {
      const login = req.params.login;
      if (action === 'reset') {
        const password = oneTimePassword();
        const r = await resetPassword(runDeps(deps), login, password, actor(req));
        return usersPage(req, reply, deps, {
          note: html`New one-time password for <strong>${r.user.login}</strong>, shown only now: <code>${password}</code>. ${r.sessionsEnded} sessions ended.`,
        });
      }
      if (action === 'disable' && req.session?.user.login === login)
        throw new CorroborateError('usage', 'you cannot disable your own account', login);
      const r = await setUserDisabled(runDeps(deps), login, action === 'disable', actor(req));
      return usersPage(req, reply, deps, { note: html`${r.user.login} ${action}d.` });
    });

  app.get('/api/v1/users', async () => ({ users: await deps.store.users.list() }));
}

async function usersPage(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  message: { note?: SafeHtml; error?: string } | null,
  status = 200,
): Promise<FastifyReply> {
  const users = await deps.store.users.list();
  const token = formToken(req, reply);
  const body = html`<h1>Accounts</h1>
${message?.note ? html`<p role="status">${message.note}</p>` : ''}${message?.error ? html`<p class="error" role="alert">${message.error}</p>` : ''}
<div class="table-wrap"><table class="stack"><thead><tr><th scope="col">Login</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
<tbody>${users.map((u) => row(u, token))}</tbody></table></div>
<section class="card" aria-labelledby="add"><h2 id="add">Add an account</h2>
<form class="stacked" method="post" action="/admin/users"><input type="hidden" name="${CSRF_INPUT_NAME}" value="${token}">
<label for="login">Login</label><input id="login" name="login" required maxlength="40" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{1,39}">
<label for="role">Role</label><select id="role" name="role">${ROLES.map((r) => html`<option>${r}</option>`)}</select>
<label for="email">E-mail (optional)</label><input id="email" name="email" type="email" maxlength="200">
<button type="submit">Add</button></form></section>`;
  return sendEditorialPage(reply, deps, 'Accounts', body, status, false);
}

function row(u: User, token: string): SafeHtml {
  const base = `/admin/users/${encodeURIComponent(u.login)}`;
  const button = (action: string, label: string) =>
    html`<form class="inline" method="post" action="${base}/${action}"><input type="hidden" name="${CSRF_INPUT_NAME}" value="${token}"><button type="submit">${label}</button></form>`;
  const locked = u.lockedUntil && u.lockedUntil > new Date().toISOString();
  return html`<tr><td data-label="Login">${u.login}</td><td data-label="Name">${u.name}</td><td data-label="Role">${u.role}</td>
<td data-label="State">${u.disabledAt ? 'disabled' : locked ? `locked until ${u.lockedUntil?.slice(11, 16)} UTC` : 'active'}</td>
<td data-label="Actions">${u.disabledAt ? button('enable', 'Enable') : button('disable', 'Disable')} ${button('reset', 'Reset password')}</td></tr>`;
}

function actor(req: FastifyRequest): string {
  return req.session?.user.login ?? 'admin';
}
