/** Field-level disputes: independent sources giving different figures for the same count. */
import type { Dispute, IndependentSource } from '../../domain/assessment.ts';
import type { NumberMention } from '../../domain/analysis.ts';

/**
 * Classes of core counts: how many took part, died, were hurt, fled, met. A figure's noun
 * puts it in a class, so "3,000 members" and "1,800 workers" are compared as one count.
 * Other numbers (money, percentages, ages) vary with what a report chose to mention, so
 * they are left to later calibration rather than flagged.
 */
export const COUNT_CLASSES: readonly [string, RegExp][] = [
  [
    'participants',
    /^(workers?|dockworkers?|dockers?|strikers?|members?|employees?|staff|people|persons?|protesters?|demonstrators?|participants?|marchers?)$/,
  ],
  ['deaths', /^(dead|deaths?|killed|fatalities|bodies)$/],
  ['injured', /^(injured|wounded|injuries|hurt)$/],
  ['evacuated', /^(evacuated|evacuees|displaced|residents)$/],
  ['countries', /^(countries|nations|states|delegations?|governments)$/],
  ['area', /^(hectares|acres)$/],
  ['buildings', /^(homes|houses|buildings)$/],
  ['villages', /^villages?$/],
  ['arrests', /^(arrests|arrested|detained|detentions)$/],
  ['troops', /^(troops|soldiers|firefighters|officers|police)$/],
];

/** Figures closer than this (relative) are the same figure rounded differently. */
export const SAME_FIGURE = 0.1;

export interface ReportNumbers {
  articleId: string;
  outletName: string;
  /** Numbers in the report's lead, where its headline figures are. */
  numbers: NumberMention[];
}

/** Returns the disputes between independent sources over core counts. */
export function findDisputes(sources: IndependentSource[], reports: ReportNumbers[]): Dispute[] {
  const claims = new Map<string, FieldClaim<number>[]>();
  for (const r of reports) {
    const seen = new Set<string>();
    for (const n of r.numbers) {
      const unit = n.unit ? countClass(n.unit) : null;
      // A vague quantity ("hundreds of", "several thousand") disputes no figure: it allows many.
      if (!unit || seen.has(unit) || n.value < 2 || n.range) continue;
      seen.add(unit);
      const list = claims.get(unit) ?? [];
      list.push({
        value: n.value,
        label: n.value.toLocaleString('en-GB'),
        articleId: r.articleId,
        outlet: r.outletName,
      });
      claims.set(unit, list);
    }
  }
  return [...claims].flatMap(([unit, list]) => disputeOver(unit, sources, list, close) ?? []);
}

/** One report's value for a field of its event, with how it is shown. */
export interface FieldClaim<T> {
  value: T;
  label: string;
  articleId: string;
  outlet: string;
}

/**
 * The dispute over one field, or null: some two independent sources give values no pair of which
 * agree. Reports of one source are one voice (a source that gives two values contradicts nobody).
 */
export function disputeOver<T>(
  field: string,
  sources: IndependentSource[],
  claims: FieldClaim<T>[],
  agree: (a: T, b: T) => boolean,
): Dispute | null {
  const sourceOf = new Map<string, number>();
  sources.forEach((s, i) => s.articleIds.forEach((a) => sourceOf.set(a, i)));
  const bySource = new Map<number, FieldClaim<T>[]>();
  for (const c of claims) {
    const si = sourceOf.get(c.articleId);
    if (si === undefined) continue;
    bySource.set(si, [...(bySource.get(si) ?? []), c]);
  }
  const perSource = [...bySource.values()];
  const disagree = perSource.some((a, i) =>
    perSource.slice(i + 1).some((b) => !a.some((x) => b.some((y) => agree(x.value, y.value)))),
  );
  if (!disagree) return null;
  const values = new Map<string, { value: string; articleIds: string[]; outlets: string[] }>();
  for (const c of perSource.flat()) {
    const v = values.get(c.label) ?? { value: c.label, articleIds: [], outlets: [] };
    v.articleIds.push(c.articleId);
    if (!v.outlets.includes(c.outlet)) v.outlets.push(c.outlet);
    values.set(c.label, v);
  }
  return { field, values: [...values.values()] };
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_FIGURE * Math.max(a, b);
}

/** The class of count a noun belongs to, or null for a noun that is not a core count. */
export function countClass(noun: string): string | null {
  return COUNT_CLASSES.find(([, re]) => re.test(noun))?.[0] ?? null;
}
