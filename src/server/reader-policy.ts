/**
 * A reader's source policy, kept by the reader (no account): outlets to leave out and outlets to count
 * as low-tier, from the query string (`?exclude=a,b&lower=c`, which also sets the cookie) or from the
 * cookie set before; `?sources=all` clears it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReaderPolicy } from '../run/assess-events.ts';

const COOKIE = 'corroborate_sources';
/** Outlet ids are host names: letters, digits, dots, hyphens. */
const ID = /^[a-z0-9][a-z0-9.-]{0,252}$/i;

/** Returns the reader's policy for this request (and keeps a new one in the cookie), or null. */
export function readerPolicy(req: FastifyRequest, reply: FastifyReply): ReaderPolicy | null {
  const q = req.query as Record<string, string | undefined>;
  if (q.sources === 'all') {
    void reply.header('Set-Cookie', `${COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`);
    return null;
  }
  if (q.exclude !== undefined || q.lower !== undefined) {
    const policy = { exclude: ids(q.exclude), lower: ids(q.lower) };
    void reply.header(
      'Set-Cookie',
      `${COOKIE}=${encodeURIComponent(JSON.stringify(policy))}; Path=/; Max-Age=31536000; SameSite=Lax`,
    );
    return policy.exclude.length || policy.lower.length ? policy : null;
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

function ids(v: unknown): string[] {
  const list = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.map(String) : [];
  return [...new Set(list.map((s) => s.trim()).filter((s) => ID.test(s)))].slice(0, 200);
}
