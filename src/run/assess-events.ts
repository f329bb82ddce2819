/** Orchestration of assessment: load each event's reports, run the stage, store level history and tones. */
import type { ConfidenceConfig } from '../config/config.ts';
import type { ArticleRecord } from '../domain/article.ts';
import type { Assessment } from '../domain/assessment.ts';
import type { Outlet } from '../domain/outlet.ts';
import { assessEvent, retractedAssessment, type AssessResult } from '../pipeline/assess/assess.ts';
import type { ReportFrame } from '../domain/event.ts';
import type { ReaderPolicy } from '../pipeline/assess/reader-level.ts';
import { passageRecord, reportFeatures, reportFrame, reportPassages } from '../pipeline/resolve/index.ts';
import type { Store } from '../storage/store.ts';

/** Assesses the given events and returns how many changed level or detail. */
export async function assessEvents(
  store: Store,
  eventIds: string[],
  cfg: ConfidenceConfig,
  now: string,
): Promise<number> {
  const outlets = await store.outlets.list();
  let changed = 0;
  for (const eventId of eventIds) {
    const reports = await store.events.reports(eventId);
    const { assessment, tones, fields } = await computeAssessment(store, eventId, outlets, cfg, now, {
      known: reports,
    });
    await store.transaction(async (repos) => {
      await repos.events.putFields(eventId, fields);
      if (await repos.events.saveAssessment(assessment)) changed++;
      for (const r of reports) {
        const tone = tones.get(r.articleId) ?? null;
        if (tone !== r.tone) await repos.events.addReport({ ...r, tone });
      }
    });
  }
  return changed;
}

export type { ReaderPolicy } from '../pipeline/assess/reader-level.ts';

/** Returns the event's assessment as a reader with this policy sees it (computed, not stored). */
export async function assessForReader(
  store: Store,
  eventId: string,
  policy: ReaderPolicy,
  cfg: ConfidenceConfig,
  now: string,
): Promise<Assessment> {
  const outlets = (await store.outlets.list()).map((o) =>
    policy.lower.includes(o.id) ? { ...o, tier: 'low' as const } : o,
  );
  const excluded = new Set(policy.exclude);
  return (await computeAssessment(store, eventId, outlets, cfg, now, { excluded })).assessment;
}

/**
 * The event's assessment were `extra` among its reports (computed, not stored; an extra report already
 * in it stands in for the stored one): what adding a report would make of it. `outlets` hold the extra
 * reports' outlets.
 */
export async function assessWith(
  store: Store,
  eventId: string,
  extra: ArticleRecord[],
  outlets: Outlet[],
  cfg: ConfidenceConfig,
  now: string,
): Promise<Assessment> {
  return (await computeAssessment(store, eventId, outlets, cfg, now, { extra })).assessment;
}

/** What an assessment is computed from besides the event's stored reports. */
interface AssessmentInputs {
  /** Outlets whose reports are left out (a reader's policy). */
  excluded?: ReadonlySet<string>;
  /** Reports counted as if they were among the event's. */
  extra?: ArticleRecord[];
  /** The event's reports, when the caller has read them. */
  known?: Awaited<ReturnType<Store['events']['reports']>>;
}

