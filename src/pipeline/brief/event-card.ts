/**
 * The event card: what happened, how established it is, and what each independent source says,
 * every sentence carrying the report it was taken from (a view model, not HTML).
 */
import type { Analysis, CertaintyLevel } from '../../domain/analysis.ts';
import type { Article } from '../../domain/article.ts';
import type { Assessment } from '../../domain/assessment.ts';
import { CAMEO_ROOTS, type Event } from '../../domain/event.ts';
import type { Outlet } from '../../domain/outlet.ts';

export interface CardReport {
  article: Article;
  outlet: Outlet;
  analysis: Analysis;
  tone: CertaintyLevel | null;
}

/** A sentence quoted from one report, with where it came from. */
export interface CitedSentence {
  text: string;
  articleId: string;
  outlet: string;
  url: string;
  start: number;
  end: number;
}

/** The fields every view of an event starts with. */
export interface EventHeadline {
  title: string;
  category: Event['category'];
  cameo: string | null;
  date: Event['date'];
  place: Event['place'];
  level: Assessment['level'] | null;
}

/** Returns the headline fields of an event and its latest assessment. */
export function eventHeadline(event: Event, assessment: Assessment | null): EventHeadline {
  return { title: event.title, category: event.category, cameo: event.category ? CAMEO_ROOTS[event.category] : null, date: event.date, place: event.place, level: assessment?.level ?? null };
}

export interface EventCard extends EventHeadline {
  eventId: string;
  explanation: string | null;
  next: string | null;
  summary: CitedSentence | null;
  sources: { label: string; tier: string; outlets: string[]; reports: number }[];
  disputes: Assessment['disputes'];
  /** Reports whose opening sentence denies the event, beside the claims of those that report it. */
  denials: NonNullable<Assessment['denials']>;
  /** One claim per independent source, with its tone and the words that show the tone. */
  claims: (CitedSentence & { tone: CertaintyLevel | null; cues: string[] })[];
}

/** Returns the card of an event from its assessment and reports. */
export function buildEventCard(event: Event, assessment: Assessment | null, reports: CardReport[]): EventCard {
  const byArticle = new Map(reports.map((r) => [r.article.id, r]));
  const outletName = new Map(reports.map((r) => [r.outlet.id, r.outlet.name]));
  const sources = assessment?.sources ?? [];
  const origins = sources.map((s) => earliest(s.articleIds.map((id) => byArticle.get(id)).filter((r): r is CardReport => !!r))).filter((r): r is CardReport => !!r);
  const claims = origins.map((r) => ({ ...leadSentence(r), tone: r.tone, cues: toneCues(r) }));
  return {
    eventId: event.id,
    ...eventHeadline(event, assessment),
    explanation: assessment?.explanation ?? null,
    next: assessment?.next ?? null,
    summary: origins[0] ? leadSentence(origins[0]) : reports[0] ? leadSentence(reports[0]) : null,
    sources: sources.map((s) => ({ label: s.label, tier: s.tier, outlets: s.outletIds.map((id) => outletName.get(id) ?? id), reports: s.articleIds.length })),
    disputes: assessment?.disputes ?? [],
    denials: assessment?.denials ?? [],
    claims,
  };
}

/** The cue words of the lead sentences that set the report's tone ("denied", "reportedly", "may"). */
function toneCues(r: CardReport): string[] {
  const lead = r.analysis.sentences.slice(0, 3);
  const setting = lead.filter((s) => s.certainty.level === r.tone);
  return [...new Set((setting.length ? setting : lead.slice(0, 1)).flatMap((s) => s.certainty.cues))];
}

function earliest(rs: CardReport[]): CardReport | undefined {
  return [...rs].sort((a, b) => (a.article.publishedAt ?? '').localeCompare(b.article.publishedAt ?? ''))[0];
}

/** A lead shorter than this many words is a label or a fragment, not the report's account. */
const MIN_LEAD_WORDS = 6;

function leadSentence(r: CardReport): CitedSentence {
  const words = (x: { start: number; end: number }) => r.article.text.slice(x.start, x.end).split(/\s+/).length;
  const s = r.analysis.sentences.find((x) => words(x) >= MIN_LEAD_WORDS) ?? r.analysis.sentences[0] ?? { start: 0, end: Math.min(r.article.text.length, 300) };
  return { text: r.article.text.slice(s.start, s.end), articleId: r.article.id, outlet: r.outlet.name, url: r.article.url, start: s.start, end: s.end };
}
