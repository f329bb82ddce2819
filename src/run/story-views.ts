/** Read models of stories for the CLI, the API and the pages: each story with its events in date order. */
import type { EventHeadline } from '../pipeline/brief/event-card.ts';
import type { Store } from '../storage/store.ts';
import type { Event } from '../domain/event.ts';
import {
  buildStoryBriefing,
  type StoryBriefing,
  type StoryEventInput,
} from '../pipeline/brief/story-briefing.ts';
import { ensureEventList, listItem } from './event-list.ts';
import { briefInputsOf, cached, withModel, type BriefInputs } from './event-views.ts';
import type { BriefConfig } from '../config/config.ts';

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
  /** Its events, earliest first (undated last). */
  events: StoryEventJson[];
}

/** Returns one story, or undefined; its events from their list rows (run/event-list.ts), not the whole database. */
export async function getStory(store: Store, id: string): Promise<StoryJson | undefined> {
  const story = await store.stories.get(id);
  if (!story) return undefined;
  await ensureEventList(store);
  const rows = (await store.eventList.ofStory(id)).sort(
    (a, b) => (a.date?.start ?? '9999').localeCompare(b.date?.start ?? '9999') || a.id.localeCompare(b.id),
  );
  const dated = rows.filter((r) => r.date);
  return {
    ...story,
    span: dated.length
      ? { start: dated[0]?.date?.start as string, end: dated.at(-1)?.date?.end as string }
      : null,
    events: rows.map((r) => {
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
  };
}

/**
 * The events a story's briefing reads: its latest. A story of thousands of events was read whole each time
 * one changed (every report's text), and its briefing listed each in "How we got here"; the story's page
 * lists them all, and its briefing says how many came before those it tells.
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
  opts: { persist?: boolean; related?: Promise<RelatedIndex> } = {},
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
        relatedStories(
          id,
          rows.map((r) => ({ storyId: id, title: r.title, placeName: r.place?.name ?? null })),
          await (opts.related ?? relatedIndex(store)),
        ),
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

/** An event of a story as related stories are found from: its title and place name. */
interface NamedEvent {
  storyId: string;
  title: string;
  placeName: string | null;
}

/** The names of every story's events (title words and place), and each story's title: what related stories are found in. */
export interface RelatedIndex {
  storiesByName: Map<string, Set<string>>;
  titles: Map<string, string>;
}

/** Reads the index of names once (a refresh of many stories shares it). */
export async function relatedIndex(store: Store): Promise<RelatedIndex> {
  const [events, stories] = await Promise.all([store.eventList.storyEvents(), store.stories.list()]);
  const storiesByName = new Map<string, Set<string>>();
  for (const o of events)
    for (const n of namesOf(o)) storiesByName.set(n, (storiesByName.get(n) ?? new Set()).add(o.storyId));
  return { storiesByName, titles: new Map(stories.map((s) => [s.id, s.title])) };
}

/** The names an event of a story is matched on: capitalised words of its title after the first, and its place. */
function namesOf(o: NamedEvent): Set<string> {
  return new Set([
    ...(o.title.match(/\b\p{Lu}[\p{L}\p{M}’'-]{2,}/gu) ?? []).filter((_w, i) => i > 0),
    ...(o.placeName !== null ? [o.placeName] : []),
  ]);
}

/** Other stories whose events share names (in their titles or places) with this story's events, most shared first. */
function relatedStories(
  id: string,
  mine: NamedEvent[],
  index: RelatedIndex,
): StoryBriefing['relatedStories'] {
  const shared = new Map<string, Set<string>>();
  for (const n of new Set(mine.flatMap((o) => [...namesOf(o)])))
    for (const other of index.storiesByName.get(n) ?? [])
      if (other !== id) shared.set(other, (shared.get(other) ?? new Set()).add(n));
  return [...shared]
    .filter(([s]) => index.titles.has(s))
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([s, n]) => ({ id: s, title: index.titles.get(s) as string, shared: [...n].sort() }));
}
