/**
 * Levels of events for a reader's source policy, from the support stored with each event's latest
 * assessment (pipeline/assess/reader-level.ts): no report is read and no event assessed again.
 *   1. the data version (the latest stored assessment): a cached answer is good while it stands;
 *   2. answers cached for this policy and version: a map lookup each;
 *   3. the rest in one batched read of their latest assessments (and the outlets, once per version);
 *   4. each judged from its stored support; an event assessed before support was kept (or never
 *      assessed) is assessed again for the reader, at most SLOW_PATH_MAX a request.
 * A request costs the events it asks for, never the whole database.
 */
import type { ConfidenceConfig } from '../config/config.ts';
import type { AssessmentSupport } from '../domain/assessment.ts';
import type { Outlet } from '../domain/outlet.ts';
import {
  levelForPolicy,
  weighOutlets,
  type PolicyOutlets,
  type ReaderLevel,
  type ReaderPolicy,
} from '../pipeline/assess/reader-level.ts';
import type { Store } from '../storage/store.ts';
import { assessForReader } from './assess-events.ts';

export type { ReaderLevel } from '../pipeline/assess/reader-level.ts';

/**
 * Answers kept, over all policies (an event's answer is a level, a count and two sentences: about
 * 300 bytes, so some 10 MB at most).
 */
const CACHED_ANSWERS = 30_000;
/**
 * Events of one request without stored support that are assessed again for the reader (assessments
 * stored before support was kept, until `corroborate reprocess`); the rest keep their stored level.
 */
const SLOW_PATH_MAX = 20;

interface StoreCache {
  /** `version \n policy \n event id` → the answer, least recently used first. */
  answers: Map<string, ReaderLevel>;
  outlets: { version: number; list: Promise<Outlet[]> } | null;
  /**
   * The support stored with events' latest assessments (null: stored without it), as of one version of
   * the data: read and parsed once for every policy asked of the same events.
   */
  supports: { version: number; byEvent: Map<string, AssessmentSupport | null> };
  /** The outlets as recent policies weigh them (indexed once a policy, not once an event). */
  weighed: Map<string, { version: number; outlets: PolicyOutlets }>;
}

/** Policies whose weighed outlets are kept (each indexes the whole registry: a few hundred kB at 3,000 outlets). */
const WEIGHED_POLICIES = 64;

const caches = new WeakMap<Store, StoreCache>();

/** Returns the policy as one key: the same outlets in any order, repeated or not, give the same key. */
export function policyKey(policy: ReaderPolicy): string {
  const norm = (ids: string[]) => [...new Set(ids)].sort().join(',');
  return `exclude=${norm(policy.exclude)}&lower=${norm(policy.lower)}`;
}

/** Returns each asked-for event's level as a reader with this policy sees it (events never assessed left out). */
export async function readerLevels(
  store: Store,
  eventIds: readonly string[],
  policy: ReaderPolicy,
  cfg: ConfidenceConfig,
  now: string,
): Promise<Map<string, ReaderLevel>> {
  const cache = cacheOf(store);
  const version = await store.events.assessmentVersion();
  const prefix = `${version}\n${policyKey(policy)}\n`;
  const out = new Map<string, ReaderLevel>();
  const missing: string[] = [];
  for (const id of new Set(eventIds)) {
    const hit = cache.answers.get(prefix + id);
    if (hit) {
      cache.answers.delete(prefix + id);
      cache.answers.set(prefix + id, hit);
      out.set(id, hit);
    } else missing.push(id);
  }
  if (!missing.length) return out;
  const [latest, outlets] = await Promise.all([
    supportsAt(store, cache, version, missing),
    outletsAt(store, cache, version),
  ]);
  const weighed = weighedAt(cache, version, outlets, policy);
  let slow = 0;
  for (const id of missing) {
    const stored = latest.get(id);
    let answer: ReaderLevel | undefined;
    if (stored) answer = levelForPolicy(stored, weighed, cfg);
    else if (slow++ < SLOW_PATH_MAX) {
      const a = await assessForReader(store, id, policy, cfg, now);
      answer = {
        level: a.level,
        independentSources: a.sources.length,
        explanation: a.explanation,
        next: a.next,
      };
    }
    if (!answer) continue;
    out.set(id, answer);
    remember(cache, prefix + id, answer);
  }
  return out;
}

function cacheOf(store: Store): StoreCache {
  let cache = caches.get(store);
  if (!cache)
    caches.set(
      store,
      (cache = {
        answers: new Map(),
        outlets: null,
        supports: { version: -1, byEvent: new Map() },
        weighed: new Map(),
      }),
    );
  return cache;
}

/** The outlets as of this version of the data (outlet changes re-assess their events, so move it). */
function outletsAt(store: Store, cache: StoreCache, version: number): Promise<Outlet[]> {
  if (cache.outlets?.version !== version) {
    const list = store.outlets.list();
    cache.outlets = { version, list };
    list.catch(() => (cache.outlets = null));
  }
  return cache.outlets.list;
}

/** Events whose stored support is kept (a support is a few kB: some tens of MB at most). */
const CACHED_SUPPORTS = 5_000;

/** The stored support of each event as of this version (undefined: never assessed), read once per version. */
async function supportsAt(
  store: Store,
  cache: StoreCache,
  version: number,
  ids: readonly string[],
): Promise<Map<string, AssessmentSupport | undefined>> {
  if (cache.supports.version !== version) cache.supports = { version, byEvent: new Map() };
  const kept = cache.supports.byEvent;
  const unread = ids.filter((id) => !kept.has(id));
  const read = unread.length ? await store.events.latestAssessmentsOf(unread) : new Map();
  if (cache.supports.version === version)
    for (const id of unread) {
      const a = read.get(id);
      if (a) kept.set(id, a.support ?? null);
    }
  while (kept.size > CACHED_SUPPORTS) kept.delete(kept.keys().next().value as string);
  return new Map(ids.map((id) => [id, kept.has(id) ? (kept.get(id) ?? undefined) : read.get(id)?.support]));
}

/** The registry weighed under a policy, as of this version of the data: built once, kept for the next request. */
function weighedAt(
  cache: StoreCache,
  version: number,
  outlets: Outlet[],
  policy: ReaderPolicy,
): PolicyOutlets {
  const key = policyKey(policy);
  const hit = cache.weighed.get(key);
  if (hit?.version === version) {
    cache.weighed.delete(key);
    cache.weighed.set(key, hit);
    return hit.outlets;
  }
  const weighed = weighOutlets(outlets, policy);
  cache.weighed.delete(key);
  cache.weighed.set(key, { version, outlets: weighed });
  while (cache.weighed.size > WEIGHED_POLICIES)
    cache.weighed.delete(cache.weighed.keys().next().value as string);
  return weighed;
}

function remember(cache: StoreCache, key: string, answer: ReaderLevel): void {
  cache.answers.set(key, answer);
  while (cache.answers.size > CACHED_ANSWERS)
    cache.answers.delete(cache.answers.keys().next().value as string);
}
