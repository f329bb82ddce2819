/**
 * Who may use each route, declared and enforced in this one place.
 *
 * - Every route the app registers must be named in ROUTE_ACCESS (HEAD takes its GET's declaration); a
 *   route that is not makes `createApp` throw, so an undeclared route cannot be served by mistake.
 * - `editor` and `admin` routes need a live session (cookie `corroborate_session`, checked against the
 *   database on every request): without one they answer 401, with too small a role 403.
 * - Every state-changing request (any method but GET and HEAD) must come from this site: a browser's
 *   `Sec-Fetch-Site` (when sent) must be same-origin, an `Origin` (when sent) must be this site's, and it
 *   must carry a CSRF token — the session's own secret (form field `_csrf` or header `X-CSRF-Token`), or,
 *   on the public forms, the random value of the form cookie set with the form (double submit). A token
 *   of an ended session, or of another browser, is refused.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CorroborateError } from '../domain/errors.ts';
import { sessionOf, type Session } from '../run/accounts.ts';
import type { AppDeps } from './app-deps.ts';
import { runDeps } from './editorial-state.ts';

export type Access = 'public' | 'editor' | 'admin';

const PUBLIC_READS = [
  '/',
  '/api/docs',
  '/api/openapi.json',
  '/api/v1/articles/:id/provenance',
  '/api/v1/entities',
  '/api/v1/entities/:key',
  '/api/v1/events',
  '/api/v1/events/:id',
  '/api/v1/events/:id/card',
  '/api/v1/exports/events.csv',
  '/api/v1/exports/events.jsonl',
  '/api/v1/exports/reports.jsonl',
  '/api/v1/outlets',
  '/api/v1/outlets/:id',
  '/api/v1/reports',
  '/api/v1/reports/:id',
  '/api/v1/search',
  '/api/v1/session',
  '/api/v1/stories',
  '/api/v1/stories/:id',
  '/api/v1/stories/:id/briefing',
  '/assets/site.css',
  '/entities',
  '/entities/:key',
  '/entities/:key/feed.atom',
  '/events/:id',
  '/events/:id/feed.atom',
  '/events/:id/sources/new',
  '/favicon.ico',
  '/favicon.svg',
  '/feed.atom',
  '/feeds/disputed.atom',
  '/feeds/levels.atom',
  '/feeds/verified.atom',
  '/login',
  '/map',
  '/methodology',
  '/outlets',
  '/outlets/:id',
  '/quality',
  '/reports/:id',
  '/search',
  '/sources',
  '/stories',
  '/stories/:id',
  '/stories/:id/feed.atom',
];

/** Every route and who may use it: `METHOD path` as registered. */
export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  ...Object.fromEntries(PUBLIC_READS.map((p) => [`GET ${p}`, 'public'])),
  // A reader's submission (no account needed) and logging in.
  'POST /events/:id/sources/new': 'public',
  'POST /api/v1/events/:id/submissions': 'public',
  'POST /login': 'public',
  // Editors: their own session and password, the review queue, the audit log.
  'POST /logout': 'editor',
  'GET /account/password': 'editor',
  'POST /account/password': 'editor',
  'GET /editor': 'editor',
  'GET /editor/submissions': 'editor',
  'GET /editor/submissions/:id': 'editor',
  'POST /editor/submissions/:id/approve': 'editor',
  'POST /editor/submissions/:id/reject': 'editor',
  'GET /editor/audit': 'editor',
  'GET /api/v1/submissions': 'editor',
  'GET /api/v1/submissions/:id': 'editor',
  'POST /api/v1/submissions/:id/approve': 'editor',
  'POST /api/v1/submissions/:id/reject': 'editor',
  'GET /api/v1/audit': 'editor',
  'GET /editor/events/:id': 'editor',
  'POST /editor/events/:id/merge': 'editor',
  'POST /editor/events/:id/split': 'editor',
  'POST /editor/events/:id/settle': 'editor',
  'POST /editor/events/:id/edit': 'editor',
  'POST /editor/reports/:id/withdraw': 'editor',
  'POST /editor/reports/:id/restore': 'editor',
  'GET /editor/outlets/:id': 'editor',
  'POST /editor/outlets/:id': 'editor',
  'POST /api/v1/events/:id/merge': 'editor',
  'POST /api/v1/events/:id/split': 'editor',
  'POST /api/v1/events/:id/settle': 'editor',
  'POST /api/v1/events/:id/edit': 'editor',
  'POST /api/v1/reports/:id/withdraw': 'editor',
  'POST /api/v1/reports/:id/restore': 'editor',
  'POST /api/v1/outlets/:id': 'editor',
  // Admins: accounts.
  'GET /admin/users': 'admin',
  'POST /admin/users': 'admin',
  'POST /admin/users/:login/disable': 'admin',
  'POST /admin/users/:login/enable': 'admin',
  'POST /admin/users/:login/reset': 'admin',
  'GET /api/v1/users': 'admin',
  // Admins: the job queue's dead letters.
  'GET /admin/jobs': 'admin',
  'POST /admin/jobs/retry': 'admin',
};

