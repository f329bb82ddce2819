/**
 * GET /api/v1/exports/events.jsonl, /api/v1/exports/events.csv, /api/v1/exports/reports.jsonl: the same
 * exports as `corroborate export`, streamed a page of rows at a time (memory stays flat, the first bytes
 * leave before the last rows are read).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { EXPORT_TYPES, exportChunks, type ExportFormat, type ExportWhat } from '../../run/exports.ts';
import type { AppDeps } from '../app-deps.ts';

const ROUTES: [ExportWhat, ExportFormat][] = [
  ['events', 'jsonl'],
  ['events', 'csv'],
  ['reports', 'jsonl'],
];

/** Registers the export routes. */
export function exportsApi(app: FastifyInstance, deps: AppDeps): void {
  for (const [what, format] of ROUTES) {
    const file = `${what}.${format}`;
    app.get(`/api/v1/exports/${file}`, async (_req, reply) =>
      reply
        .type(EXPORT_TYPES[format])
        .header('Content-Disposition', `attachment; filename="corroborate-${file}"`)
        .send(Readable.from(exportChunks(deps.store, what, format))),
    );
  }
}
