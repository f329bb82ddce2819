/** Read models of stories for the CLI, the API and the pages: each story with its events in date order. */
import type { Event } from '../domain/event.ts';
import { eventHeadline, type EventHeadline } from '../pipeline/brief/event-card.ts';
import type { EventOverview } from '../storage/event-repository.ts';
import type { Store } from '../storage/store.ts';

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

/** Returns every story, the one with the latest event first. */
export async function listStories(store: Store): Promise<StoryJson[]> {
  const [stories, overview] = await Promise.all([store.stories.list(), store.events.overview()]);
  const byStory = new Map<string, EventOverview[]>();
  for (const o of overview) {
    if (!o.event.storyId) continue;
    const list = byStory.get(o.event.storyId) ?? [];
    list.push(o);
    byStory.set(o.event.storyId, list);
  }
  return stories
    .map((s) => toJson(s, byStory.get(s.id) ?? []))
    .filter((s) => s.events.length)
    .sort((a, b) => (b.span?.end ?? '').localeCompare(a.span?.end ?? '') || a.id.localeCompare(b.id));
}

/** Returns one story, or undefined. */
export async function getStory(store: Store, id: string): Promise<StoryJson | undefined> {
  const story = await store.stories.get(id);
  if (!story) return undefined;
  const overview = (await store.events.overview()).filter((o) => o.event.storyId === id);
  return toJson(story, overview);
}

function toJson(story: { id: string; title: string; createdAt: string; updatedAt: string }, events: EventOverview[]): StoryJson {
  const ordered = [...events].sort((a, b) => dayOf(a.event).localeCompare(dayOf(b.event)) || a.event.id.localeCompare(b.event.id));
  const dated = ordered.filter((o) => o.event.date);
  return {
    ...story,
    span: dated.length ? { start: (dated[0] as EventOverview).event.date?.start as string, end: (dated.at(-1) as EventOverview).event.date?.end as string } : null,
    events: ordered.map((o) => ({ id: o.event.id, ...eventHeadline(o.event, o.assessment), articleCount: o.articleCount, independentSources: o.assessment?.sources.length ?? 0 })),
  };
}

function dayOf(e: Event): string {
  return e.date?.start ?? '9999';
}
