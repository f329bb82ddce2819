/**
 * Atom feeds, each the latest FEED_ENTRIES entries, every link built from the configured public address
 * (config server.publicUrl), never from the request's Host header:
 * - /feed.atom?category=&level=&place=&entity=&outlet= — the newest events, with the home page's filters
 *   (the events list's query, newest first);
 * - /feeds/levels.atom — changes of level across all events; /feeds/verified.atom, /feeds/disputed.atom —
 *   events that became Verified or Disputed;
 * - /events/:id/feed.atom — an event's verification history; /stories/:id/feed.atom — its events' history;
 * - /entities/:key/feed.atom — the events an entity appears in, newest first.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { defaultPublicUrl, DEFAULT_CONFIG } from '../../config/config.ts';
import { CorroborateError } from '../../domain/errors.ts';
import type { Event } from '../../domain/event.ts';
import { pageEvents, parseEventListQuery, type EventListQuery } from '../../run/event-list-query.ts';
import type { AssessmentRow } from '../../storage/publish-repository.ts';
import type { AppDeps } from '../app-deps.ts';
import { setLastModified } from '../http-cache.ts';
import { atomFeed, feedUpdated, type AtomEntry, type AtomFeed } from '../views/atom.ts';

/** Entries in every feed: enough for a reader polling hourly, bounded so a feed costs one small query. */
export const FEED_ENTRIES = 50;

/** The home page's filters a new-events feed takes. */
const FILTERS = ['category', 'level', 'place', 'entity', 'outlet'] as const;

/** Registers the feeds. */
export function feeds(app: FastifyInstance, deps: AppDeps): void {
  const base = deps.publicUrl ?? defaultPublicUrl(DEFAULT_CONFIG.server);
  const url = (path: string) => `${base}${path.replace(/^\//, '')}`;
  // Last-Modified is the feed's `updated`, so a reader polling with If-Modified-Since gets 304 until an
  // entry is added or changes.
  const send = (reply: FastifyReply, feed: AtomFeed) => {
    if (feed.entries.length) setLastModified(reply, feedUpdated(feed));
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(feed));
  };

  app.get<{ Querystring: Record<string, unknown> }>('/feed.atom', async (req, reply) => {
    const { query, filters } = feedQuery(req.query);
    const page = await pageEvents(deps.store, query);
    const events = await inOrder(
      deps,
      page.items.map((e) => e.id),
    );
    const narrowed = filters.map(([k, v]) => `${k} ${v}`);
    const search = filters.length ? `?${new URLSearchParams(filters).toString()}` : '';
    return send(reply, {
      id: `urn:corroborate:events${search}`,
      title: `New events${narrowed.length ? ` (${narrowed.join(', ')})` : ''}`,
      link: url(`/${search}`),
      self: url(`/feed.atom${search}`),
      entries: await eventEntries(deps, url, events),
    });
  });

  app.get('/feeds/levels.atom', async (_req, reply) => {
    const rows = await deps.store.publish.assessments({ changesOnly: true, limit: FEED_ENTRIES });
    return send(reply, {
      id: 'urn:corroborate:levels',
      title: 'Changes of level',
      link: url('/'),
      self: url('/feeds/levels.atom'),
      entries: rows.map((r) => levelEntry(url, r)),
    });
  });

  for (const level of ['Verified', 'Disputed'] as const) {
    const path = `/feeds/${level.toLowerCase()}.atom`;
    app.get(path, async (_req, reply) => {
      const rows = await deps.store.publish.assessments({ level, changesOnly: true, limit: FEED_ENTRIES });
      return send(reply, {
        id: `urn:corroborate:became:${level}`,
        title: `Events that became ${level}`,
        link: url('/'),
        self: url(path),
        entries: rows.map((r) => levelEntry(url, r)),
      });
    });
  }

  app.get<{ Params: { id: string } }>('/events/:id/feed.atom', async (req, reply) => {
    const event = await deps.store.events.get(req.params.id);
    if (!event) throw new CorroborateError('not-found', 'no such event', req.params.id);
    const rows = await deps.store.publish.assessments({ eventIds: [event.id], limit: FEED_ENTRIES });
    const id = encodeURIComponent(event.id);
    return send(reply, {
      id: `urn:corroborate:event:${event.id}`,
      title: `${event.title} — verification history`,
      link: url(`/events/${id}`),
      self: url(`/events/${id}/feed.atom`),
      entries: rows.map((r) => levelEntry(url, r)),
    });
  });

  app.get<{ Params: { id: string } }>('/stories/:id/feed.atom', async (req, reply) => {
    const story = await deps.store.stories.get(req.params.id);
    if (!story) throw new CorroborateError('not-found', 'no such story', req.params.id);
    const members = await deps.store.stories.eventIds(story.id);
    const rows = await deps.store.publish.assessments({ eventIds: members, limit: FEED_ENTRIES });
    const id = encodeURIComponent(story.id);
    return send(reply, {
      id: `urn:corroborate:story:${story.id}`,
      title: `${story.title} — level changes`,
      link: url(`/stories/${id}`),
      self: url(`/stories/${id}/feed.atom`),
      entries: rows.map((r) => levelEntry(url, r)),
    });
  });

  app.get<{ Params: { key: string } }>('/entities/:key/feed.atom', async (req, reply) => {
    const entity = await deps.store.entities.get(req.params.key);
    if (!entity) throw new CorroborateError('not-found', 'no such entity', req.params.key);
    const links = await deps.store.entities.events(entity.key, FEED_ENTRIES);
    const events = await inOrder(
      deps,
      links.slice(0, FEED_ENTRIES).map((l) => l.eventId),
    );
    const key = encodeURIComponent(entity.key);
    return send(reply, {
      id: `urn:corroborate:entity:${entity.key}`,
      title: `${entity.name} — events`,
      link: url(`/entities/${key}`),
      self: url(`/entities/${key}/feed.atom`),
      entries: await eventEntries(deps, url, events),
    });
  });
}

