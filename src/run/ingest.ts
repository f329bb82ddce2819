/**
 * The orchestrator of ingest: the only code that runs stages against storage.
 *   1. prepare: extract every input in memory (bad input stops here, nothing written);
 *   2. load what the stages need: outlets, stored hashes, the index of events (kept by the process
 *      between its runs, brought up to date with what changed since: placing-index.ts; copy candidates
 *      are looked up per report in the copy index);
 *   3. per report, in time order: skip if unchanged; provenance → analyze → resolve (a report of several
 *      events passage by passage; its background passages linked to the earlier events they recall);
 *      store in one transaction;
 *   4. settle: thread the changed events into stories (reading only the events near them); assess every
 *      event that gained a report, appending to its verification history.
 * Running it again on the same input changes nothing (same id and content hash → skipped).
 *
 * Identity of acquired items (inputs without an explicit id): an item whose URL or canonical URL is
 * stored is that article (a changed text becomes its next version); an item with the same content as
 * a stored article of the same site (a tracking parameter, a mobile address) is that article too.
 * The same text on another site is a different report — a syndicated copy, which provenance links.
 */
import { extractLimits, type Config } from '../config/config.ts';
import type { Analysis } from '../domain/analysis.ts';
import { describeOrigin, type ArticleRecord } from '../domain/article.ts';
import { outletHosts, type Outlet } from '../domain/outlet.ts';
import { shippedOutlets } from '../pipeline/acquire/outlet-registry.ts';
import type { Clock } from '../lib/clock.ts';
import { hostOf } from '../lib/url.ts';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import { cleanArticleInput } from '../pipeline/acquire/strip-controls.ts';
import { analyze } from '../pipeline/analyze/analyze.ts';
import { contentHash, traceProvenance } from '../pipeline/provenance/provenance.ts';
import { shingleHashes } from '../pipeline/provenance/shingles.ts';
import { resolveOutlet } from '../pipeline/provenance/resolve-outlet.ts';
import { placeReport, type EventIndex } from '../pipeline/resolve/index.ts';
import type { LockOptions } from '../storage/run-lock.ts';
import type { Store } from '../storage/store.ts';
import { dropPlacingIndex, placingIndex } from './placing-index.ts';
import { prepareInputs, type PreparedInput } from './prepare-inputs.ts';
import { silentProgress, type Progress } from './progress.ts';
import type { RefreshOptions } from './read-models.ts';
import { assessPending, threadPending } from './settle-events.ts';

export interface RunDeps {
  store: Store;
  config: Config;
  clock: Clock;
  progress?: Progress;
  actor?: string;
  /**
   * How a run that places reports waits for another doing so on the same database (see run-lock.ts):
   * by default as long as it takes.
   */
  lock?: Omit<LockOptions, 'command'>;
}

/** The lock of the runs that place reports in events (ingest, reprocess): one at a time per database. */
export const PLACING_LOCK = 'placing';

/** How long deleted events stay listed for processes that hold the events in memory (placing-index.ts). */
const REMOVALS_KEPT_MS = 7 * 24 * 3600 * 1000;

export interface IngestSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  eventsCreated: number;
  eventsTouched: number;
  storiesCreated: number;
}

export interface IngestOptions {
  /** Called for an input extraction rejects (with its reason); without it the first rejection stops the run (nothing written). */
  onRejected?: (where: string, reason: string, message: string) => void;
  /**
   * Called for a report the store refuses (its transaction is rolled back, the others go on); without
   * it the first such error stops the run.
   */
  onFailed?: (where: string, message: string) => void;
  /**
   * A run that must wait its turn among others (a queue's worker: batches taken earlier are placed first):
   * holding the placing lock, it asks `ready`, and when not, lets go and asks again; once it has placed its
   * reports, still holding the lock, it says so by `placed`.
   */
  turn?: { ready: () => Promise<boolean>; placed: () => Promise<void> };
  /** Given, the briefings of the stories changed are handed to it rather than rebuilt (see RefreshOptions). */
  deferStories?: RefreshOptions['deferStories'];
  /** Called for each report stored or found unchanged (a worker completes its job with it). */
  onPlaced?: (source: SourcedInput, outcome: Outcome['kind']) => void;
}

