/**
 * The API's description: GET /api/openapi.json (OpenAPI 3.1) and GET /api/docs (the same, as a page).
 * Every /api/v1 route is listed here once, with its parameters, an example and its answer's schema;
 * test/openapi.test.ts fails when a route is served but not listed here, or listed but not served.
 */
import type { FastifyInstance } from 'fastify';
import { EVENT_CATEGORIES } from '../../domain/event.ts';
import { apiDocsPage } from '../pages/api-docs-page.ts';
import { SCHEMAS } from './openapi-schemas.ts';

/** One query or path parameter. */
export interface ApiParam {
  name: string;
  in: 'path' | 'query';
  description: string;
  required?: boolean;
  schema?: Record<string, unknown>;
  example?: string;
}

/** One documented route. */
export interface ApiRoute {
  /** GET unless said. */
  method?: 'GET' | 'POST';
  path: string;
  /** Who may use it beyond everyone (src/server/access.ts): a logged-in editor's session, or an admin's. */
  access?: 'editor' | 'admin';
  /** The schema of its JSON body (a POST). */
  body?: string;
  summary: string;
  description?: string;
  params: ApiParam[];
  /** The schema of its 200 answer (components/schemas), or a media type it streams. */
  answer: { schema: string } | { stream: 'application/x-ndjson' | 'text/csv'; line?: string };
  /** An example request (a path and query; ids are placeholders the reader replaces). */
  example: string;
  /** Whether an unknown id answers 404. */
  notFound?: boolean;
  /** Whether an id that moved (a merged event, an entity filed under another kind) answers 301. */
  redirects?: boolean;
}

const limit: ApiParam = {
  name: 'limit',
  in: 'query',
  description: 'items on a page (1–200, default 50)',
  schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
};
const after: ApiParam = {
  name: 'after',
  in: 'query',
  description: 'the `next` cursor of the previous page (opaque)',
  schema: { type: 'string' },
};
const before: ApiParam = {
  name: 'before',
  in: 'query',
  description: 'a cursor: the page before it (the "Newer" link); not with `after`',
  schema: { type: 'string' },
};
const policy: ApiParam[] = [
  {
    name: 'exclude',
    in: 'query',
    description: 'outlet ids to leave out (comma-separated); sets the policy cookie',
  },
  { name: 'lower', in: 'query', description: 'outlet ids to count as low-tier (comma-separated)' },
  {
    name: 'sources',
    in: 'query',
    description: '`all` clears the reader source policy',
    schema: { enum: ['all'] },
  },
];
const id = (what: string): ApiParam => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `the ${what}'s id`,
});
const q = (name: string, description: string, schema?: Record<string, unknown>): ApiParam => ({
  name,
  in: 'query',
  description,
  ...(schema ? { schema } : {}),
});

