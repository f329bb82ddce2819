/**
 * HTTP validators on every successful GET: a weak ETag (a hash of the body) and, where a route set one,
 * Last-Modified; a request whose If-None-Match (or, without it, If-Modified-Since) still holds gets 304
 * and no body. Cache-Control: HTML, JSON and feeds may be kept but are checked again each time
 * (`no-cache` with validators); a route that chose its own Cache-Control (hashed assets: immutable) keeps it.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Data that can change at any write: kept, but checked again on every use. */
const REVALIDATE = 'no-cache';
/** An asset whose address carries its content hash never changes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Adds ETag / Last-Modified / 304 handling and a default Cache-Control to the app. */
export function httpCache(app: FastifyInstance): void {
  // A callback hook, not an async one: the answer is written in the same tick as reply.send(), so a handler
  // that calls send() without returning the reply is not sent a second time.
  app.addHook('onSend', (req, reply, payload, done) => {
    done(null, validate(req, reply, payload));
  });
}

function validate(req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // a stream: sent as it comes
  if (!reply.hasHeader('Cache-Control')) void reply.header('Cache-Control', REVALIDATE);
  const etag = (reply.getHeader('ETag') as string | undefined) ?? weakEtag(payload);
  void reply.header('ETag', etag);
  if (!notModified(req, reply, etag)) return payload;
  void reply.code(304);
  reply.removeHeader('Content-Length');
  reply.removeHeader('Content-Type');
  return '';
}

/** Returns a weak entity tag from a hash of the body. */
export function weakEtag(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Whether the client's copy is current: If-None-Match when sent (weak comparison), else If-Modified-Since. */
function notModified(req: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  const match = req.headers['if-none-match'];
  if (match !== undefined) {
    const tags = match.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag.replace(/^W\//, ''));
  }
  const since = req.headers['if-modified-since'];
  const modified = reply.getHeader('Last-Modified') as string | undefined;
  if (!since || !modified) return false;
  const s = Date.parse(since);
  const m = Date.parse(modified);
  return Number.isFinite(s) && Number.isFinite(m) && m <= s;
}

/** Sets Last-Modified from an ISO time (to the second, as HTTP dates are). */
export function setLastModified(reply: FastifyReply, iso: string | null | undefined): void {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isFinite(t)) void reply.header('Last-Modified', new Date(t).toUTCString());
}