interface Context {
  outlets: Outlet[];
  /** Stored content hash by article id. */
  hashes: Map<string, string>;
  /** Stored article id by URL and by canonical URL. */
  idByUrl: Map<string, string>;
  /** Stored article id by site and content hash ("host|hash"). */
  idBySiteHash: Map<string, string>;
  /** The events by id and by their terms and names, for the resolver's candidates. */
  index: EventIndex;
}

/** Ingests the inputs and returns what changed. */
export async function ingest(
  deps: RunDeps,
  inputs: SourcedInput[],
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const { store, config } = deps;
  // The last guard before storage: whatever the caller read, no control character reaches the database.
  const clean = inputs.map((s) => ({ ...s, input: cleanArticleInput(s.input) }));
  const prepared = prepareInputs(clean, extractLimits(config.limits), opts.onRejected);
  // Extraction and analysis run beside other runs (they read no stored state); from reading the stored
  // events to threading the events changed into stories, one run at a time: what it reads is what the run
  // before it stored, and its counts are its own.
  const analyses = await analyzeAhead(store, prepared, deps.progress ?? silentProgress());
  const summary = await placeInTurn(deps, opts.turn, async () => {
    try {
      return await placeAll(deps, prepared, opts, analyses);
    } catch (err) {
      // Events put in the kept index may not have been stored.
      dropPlacingIndex(store);
      throw err;
    }
  });
  // Every event whose reports changed is on a durable to-do list (written with the report), so events left
  // unassessed by a run that was killed are assessed now too; the next run places reports meanwhile.
  await assessPending(
    store,
    config,
    deps.clock.now(),
    opts.deferStories ? { deferStories: opts.deferStories } : {},
  );
  return summary;
}

/** How long a run whose turn has not come waits before it takes the placing lock again. */
const TURN_POLL_MS = 20;

/** Runs `place` under the placing lock, once the run's turn has come (see IngestOptions.turn). */
async function placeInTurn(
  deps: RunDeps,
  turn: IngestOptions['turn'],
  place: () => Promise<IngestSummary>,
): Promise<IngestSummary> {
  for (;;) {
    const placed = await deps.store.exclusive(PLACING_LOCK, { command: 'ingest', ...deps.lock }, async () => {
      if (turn && !(await turn.ready())) return null;
      const summary = await place();
      await turn?.placed();
      return summary;
    });
    if (placed) return placed;
    await new Promise((r) => setTimeout(r, TURN_POLL_MS));
  }
}

/**
 * Reports analysed before the lock is taken, at most: a worker's batch is far fewer; a run of more
 * analyses the rest as it places them, holding one analysis at a time (an analysis weighs several times
 * its text).
 */
const ANALYZE_AHEAD_MAX = 500;

/**
 * Each report's analysis, made before the lock is taken, for those the store does not hold with the same
 * content already (most of a feed polled again): the lock's holder decides what is new, and analyses any
 * report left out here that it places.
 */
async function analyzeAhead(
  store: Store,
  prepared: PreparedInput[],
  progress: Progress,
): Promise<Map<PreparedInput, Analysis>> {
  const ahead = prepared.slice(0, ANALYZE_AHEAD_MAX);
  const hashes = ahead.map((p) => contentHash(p.extracted));
  const held = new Set((await store.articles.findSeen({ hashes })).map((a) => a.contentHash));
  const out = new Map<PreparedInput, Analysis>();
  progress.start(ahead.length, 'analysed');
  ahead.forEach((p, i) => {
    if (!held.has(hashes[i] as string)) out.set(p, analysisOf(p));
    progress.tick();
  });
  progress.stop();
  return out;
}

function analysisOf(p: PreparedInput): Analysis {
  return analyze({ id: p.id, text: p.extracted.text, publishedAt: p.extracted.publishedAt });
}

