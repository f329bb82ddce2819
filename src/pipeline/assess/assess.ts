/**
 * The assess stage: how established an event is.
 *   1. collapse reports into independent sources (copies, credits, owners, citations);
 *   2. find disputes over core counts between those sources (figures of the lead, and counts of
 *      people wherever the report gives them: report-figures.ts);
 *   3. place the event on the confidence ladder and explain why (DESIGN.md);
 *   4. read each report's tone from its lead sentence, a denial counting only when it denies the
 *      event's own claim (report-tone.ts).
 */
import type { Analysis, CertaintyLevel, ScopedFigure } from '../../domain/analysis.ts';
import type {
  Assessment,
  ConfidenceLevel,
  Dispute,
  DisputeResolution,
  IndependentSource,
  ReportSupport,
} from '../../domain/assessment.ts';
import type { Outlet } from '../../domain/outlet.ts';
import type { Provenance } from '../../domain/provenance.ts';
import type { EventFields, ReportFrame } from '../../domain/event.ts';
import { disputableFigures, disputeOver, findDisputes } from './disputes.ts';
import { eventFields } from './fields.ts';
import { independentSources } from './independence.ts';
import { reportFigures } from './report-figures.ts';
import { eventDenials, LEAD_SENTENCES, reportTones } from './report-tone.ts';

export interface AssessReport {
  articleId: string;
  publishedAt: string | null;
  outlet: Outlet;
  provenance: Provenance;
  analysis: Analysis;
  text: string;
  /** What the resolver read as the report's event: its date, place and category. */
  frame?: ReportFrame;
}

export interface LadderOptions {
  likelySources: number;
  verifiedSources: number;
  verifiedTrusted: number;
  /** Who settles a dispute besides an editor (config `confidence.disputeRule`). */
  disputeRule?: 'none' | 'trusted-majority';
}

export interface AssessResult {
  assessment: Assessment;
  tones: Map<string, CertaintyLevel>;
  /** Each field's values with the reports that give them. */
  fields: EventFields;
  /** What each report gives the level (stored with the assessment, so a reader's policy needs no text). */
  support: ReportSupport[];
}

/** Returns the event's assessment, the tone of each of its reports and what its level rests on. */
export function assessEvent(
  eventId: string,
  reports: AssessReport[],
  knownOutlets: Outlet[],
  opts: LadderOptions,
  now: string,
  resolutions: DisputeResolution[] = [],
): AssessResult {
  const numbers = new Map(reports.map((r) => [r.articleId, reportFigures(r, leadEnd(r))]));
  const support = reportSupport(reports, numbers);
  const { sources, disputes, level, explanation, next } = judgeSupport(
    support.map((s, i) => ({ support: s, outlet: (reports[i] as AssessReport).outlet })),
    knownOutlets,
    opts,
    resolutions,
  );
  const toneReports = reports.map((r) => ({ ...r, outletName: r.outlet.name }));
  const tones = reportTones(toneReports);
  const fields = eventFields(
    reports.map((r) => ({
      articleId: r.articleId,
      frame: r.frame ?? null,
      participants: leadParticipants(r),
      numbers: numbers.get(r.articleId) ?? [],
    })),
  );
  const denials = eventDenials(toneReports);
  return {
    assessment: {
      eventId,
      level,
      sources,
      disputes,
      ...(denials.length ? { denials } : {}),
      explanation,
      next,
      computedAt: now,
    },
    tones,
    fields,
    support,
  };
}

/** A report's support as judged: what its text gave, and its outlet as the judge should weigh it. */
export interface JudgedReport {
  support: ReportSupport;
  outlet: Outlet;
}

/**
 * Returns an event's independent sources, its disputes (settled where they are) and its place on the
 * ladder, from what its reports support; reads no text, so a reader's source policy can be applied to
 * stored support (reader-level.ts) exactly as the assessment applied it.
 */
export function judgeSupport(
  reports: JudgedReport[],
  knownOutlets: Outlet[] | OutletsByName,
  opts: LadderOptions,
  resolutions: DisputeResolution[],
): { sources: IndependentSource[]; disputes: Dispute[] } & ReturnType<typeof ladder> {
  const byName = withReportOutlets(
    Array.isArray(knownOutlets) ? outletsByName(knownOutlets) : knownOutlets,
    reports.map((r) => r.outlet),
  );
  const sources = independentSources(
    reports.map(({ support: s, outlet }) => ({
      articleId: s.articleId,
      outlet,
      provenance: { lineage: s.lineage },
      citesOnly: s.citesOnly,
    })),
    byName,
  );
  const dated = reports.flatMap(({ support: s, outlet }) =>
    s.day ? [{ value: Date.parse(s.day), label: s.day, articleId: s.articleId, outlet: outlet.name }] : [],
  );
  const placed = reports.flatMap(({ support: s, outlet }) =>
    s.place ? [{ value: s.place, label: s.place.name, articleId: s.articleId, outlet: outlet.name }] : [],
  );
  const disputes = [
    disputeOver('date', sources, dated, (a, b) => Math.abs(a - b) <= SAME_DAY_MS),
    disputeOver('place', sources, placed, (a, b) => kmApart(a, b) <= SAME_PLACE_KM),
    ...findDisputes(
      sources,
      reports.map(({ support: s, outlet }) => ({
        articleId: s.articleId,
        outletName: outlet.name,
        numbers: s.figures,
      })),
    ),
  ].flatMap((d) => (d ? [settle(d, sources, resolutions, opts)] : []));
  return { sources, disputes, ...ladder(sources, disputes, opts) };
}

