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
  ['participants', /^(workers?|dockworkers?|dockers?|strikers?|members?|employees?|staff|people|persons?|protesters?|demonstrators?|participants?|marchers?)$/],
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
  const sourceOf = new Map<string, number>();
  sources.forEach((s, i) => s.articleIds.forEach((a) => sourceOf.set(a, i)));
  // unit → source index → first figure of each report
  const figures = new Map<string, Map<number, { value: number; articleId: string; outlet: string }[]>>();
  for (const r of reports) {
    const si = sourceOf.get(r.articleId);
    if (si === undefined) continue;
    const seen = new Set<string>();
    for (const n of r.numbers) {
      const unit = n.unit ? countClass(n.unit) : null;
      // A vague quantity ("hundreds of", "several thousand") disputes no figure: it allows many.
      if (!unit || seen.has(unit) || n.value < 2 || n.range) continue;
      seen.add(unit);
      const bySource = figures.get(unit) ?? new Map();
      const list = bySource.get(si) ?? [];
      list.push({ value: n.value, articleId: r.articleId, outlet: r.outletName });
      bySource.set(si, list);
      figures.set(unit, bySource);
    }
  }
  const out: Dispute[] = [];
  for (const [unit, bySource] of figures) {
    const values = new Map<string, { value: string; articleIds: string[]; outlets: string[] }>();
    const perSource = [...bySource.values()];
    let disagree = false;
    for (let i = 0; i < perSource.length; i++) {
      for (let j = i + 1; j < perSource.length; j++) {
        const a = perSource[i] as { value: number }[];
        const b = perSource[j] as { value: number }[];
        if (!a.some((x) => b.some((y) => close(x.value, y.value)))) disagree = true;
      }
    }
    if (!disagree) continue;
    for (const list of perSource) {
      for (const f of list) {
        const key = f.value.toLocaleString('en-GB');
        const v = values.get(key) ?? { value: key, articleIds: [], outlets: [] };
        v.articleIds.push(f.articleId);
        if (!v.outlets.includes(f.outlet)) v.outlets.push(f.outlet);
        values.set(key, v);
      }
    }
    out.push({ field: unit, values: [...values.values()] });
  }
  return out;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_FIGURE * Math.max(a, b);
}

/** The class of count a noun belongs to, or null for a noun that is not a core count. */
export function countClass(noun: string): string | null {
  return COUNT_CLASSES.find(([, re]) => re.test(noun))?.[0] ?? null;
}
