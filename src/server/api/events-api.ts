/**
 * GET /api/v1/events, /api/v1/events/:id, /api/v1/events/:id/card, /api/v1/stories, /api/v1/stories/:id,
 * /api/v1/stories/:id/briefing,
 * /api/v1/articles/:id/provenance — as JSON. An event id that was merged away answers 301 with the
 * same address under the event it now lives in.
 *
 * The lists are pages read from the list rows (run/event-list-query.ts): `{events|stories: [...], next}`,
 * `next` the `after` cursor of the next page or null. A list item holds the cheap fields of an event
 * (id, title, category, cameo, date, place, level, articleCount, outletCount, independentSources,
 * storyId); its reports, lineage, fields, support, level history, merges and recalled passages are in
 * /api/v1/events/:id only. A story in the list has its eventCount, span and latest event; its events
 * are in /api/v1/stories/:id.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import {
  pageEvents,
  pageStories,
  parseEventListQuery,
  parseStoryListQuery,
} from '../../run/event-list-query.ts';
import { getEvent, getEventCard, resolveEventId, withReaderLevels } from '../../run/event-views.ts';
import { reportLineage } from '../../run/provenance-views.ts';
import { getStory, getStoryBriefing } from '../../run/story-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { readerPolicy } from '../reader-policy.ts';

/** Registers the events and stories API. */
export function eventsApi(app: FastifyInstance, deps: AppDeps): void {
  // With a reader's source policy (?exclude=…&lower=…, or its cookie), the page's levels are recomputed
  // for that reader (only the page's events; filters and order go by the stored levels).
  app.get('/api/v1/events', async (req, reply) => {
    const page = await pageEvents(deps.store, parseEventListQuery(req.query as Record<string, unknown>));
    const policy = readerPolicy(req, reply);
    return {
      events: policy
        ? await withReaderLevels(deps.store, page.items, policy, deps.confidence, new Date().toISOString())
        : page.items,
      next: page.next,
      ...(policy ? { readerPolicy: policy } : {}),
    };
  });
  app.get<{ Params: { id: string } }>('/api/v1/events/:id', async (req, reply) => {
    const e = await getEvent(deps.store, req.params.id);
    if (!e)
      return redirectMerged(deps, reply, req.params.id, (to) => `/api/v1/events/${encodeURIComponent(to)}`);
    const policy = readerPolicy(req, reply);
    return policy
      ? {
          ...(await withReaderLevels(deps.store, [e], policy, deps.confidence, new Date().toISOString()))[0],
          readerPolicy: policy,
        }
      : e;
  });
  app.get<{ Params: { id: string } }>('/api/v1/events/:id/card', async (req, reply) => {
    const c = await getEventCard(deps.store, req.params.id, deps.brief);
    return (
      c ?? redirectMerged(deps, reply, req.params.id, (to) => `/api/v1/events/${encodeURIComponent(to)}/card`)
    );
  });
  app.get('/api/v1/stories', async (req) => {
    const page = await pageStories(deps.store, parseStoryListQuery(req.query as Record<string, unknown>));
    return { stories: page.items, next: page.next };
  });
  app.get<{ Params: { id: string }; Querystring: { after?: string } }>('/api/v1/stories/:id', async (req) => {
    const s = await getStory(deps.store, req.params.id, req.query.after);
    if (!s) throw new CorroborateError('not-found', 'no such story', req.params.id);
    return s;
  });
  app.get<{ Params: { id: string } }>('/api/v1/stories/:id/briefing', async (req) => {
    const b = await getStoryBriefing(deps.store, req.params.id, deps.brief);
    if (!b) throw new CorroborateError('not-found', 'no such story', req.params.id);
    return b;
  });
  app.get<{ Params: { id: string } }>('/api/v1/articles/:id/provenance', async (req) => {
    const l = await reportLineage(deps.store, req.params.id);
    if (!l) throw new CorroborateError('not-found', 'no such article', req.params.id);
    return l;
  });
}

/**
 * Answers for an event id that is not stored: a permanent redirect to `to(successor)` when it was
 * merged into another event, else a not-found error.
 */
export async function redirectMerged(
  deps: AppDeps,
  reply: FastifyReply,
  id: string,
  to: (successor: string) => string,
): Promise<FastifyReply> {
  const where = await resolveEventId(deps.store, id);
  if (where === null || where === 'here') throw new CorroborateError('not-found', 'no such event', id);
  return reply.redirect(to(where), 301);
}
