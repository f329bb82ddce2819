/** Event → story: events that share rare names and terms, whatever their dates, form one thread. */
import type { Story } from '../../domain/event.ts';
import { stableId } from '../../lib/hash.ts';
import { inverseEventFrequency, type EventCandidate } from './resolve-event.ts';

export interface StoryOptions {
  storyThreshold: number;
}

/** What threading decided: stories to create or touch, and the story of each event that changed. */
export interface Threading {
  stories: Story[];
  assignments: { eventId: string; storyId: string }[];
}

/**
 * Returns story assignments for the given events. An event without a story joins the story of its
 * most similar event above the threshold, or starts one with it; events already threaded keep theirs.
 */
export function threadStories(events: EventCandidate[], opts: StoryOptions, now: string): Threading {
  const idf = inverseEventFrequency(events);
  const storyOf = new Map(events.filter((e) => e.event.storyId).map((e) => [e.event.id, e.event.storyId as string]));
  const stories = new Map<string, Story>();
  const assignments: Threading['assignments'] = [];
  const ordered = [...events].sort((a, b) => (a.event.date?.start ?? '').localeCompare(b.event.date?.start ?? '') || a.event.id.localeCompare(b.event.id));
  // Each event's top terms once, and which events hold each name and top term: an event is compared
  // only with those sharing one (a story shares core actors or subject), not with every event.
  const top = new Map(ordered.map((e) => [e, topTerms(e)]));
  const pos = new Map(ordered.map((e, i) => [e, i]));
  const keysOf = (e: EventCandidate) => [...Object.keys(e.profile.names).map((n) => `#${n}`), ...(top.get(e) as string[])];
  const holders = new Map<string, EventCandidate[]>();
  for (const e of ordered) for (const k of keysOf(e)) (holders.get(k) ?? holders.set(k, []).get(k))?.push(e);
  for (const e of ordered) {
    if (storyOf.has(e.event.id)) continue;
    const candidates = new Set<EventCandidate>();
    for (const k of keysOf(e)) for (const o of holders.get(k) ?? []) if (o !== e) candidates.add(o);
    let best: EventCandidate | null = null;
    let bestScore = opts.storyThreshold;
    for (const o of [...candidates].sort((x, y) => (pos.get(x) as number) - (pos.get(y) as number))) {
      const s = eventSimilarity(e, o, idf, top);
      if (s >= bestScore) [best, bestScore] = [o, s];
    }
    if (!best) continue;
    let sid = storyOf.get(best.event.id);
    if (!sid) {
      const first = [e, best].sort((a, b) => (a.event.date?.start ?? '').localeCompare(b.event.date?.start ?? ''))[0] as EventCandidate;
      sid = stableId('sty', first.event.id);
      stories.set(sid, { id: sid, title: first.event.title, createdAt: now, updatedAt: now });
      storyOf.set(best.event.id, sid);
      assignments.push({ eventId: best.event.id, storyId: sid });
    }
    storyOf.set(e.event.id, sid);
    assignments.push({ eventId: e.event.id, storyId: sid });
  }
  return { stories: [...stories.values()], assignments };
}

/** Returns the similarity of two events' profiles: rare shared names count most. */
function eventSimilarity(a: EventCandidate, b: EventCandidate, idf: (t: string) => number, top: Map<EventCandidate, string[]>): number {
  const names = weightedOverlap(Object.keys(a.profile.names), Object.keys(b.profile.names), (n) => idf(`#${n}`));
  const terms = weightedOverlap(top.get(a) ?? topTerms(a), top.get(b) ?? topTerms(b), idf);
  return 0.6 * names + 0.4 * terms;
}

function topTerms(c: EventCandidate): string[] {
  return Object.entries(c.profile.terms).sort((x, y) => y[1] - x[1]).slice(0, 40).map(([t]) => t);
}

function weightedOverlap(a: string[], b: string[], w: (t: string) => number): number {
  const as = new Set(a);
  const bs = new Set(b);
  let shared = 0;
  let all = 0;
  for (const t of new Set([...a, ...b])) {
    all += w(t);
    if (bs.has(t) && as.has(t)) shared += w(t);
  }
  return all ? shared / all : 0;
}
