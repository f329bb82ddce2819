/**
 * GET /api/v1/outlets?limit=&after= — outlets by name with their lineage counts ({outlets, next});
 * GET /api/v1/outlets/:id?limit=&after= — one outlet with its counts and a page of its reports;
 * GET /api/v1/reports?outlet=&event=&limit=&after= — reports newest first ({reports, next});
 * GET /api/v1/reports/:id — one report with its outlet, event and lineage. Addresses are http(s) or "".
 */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { getOutlet, getReport, listOutlets, listReports } from '../../run/outlet-views.ts';
import type { AppDeps } from '../app-deps.ts';

type Query = Record<string, string | undefined>;

/** Registers the outlets and reports API. */
export function outletsApi(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: Query }>('/api/v1/outlets', async (req) =>
    listOutlets(deps.store, { limit: req.query.limit, after: req.query.after, before: req.query.before }),
  );
  app.get<{ Params: { id: string }; Querystring: Query }>('/api/v1/outlets/:id', async (req) => {
    const o = await getOutlet(deps.store, req.params.id, {
      limit: req.query.limit,
      after: req.query.after,
      before: req.query.before,
    });
    if (!o) throw new CorroborateError('not-found', 'no such outlet', req.params.id);
    return o;
  });
  app.get<{ Querystring: Query }>('/api/v1/reports', async (req) =>
    listReports(deps.store, {
      outlet: req.query.outlet,
      event: req.query.event,
      limit: req.query.limit,
      after: req.query.after,
      before: req.query.before,
    }),
  );
  app.get<{ Params: { id: string } }>('/api/v1/reports/:id', async (req) => {
    const r = await getReport(deps.store, req.params.id);
    if (!r) throw new CorroborateError('not-found', 'no such report', req.params.id);
    return r;
  });
}
