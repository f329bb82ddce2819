/**
 * The orchestrator of ingest: the only code that runs stages against storage.
 *   1. prepare: extract every input in memory (bad input stops here, nothing written);
 *   2. load what the stages need: outlets, fingerprints, stored hashes, event profiles;
 *   3. per report, in time order: skip if unchanged; provenance → analyze → resolve; store in one transaction;
 *   4. thread events into stories;
 *   5. assess every event that gained a report, appending to its verification history.
 * Running it again on the same input changes nothing (same id and content hash → skipped).
 */
import type { Config } from '../config/config.ts';
import type { ArticleRecord } from '../domain/article.ts';
import type { Outlet } from '../domain/outlet.ts';
import type { ArticleFingerprint } from '../domain/provenance.ts';
import type { Clock } from '../lib/clock.ts';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import { analyze } from '../pipeline/analyze/analyze.ts';
import { contentHash, traceProvenance } from '../pipeline/provenance/provenance.ts';
import { resolveOutlet } from '../pipeline/provenance/resolve-outlet.ts';
import { reportFeatures } from '../pipeline/resolve/report-features.ts';
import { foundEvent, joinEvent, resolveReport, type EventCandidate } from '../pipeline/resolve/resolve-event.ts';
import type { Store } from '../storage/store.ts';
import { assessEvents } from './assess-events.ts';
import { prepareInputs, type PreparedInput } from './prepare-inputs.ts';
import { silentProgress, type Progress } from './progress.ts';
import { threadAllStories } from './thread-all-stories.ts';

export interface RunDeps {
  store: Store;
  config: Config;
  clock: Clock;
  progress?: Progress;
  actor?: string;
}

export interface IngestSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  eventsCreated: number;
  eventsTouched: number;
  storiesCreated: number;
}

interface Context {
  outlets: Outlet[];
  fingerprints: ArticleFingerprint[];
  hashes: Map<string, string>;
  events: Map<string, EventCandidate>;
  assignments: Record<string, string>;
}

/** Ingests the inputs and returns what changed. */
export async function ingest(deps: RunDeps, inputs: SourcedInput[]): Promise<IngestSummary> {
  const { store, config, clock } = deps;
  const progress = deps.progress ?? silentProgress();
  const { maxArticleChars, maxElements, maxDepth } = config.limits;
  const prepared = prepareInputs(inputs, { maxChars: maxArticleChars, maxElements, maxDepth });
  const ctx = await loadContext(store, prepared.map((p) => p.id));
  const summary: IngestSummary = { read: prepared.length, inserted: 0, updated: 0, unchanged: 0, eventsCreated: 0, eventsTouched: 0, storiesCreated: 0 };
  const touched = new Set<string>();
  progress.start(prepared.length, 'reports');
  for (const p of prepared) {
    const outcome = await ingestOne(deps, ctx, p);
    if (outcome.kind === 'unchanged') summary.unchanged++;
    else {
      summary[outcome.kind]++;
      touched.add(outcome.eventId);
      if (outcome.newEvent) summary.eventsCreated++;
    }
    progress.tick();
  }
  progress.stop();
  if (touched.size) {
    summary.storiesCreated = await threadAllStories(store, [...ctx.events.values()], config.resolve, clock.now());
    await assessEvents(store, [...touched], config.confidence, clock.now());
  }
  summary.eventsTouched = touched.size;
  await store.audit.record({ at: clock.now(), actor: deps.actor ?? 'system', action: 'ingest', subject: { kind: 'batch', id: String(prepared.length) }, detail: { ...summary } });
  return summary;
}

async function loadContext(store: Store, ids: string[]): Promise<Context> {
  const [outlets, fingerprints, hashes, events, assignments] = await Promise.all([
    store.outlets.list(), store.articles.fingerprints(), store.articles.contentHashes(ids), store.events.withProfiles(), store.events.assignments(),
  ]);
  return { outlets, fingerprints, hashes, events: new Map(events.map((e) => [e.event.id, e])), assignments };
}

type Outcome = { kind: 'unchanged' } | { kind: 'inserted' | 'updated'; eventId: string; newEvent: boolean };

/** Runs provenance, analysis and resolution for one report and stores the result in one transaction. */
async function ingestOne(deps: RunDeps, ctx: Context, p: PreparedInput): Promise<Outcome> {
  const { config, clock } = deps;
  const now = clock.now();
  const hash = contentHash(p.extracted);
  const stored = ctx.hashes.get(p.id);
  if (stored === hash) return { kind: 'unchanged' };
  const outlet = resolveOutlet({ url: p.extracted.url, name: p.extracted.outlet, known: ctx.outlets });
  if (!ctx.outlets.some((o) => o.id === outlet.id)) ctx.outlets.push(outlet);
  const { provenance, shingles } = traceProvenance(
    { articleId: p.id, extracted: p.extracted, outlet, candidates: ctx.fingerprints, knownOutlets: ctx.outlets },
    config.provenance,
  );
  const analysis = analyze({ id: p.id, text: p.extracted.text, publishedAt: p.extracted.publishedAt });
  const record: ArticleRecord = {
    article: {
      id: p.id, url: p.extracted.url, canonicalUrl: p.extracted.canonicalUrl, outletId: outlet.id, title: p.extracted.title,
      publishedAt: p.extracted.publishedAt, language: p.extracted.language, status: 'active', version: 1, contentHash: hash, text: p.extracted.text, ingestedAt: now,
    },
    extracted: p.extracted,
    provenance,
    analysis,
    shingles,
  };
  const features = reportFeatures(record);
  const existingEvent = ctx.assignments[p.id];
  const copy = provenance.lineage.find((l) => l.kind === 'copy');
  const copyOfEvent = copy?.kind === 'copy' ? (ctx.assignments[copy.ofArticleId] ?? null) : null;
  const resolution = existingEvent ? { kind: 'join' as const, eventId: existingEvent, score: 1 } : resolveReport(features, copyOfEvent, [...ctx.events.values()], config.resolve);
  const current = resolution.kind === 'join' ? ctx.events.get(resolution.eventId) : undefined;
  const next = current ? (existingEvent ? current : joinEvent(current, features, now)) : foundEvent(record, features, now);
  await deps.store.transaction(async (repos) => {
    await repos.outlets.upsert(outlet, now);
    await repos.articles.save(record, now);
    await repos.events.put(next.event, next.profile);
    await repos.events.addReport({ eventId: next.event.id, articleId: p.id, score: resolution.kind === 'join' ? resolution.score : 1, tone: null, joinedAt: now });
  });
  ctx.events.set(next.event.id, next);
  ctx.assignments[p.id] = next.event.id;
  ctx.hashes.set(p.id, hash);
  ctx.fingerprints = ctx.fingerprints.filter((f) => f.articleId !== p.id);
  ctx.fingerprints.push({ articleId: p.id, outletId: outlet.id, publishedAt: record.article.publishedAt, shingles });
  return { kind: stored ? 'updated' : 'inserted', eventId: next.event.id, newEvent: !current };
}
