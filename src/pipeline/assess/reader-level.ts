/**
 * An event's level as a reader with a source policy sees it, from the support stored with its assessment
 * (what each report gave the level when its text was read): the policy's outlets left out, its lowered
 * outlets counted as low-tier, and the same judge as the assessment (assess.ts, judgeSupport) applied to
 * what is left. No report text is read, so it costs a fraction of assessing the event again.
 */
import type { AssessmentSupport, ConfidenceLevel } from '../../domain/assessment.ts';
import type { Outlet } from '../../domain/outlet.ts';
import {
  judgeSupport,
  outletsByName,
  retractedAssessment,
  type JudgedReport,
  type LadderOptions,
  type OutletsByName,
} from './assess.ts';

/**
 * A reader's source policy: outlets left out, and outlets whose reports count no more than a
 * low-tier outlet's (never trusted, never primary). Kept by the reader, not stored.
 */
export interface ReaderPolicy {
  exclude: string[];
  lower: string[];
}

/** The level of an event for one reader, with what explains it. */
export interface ReaderLevel {
  level: ConfidenceLevel;
  independentSources: number;
  explanation: string;
  next: string | null;
}

/** The outlets as one policy weighs them, indexed once for every event judged under it. */
export interface PolicyOutlets {
  policy: ReaderPolicy;
  byId: ReadonlyMap<string, Outlet>;
  byName: OutletsByName;
  excluded: ReadonlySet<string>;
}

/** Weighs the known outlets under a policy: its lowered outlets become low-tier. */
export function weighOutlets(outlets: readonly Outlet[], policy: ReaderPolicy): PolicyOutlets {
  const lower = new Set(policy.lower);
  const weighed = outlets.map((o) => (lower.has(o.id) ? { ...o, tier: 'low' as const } : o));
  return {
    policy,
    byId: new Map(weighed.map((o) => [o.id, o])),
    byName: outletsByName(weighed),
    excluded: new Set(policy.exclude),
  };
}

/**
 * Returns the event's level, independent-source count, explanation and next step under the policy whose
 * outlets are given (weighOutlets): the cost is the event's reports, not the outlet registry.
 */
export function levelForPolicy(
  support: AssessmentSupport,
  weighed: PolicyOutlets,
  opts: LadderOptions,
): ReaderLevel {
  const { byId, excluded } = weighed;
  const kept = (outletId: string | null) => !excluded.has(outletId ?? '');
  // 1. Retracted when every member report left is withdrawn (none left is not Retracted: no source stands).
  const members = [
    ...support.reports.map((r) => ({ outletId: r.outletId as string | null, status: 'active' })),
    ...support.others,
  ].filter((m) => kept(m.outletId));
  if (members.length && members.every((m) => m.status === 'withdrawn')) {
    const names = members.map((m) => byId.get(m.outletId ?? '')?.name ?? m.outletId ?? 'unknown outlet');
    const a = retractedAssessment('', names, '');
    return { level: a.level, independentSources: 0, explanation: a.explanation, next: a.next };
  }
  // 2. The reports left, each weighed by its outlet as the reader weighs it, judged as the assessment judges.
  const reports = support.reports.flatMap((s): JudgedReport[] => {
    const outlet = kept(s.outletId) ? byId.get(s.outletId) : undefined;
    return outlet ? [{ support: s, outlet }] : [];
  });
  const judged = judgeSupport(reports, weighed.byName, opts, support.resolutions);
  return {
    level: judged.level,
    independentSources: judged.sources.length,
    explanation: judged.explanation,
    next: judged.next,
  };
}