/** Every route under /api/v1, in the order the docs list them. */
export const API_ROUTES: ApiRoute[] = [
  {
    path: '/api/v1/events',
    summary: 'Events, newest first (or most corroborated), a page at a time, with filters',
    params: [
      limit,
      after,
      before,
      q('category', 'one of the event categories', { enum: EVENT_CATEGORIES }),
      q('level', 'confidence level', {
        enum: ['Unconfirmed', 'Likely', 'Verified', 'Disputed', 'Retracted'],
      }),
      q('from', 'events on or after this day (YYYY-MM-DD)', { type: 'string', format: 'date' }),
      q('to', 'events on or before this day (YYYY-MM-DD)', { type: 'string', format: 'date' }),
      q('place', 'country code or place name'),
      q('entity', 'an entity key (see /api/v1/entities)'),
      q('outlet', 'an outlet id (see /api/v1/outlets)'),
      q('sort', '`newest` (default) or `corroborated`', { enum: ['newest', 'corroborated'] }),
      ...policy,
    ],
    answer: { schema: 'EventPage' },
    example: '/api/v1/events?limit=20&level=Verified',
  },
  {
    path: '/api/v1/events/{id}',
    summary: 'One event in full: reports, lineage, support matrix, level history',
    params: [id('event'), ...policy],
    answer: { schema: 'Event' },
    example: '/api/v1/events/EVENT_ID',
    notFound: true,
    redirects: true,
  },
  {
    path: '/api/v1/events/{id}/card',
    summary: "An event's card: level and why, cited summary, claims by source, disputes, entities",
    params: [id('event')],
    answer: { schema: 'EventCard' },
    example: '/api/v1/events/EVENT_ID/card',
    notFound: true,
    redirects: true,
  },
  {
    path: '/api/v1/stories',
    summary: 'Stories, the one with the latest event first, a page at a time',
    params: [limit, after, before],
    answer: { schema: 'StoryPage' },
    example: '/api/v1/stories?limit=10',
  },
  {
    path: '/api/v1/stories/{id}',
    summary: 'One story with its events in date order, 200 at a time (`next` gives the later ones)',
    params: [id('story'), after],
    answer: { schema: 'Story' },
    example: '/api/v1/stories/STORY_ID',
    notFound: true,
  },
  {
    path: '/api/v1/stories/{id}/briefing',
    summary: "A story's briefing: grounded sections citing its reports",
    params: [id('story')],
    answer: { schema: 'StoryBriefing' },
    example: '/api/v1/stories/STORY_ID/briefing',
    notFound: true,
  },
  {
    path: '/api/v1/articles/{id}/provenance',
    summary: "A report's lineage: what it copies, credits or cites, and what copies it",
    params: [id('article')],
    answer: { schema: 'Provenance' },
    example: '/api/v1/articles/ARTICLE_ID/provenance',
    notFound: true,
  },
  {
    path: '/api/v1/search',
    summary: 'Full-text search over reports and events',
    params: [{ ...q('q', 'the words to search for'), required: true, example: 'fire' }, limit, after],
    answer: { schema: 'SearchPage' },
    example: '/api/v1/search?q=fire',
  },
  {
    path: '/api/v1/entities',
    summary: 'People, places and organisations named in the reports, a page at a time',
    params: [
      limit,
      after,
      q('q', 'names containing these words'),
      q('kind', 'kind of entity', { enum: ['person', 'organisation', 'place', 'other'] }),
    ],
    answer: { schema: 'EntityPage' },
    example: '/api/v1/entities?limit=20',
  },
  {
    path: '/api/v1/entities/{key}',
    summary: 'One entity: its description, its events over time, the entities it appears with',
    params: [{ name: 'key', in: 'path', required: true, description: "the entity's key" }, limit, after],
    answer: { schema: 'EntityDetail' },
    example: '/api/v1/entities/ENTITY_KEY',
    notFound: true,
    redirects: true,
  },
  {
    path: '/api/v1/outlets',
    summary: 'Outlets with their kind, owner and tier, a page at a time',
    params: [limit, after],
    answer: { schema: 'OutletPage' },
    example: '/api/v1/outlets',
  },
  {
    path: '/api/v1/outlets/{id}',
    summary: 'One outlet: its reports and how often it is an origin or a copy',
    params: [id('outlet'), limit, after],
    answer: { schema: 'OutletDetail' },
    example: '/api/v1/outlets/OUTLET_ID',
    notFound: true,
  },
  {
    path: '/api/v1/reports',
    summary: 'Reports, newest first, a page at a time',
    params: [
      limit,
      after,
      q('outlet', 'only reports of this outlet id'),
      q('event', 'only reports of this event id'),
    ],
    answer: { schema: 'ReportPage' },
    example: '/api/v1/reports?limit=20',
  },
  {
    path: '/api/v1/reports/{id}',
    summary: 'One report: its outlet, event and lineage',
    params: [id('report')],
    answer: { schema: 'ReportDetail' },
    example: '/api/v1/reports/REPORT_ID',
    notFound: true,
  },
  {
    path: '/api/v1/exports/events.jsonl',
    summary: 'Every event, one JSON object a line, in the `corroborate events --json` shape (streamed)',
    params: [],
    answer: { stream: 'application/x-ndjson', line: 'ExportedEvent' },
    example: '/api/v1/exports/events.jsonl',
  },
  {
    path: '/api/v1/exports/events.csv',
    summary: 'Every event as CSV with its CAMEO root code (streamed)',
    params: [],
    answer: { stream: 'text/csv' },
    example: '/api/v1/exports/events.csv',
  },
  {
    path: '/api/v1/exports/reports.jsonl',
    summary: 'Every report, one JSON object a line, in the article input format with its status and event',
    params: [],
    answer: { stream: 'application/x-ndjson', line: 'ExportedReport' },
    example: '/api/v1/exports/reports.jsonl',
  },
  {
    path: '/api/v1/session',
    summary: 'who is logged in, and the CSRF token to send with a state change',
    description:
      'Without a session, the token of this client (its form cookie, set now if missing), for a submission.',
    params: [],
    answer: { schema: 'Session' },
    example: '/api/v1/session',
  },
  {
    method: 'POST',
    path: '/api/v1/events/{id}/submissions',
    summary: "a reader's submission of another source for an event, to be reviewed by an editor",
    description:
      'Send the X-CSRF-Token of GET /api/v1/session with its cookie. The same address for the same event ' +
      'again is counted on the first (`repeat`). 400 when the address cannot be fetched (private, loopback, ' +
      'link-local addresses), 429 past the per-client and global rates, 503 when the review queue is full.',
    params: [id('event')],
    body: 'SubmissionRequest',
    answer: { schema: 'SubmissionAccepted' },
    example: '/api/v1/events/{id}/submissions',
    notFound: true,
  },
  {
    path: '/api/v1/submissions',
    access: 'editor',
    summary: 'the review queue: submissions with a status, oldest pending first',
    params: [
      q('status', 'pending (default), approved or rejected', { enum: ['pending', 'approved', 'rejected'] }),
    ],
    answer: { schema: 'SubmissionList' },
    example: '/api/v1/submissions?status=pending',
  },
  {
    path: '/api/v1/submissions/{id}',
    access: 'editor',
    summary: 'one submission, with a preview of its fetched page',
    params: [id('submission')],
    answer: { schema: 'SubmissionDetail' },
    example: '/api/v1/submissions/{id}',
    notFound: true,
  },
  {
    method: 'POST',
    path: '/api/v1/submissions/{id}/approve',
    access: 'editor',
    summary: 'approve a submission: its page joins the event, which is re-assessed',
    params: [id('submission')],
    answer: { schema: 'Approval' },
    example: '/api/v1/submissions/{id}/approve',
    notFound: true,
  },
  {
    method: 'POST',
    path: '/api/v1/submissions/{id}/reject',
    access: 'editor',
    summary: 'reject a submission, with a reason kept for editors',
    params: [id('submission')],
    body: 'Rejection',
    answer: { schema: 'Rejected' },
    example: '/api/v1/submissions/{id}/reject',
    notFound: true,
  },
  ...(
    [
      [
        'merge',
        'merge this event into another (`into`): its reports join it, its id redirects there',
        'Merge',
      ],
      ['split', 'split reports (`articles`) off this event into a new event', 'Split'],
      ['settle', 'settle the dispute over a field with the value that stands', 'Settle'],
    ] as const
  ).map(
    ([action, summary, body]): ApiRoute => ({
      method: 'POST',
      path: `/api/v1/events/{id}/${action}`,
      access: 'editor',
      summary,
      description: 'The event is re-assessed; the change is written to the audit log.',
      params: [id('event')],
      body,
      answer: { schema: 'EventStanding' },
      example: `/api/v1/events/{id}/${action}`,
      notFound: true,
    }),
  ),
  {
    method: 'POST',
    path: '/api/v1/events/{id}/edit',
    access: 'editor',
    summary: "set an event's title, category, date or place over the pipeline's, or undo such an edit",
    description:
      'A field given as it stands changes nothing. An edit stays in force over later reports until undone. ' +
      'The event is re-assessed; each change is written to the audit log and shown on the event page.',
    params: [id('event')],
    body: 'EventEdit',
    answer: { schema: 'EventEdited' },
    example: '/api/v1/events/{id}/edit',
    notFound: true,
  },
  ...(['withdraw', 'restore'] as const).map(
    (action): ApiRoute => ({
      method: 'POST',
      path: `/api/v1/reports/{id}/${action}`,
      access: 'editor',
      summary:
        action === 'withdraw'
          ? 'mark a report withdrawn by its outlet: it leaves the assessments of its events'
          : 'put a withdrawn report back into the assessments',
      params: [id('report')],
      body: 'Reason',
      answer: { schema: 'Withdrawal' },
      example: `/api/v1/reports/{id}/${action}`,
      notFound: true,
    }),
  ),
  {
    method: 'POST',
    path: '/api/v1/outlets/{id}',
    access: 'editor',
    summary: "change an outlet's kind, tier or owner; the events of its reports are re-assessed",
    params: [id('outlet')],
    body: 'OutletChange',
    answer: { schema: 'OutletEdited' },
    example: '/api/v1/outlets/{id}',
    notFound: true,
  },
  {
    path: '/api/v1/audit',
    access: 'editor',
    summary: 'the audit log, newest first: who changed what, when, before and after',
    params: [],
    answer: { schema: 'AuditLog' },
    example: '/api/v1/audit',
  },
  {
    path: '/api/v1/users',
    access: 'admin',
    summary: 'the accounts',
    params: [],
    answer: { schema: 'Users' },
    example: '/api/v1/users',
  },
];

