/** Read models of stories for the CLI, the API and the pages: each story with its events in date order, page by page. */
import type { EventHeadline } from '../pipeline/brief/event-card.ts';
import type { Store } from '../storage/store.ts';
import type { Event } from '../domain/event.ts';
import {
  buildStoryBriefing,
  type StoryBriefing,
  type StoryEventInput,
} from '../pipeline/brief/story-briefing.ts';
import { CorroborateError } from '../domain/errors.ts';
import { ensureEventList, listItem } from './event-list.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';
import { briefInputsOf, cached, withModel, type BriefInputs } from './event-views.ts';
import type { BriefConfig } from '../config/config.ts';
import { storyNames } from '../domain/story-names.ts';

/** One event of a story, as a linked line. */
export interface StoryEventJson extends EventHeadline {
  id: string;
  articleCount: number;
  independentSources: number;
}

/** A story as tools read it; stable, fields only added. */
export interface StoryJson {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  /** The first and last event days, when dated. */
  span: { start: string; end: string } | null;
  /** How many events the story holds. */
  eventCount: number;
  /** Its events, earliest first (undated last): a page of at most STORY_PAGE_EVENTS. */
  events: StoryEventJson[];
  /** The place of this page's first event among the story's (1 on the first page). */
  firstEvent: number;
  /** The cursor of the page of events after this one (`?after=`), or null on the last. */
  next: string | null;
}

/** The events of a story listed at once; a story of thousands is read page by page. */
export const STORY_PAGE_EVENTS = 200;

/**
 * Returns one story, or undefined, with a page of its events (the first, or the one after the cursor
 * `after`, as `next` gave it): from their list rows (run/event-list.ts), not the whole database. A cursor
 * this list did not give is a usage error naming `after`.
 */
export async function getStory(store: Store, id: string, after?: unknown): Promise<StoryJson | undefined> {
  const from = storyCursor(after);
  const story = await store.stories.get(id);
  if (!story) return undefined;
  await ensureEventList(store);
  const [rows, spans] = await Promise.all([
    store.eventList.ofStory(id, STORY_PAGE_EVENTS + 1, from),
    store.eventList.storySpans([id]),
  ]);
  const page = rows.slice(0, STORY_PAGE_EVENTS);
  const span = spans.get(id);
  const firstEvent = (from?.position ?? 0) + 1;
  const last = page.at(-1);
  return {
    ...story,
    span: span?.first && span.last ? { start: span.first, end: span.last } : null,
    eventCount: span?.events ?? 0,
    events: page.map((r) => {
      const { id: eventId, title, category, cameo, date, place, level } = listItem(r);
      return {
        id: eventId,
        title,
        category,
        cameo,
        date,
        place,
        level: level as StoryEventJson['level'],
        articleCount: r.articleCount,
        independentSources: r.independentSources,
      };
    }),
    firstEvent,
    next:
      rows.length > STORY_PAGE_EVENTS && last
        ? encodeCursor(`${last.date ? 0 : 1}|${firstEvent - 1 + page.length}|${last.sortDate}`, last.id)
        : null,
  };
}

/** What a story's `after` cursor holds: the last row of the page before, and how many events came before it. */
function storyCursor(
  raw: unknown,
): { undated: boolean; sortDate: string; id: string; position: number } | undefined {
  const c = decodeCursor(raw, 'string');
  if (!c) return undefined;
  const m = /^([01])\|(\d{1,9})\|(.*)$/s.exec(c.sort);
  if (!m) throw new CorroborateError('usage', 'not a cursor this list gave', 'after');
  return { undated: m[1] === '1', position: Number(m[2]), sortDate: m[3] as string, id: c.id };
}

/**
 * The events a story's briefing reads: its latest. A story of thousands of events was read whole each time
 * one changed (every report's text), and its briefing listed each in "How we got here"; the story's page
 * lists them all (page by page), and its briefing says how many came before those it tells.
 */
export const BRIEFED_EVENTS = 25;

/** What the page and the CLI say under a briefing that leaves out a story's earlier events. */
export function earlierNote(earlier: number): string {
  const n = new Intl.NumberFormat('en').format(earlier);
  return `This briefing tells the story's latest ${BRIEFED_EVENTS} events; ${n} earlier ${
    earlier === 1 ? 'one is' : 'ones are'
  } listed with every event of the story.`;
}

/**
 * Returns a story's briefing, or undefined; built again only when one of the events it tells changed or
 * the story's count of events did (an event's list row is refreshed whenever the event, its assessment or
 * its reports change, so the rows' refresh times key the briefing and a view reads only those rows).
 */
export async function getStoryBriefing(
  store: Store,
  id: string,
  brief?: BriefConfig,
  opts: { persist?: boolean } = {},
): Promise<(StoryBriefing & Awaited<ReturnType<typeof withModel>>) | undefined> {
  const story = await store.stories.get(id);
  if (!story) return undefined;
  await ensureEventList(store);
  const { rows, total } = await store.eventList.latestOfStory(id, BRIEFED_EVENTS);
  const key = [brief?.modelUrl ?? '', story.title, total, ...rows.flatMap((r) => [r.id, r.updatedAt])].join(
    '|',
  );
  return cached(
    store,
    `story:${id}`,
    key,
    async () => {
      // Each kind of row read for every event at once: a story of hundreds of events was read in
      // thousands of round trips (six per event).
      const ids = rows.map((r) => r.id);
      const [found, latest, reportsOf] = await Promise.all([
        store.events.getMany(ids),
        store.events.latestAssessmentsOf(ids),
        store.events.reportsOf(ids),
      ]);
      const present = ids.filter((id) => found.has(id));
      const inputs = await briefInputsOf(
        store,
        present.map((id) => ({ eventId: id, reports: reportsOf.get(id) ?? [] })),
      );
      const events: StoryEventInput[] = present.map((id) => {
        const { cardReports, offsets } = inputs.get(id) as BriefInputs;
        return {
          event: found.get(id) as Event,
          assessment: latest.get(id) ?? null,
          reports: cardReports,
          offsets,
        };
      });
      const b = buildStoryBriefing(
        story,
        events,
        await relatedStories(store, id, rows),
        new Date().toISOString(),
        total - rows.length,
      );
      return {
        ...b,
        ...(await withModel(
          b.sections,
          events.flatMap((e) => e.reports.map((r) => r.outlet.name)),
          brief,
        )),
      };
    },
    { persist: opts.persist ?? false },
  );
}

/**
 * Other stories whose events share names (in their titles or places) with the events a story's briefing
 * tells, most shared first (read through the names' index, not every story's events).
 */
async function relatedStories(
  store: Store,
  id: string,
  rows: { title: string; place: { name: string } | null }[],
): Promise<StoryBriefing['relatedStories']> {
  const names = [...new Set(rows.flatMap((r) => storyNames(r.title, r.place?.name ?? null)))];
  const shared = await store.eventList.storiesNaming(names, id);
  return shared
    .sort((a, b) => b.shared.length - a.shared.length || a.storyId.localeCompare(b.storyId))
    .slice(0, 3)
    .map((s) => ({ id: s.storyId, title: s.title, shared: s.shared }));
}
