/** Event → story: events that share rare names and terms, whatever their dates, form one thread. */
import type { Story } from '../../domain/event.ts';
import { stableId } from '../../lib/hash.ts';
import { commonBound, type EventIndex } from './event-index.ts';
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
  const df = new Map<string, number>();
  for (const e of events) {
    for (const t in e.profile.terms) df.set(t, (df.get(t) ?? 0) + 1);
    for (const n in e.profile.names) df.set(`#${n}`, (df.get(`#${n}`) ?? 0) + 1);
  }
  const n = events.length;
  const bound = commonBound(n);
  return thread(
    events,
    {
      idf: (k) => Math.log((n + 1) / ((df.get(k) ?? 0) + 1)) + 1,
      common: (k) => (df.get(k) ?? 0) > bound,
      all: () => events,
    },
    opts,
    now,
    only,
  );
}

/**
 * Threads the events in `only` as threadStories does over every event of the index, reading only those
 * that share a name or a top term with one of them (the only ones it could link them to), and the index's
 * rarity weights (the same as threadStories computes over every event): a run's threading costs what its
 * changed events reach, not what the store holds.
 */
export function threadChanged(
  index: EventIndex,
  opts: StoryOptions,
  now: string,
  only: ReadonlySet<string>,
): Threading {
  const near = new Set<EventCandidate>();
  for (const id of only) {
    const e = index.get(id);
    if (!e || e.event.storyId) continue;
    near.add(e);
    for (const k of lookups(e)) {
      if (index.isCommon(k)) continue;
      for (const o of index.holding(k)) if (lookups(o).has(k)) near.add(o);
    }
  }
  return thread(
    [...near],
    { idf: index.idf, common: index.isCommon, all: () => index.all() },
    opts,
    now,
    only,
  );
}

/**
 * What threading reads beyond the events it is given: rarity weights, the keys too common to link events
 * by (as the resolver's index: event-index.ts), and every event (for stories' titles).
 */
interface Surroundings {
  idf: (key: string) => number;
  common: (key: string) => boolean;
  all: () => Iterable<EventCandidate>;
}

function thread(
  events: EventCandidate[],
  around: Surroundings,
  opts: StoryOptions,
  now: string,
  only?: ReadonlySet<string>,
): Threading {
  const weights = new Map<string, number>();
  const idf = (key: string) => {
    let w = weights.get(key);
    if (w === undefined) weights.set(key, (w = around.idf(key)));
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
  // Which events hold each name and top term: an event is compared only with those sharing one (a story
  // shares core actors or subject), not with every event. A key too many events hold links none: it
  // weighs little in a comparison, and an event sharing only it with thousands is in no story of theirs
  // (comparing with them all made a run's threading cost grow with the largest story).
  const keys = new Map<EventCandidate, Keys>();
  const keysFor = (e: EventCandidate) => {
    let k = keys.get(e);
    if (!k) keys.set(e, (k = keysOf(e, topTerms(e), idf)));
    return k;
  };
  const pos = new Map(ordered.map((e, i) => [e, i]));
  const holders = new Map<string, EventCandidate[]>();
  for (const e of ordered)
    for (const k of lookups(e)) if (!around.common(k)) (holders.get(k) ?? holders.set(k, []).get(k))?.push(e);
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
      const s = eventSimilarity(keysFor(e), keysFor(o));
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
  // A story whose events changed is named again from all its events (in the order they are given).
  const renamed = new Set(assignments.map((a) => a.storyId));
  const mine = new Map([...renamed].map((sid) => [sid, [] as EventCandidate[]]));
  for (const e of around.all()) mine.get(storyOf.get(e.event.id) ?? e.event.storyId ?? '')?.push(e);
  for (const sid of renamed) {
    const title = storyTitle(mine.get(sid) as EventCandidate[], idf);
    stories.set(sid, { ...(stories.get(sid) ?? { id: sid, createdAt: now }), title, updatedAt: now });
  }
  return { stories: [...stories.values()], assignments };
}

/** The keys under which an event is looked up for threading: its names ("#name") and its top terms. */
function lookups(e: EventCandidate): ReadonlySet<string> {
  let out = lookupsOf.get(e.profile);
  if (!out)
    lookupsOf.set(
      e.profile,
      (out = new Set([...Object.keys(e.profile.names).map((n) => `#${n}`), ...topTerms(e)])),
    );
  return out;
}
const lookupsOf = new WeakMap<EventCandidate['profile'], ReadonlySet<string>>();

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

/** An event's 40 heaviest terms (kept per profile: an event that changes has a new one). */
function topTerms(c: EventCandidate): string[] {
  let top = topOf.get(c.profile);
  if (!top)
    topOf.set(
      c.profile,
      (top = Object.entries(c.profile.terms)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 40)
        .map(([t]) => t)),
    );
  return top;
}
const topOf = new WeakMap<EventCandidate['profile'], string[]>();

/** The weight of the keys two sets share over the weight of all their keys. */
function weightedOverlap(a: WeightedSet, b: WeightedSet): number {
  const [small, large] = a.keys.size <= b.keys.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [k, w] of small.weights) if (large.keys.has(k)) shared += w;
  const all = a.total + b.total - shared;
  return all ? shared / all : 0;
}