/** Returns the OpenAPI 3.1 document of the routes. */
export function openApiDocument(routes: ApiRoute[] = API_ROUTES): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const r of routes)
    paths[r.path] = { ...(paths[r.path] as object), [(r.method ?? 'GET').toLowerCase()]: operation(r) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Corroborate API',
      version: '1',
      description:
        'Events built from news reports, with independent sources counted and confidence rated. ' +
        'Lists are keyset-paginated: pass the `next` of one page as `after` to get the next. ' +
        'Errors answer `{error, status}`; past its bounds the server answers 503 with Retry-After.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: SCHEMAS, responses: RESPONSES, securitySchemes: SECURITY },
  };
}

const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const RESPONSES = {
  BadRequest: { description: 'a parameter is not valid (the message names it)', content: errorBody },
  NotFound: { description: 'no such item', content: errorBody },
  Busy: {
    description: 'the server is at its bound of requests in flight; try again after Retry-After seconds',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: errorBody,
  },
  NotModified: { description: 'the copy named by If-None-Match / If-Modified-Since is current' },
  Unauthorized: { description: 'no live session (log in at /login)', content: errorBody },
  Forbidden: {
    description: "the account may not do this, or the request lacks this site's CSRF token",
    content: errorBody,
  },
  Conflict: { description: 'already decided (by another editor)', content: errorBody },
  TooMany: {
    description: 'too many requests from this client; try again after Retry-After seconds',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: errorBody,
  },
};

