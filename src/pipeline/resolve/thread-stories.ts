/** Event → story: events that share rare names and terms, whatever their dates, form one thread. */
import type { Story } from '../../domain/event.ts';
import { stableId } from '../../lib/hash.ts';
import { inverseEventFrequency } from './resolve-event.ts';
import type { EventCandidate } from './types.ts';
import { storyTitle } from './story-title.ts';

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
 * With `only`, just those events (the ones that changed) look for a story: an event that found none
 * before can only find one through an event that changed, which looks for it in turn.
 */
export function threadStories(
  events: EventCandidate[],
  opts: StoryOptions,
  now: string,
  only?: ReadonlySet<string>,
): Threading {
  const rarity = inverseEventFrequency(events);
  const weights = new Map<string, number>();
  const idf = (key: string) => {
    let w = weights.get(key);
    if (w === undefined) weights.set(key, (w = rarity(key)));
    return w;
  };
  const storyOf = new Map(
    events.filter((e) => e.event.storyId).map((e) => [e.event.id, e.event.storyId as string]),
  );
  const stories = new Map<string, Story>();
  const assignments: Threading['assignments'] = [];
  const ordered = [...events].sort(
    (a, b) =>
      (a.event.date?.start ?? '').localeCompare(b.event.date?.start ?? '') ||
      a.event.id.localeCompare(b.event.id),
  );
  // Each event's top terms once, and which events hold each name and top term: an event is compared
  // only with those sharing one (a story shares core actors or subject), not with every event.
  const top = new Map(ordered.map((e) => [e, topTerms(e)]));
  const keys = new Map(ordered.map((e) => [e, keysOf(e, top.get(e) as string[], idf)]));
  const pos = new Map(ordered.map((e, i) => [e, i]));
  const lookups = (e: EventCandidate) => [
    ...Object.keys(e.profile.names).map((n) => `#${n}`),
    ...(top.get(e) as string[]),
  ];
  const holders = new Map<string, EventCandidate[]>();
  for (const e of ordered) for (const k of lookups(e)) (holders.get(k) ?? holders.set(k, []).get(k))?.push(e);
  // Links above the threshold between an event that looks for a story and any other event, strongest
  // first: an event joins the story its strongest link reaches, or founds one with it. Taking links in
  // order of strength (not events in date order) lets a thread form through its closest pairs: an
  // early event's best match founding a story of its own would leave the later links unused.
  const links: { e: EventCandidate; o: EventCandidate; s: number }[] = [];
  for (const e of ordered) {
    if (storyOf.has(e.event.id) || (only && !only.has(e.event.id))) continue;
    const candidates = new Set<EventCandidate>();
    for (const k of lookups(e)) for (const o of holders.get(k) ?? []) if (o !== e) candidates.add(o);
    for (const o of candidates) {
      const s = eventSimilarity(keys.get(e) as Keys, keys.get(o) as Keys);
      if (s >= opts.storyThreshold) links.push({ e, o, s });
    }
  }
  links.sort((x, y) => y.s - x.s || (pos.get(x.e) as number) - (pos.get(y.e) as number));
  for (const { e, o } of links) {
    const [se, so] = [storyOf.get(e.event.id), storyOf.get(o.event.id)];
    if (se && so) continue;
    let sid = se ?? so;
    if (!sid) {
      const first = [e, o].sort((a, b) =>
        (a.event.date?.start ?? '').localeCompare(b.event.date?.start ?? ''),
      )[0] as EventCandidate;
      sid = stableId('sty', first.event.id);
      stories.set(sid, { id: sid, title: first.event.title, createdAt: now, updatedAt: now });
    }
    for (const x of [e, o]) {
      if (storyOf.has(x.event.id)) continue;
      storyOf.set(x.event.id, sid);
      assignments.push({ eventId: x.event.id, storyId: sid });
    }
  }
  // A story whose events changed is named again from all its events.
  for (const sid of new Set(assignments.map((a) => a.storyId))) {
    const mine = events.filter((e) => storyOf.get(e.event.id) === sid);
    const title = storyTitle(mine, idf);
    stories.set(sid, { ...(stories.get(sid) ?? { id: sid, createdAt: now }), title, updatedAt: now });
  }
  return { stories: [...stories.values()], assignments };
}

/** An event's names and top terms as weighted sets, built once per threading. */
interface Keys {
  names: WeightedSet;
  terms: WeightedSet;
}

interface WeightedSet {
  keys: Set<string>;
  /** Each key's rarity weight. */
  weights: Map<string, number>;
  total: number;
}

function keysOf(c: EventCandidate, top: string[], idf: (t: string) => number): Keys {
  const set = (keys: string[], key: (k: string) => string): WeightedSet => {
    const weights = new Map(keys.map((k) => [k, idf(key(k))]));
    return { keys: new Set(keys), weights, total: [...weights.values()].reduce((a, b) => a + b, 0) };
  };
  return { names: set(Object.keys(c.profile.names), (n) => `#${n}`), terms: set(top, (t) => t) };
}

/** Returns the similarity of two events' profiles: rare shared names count most. */
function eventSimilarity(a: Keys, b: Keys): number {
  return 0.6 * weightedOverlap(a.names, b.names) + 0.4 * weightedOverlap(a.terms, b.terms);
}

function topTerms(c: EventCandidate): string[] {
  return Object.entries(c.profile.terms)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 40)
    .map(([t]) => t);
}

/** The weight of the keys two sets share over the weight of all their keys. */
function weightedOverlap(a: WeightedSet, b: WeightedSet): number {
  const [small, large] = a.keys.size <= b.keys.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [k, w] of small.weights) if (large.keys.has(k)) shared += w;
  const all = a.total + b.total - shared;
  return all ? shared / all : 0;
}