/** Known outlets by lower-cased name (a later one of the same name wins), as the citation judge looks them up. */
export type OutletsByName = ReadonlyMap<string, Outlet>;

/** Indexes outlets by lower-cased name; built once and shared by many judgements (a reader's policy). */
export function outletsByName(outlets: readonly Outlet[]): OutletsByName {
  const byName = new Map<string, Outlet>();
  for (const o of outlets) byName.set(o.name.toLowerCase(), o);
  return byName;
}

/** The index with the reports' own outlets over it: the same map when they are in it already, else a copy. */
function withReportOutlets(known: OutletsByName, own: readonly Outlet[]): OutletsByName {
  if (own.every((o) => known.get(o.name.toLowerCase()) === o)) return known;
  const byName = new Map(known);
  for (const o of own) byName.set(o.name.toLowerCase(), o);
  return byName;
}

/**
 * What each report gives the level, read from its text once: its lineage, whether its lead only cites,
 * the day and place its lead states (with the event's other places its text names), its disputable figures.
 */
function reportSupport(reports: AssessReport[], numbers: Map<string, ScopedFigure[]>): ReportSupport[] {
  const places = reports.map(placeClaim);
  const names = [...new Set(places.flatMap((p) => (p ? [p.name] : [])))];
  return reports.map((r, i) => {
    const place = places[i];
    return {
      articleId: r.articleId,
      outletId: r.outlet.id,
      lineage: r.provenance.lineage,
      citesOnly: citesInLead(r),
      day: calendarDay(r),
      place: place ? { ...place, alsoNames: names.filter((n) => r.text.includes(n)) } : null,
      figures: disputableFigures(numbers.get(r.articleId) ?? []),
    };
  });
}

/**
 * The assessment of an event every report of which was withdrawn by its outlet: Retracted, naming
 * the outlets (its history keeps what it was before).
 */
export function retractedAssessment(eventId: string, withdrawnBy: string[], now: string): Assessment {
  const outlets = [...new Set(withdrawnBy)].sort();
  return {
    eventId,
    level: 'Retracted',
    sources: [],
    disputes: [],
    next: null,
    computedAt: now,
    explanation: `Every report behind this event has been withdrawn${outlets.length ? ` (${outlets.join(', ')})` : ''}.`,
  };
}

/**
 * A dispute as settled: by an editor's resolution of its field, else by the configured rule (with
 * 'trusted-majority', a value backed by two or more trusted or primary independent sources while no
 * other value has any), else open.
 */
function settle(
  d: Dispute,
  sources: IndependentSource[],
  resolutions: DisputeResolution[],
  o: LadderOptions,
): Dispute {
  const byEditor = resolutions.find((r) => r.field === d.field);
  if (byEditor)
    return {
      ...d,
      resolved: { value: byEditor.value, by: 'editor', who: byEditor.decidedBy, note: byEditor.note },
    };
  if (o.disputeRule !== 'trusted-majority') return d;
  const strong = (v: Dispute['values'][number]) =>
    sources.filter(
      (s) =>
        (s.tier === 'trusted' || s.tier === 'primary') && s.articleIds.some((a) => v.articleIds.includes(a)),
    ).length;
  const backed = d.values.map((v) => ({ v, n: strong(v) }));
  const winners = backed.filter((b) => b.n >= 2);
  if (winners.length === 1 && backed.every((b) => b === winners[0] || b.n === 0))
    return {
      ...d,
      resolved: {
        value: (winners[0] as { v: { value: string } }).v.value,
        by: 'rule',
        who: null,
        note: null,
      },
    };
  return d;
}

/** Returns the level, the sentence that explains it, and what would raise it (settled disputes do not count). */
export function ladder(
  sources: IndependentSource[],
  all: Dispute[],
  o: LadderOptions,
): { level: ConfidenceLevel; explanation: string; next: string | null } {
  const disputes = all.filter((d) => !d.resolved);
  const settled = all
    .filter((d) => d.resolved)
    .map(
      (d) =>
        ` The dispute over ${d.field} was settled ${d.resolved?.by === 'editor' ? `by an editor${d.resolved.who ? ` (${d.resolved.who})` : ''}` : 'by the rule in force (a clear majority of trusted sources)'}: ${d.resolved?.value}.`,
    )
    .join('');
  const rated = rate(sources, disputes, o);
  return { ...rated, explanation: rated.explanation + settled };
}