/** How the editorial routes know who asks: the session cookie (from /login) and the CSRF token header. */
const SECURITY = {
  session: { type: 'apiKey', in: 'cookie', name: 'corroborate_session' },
  csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
};

function operation(r: ApiRoute): Record<string, unknown> {
  const ok =
    'schema' in r.answer
      ? { 'application/json': { schema: { $ref: `#/components/schemas/${r.answer.schema}` } } }
      : {
          [r.answer.stream]: {
            schema: { type: 'string' },
            ...(r.answer.line ? { 'x-line-schema': { $ref: `#/components/schemas/${r.answer.line}` } } : {}),
          },
        };
  const post = r.method === 'POST';
  const responses: Record<string, unknown> = {
    [post && !r.access ? '202' : '200']: {
      description: r.summary,
      content: ok,
      ...(post ? {} : { headers: { ETag: { schema: { type: 'string' } } } }),
    },
    ...(post ? {} : { '304': { $ref: '#/components/responses/NotModified' } }),
    '400': { $ref: '#/components/responses/BadRequest' },
    '503': { $ref: '#/components/responses/Busy' },
  };
  if (r.redirects) responses['301'] = { description: 'it moved (merged): Location is where it now lives' };
  if (r.notFound) responses['404'] = { $ref: '#/components/responses/NotFound' };
  if (r.access) responses['401'] = { $ref: '#/components/responses/Unauthorized' };
  if (r.access || post) responses['403'] = { $ref: '#/components/responses/Forbidden' };
  if (post && r.access) responses['409'] = { $ref: '#/components/responses/Conflict' };
  if (post && !r.access) responses['429'] = { $ref: '#/components/responses/TooMany' };
  const security = post
    ? [{ ...(r.access ? { session: [] } : {}), csrf: [] }]
    : r.access
      ? [{ session: [] }]
      : undefined;
  return {
    operationId: operationId(r.method ?? 'GET', r.path),
    summary: r.summary,
    ...(security ? { security } : {}),
    ...(r.access ? { 'x-access': r.access } : {}),
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.body}` } } },
          },
        }
      : {}),
    ...(r.description ? { description: r.description } : {}),
    parameters: r.params.map((p) => ({
      name: p.name,
      in: p.in,
      description: p.description,
      required: p.in === 'path' ? true : (p.required ?? false),
      schema: p.schema ?? { type: 'string' },
      ...(p.example ? { example: p.example } : {}),
    })),
    responses,
    'x-example': r.example,
  };
}

/** `GET /api/v1/events/{id}/card` → `getEventsIdCard`. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split(/[/{}.-]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const served = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Keeps a list of the routes registered on the app from now on (call before any route). */
export function recordRoutes(app: FastifyInstance): void {
  const list: { method: string; url: string }[] = [];
  served.set(app, list);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) list.push({ method, url: r.url });
  });
}

/** Returns the routes the app serves (as recorded by recordRoutes), `:id` written `{id}` as OpenAPI does. */
export function servedRoutes(app: FastifyInstance): { method: string; path: string }[] {
  return (served.get(app) ?? []).map((r) => ({
    method: r.method,
    path: r.url.replace(/:([A-Za-z_]\w*)/g, '{$1}'),
  }));
}

/** Registers /api/openapi.json and /api/docs. */
export function openApi(app: FastifyInstance): void {
  const document = openApiDocument();
  const body = JSON.stringify(document);
  const page = apiDocsPage(API_ROUTES, document).value;
  app.get('/api/openapi.json', async (_req, reply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
}
