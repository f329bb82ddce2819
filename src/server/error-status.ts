/**
 * The one map from errors to HTTP answers: the status of an error, and the answer in the format of the
 * route asked for — JSON `{error, status}` under /api/, an HTML error page everywhere else.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CorroborateError, type ErrorKind } from '../domain/errors.ts';
import { classifyDbError, isDatabaseError } from '../storage/store.ts';
import { html } from './views/html.ts';
import { layout } from './views/layout.ts';

const STATUS: Record<ErrorKind, number> = {
  'bad-input': 400,
  usage: 400,
  'not-found': 404,
  conflict: 409,
  database: 503,
  unauthorized: 401,
  forbidden: 403,
  locked: 423,
  'too-many': 429,
  full: 503,
};

/** Fastify's own errors that a client causes, with the message a reader is shown instead of Fastify's. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'the address is not valid (a bad percent-encoding)',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported content type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request body too large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty JSON body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'the JSON body is not valid',
};

/** Returns the HTTP status and the public message of an error. */
export function statusFor(err: unknown): { status: number; message: string } {
  if (err instanceof CorroborateError) return { status: STATUS[err.kind], message: err.message };
  // A database that refuses for a reason of its own (read-only, locked, full): 503 with the reason, not 500.
  // Named without the database's address, which is no reader's business.
  if (isDatabaseError(err)) {
    const known = classifyDbError(err, '');
    if (known instanceof CorroborateError) return { status: STATUS[known.kind], message: known.message };
  }
  const { statusCode, code } = err as { statusCode?: number; code?: string };
  if (code && FRAMEWORK_MESSAGES[code])
    return { status: statusCode ?? 400, message: FRAMEWORK_MESSAGES[code] };
  if (statusCode && statusCode >= 400 && statusCode < 500)
    return { status: statusCode, message: (err as Error).message };
  return { status: 500, message: 'internal error' };
}

/** Whether a request is for the JSON API (its errors are JSON too). */
export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') && !req.url.startsWith('/api/docs');
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Log in to continue',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  423: 'Account locked',
  429: 'Too many requests',
  // A database that cannot take a write (read-only, full) as much as a busy server: the message says which.
  503: 'Not available',
};

/**
 * Sends an error answer in the route's format: `{error, status}` as JSON under /api/, else an HTML page
 * headed `title` (by default the status's).
 */
export function replyWithError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  heading?: string,
): FastifyReply {
  void reply.status(status);
  if (isApiRequest(req))
    return reply.type('application/json; charset=utf-8').send({ error: message, status });
  const title = heading ?? TITLES[status] ?? (status >= 500 ? 'Something went wrong' : `Error ${status}`);
  return reply
    .type('text/html; charset=utf-8')
    .send(
      layout(
        { title, sample: false },
        html`<h1>${title}</h1><p>${message}</p><p><a href="/">All events</a></p>`,
      ).value,
    );
}
