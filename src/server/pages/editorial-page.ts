/** How the editorial pages are sent: never kept by a cache, in the site's frame, with their heading. */
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Sends a page titled `title`; its body starts with the title as its heading unless `heading` is false. */
export async function sendEditorialPage(
  reply: FastifyReply,
  deps: AppDeps,
  title: string,
  body: SafeHtml,
  status = 200,
  heading = true,
): Promise<FastifyReply> {
  return reply
    .status(status)
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      layout({ title, sample: await deps.isSample() }, heading ? html`<h1>${title}</h1>${body}` : body).value,
    );
}

/** A form field's text ("" when it is missing, or given more than once). */
export function fieldText(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
