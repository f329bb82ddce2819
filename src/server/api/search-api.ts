/**
 * GET /api/v1/search?q=&limit=&after= — matching events (first page only) and a page of matching reports,
 * as JSON: each title and snippet as plain text and as HTML with the matches in <mark> (the text escaped).
 */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { parseSearchRequest, plainText, search, type TextPart } from '../../run/search.ts';
import type { AppDeps } from '../app-deps.ts';
import { highlighted } from '../pages/search-page.ts';

/** Registers the search API. */
export function searchApi(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/v1/search', async (req) => {
    const request = parseSearchRequest(req.query as Record<string, unknown>);
    if (!request.q) throw new CorroborateError('usage', 'give words to search for', 'q');
    const r = await search(deps.store, request);
    return {
      query: r.query,
      events: r.events.map(({ title, ...e }) => ({ ...e, ...text('title', title) })),
      reports: r.reports.map(({ title, snippet, url, ...rest }) => ({
        articleId: rest.articleId,
        // Only web addresses are served (a stored address of another scheme is no link).
        url: /^https?:\/\//i.test(url) ? url : null,
        ...text('title', title),
        ...text('snippet', snippet),
        publishedAt: rest.publishedAt,
        outlet: rest.outlet,
        event: rest.event,
      })),
      next: r.next,
    };
  });
}

/** Returns `{name: plain text, nameHtml: escaped text with <mark>}`. */
function text<K extends string>(name: K, parts: TextPart[]) {
  return { [name]: plainText(parts), [`${name}Html`]: highlighted(parts).value } as Record<K, string> &
    Record<`${K}Html`, string>;
}