/** The assessment of an event from its stored reports, as `inputs` amend them. */
async function computeAssessment(
  store: Store,
  eventId: string,
  outlets: Outlet[],
  cfg: ConfidenceConfig,
  now: string,
  { excluded = new Set(), extra = [], known }: AssessmentInputs = {},
): Promise<AssessResult> {
  const outletById = new Map(outlets.map((o) => [o.id, o]));
  const reports = known ?? (await store.events.reports(eventId));
  const added = new Set(extra.map((r) => r.article.id));
  const members = [
    ...(await memberPassages(
      store,
      eventId,
      reports.map((r) => r.articleId).filter((id) => !added.has(id)),
    )),
    ...extra.map((record) => ({ record, offset: 0, frame: null })),
  ].filter((m) => !excluded.has(m.record.article.outletId ?? ''));
  const records = members.map((m) => m.record);
  // The frame stored with each report (its passage's, for a round-up's) as the resolver made it; read
  // again from the report where none is stored.
  const stored = new Map(reports.map((r) => [r.articleId, r.frame ?? null]));
  const frames = new Map(
    members.map((m) => {
      const id = m.record.article.id;
      return [id, m.frame ?? (added.has(id) ? null : stored.get(id)) ?? frameOf(m.record)];
    }),
  );
  const input = records.flatMap((r) => {
    const outlet = r.article.outletId ? outletById.get(r.article.outletId) : undefined;
    return outlet && r.article.status === 'active'
      ? [
          {
            articleId: r.article.id,
            publishedAt: r.article.publishedAt,
            outlet,
            provenance: r.provenance,
            analysis: r.analysis,
            text: r.article.text,
            frame: frames.get(r.article.id) ?? frameOf(r),
          },
        ]
      : [];
  });
  // Members not assessed (withdrawn, or of an outlet not known) are kept in the support: they decide Retracted.
  const assessed = new Set(input.map((r) => r.articleId));
  const others = records
    .filter((r) => !assessed.has(r.article.id))
    .map((r) => ({ articleId: r.article.id, outletId: r.article.outletId, status: r.article.status }));
  const withdrawn = records.filter((r) => r.article.status === 'withdrawn');
  if (records.length && withdrawn.length === records.length) {
    const by = withdrawn.map(
      (r) => outletById.get(r.article.outletId ?? '')?.name ?? r.article.outletId ?? 'unknown outlet',
    );
    return {
      assessment: {
        ...retractedAssessment(eventId, by, now),
        support: { reports: [], others, resolutions: [] },
      },
      tones: new Map(),
      fields: assessEvent(eventId, [], outlets, cfg, now).fields,
      support: [],
    };
  }
  const resolutions = await store.events.resolutions(eventId);
  const result = assessEvent(eventId, input, outlets, cfg, now, resolutions);
  return {
    ...result,
    assessment: { ...result.assessment, support: { reports: result.support, others, resolutions } },
  };
}

/** The report's own reading of its event, read from it again (a report stored before frames were). */
function frameOf(r: ArticleRecord): ReportFrame {
  return reportFrame(r, reportFeatures(r));
}

/**
 * The records of an event's reports, each as the part that tells of this event: a report of one event
 * whole, a report of several events as the passage that tells of this one.
 */
export async function memberRecords(
  store: Store,
  eventId: string,
  reportIds: string[],
): Promise<ArticleRecord[]> {
  return (await memberPassages(store, eventId, reportIds)).map((m) => m.record);
}

/** An event's report or passage as its card and assessment read it. */
export interface MemberPassage {
  record: ArticleRecord;
  offset: number;
  frame: ReportFrame | null;
}

/**
 * The same records, each with where its text starts in the stored article (0 for a whole report), and
 * for a round-up's passage the frame stored with it (null: a report's own is with its event report).
 */
export async function memberPassages(
  store: Store,
  eventId: string,
  reportIds: string[],
): Promise<MemberPassage[]> {
  return (await memberPassagesOf(store, [{ eventId, reportIds }])).get(eventId) ?? [];
}

/**
 * `memberPassages` of several events at once (a story's), each read once: one query per 400 events for
 * their passages, and per 400 articles for the records. Each event's members are in the order of their
 * articles' ids.
 */
export async function memberPassagesOf(
  store: Store,
  events: readonly { eventId: string; reportIds: readonly string[] }[],
): Promise<Map<string, MemberPassage[]>> {
  const passagesOf = await store.events.passagesOf(events.map((e) => e.eventId));
  const wanted = events.map((e) => {
    const mine = new Set(e.reportIds);
    const passages = (passagesOf.get(e.eventId) ?? []).filter((p) => !mine.has(p.articleId));
    return { ...e, mine, passageOf: new Map(passages.map((p) => [p.articleId, p])) };
  });
  const ids = [...new Set(wanted.flatMap((e) => [...e.mine, ...e.passageOf.keys()]))];
  const records = new Map<string, ArticleRecord>();
  for (let i = 0; i < ids.length; i += 400)
    for (const r of await store.articles.records(ids.slice(i, i + 400))) records.set(r.article.id, r);
  const out = new Map<string, MemberPassage[]>();
  for (const e of wanted) {
    const members = [...new Set([...e.mine, ...e.passageOf.keys()])].sort().flatMap((id) => {
      const r = records.get(id);
      if (!r) return [];
      // A report of several events whose first event this is backs it with its first passage.
      const mine = e.mine.has(id);
      const p = mine ? reportPassages(r)[0] : e.passageOf.get(id);
      const frame = mine ? null : (e.passageOf.get(id)?.frame ?? null);
      return [
        { ...(p ? { record: passageRecord(r, p), offset: p.start } : { record: r, offset: 0 }), frame },
      ];
    });
    out.set(e.eventId, members);
  }
  return out;
}
