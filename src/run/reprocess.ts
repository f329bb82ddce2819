/**
 * Orchestration of `corroborate reprocess --from STAGE`: re-runs the pipeline over every stored report
 * from a stage on, in the order the pipeline reads reports (publication time, then id), so the same
 * stored reports always give the same lineage, analyses, events and stories whatever order they
 * arrived in. Stages: provenance (copies, credits, citations: a report may copy only one read before
 * it), analyze, resolve (events, then stories), assess. Text extraction is not re-run: pages are not
 * kept, only what was extracted from them.
 *
 * Event ids survive where they can (an event is named after the report that founded it); events
 * that are gone are recorded as merged into the event that took most of their reports, so their old
 * addresses redirect (see regroup.ts). Editors' merges and splits are kept to: reports they merged
 * stay together, reports they split apart stay apart.
 */
import type { ArticleRecord } from '../domain/article.ts';
import type { ReportFrame } from '../domain/event.ts';
import { CorroborateError } from '../domain/errors.ts';
import { stableId } from '../lib/hash.ts';
import { analyze } from '../pipeline/analyze/analyze.ts';
import { traceProvenance } from '../pipeline/provenance/provenance.ts';
import {
  editorialConstraints,
  EventIndex,
  placeReport,
  type BackgroundLink,
  type PassageLink,
} from '../pipeline/resolve/index.ts';
import { PLACING_LOCK, type RunDeps } from './ingest.ts';
import { silentProgress } from './progress.ts';
import { applyGrouping } from './regroup.ts';
import { refreshReadModels } from './read-models.ts';
import { settleEvents } from './settle-events.ts';

export const STAGES = ['provenance', 'analyze', 'resolve', 'assess'] as const;
export type Stage = (typeof STAGES)[number];

export interface ReprocessSummary {
  from: Stage;
  reports: number;
  events: number;
  merged: number;
  split: number;
  stories: number;
  assessed: number;
}

/** Reports read per batch from storage. */
const BATCH = 200;

/** Returns the stage named, or a usage error listing the stages. */
export function parseStage(name: string): Stage {
  if ((STAGES as readonly string[]).includes(name)) return name as Stage;
  throw new CorroborateError('usage', `unknown stage "${name}" (one of ${STAGES.join(', ')})`, '--from');
}

/**
 * Re-runs the pipeline from `from` over the whole database and returns what it did, holding the lock of
 * the runs that place reports (an ingest meanwhile would place reports among events being rebuilt).
 */
export async function reprocess(deps: RunDeps, from: Stage): Promise<ReprocessSummary> {
  return deps.store.exclusive(PLACING_LOCK, { command: 'reprocess', ...deps.lock }, () =>
    reprocessAll(deps, from),
  );
}