/** Identifies, analyses, places and stores each prepared report, then settles the events it touched. */
async function placeAll(
  deps: RunDeps,
  prepared: PreparedInput[],
  opts: IngestOptions,
  analyses: Map<PreparedInput, Analysis>,
): Promise<IngestSummary> {
  const { store, config, clock } = deps;
  const progress = deps.progress ?? silentProgress();
  let ctx = await loadContext(store, config, prepared);
  const summary: IngestSummary = {
    read: prepared.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    eventsCreated: 0,
    eventsTouched: 0,
    storiesCreated: 0,
  };
  const touched = new Set<string>();
  progress.start(prepared.length, 'reports');
  for (const p of prepared) {
    let outcome: Outcome;
    try {
      outcome = await ingestOne(deps, ctx, p, analyses.get(p));
    } catch (err) {
      if (!opts.onFailed) throw err;
      opts.onFailed(describeOrigin(p.source.origin), (err as Error).message);
      // The report's events were put in memory before its transaction failed: read them again as stored.
      dropPlacingIndex(store);
      ctx = await loadContext(store, config, prepared);
      progress.tick();
      continue;
    }
    opts.onPlaced?.(p.source, outcome.kind);
    if (outcome.kind === 'unchanged') summary.unchanged++;
    else {
      summary[outcome.kind]++;
      touched.add(outcome.eventId);
      if (outcome.newEvent) summary.eventsCreated++;
    }
    progress.tick();
  }
  progress.stop();
  // The events changed are threaded into stories while the stored events are as this run read them.
  summary.storiesCreated = await threadPending(store, config, clock.now(), ctx.index);
  // Deletions are kept for processes holding the events in memory: one that has not looked for a week
  // reads every event again. Timed by the database's clock, which stamps them.
  await store.events.pruneRemovals(new Date(Date.now() - REMOVALS_KEPT_MS).toISOString());
  summary.eventsTouched = touched.size;
  await store.audit.record({
    at: clock.now(),
    actor: deps.actor ?? 'system',
    action: 'ingest',
    subject: { kind: 'batch', id: String(prepared.length) },
    detail: { ...summary },
  });
  return summary;
}

async function loadContext(store: Store, config: Config, prepared: PreparedInput[]): Promise<Context> {
  const [outlets, seen, index] = await Promise.all([
    knownOutlets(store, config),
    store.articles.findSeen({
      urls: prepared.flatMap((p) => [p.id, p.extracted.url, p.extracted.canonicalUrl]),
      hashes: prepared.map((p) => contentHash(p.extracted)),
    }),
    placingIndex(store),
  ]);
  const ctx: Context = { outlets, hashes: new Map(), idByUrl: new Map(), idBySiteHash: new Map(), index };
  for (const a of seen) remember(ctx, a.id, [a.url, a.canonicalUrl], a.contentHash);
  return ctx;
}

/**
 * The stored outlets, and those of the shipped registry the store does not hold yet (one matched is
 * stored with its report).
 */
export async function knownOutlets(store: Store, config: Config): Promise<Outlet[]> {
  const outlets = await store.outlets.list();
  if (config.provenance.shippedRegistry) {
    const hosts = new Set(outlets.flatMap(outletHosts));
    const ids = new Set(outlets.map((o) => o.id));
    outlets.push(
      ...shippedOutlets().filter((o) => !ids.has(o.id) && !outletHosts(o).some((h) => hosts.has(h))),
    );
  }
  return outlets;
}

/** Records a stored article's addresses and content so later items in the run find it. */
function remember(ctx: Context, id: string, urls: string[], hash: string): void {
  ctx.hashes.set(id, hash);
  for (const u of [id, ...urls]) if (!ctx.idByUrl.has(u)) ctx.idByUrl.set(u, id);
  for (const u of urls) ctx.idBySiteHash.set(`${hostOf(u) ?? ''}|${hash}`, id);
}

/** The stored article an input is (by explicit id; else by address, else by same-site content), or its own new id. */
function identify(
  ctx: Context,
  p: PreparedInput,
  hash: string,
): { id: string; sameContentAs: string | null } {
  if (p.source.input.id) return { id: p.id, sameContentAs: null };
  const byUrl =
    ctx.idByUrl.get(p.id) ?? ctx.idByUrl.get(p.extracted.url) ?? ctx.idByUrl.get(p.extracted.canonicalUrl);
  if (byUrl) return { id: byUrl, sameContentAs: null };
  const bySite =
    ctx.idBySiteHash.get(`${hostOf(p.extracted.canonicalUrl) ?? ''}|${hash}`) ??
    ctx.idBySiteHash.get(`${hostOf(p.extracted.url) ?? ''}|${hash}`);
  return { id: p.id, sameContentAs: bySite ?? null };
}

