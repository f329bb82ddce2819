/**
 * GET /api/v1/entities?q=&kind=&limit=&after= — entities, those in the most events first, a keyset page
 * ({entities, next}); GET /api/v1/entities/:key?limit=&after= — one entity: its cited description, a page
 * of its events newest first, the entities it appears with, its feed. A key whose name is stored under
 * another kind answers 301 to that entity.
 */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { getEntity, listEntities } from '../../run/entity-views.ts';
import type { AppDeps } from '../app-deps.ts';

type Query = Record<string, string | undefined>;

/** Registers the entities API. */
export function entitiesApi(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: Query }>('/api/v1/entities', async (req) =>
    listEntities(deps.store, {
      q: req.query.q,
      kind: req.query.kind,
      limit: req.query.limit,
      after: req.query.after,
      before: req.query.before,
    }),
  );
  app.get<{ Params: { key: string }; Querystring: Query }>('/api/v1/entities/:key', async (req, reply) => {
    const e = await getEntity(deps.store, req.params.key, {
      limit: req.query.limit,
      after: req.query.after,
      before: req.query.before,
    });
    if (!e) throw new CorroborateError('not-found', 'no such entity', req.params.key);
    if ('movedTo' in e) return reply.redirect(`/api/v1/entities/${encodeURIComponent(e.movedTo)}`, 301);
    return e;
  });
}