function rate(
  sources: IndependentSource[],
  disputes: Dispute[],
  o: LadderOptions,
): { level: ConfidenceLevel; explanation: string; next: string | null } {
  const n = sources.length;
  const strong = sources.filter((s) => s.tier === 'trusted' || s.tier === 'primary');
  if (disputes.length) {
    const d = disputes[0] as Dispute;
    const says = d.values.map((v) => `${v.value} (${v.outlets.join(', ')})`).join(' vs ');
    return {
      level: 'Disputed',
      explanation: `Independent sources contradict each other on ${d.field}: ${says}.`,
      next: 'A source that settles the disputed fact would resolve it.',
    };
  }
  if (n >= o.verifiedSources && strong.length >= o.verifiedTrusted) {
    return {
      level: 'Verified',
      explanation: `Confirmed by ${n} independent sources, including ${strong.map((s) => s.label).join(', ')}.`,
      next: null,
    };
  }
  const named = sources.map((s) => s.label).join(', ');
  if (n >= o.likelySources) {
    const missing = Math.max(0, o.verifiedSources - n);
    const missingStrong = Math.max(0, o.verifiedTrusted - strong.length);
    const need =
      missingStrong > 0
        ? `${missingStrong === 1 ? 'One more trusted source' : `${missingStrong} more trusted sources`} could elevate it to verified.`
        : `${missing === 1 ? 'One more independent source' : `${missing} more independent sources`} could elevate it to verified.`;
    return {
      level: 'Likely',
      explanation: `Reported by ${n} independent sources (${named}). Two or more independent sources agree on the core facts.`,
      next: need,
    };
  }
  return {
    level: 'Unconfirmed',
    explanation: n ? `Reported by one source only (${named}).` : 'Reported by no source still standing.',
    next: 'A second independent source would raise it to likely.',
  };
}

function leadEnd(r: AssessReport): number {
  const s = r.analysis.sentences[Math.min(LEAD_SENTENCES, r.analysis.sentences.length) - 1];
  return s ? s.end : r.text.length;
}

/** The people and organisations its lead names: the event's participants as this report has them. */
function leadParticipants(r: AssessReport): string[] {
  const end = leadEnd(r);
  return [
    ...new Set(
      r.analysis.entities
        .filter((e) => e.start < end && (e.type === 'PERSON' || e.type === 'ORG'))
        .map((e) => e.canonical),
    ),
  ];
}

/** A report whose lead attributes its account to another outlet speaks for that outlet. */
function citesInLead(r: AssessReport): boolean {
  const lead = r.text.slice(0, leadEnd(r));
  return r.provenance.lineage.some((l) => l.kind === 'citation' && lead.includes(l.evidence));
}

/** A sentence dated this many days before publication recalls an earlier event (background). */
const BACKGROUND_DAYS = 7;

/** Dates a day apart agree: an overnight event, or one written from another time zone. */
const SAME_DAY_MS = 86_400_000;

/** A calendar date written out ("on 12 November", "May 21", "2025-05-21"), not a weekday or "yesterday". */
const WRITTEN_DATE =
  /\d.*\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\d{4}-\d{2}-\d{2}/i;

/**
 * The day a report's lead writes out for its event, or null: a day-precise date written as a
 * calendar date (a weekday or "yesterday" is read against the publication time, and a misread one
 * would invent a dispute), not in a sentence about an earlier event (a week or more before publication)
 * and not after publication (what is planned).
 */
function calendarDay(r: AssessReport): string | null {
  const end = leadEnd(r);
  const pub = r.publishedAt ? Date.parse(r.publishedAt) : NaN;
  if (Number.isNaN(pub)) return null;
  for (const t of r.analysis.times) {
    if (t.start >= end) break;
    if (t.precision !== 'day' && t.precision !== 'hour' && t.precision !== 'minute') continue;
    const at = Date.parse(t.value.start);
    if (at > pub || pub - at > BACKGROUND_DAYS * 86_400_000) continue;
    return WRITTEN_DATE.test(t.text) ? t.value.start.slice(0, 10) : null;
  }
  return null;
}

/** Places closer than this are one scene named differently (a town and the village beside it). */
export const SAME_PLACE_KM = 100;

interface Located {
  name: string;
  lat: number;
  lon: number;
}

/**
 * Where a report's lead says its event happened, or null: a town or point the gazetteer places, named
 * as where it happened (a dateline is where the reporter files from, not where it happened).
 */
function placeClaim(r: AssessReport): Located | null {
  const w = r.frame?.where;
  if (
    !w ||
    w.role !== 'occurred' ||
    w.lat === null ||
    w.lon === null ||
    (w.precision !== 'city' && w.precision !== 'point')
  )
    return null;
  return { name: w.name, lat: w.lat, lon: w.lon };
}

/**
 * How far apart two reports place their event. A report that also names the other place in question
 * anywhere (a team's home town, where a suspect came from, a neighbourhood of the city) tells of both:
 * it contradicts neither.
 */
function kmApart(a: NonNullable<ReportSupport['place']>, b: NonNullable<ReportSupport['place']>): number {
  if (a.alsoNames.includes(b.name) || b.alsoNames.includes(a.name)) return 0;
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
