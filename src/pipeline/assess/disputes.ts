/** Field-level disputes: independent sources giving different figures for the same count. */
import type { Dispute, IndependentSource } from '../../domain/assessment.ts';
import type { NumberMention } from '../../domain/analysis.ts';
import { comparableFigures, type ScopedFigure } from './figure-scope.ts';

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
  ['displaced', /^(evacuated|evacuees|displaced|residents)$/],
  ['countries', /^(countries|nations|states|delegations?|governments)$/],
  ['area', /^(hectares|acres)$/],
  ['buildings', /^(homes|houses|buildings)$/],
  ['villages', /^villages?$/],
  ['arrests', /^(arrests|arrested|detained|detentions)$/],
  ['missing', /^missing$/],
  ['troops', /^(troops|soldiers|firefighters|officers|police)$/],
];

/** Figures closer than this (relative) are the same figure rounded differently. */
export const SAME_FIGURE = 0.1;

export interface ReportNumbers {
  articleId: string;
  outletName: string;
  /** The report's figures: its lead's, and counts of people wherever they stand, with their scopes (report-figures.ts). */
  numbers: ScopedFigure[];
}

/** What a figure allows: a point, a point give or take ("about 35"), or a bound ("at least 8"). */
interface Span {
  lo: number;
  hi: number;
}

/** A figure's claim: what it allows, and the figure itself for its scope. */
interface Claim {
  span: Span;
  figure: ScopedFigure;
}

/**
 * Returns the disputes between independent sources over core counts. A count of what happened to
 * people ("eight people were killed", "the death toll rose to 15") is compared wherever the report
 * gives it, every such figure of a report standing for it (a report that gives 8 and then 10
 * contradicts neither; "one person killed" disputes "four killed"); another count (participants,
 * homes) is its report's first figure of that kind, and counts of two or more. Two figures are
 * compared only when they count over the same stretch (figure-scope.ts): one night's arrests are no
 * dispute with a week's, nor "another 20" with anything.
 */
export function findDisputes(sources: IndependentSource[], reports: ReportNumbers[]): Dispute[] {
  const claims = new Map<string, FieldClaim<Claim>[]>();
  for (const r of reports) {
    for (const n of disputableFigures(r.numbers)) {
      const kind = countKind(n) as string;
      const list = claims.get(kind) ?? [];
      list.push({
        value: { span: span(n), figure: n },
        label: label(n),
        articleId: r.articleId,
        outlet: r.outletName,
      });
      claims.set(kind, list);
    }
  }
  return [...claims].flatMap(
    ([kind, list]) =>
      disputeOver(
        kind,
        sources,
        list,
        (a, b) => overlap(a.span, b.span),
        (a, b) => comparableFigures(a.figure, b.figure),
      ) ?? [],
  );
}

/**
 * A report's figures that can dispute another report's: core counts, every count of what happened to
 * people and the first figure of each other kind, in the report's order.
 */
export function disputableFigures(numbers: ScopedFigure[]): ScopedFigure[] {
  const seen = new Set<string>();
  return numbers.filter((n) => {
    const kind = countKind(n);
    // A vague quantity ("hundreds of", "several thousand") disputes no figure: it allows many.
    if (!kind || n.value < (n.counts ? 1 : 2) || n.range) return false;
    if (seen.has(kind) && !n.counts) return false;
    seen.add(kind);
    return true;
  });
}

/** The kind of count a figure is: what happened to the people it counts, else the class of its noun. */
export function countKind(n: NumberMention): string | null {
  return n.counts ?? (n.unit ? countClass(n.unit) : null);
}

function span(n: ScopedFigure): Span {
  switch (n.approx) {
    case 'at-least':
    case 'more-than':
      return { lo: n.value, hi: Infinity };
    case 'less-than':
    case 'up-to':
      return { lo: 0, hi: n.value };
    case 'about':
      return { lo: n.value * (1 - SAME_FIGURE), hi: n.value * (1 + SAME_FIGURE) };
    default:
      return { lo: n.value, hi: n.value };
  }
}

/** A figure as the report qualifies it: "at least 8", "more than 200", "15". */
function label(n: ScopedFigure): string {
  const figure = n.value.toLocaleString('en-GB');
  return n.approx && n.approx !== 'about' ? `${n.approx.replace('-', ' ')} ${figure}` : figure;
}