async function reprocessAll(deps: RunDeps, from: Stage): Promise<ReprocessSummary> {
  const { store, config, clock } = deps;
  const progress = deps.progress ?? silentProgress();
  const at = STAGES.indexOf(from);
  const ids = await store.articles.idsInTimeOrder();
  const summary: ReprocessSummary = {
    from,
    reports: ids.length,
    events: 0,
    merged: 0,
    split: 0,
    stories: 0,
    assessed: 0,
  };
  const position = new Map(ids.map((id, i) => [id, i]));
  const outlets = await store.outlets.list();
  const outletById = new Map(outlets.map((o) => [o.id, o]));

  const constraints = editorialConstraints(await store.events.editorialDecisions());
  const index = new EventIndex();
  const assignments = new Map<string, string>();
  /** Article id → its background links (to event ids as this run names them, until renamed). */
  const background = new Map<string, BackgroundLink[]>();
  /** Article id → how the passages of a report of several events beyond its first back their events. */
  const passageLinks = new Map<string, PassageLink[]>();
  /** Article id → its first passage's own reading of its event. */
  const frames = new Map<string, ReportFrame>();
  const now = clock.now();
  if (at <= STAGES.indexOf('resolve')) {
    progress.start(
      ids.length,
      at < STAGES.indexOf('resolve') ? `reports (${STAGES.slice(at, 3).join(', ')})` : 'reports (resolve)',
    );
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = await inOrder(store, ids.slice(i, i + BATCH), position);
      for (const rec of batch) {
        if (at <= STAGES.indexOf('provenance')) {
          const outlet = outletById.get(rec.article.outletId ?? '');
          if (!outlet)
            throw new CorroborateError(
              'database',
              `report has no stored outlet (${rec.article.outletId ?? 'none'})`,
              rec.article.id,
            );
          // A report may copy only one the pipeline read before it, as at ingest in time order.
          const candidates = (await store.articles.copyCandidates(rec.shingles, rec.article.id)).filter(
            (c) => (position.get(c.articleId) ?? Infinity) < (position.get(rec.article.id) as number),
          );
          rec.provenance = traceProvenance(
            {
              articleId: rec.article.id,
              extracted: rec.extracted,
              outlet,
              candidates,
              knownOutlets: outlets,
              shingles: rec.shingles,
            },
            config.provenance,
          ).provenance;
        }
        if (at <= STAGES.indexOf('analyze'))
          rec.analysis = analyze({
            id: rec.article.id,
            text: rec.article.text,
            publishedAt: rec.article.publishedAt,
          });
        if (at < STAGES.indexOf('resolve'))
          await store.articles.updateDerived(rec.article.id, {
            provenance: rec.provenance,
            analysis: rec.analysis,
          });
        const placed = placeReport(
          rec,
          { index, eventOf: (id) => assignments.get(id), constraints },
          config.resolve,
          now,
        );
        assignments.set(rec.article.id, placed.event.event.id);
        frames.set(rec.article.id, placed.frame);
        background.set(rec.article.id, placed.background);
        if (placed.passages.links.length) passageLinks.set(rec.article.id, placed.passages.links);
        progress.tick();
      }
    }
    progress.stop();
    // Stories are threaded afresh from the new events; each keeps the id of the stored event most of its reports were in.
    const names = keepIds(index, assignments, await store.events.assignments());
    for (const [a, e] of assignments) assignments.set(a, names.get(e) as string);
    const next = index.all().map((c) => ({
      ...c,
      event: { ...c.event, id: names.get(c.event.id) as string, storyId: null },
    }));
    const stored = new Map(
      (await Promise.all(next.map((c) => store.events.get(c.event.id)))).flatMap((e) =>
        e ? [[e.id, e] as const] : [],
      ),
    );
    for (const c of next)
      c.event = { ...c.event, createdAt: stored.get(c.event.id)?.createdAt ?? c.event.createdAt };
    const regrouped = await applyGrouping(
      store,
      { events: next, assignments },
      `reprocess from ${from}`,
      now,
    );
    const retired: string[] = [];
    await store.transaction(async (repos) => {
      const before = await repos.events.allPassages();
      await repos.events.setFrames(frames);
      for (const [articleId, links] of background)
        await repos.events.setBackground(
          articleId,
          links.map((l) => ({ ...l, eventId: names.get(l.eventId) as string })),
        );
      for (const id of ids)
        await repos.events.setPassages(
          id,
          (passageLinks.get(id) ?? []).map((l) => ({ ...l, eventId: names.get(l.eventId) as string })),
        );
      // An event only a round-up's passage backed, whose passage now backs another event (or is now the
      // report's first), is recorded as merged into that event, so its address redirects there.
      const passageEvent = new Map(
        [...passageLinks].flatMap(([a, links]) =>
          links.map((l) => [`${a}@${l.start}`, names.get(l.eventId) as string] as const),
        ),
      );
      for (const gone of await repos.events.empty(new Set(names.values()))) {
        const moved = before.filter((p) => p.eventId === gone);
        const to = moved
          .map((p) => passageEvent.get(`${p.articleId}@${p.start}`) ?? assignments.get(p.articleId))
          .find((e) => e !== undefined);
        if (!to) continue;
        const detail = await repos.events.retire(gone, to);
        retired.push(gone);
        await repos.events.recordLineage({
          fromId: gone,
          toId: to,
          kind: 'merge',
          reason: `reprocess from ${from}`,
          articleIds: moved.map((p) => p.articleId).sort(),
          counterpartIds: [],
          decidedBy: null,
          detail,
          at: now,
        });
        summary.merged++;
      }
    });
    // The read models drop the rows of the events retired (an id no longer stored is removed).
    await refreshReadModels(store, retired);
    Object.assign(summary, {
      events: next.length,
      merged: summary.merged + regrouped.merged,
      split: regrouped.split,
    });
  } else {
    await store.events.markPending(await store.events.ids(), now);
    summary.events = (await store.events.ids()).length;
  }
  const settled = await settleEvents(store, config, now);
  await store.audit.record({
    at: now,
    actor: deps.actor ?? 'system',
    action: 'reprocess',
    subject: { kind: 'database', id: from },
    detail: { ...summary },
  });
  return { ...summary, stories: (await store.stories.list()).length, assessed: settled.assessed };
}

/**
 * Returns new event id → the id it is stored under: the stored event that held most of its reports,
 * when no larger new event claims that id first (so reprocessing renames no event it can keep, and
 * running it twice changes nothing); else its own.
 */
function keepIds(
  index: EventIndex,
  assignments: Map<string, string>,
  stored: Record<string, string>,
): Map<string, string> {
  const overlap = new Map<string, Map<string, number>>();
  for (const [a, e] of assignments) {
    const old = stored[a];
    if (!old) continue;
    let m = overlap.get(e);
    if (!m) overlap.set(e, (m = new Map()));
    m.set(old, (m.get(old) ?? 0) + 1);
  }
  const pairs: { id: string; old: string; n: number }[] = [];
  for (const [id, m] of overlap) for (const [old, n] of m) pairs.push({ id, old, n });
  pairs.sort((x, y) => y.n - x.n || x.id.localeCompare(y.id) || x.old.localeCompare(y.old));
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of pairs) {
    if (names.has(p.id) || taken.has(p.old)) continue;
    names.set(p.id, p.old);
    taken.add(p.old);
  }
  // A new event whose own id is an old event's that went to another keeps a derived id (no two share one).
  for (const id of index
    .all()
    .map((c) => c.event.id)
    .sort())
    if (!names.has(id)) names.set(id, taken.has(id) ? stableId('evt', `${id}|renamed`) : id);
  return names;
}

async function inOrder(
  store: RunDeps['store'],
  ids: string[],
  position: Map<string, number>,
): Promise<ArticleRecord[]> {
  const recs = await store.articles.records(ids);
  return recs.sort((a, b) => (position.get(a.article.id) as number) - (position.get(b.article.id) as number));
}