/**
 * The new-events feed's query: the home page's filters (checked by the events list's parser, so a bad
 * category or level is a usage error naming it), newest first, FEED_ENTRIES of them; and the filters given,
 * in a fixed order, for the feed's id and links (never the raw query string).
 */
export function feedQuery(raw: Record<string, unknown>): {
  query: EventListQuery;
  filters: [string, string][];
} {
  const picked: Record<string, unknown> = {};
  for (const k of FILTERS) if (raw[k] !== undefined) picked[k] = raw[k];
  const query = { ...parseEventListQuery(picked), sort: 'newest' as const, limit: FEED_ENTRIES };
  const filters = FILTERS.flatMap((k): [string, string][] => {
    const v = query[k];
    return v ? [[k, v]] : [];
  });
  return { query, filters };
}

/** These events, in this order (those no longer stored are left out). */
async function inOrder(deps: AppDeps, ids: string[]): Promise<Event[]> {
  const byId = new Map((await deps.store.publish.eventsByIds(ids)).map((e) => [e.id, e]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Entries for events: each event once (its id), updated when it or its assessment last changed. */
async function eventEntries(
  deps: AppDeps,
  url: (p: string) => string,
  events: Event[],
): Promise<AtomEntry[]> {
  const latest = await deps.store.publish.latestAssessments(events.map((e) => e.id));
  return events.map((e) => {
    const a = latest.get(e.id);
    const updated = a && a.computedAt > e.updatedAt ? a.computedAt : e.updatedAt;
    const facts = [
      a ? `${a.level}: ${a.explanation}` : 'Not yet assessed.',
      e.category,
      e.date ? `Date: ${e.date.start.slice(0, 10)}` : null,
      e.place ? `Place: ${e.place.name}${e.place.country ? ` (${e.place.country})` : ''}` : null,
    ];
    return {
      id: `urn:corroborate:event:${e.id}`,
      title: e.title,
      updated,
      published: e.createdAt,
      link: url(`/events/${encodeURIComponent(e.id)}`),
      summary: facts.filter(Boolean).join(' · '),
      categories: [e.category, a?.level].flatMap((c) => (c ? [c] : [])),
    };
  });
}

/** An entry for one assessment: the level it put the event at, and why. */
function levelEntry(url: (p: string) => string, r: AssessmentRow): AtomEntry {
  const change = r.previousLevel && r.previousLevel !== r.level ? ` (was ${r.previousLevel})` : '';
  return {
    id: `urn:corroborate:event:${r.eventId}:assessment:${r.rowId}`,
    title: `${r.level}: ${r.eventTitle}`,
    updated: r.assessment.computedAt,
    link: url(`/events/${encodeURIComponent(r.eventId)}`),
    summary: [`${r.level}${change}.`, r.assessment.explanation, r.assessment.next].filter(Boolean).join(' '),
    categories: [r.level],
  };
}
