/**
 * A reader's source policy, kept by the reader (no account): outlets to leave out and outlets to count
 * as low-tier, from the query string (`?exclude=a,b&lower=c`, which also sets the cookie) or from the
 * cookie set before; `?sources=all` clears it. The /sources page is the form that sets it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReaderPolicy } from '../run/assess-events.ts';

const COOKIE = 'corroborate_sources';
/** Outlet ids are host names: letters, digits, dots, hyphens. */
const ID = /^[a-z0-9][a-z0-9.-]{0,252}$/i;
/** Outlets a policy may name in each list. */
const MAX_IDS = 200;
const ONE_YEAR = 31_536_000;

/** Returns the reader's policy for this request (and keeps a new one in the cookie), or null. */
export function readerPolicy(req: FastifyRequest, reply: FastifyReply): ReaderPolicy | null {
  const q = req.query as Record<string, unknown>;
  if (q.sources === 'all') {
    void reply.header('Set-Cookie', cookie(req, '', 0));
    return null;
  }
  if (q.exclude !== undefined || q.lower !== undefined) {
    const policy = { exclude: ids(q.exclude), lower: ids(q.lower) };
    const set = policy.exclude.length || policy.lower.length;
    void reply.header(
      'Set-Cookie',
      set ? cookie(req, encodeURIComponent(JSON.stringify(policy)), ONE_YEAR) : cookie(req, '', 0),
    );
    return set ? policy : null;
  }
  const raw = (req.headers.cookie ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(decodeURIComponent(raw)) as { exclude?: unknown; lower?: unknown };
    const policy = { exclude: ids(parsed.exclude), lower: ids(parsed.lower) };
    return policy.exclude.length || policy.lower.length ? policy : null;
  } catch {
    return null; // a mangled cookie is no policy
  }
}

/**
 * The policy cookie: sent back on every page of the site, never readable by a script (HttpOnly),
 * and only over TLS when the request came over TLS (Secure).
 */
function cookie(req: FastifyRequest, value: string, maxAge: number): string {
  return `${COOKIE}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax; HttpOnly${req.protocol === 'https' ? '; Secure' : ''}`;
}

/** Outlet ids from a comma-separated value, from repeated parameters (a form's checkboxes), or from a list. */
function ids(v: unknown): string[] {
  const list = (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).flatMap((s) => String(s).split(','));
  return [...new Set(list.map((s) => s.trim()).filter((s) => ID.test(s)))].slice(0, MAX_IDS);
}
