/** What a store decided, to compare two runs: each event's id, reports, story and level, and the stories. */
import type { Store } from '../../src/storage/store.ts';

export async function snapshot(store: Store) {
  const assignments = await store.events.assignments();
  const overview = await store.events.overview();
  return {
    assignments,
    events: overview
      .map((o) => ({
        id: o.event.id,
        story: o.event.storyId,
        level: o.assessment?.level ?? null,
        date: o.event.date,
        title: o.event.title,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    stories: (await store.stories.list()).map((s) => s.id).sort(),
  };
}

/** The grouping alone: the sets of reports that share an event, whatever the events are called. */
export function partition(assignments: Record<string, string>): string[] {
  const groups = new Map<string, string[]>();
  for (const [a, e] of Object.entries(assignments)) groups.set(e, [...(groups.get(e) ?? []), a]);
  return [...groups.values()].map((g) => g.sort().join(' ')).sort();
}
