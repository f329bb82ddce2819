/**
 * Atom feeds of level changes: GET /events/:id/feed.atom (an event's verification history),
 * /stories/:id/feed.atom (its events' level changes), /feeds/verified.atom and /feeds/disputed.atom
 * (events that became Verified, or Disputed, newest first).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Assessment, ConfidenceLevel } from '../../domain/assessment.ts';
import { CorroborateError } from '../../domain/errors.ts';
import type { AppDeps } from '../app-deps.ts';
import { atomFeed, type AtomEntry } from '../views/atom.ts';

/** Entries in a feed of events that became a level. */
const LATEST = 100;

/** Registers the feeds. */
export function feeds(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>('/events/:id/feed.atom', async (req, reply) => {
    const event = await deps.store.events.get(req.params.id);
    if (!event) throw new CorroborateError('not-found', 'no such event', req.params.id);
    const history = await deps.store.events.history(event.id);
    const base = baseOf(req);
    const entries = history.map((a, i) => entry(base, event.title, a, i)).reverse();
    send(
      reply,
      atomFeed({
        id: `urn:corroborate:event:${event.id}`,
        title: `${event.title} — verification history`,
        link: `${base}/events/${event.id}`,
        self: `${base}${req.url}`,
        entries,
      }),
    );
  });

  app.get<{ Params: { id: string } }>('/stories/:id/feed.atom', async (req, reply) => {
    const story = await deps.store.stories.get(req.params.id);
    if (!story) throw new CorroborateError('not-found', 'no such story', req.params.id);
    const base = baseOf(req);
    const entries: AtomEntry[] = [];
    for (const id of await deps.store.stories.eventIds(story.id)) {
      const event = await deps.store.events.get(id);
      const history = await deps.store.events.history(id);
      history.forEach((a, i) => entries.push(entry(base, event?.title ?? id, a, i)));
    }
    entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
    send(
      reply,
      atomFeed({
        id: `urn:corroborate:story:${story.id}`,
        title: `${story.title} — level changes`,
        link: `${base}/stories/${story.id}`,
        self: `${base}${req.url}`,
        entries,
      }),
    );
  });

  for (const [path, level] of [
    ['/feeds/verified.atom', 'Verified'],
    ['/feeds/disputed.atom', 'Disputed'],
  ] as [string, ConfidenceLevel][]) {
    app.get(path, async (req, reply) => {
      const base = baseOf(req);
      const entries: AtomEntry[] = [];
      for (const a of await deps.store.events.becameLevel(level, LATEST)) {
        const event = await deps.store.events.get(a.eventId);
        if (event)
          entries.push({
            ...entry(base, event.title, a, 0),
            id: `urn:corroborate:event:${a.eventId}:became:${level}:${a.computedAt}`,
          });
      }
      send(
        reply,
        atomFeed({
          id: `urn:corroborate:became:${level}`,
          title: `Events that became ${level}`,
          link: `${base}/`,
          self: `${base}${path}`,
          entries,
        }),
      );
    });
  }
}

function entry(base: string, title: string, a: Assessment, index: number): AtomEntry {
  return {
    id: `urn:corroborate:event:${a.eventId}:level:${index}`,
    title: `${a.level}: ${title}`,
    updated: a.computedAt,
    link: `${base}/events/${a.eventId}`,
    summary: [a.explanation, a.next].filter(Boolean).join(' '),
  };
}

/** The address the reader reached us at (links in feeds are absolute). */
function baseOf(req: FastifyRequest): string {
  const host = req.headers.host ?? '';
  return `${req.protocol}://${/^[a-z0-9.-]+(?::\d{1,5})?$/i.test(host) ? host : 'localhost'}`;
}

function send(reply: FastifyReply, xml: string): void {
  void reply.type('application/atom+xml; charset=utf-8').send(xml);
}
