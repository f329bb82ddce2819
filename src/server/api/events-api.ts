/** GET /api/v1/events, /api/v1/events/:id, /api/v1/events/:id/card, /api/v1/articles/:id/provenance — as JSON. */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { getEvent, getEventCard, listEvents } from '../../run/event-views.ts';
import { reportLineage } from '../../run/provenance-views.ts';
import type { AppDeps } from '../app-deps.ts';

/** Registers the events API. */
export function eventsApi(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/v1/events', async () => ({ events: await listEvents(deps.store) }));
  app.get<{ Params: { id: string } }>('/api/v1/events/:id', async (req) => {
    const e = await getEvent(deps.store, req.params.id);
    if (!e) throw new CorroborateError('not-found', 'no such event', req.params.id);
    return e;
  });
  app.get<{ Params: { id: string } }>('/api/v1/articles/:id/provenance', async (req) => {
    const l = await reportLineage(deps.store, req.params.id);
    if (!l) throw new CorroborateError('not-found', 'no such article', req.params.id);
    return l;
  });
  app.get<{ Params: { id: string } }>('/api/v1/events/:id/card', async (req) => {
    const c = await getEventCard(deps.store, req.params.id);
    if (!c) throw new CorroborateError('not-found', 'no such event', req.params.id);
    return c;
  });
}