export const SESSION_COOKIE = 'corroborate_session';
const FORM_COOKIE = 'corroborate_form';
const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in session, set on editor and admin routes (and by `currentSession`). */
    session: Session | null;
  }
}

/**
 * Installs the declarations: checks each route as it is added and guards those that need it. `extra`
 * declares routes added to the app beyond its own (a test's probe routes), by the same `METHOD path` key.
 */
export function accessControl(
  app: FastifyInstance,
  deps: AppDeps,
  extra: Readonly<Record<string, Access>> = {},
): void {
  app.decorateRequest('session', null);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const url = route.url ?? route.path;
      const declared = accessOf(method, url) ?? extra[`${method === 'HEAD' ? 'GET' : method} ${url}`];
      if (!declared)
        throw new Error(
          `route ${method} ${route.url} declares no access: add it to ROUTE_ACCESS in src/server/access.ts`,
        );
      // Who is asking is known before the body is read; the CSRF token may be in the body.
      if (declared !== 'public')
        route.onRequest = [signedIn(deps, declared), ...[route.onRequest ?? []].flat()];
      if (method !== 'GET' && method !== 'HEAD')
        route.preHandler = [sameSite(deps), ...[route.preHandler ?? []].flat()];
    }
  });
}

/** The declared access of a route, or undefined. */
export function accessOf(method: string, url: string): Access | undefined {
  return ROUTE_ACCESS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

/** The request's live session, read once (public pages that show who is logged in). */
export async function currentSession(req: FastifyRequest, deps: AppDeps): Promise<Session | null> {
  if (req.session) return req.session;
  const token = cookieValue(req, SESSION_COOKIE);
  req.session = token ? await sessionOf(runDeps(deps), token) : null;
  return req.session;
}

function signedIn(deps: AppDeps, needs: Exclude<Access, 'public'>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    void reply.header('Cache-Control', 'no-store');
    const session = await currentSession(req, deps);
    if (!session) throw new CorroborateError('unauthorized', 'log in as an editor to use this page (/login)');
    if (needs === 'admin' && session.user.role !== 'admin')
      throw new CorroborateError('forbidden', 'only an admin may do this');
  };
}

/** Refuses a state-changing request that did not come from this site's own pages or API clients. */
function sameSite(deps: AppDeps) {
  return async (req: FastifyRequest) => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin')
      throw new CorroborateError('forbidden', 'a request from another site is refused');
    // "null" is what a browser sends from a page whose Referrer-Policy is no-referrer (this site's own).
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== 'null' && !ownOrigins(req, deps).includes(origin))
      throw new CorroborateError('forbidden', 'a request from another site is refused');
    const given = csrfGiven(req);
    const session = await currentSession(req, deps);
    const expected = session ? session.csrf : cookieValue(req, FORM_COOKIE);
    if (!given || !expected || !sameText(given, expected))
      throw new CorroborateError(
        'forbidden',
        'this form has expired or did not come from this site; reload the page and try again',
      );
  };
}

/**
 * The CSRF token to put in a form: the session's secret, or (no session) the form cookie's value, set
 * now when the browser has none.
 */
export function formToken(req: FastifyRequest, reply: FastifyReply): string {
  if (req.session) return req.session.csrf;
  const had = cookieValue(req, FORM_COOKIE);
  if (had && /^[A-Za-z0-9_-]{43}$/.test(had)) return had;
  const value = randomBytes(32).toString('base64url');
  void reply.header('Set-Cookie', cookie(req, FORM_COOKIE, value, 86_400));
  void reply.header('Cache-Control', 'no-store');
  return value;
}

/** The hidden field carrying the CSRF token, for a form. */
export const CSRF_INPUT_NAME = CSRF_FIELD;

/** A cookie of this site: HttpOnly, SameSite=Strict, Secure over TLS; `maxAge` 0 clears it. */
export function cookie(req: FastifyRequest, name: string, value: string, maxAge: number | null): string {
  const age = maxAge === null ? '' : `; Max-Age=${maxAge}`;
  return `${name}=${value}; Path=/${age}; HttpOnly; SameSite=Strict${req.protocol === 'https' ? '; Secure' : ''}`;
}

/** A cookie's value from the request, or undefined. */
export function cookieValue(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(/;\s*/))
    if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  return undefined;
}

function csrfGiven(req: FastifyRequest): string | undefined {
  const header = req.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return typeof field === 'string' ? field : undefined;
}

function ownOrigins(req: FastifyRequest, deps: AppDeps): string[] {
  const out = [`${req.protocol}://${req.headers.host ?? ''}`];
  if (deps.publicUrl) out.push(new URL(deps.publicUrl).origin);
  return out;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