type Outcome = { kind: 'unchanged' } | { kind: 'inserted' | 'updated'; eventId: string; newEvent: boolean };

/**
 * A prepared report as the pipeline reads it, before resolution: its outlet (found among `outlets`, or
 * new and added to them), its provenance against the stored reports, and its analysis.
 */
export async function reportRecord(
  deps: RunDeps,
  outlets: Outlet[],
  p: PreparedInput,
  hash: string,
  now: string,
  /** The report's analysis when made already (under another id: an address's stored article is it). */
  analyzed?: Analysis,
): Promise<{ record: ArticleRecord; outlet: Outlet }> {
  const { config } = deps;
  const outlet = resolveOutlet({ url: p.extracted.url, name: p.extracted.outlet, known: outlets });
  if (!outlets.some((o) => o.id === outlet.id)) outlets.push(outlet);
  const shingles = shingleHashes(p.extracted.text);
  const candidates = await deps.store.articles.copyCandidates(shingles, p.id);
  const { provenance } = traceProvenance(
    { articleId: p.id, extracted: p.extracted, outlet, candidates, knownOutlets: outlets, shingles },
    config.provenance,
  );
  const analysis = analyzed ? { ...analyzed, id: p.id } : analysisOf(p);
  const record: ArticleRecord = {
    article: {
      id: p.id,
      url: p.extracted.url,
      canonicalUrl: p.extracted.canonicalUrl,
      outletId: outlet.id,
      title: p.extracted.title,
      publishedAt: p.extracted.publishedAt,
      language: p.extracted.language,
      status: 'active',
      version: 1,
      contentHash: hash,
      text: p.extracted.text,
      ingestedAt: now,
    },
    extracted: p.extracted,
    provenance,
    analysis,
    shingles,
  };
  return { record, outlet };
}

/** Runs provenance, analysis and resolution for one report and stores the result in one transaction. */
async function ingestOne(
  deps: RunDeps,
  ctx: Context,
  input: PreparedInput,
  analyzed: Analysis | undefined,
): Promise<Outcome> {
  const { config, clock } = deps;
  const now = clock.now();
  const hash = contentHash(input.extracted);
  const who = identify(ctx, input, hash);
  if (who.sameContentAs) return { kind: 'unchanged' };
  const p = { ...input, id: who.id };
  const stored = ctx.hashes.get(p.id);
  if (stored === hash) return { kind: 'unchanged' };
  const { record, outlet } = await reportRecord(deps, ctx.outlets, p, hash, now, analyzed);
  // What placing reads of the stored assignments: the report's own event (it stays there) and that of
  // the report it copies (it follows it), read for this report rather than every assignment for the run.
  // Editors' merges and splits name stored reports, which stay in their events: a new report has none.
  const origin = record.provenance.lineage.find((l) => l.kind === 'copy');
  const eventOf = await deps.store.events.assignments([
    p.id,
    ...(origin?.kind === 'copy' ? [origin.ofArticleId] : []),
  ]);
  const placed = placeReport(record, { index: ctx.index, eventOf: (id) => eventOf[id] }, config.resolve, now);
  const next = placed.event;
  const more = placed.passages;
  await deps.store.transaction(async (repos) => {
    await repos.outlets.upsert(outlet, now);
    await repos.articles.save(record, now);
    await repos.events.put(next.event, next.profile);
    await repos.events.addReport({
      eventId: next.event.id,
      articleId: p.id,
      score: placed.score,
      tone: null,
      joinedAt: now,
      frame: placed.frame,
    });
    await repos.events.setBackground(p.id, placed.background);
    for (const e of more.events) await repos.events.put(e.event, e.profile);
    await repos.events.setPassages(p.id, more.links);
    await repos.events.markPending([next.event.id, ...more.links.map((l) => l.eventId)], now);
  });
  remember(ctx, p.id, [p.extracted.url, p.extracted.canonicalUrl], hash);
  return {
    kind: stored ? 'updated' : 'inserted',
    eventId: next.event.id,
    newEvent: placed.how === 'founded',
  };
}