/** One report's value for a field of its event, with how it is shown. */
export interface FieldClaim<T> {
  value: T;
  label: string;
  articleId: string;
  outlet: string;
}

/**
 * The dispute over one field, or null: some two independent sources give values that can be compared
 * (`comparable`: by default any two) and no comparable pair of which agree. Reports of one source are
 * one voice (a source that gives two values contradicts nobody). The dispute lists the values of the
 * comparable pairs of the sources that disagree.
 */
export function disputeOver<T>(
  field: string,
  sources: IndependentSource[],
  claims: FieldClaim<T>[],
  agree: (a: T, b: T) => boolean,
  comparable: (a: T, b: T) => boolean = () => true,
): Dispute | null {
  const sourceOf = new Map<string, number>();
  sources.forEach((s, i) => s.articleIds.forEach((a) => sourceOf.set(a, i)));
  // Claims of one value are compared once: each distinct value gets a number, and each source the set of
  // value numbers it gives (an event of hundreds of reports has a handful of distinct values).
  const valueOf = new Map<string, number>();
  const values: T[] = [];
  const claimsOf = new Map<number, [FieldClaim<T>, number][]>(); // source → its claims with value numbers
  for (const c of claims) {
    const si = sourceOf.get(c.articleId);
    if (si === undefined) continue;
    const key = valueKey(c.value);
    let vi = valueOf.get(key);
    if (vi === undefined) {
      vi = values.length;
      valueOf.set(key, vi);
      values.push(c.value);
    }
    const list = claimsOf.get(si);
    if (list) list.push([c, vi]);
    else claimsOf.set(si, [[c, vi]]);
  }
  const memo = new Map<number, { comparable: boolean; agree: boolean }>();
  const judge = (x: number, y: number) => {
    const k = x * values.length + y;
    let j = memo.get(k);
    if (!j) {
      const a = values[x] as T;
      const b = values[y] as T;
      const can = comparable(a, b);
      memo.set(k, (j = { comparable: can, agree: can && agree(a, b) }));
    }
    return j;
  };
  const perSource = [...claimsOf.values()].map((list) => [...new Set(list.map(([, vi]) => vi))]);
  const marked = new Set<string>(); // "source index in perSource:value number" of the values shown
  perSource.forEach((a, i) =>
    perSource.slice(i + 1).forEach((b, k) => {
      const pairs = a.flatMap((x) => b.filter((y) => judge(x, y).comparable).map((y) => [x, y] as const));
      if (!pairs.length || pairs.some(([x, y]) => judge(x, y).agree)) return;
      for (const [x, y] of pairs) marked.add(`${i}:${x}`).add(`${i + 1 + k}:${y}`);
    }),
  );
  if (!marked.size) return null;
  const byLabel = new Map<string, { value: string; articleIds: string[]; outlets: string[] }>();
  [...claimsOf.values()].forEach((list, si) => {
    for (const [c, vi] of list) {
      if (!marked.has(`${si}:${vi}`)) continue;
      const v = byLabel.get(c.label) ?? { value: c.label, articleIds: [], outlets: [] };
      v.articleIds.push(c.articleId);
      if (!v.outlets.includes(c.outlet)) v.outlets.push(c.outlet);
      byLabel.set(c.label, v);
    }
  });
  return { field, values: [...byLabel.values()] };
}

/** A value as a key: equal values (numbers, dates, places, figure spans) give equal keys. */
function valueKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `n:${String(v)}` : v,
  );
}

/**
 * Whether two figures agree: what they allow overlaps, or lies within SAME_FIGURE of the larger
 * ("at least 8" agrees with 15; "more than 200" does not agree with 150; "about 35" with 38).
 */
function overlap(a: Span, b: Span): boolean {
  const gap = Math.max(0, a.lo - b.hi, b.lo - a.hi);
  const scale = Math.max(a.lo, b.lo, ...[a.hi, b.hi].filter(Number.isFinite));
  return gap <= SAME_FIGURE * scale;
}

/** The class of count a noun belongs to, or null for a noun that is not a core count. */
export function countClass(noun: string): string | null {
  return COUNT_CLASSES.find(([, re]) => re.test(noun))?.[0] ?? null;
}
