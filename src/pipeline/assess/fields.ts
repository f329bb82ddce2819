/**
 * Field-level events: for each field of an event — date, place, participants, category, and each
 * kind of core count — every value its reports give, with the reports giving it. Support is then a
 * count over a value's reports (collapsed into independent sources by the caller) and a dispute is a
 * field with values that do not agree.
 */
import type { NumberMention } from '../../domain/analysis.ts';
import type { EventFields, FieldValue, ReportFrame } from '../../domain/event.ts';
import { countKind } from './disputes.ts';

export interface FieldReport {
  articleId: string;
  frame: ReportFrame | null;
  participants: string[];
  /** Figures of the report's lead, and counts of people further down (rates and background already removed). */
  numbers: NumberMention[];
}

/** Returns each field's values, the best-supported first, each with its reports in id order. */
export function eventFields(reports: FieldReport[]): EventFields {
  const date = new Values();
  const place = new Values();
  const participants = new Values();
  const category = new Values();
  const numbers = new Map<string, Values>();
  for (const r of reports) {
    if (r.frame?.date) date.add(r.frame.date, r.articleId);
    if (r.frame?.place) place.add(r.frame.place, r.articleId);
    if (r.frame?.category) category.add(r.frame.category, r.articleId);
    for (const p of r.participants) participants.add(p, r.articleId);
    const counted = new Set<string>();
    for (const n of r.numbers) {
      const kind = countKind(n);
      // The report's first figure of each kind is its headline figure; a vague quantity keeps its span.
      if (!kind || counted.has(kind) || n.value < (n.counts ? 1 : 2)) continue;
      counted.add(kind);
      let values = numbers.get(kind);
      if (!values) numbers.set(kind, (values = new Values()));
      values.add(figure(n), r.articleId);
    }
  }
  return {
    date: date.list(),
    place: place.list(),
    participants: participants.list(),
    category: category.list(),
    numbers: Object.fromEntries(
      [...numbers].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, v.list()]),
    ),
  };
}

/** A figure as reports write it: "about 35", "more than 2,000", "3,000–9,999" for a vague quantity. */
function figure(n: NumberMention): string {
  if (n.range) return `${n.range.min.toLocaleString('en-GB')}–${n.range.max.toLocaleString('en-GB')}`;
  const qualifier = n.approx ? `${n.approx.replace('-', ' ')} ` : '';
  return `${qualifier}${n.value.toLocaleString('en-GB')}`;
}

class Values {
  private readonly byValue = new Map<string, Set<string>>();

  add(value: string, articleId: string): void {
    let ids = this.byValue.get(value);
    if (!ids) this.byValue.set(value, (ids = new Set()));
    ids.add(articleId);
  }

  list(): FieldValue[] {
    return [...this.byValue]
      .map(([value, ids]) => ({ value, articleIds: [...ids].sort() }))
      .sort((a, b) => b.articleIds.length - a.articleIds.length || a.value.localeCompare(b.value));
  }
}
