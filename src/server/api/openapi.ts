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
  path: string;
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
    summary: 'One story with its events in date order',
    params: [id('story')],
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
];

/** Returns the OpenAPI 3.1 document of the routes. */
export function openApiDocument(routes: ApiRoute[] = API_ROUTES): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const r of routes) paths[r.path] = { get: operation(r) };
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
    components: { schemas: SCHEMAS, responses: RESPONSES },
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
  const responses: Record<string, unknown> = {
    '200': { description: r.summary, content: ok, headers: { ETag: { schema: { type: 'string' } } } },
    '304': { $ref: '#/components/responses/NotModified' },
    '400': { $ref: '#/components/responses/BadRequest' },
    '503': { $ref: '#/components/responses/Busy' },
  };
  if (r.redirects) responses['301'] = { description: 'it moved (merged): Location is where it now lives' };
  if (r.notFound) responses['404'] = { $ref: '#/components/responses/NotFound' };
  return {
    operationId: operationId(r.path),
    summary: r.summary,
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

/** `/api/v1/events/{id}/card` → `getEventsIdCard`. */
function operationId(path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split(/[/{}.-]+/)
    .filter(Boolean);
  return 'get' + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
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
