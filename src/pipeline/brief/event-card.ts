/**
 * The event card: what happened, how established it is, and what each independent source says,
 * every sentence carrying the report it was taken from (a view model, not HTML).
 */
import type { Analysis, CertaintyLevel } from '../../domain/analysis.ts';
import type { Article } from '../../domain/article.ts';
import type { Assessment } from '../../domain/assessment.ts';
import { CAMEO_ROOTS, type Event } from '../../domain/event.ts';
import type { Outlet } from '../../domain/outlet.ts';
import {
  comesNext,
  disputeParagraphs,
  entityCards,
  papersSay,
  toneCues,
  whatsHappened,
  type BriefSection,
  type EntityCard,
} from './sections.ts';
import { BriefingText, type BriefReport } from './writer.ts';

export interface CardReport {
  article: Article;
  outlet: Outlet;
  analysis: Analysis;
  tone: CertaintyLevel | null;
  /** Whether the report credits another outlet for its text (a wire copy, a republished piece). */
  credited?: boolean;
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
  return {
    title: event.title,
    category: event.category,
    cameo: event.category ? CAMEO_ROOTS[event.category] : null,
    date: event.date,
    place: event.place,
    level: assessment?.level ?? null,
  };
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
  /**
   * The card's text as sections of grounded sentences, each with the report sentences it rests on
   * (What's happened · What the papers say · Disputed · What comes next).
   */
  sections: BriefSection[];
  /** The people, places and organisations its reports name most, described as a report describes them. */
  entities: EntityCard[];
  /** Each change of the event's level, oldest first. */
  levelHistory: { level: string; at: string; explanation: string }[];
  /** When the card was written and from which reports. */
  extraction: {
    builtAt: string;
    assessedAt: string | null;
    reports: {
      articleId: string;
      outlet: string;
      url: string;
      title: string | null;
      publishedAt: string | null;
    }[];
  };
  /** Where a reader sends another source of the event for editorial review. */
  submitSource: string;
}

/** Returns the card of an event from its assessment, its level history and its reports. */
export function buildEventCard(
  event: Event,
  assessment: Assessment | null,
  reports: CardReport[],
  opts: { history?: Assessment[]; builtAt?: string; offsets?: Map<string, number> } = {},
): EventCard {
  const byArticle = new Map(reports.map((r) => [r.article.id, r]));
  const outletName = new Map(reports.map((r) => [r.outlet.id, r.outlet.name]));
  const sources = assessment?.sources ?? [];
  const origins = sources
    .map((s) => earliest(s.articleIds.map((id) => byArticle.get(id)).filter((r): r is CardReport => !!r)))
    .filter((r): r is CardReport => !!r);
  const claims = origins.map((r) => ({ ...leadSentence(r), tone: r.tone, cues: toneCues(r) }));
  return {
    eventId: event.id,
    ...eventHeadline(event, assessment),
    explanation: assessment?.explanation ?? null,
    next: assessment?.next ?? null,
    summary: origins[0] ? leadSentence(origins[0]) : reports[0] ? leadSentence(reports[0]) : null,
    sources: sources.map((s) => ({
      label: s.label,
      tier: s.tier,
      outlets: s.outletIds.map((id) => outletName.get(id) ?? id),
      reports: s.articleIds.length,
    })),
    disputes: assessment?.disputes ?? [],
    denials: assessment?.denials ?? [],
    claims,
    ...briefOf(event, assessment, reports, opts),
  };
}

/** The card's grounded sections, entities, history and metadata. */
function briefOf(
  event: Event,
  assessment: Assessment | null,
  reports: CardReport[],
  opts: { history?: Assessment[]; builtAt?: string; offsets?: Map<string, number> },
) {
  const brief = reports.map((r) => toBriefReport(r, opts.offsets?.get(r.article.id) ?? 0));
  const outletName = new Map(reports.map((r) => [r.outlet.id, r.outlet.name]));
  const text = new BriefingText();
  const sources = assessment?.sources ?? [];
  const happened = whatsHappened(text, sources, brief, 3, event.title);
  const papers = papersSay(text, sources, brief, (id) => outletName.get(id) ?? id);
  const disputes = disputeParagraphs(text, assessment, brief);
  const next = comesNext(text, brief, 2);
  const sections: BriefSection[] = [
    { key: 'happened', heading: "What's happened", paragraphs: [happened] },
    { key: 'papers', heading: 'What the papers say', paragraphs: papers },
    ...(disputes.length ? [{ key: 'disputes', heading: 'Disputed', paragraphs: disputes }] : []),
    ...(next.length ? [{ key: 'next', heading: 'What comes next', paragraphs: [{ sentences: next }] }] : []),
  ];
  const history = opts.history ?? [];
  return {
    sections,
    entities: entityCards(brief, () => ({ id: event.id, title: event.title })),
    levelHistory: history
      .filter((a, i) => i === 0 || history[i - 1]?.level !== a.level)
      .map((a) => ({ level: a.level, at: a.computedAt, explanation: a.explanation })),
    extraction: {
      builtAt: opts.builtAt ?? new Date().toISOString(),
      assessedAt: assessment?.computedAt ?? null,
      reports: [...brief]
        .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''))
        .map((r) => ({
          articleId: r.articleId,
          outlet: r.outlet,
          url: r.url,
          title: r.title,
          publishedAt: r.publishedAt,
        })),
    },
    submitSource: `/events/${encodeURIComponent(event.id)}/sources/new`,
  };
}

/** A report as the writer reads it; `offset` is where its text (a passage) starts in the stored article. */
export function toBriefReport(r: CardReport, offset: number): BriefReport {
  return {
    articleId: r.article.id,
    outlet: r.outlet.name,
    outletId: r.outlet.id,
    url: r.article.url,
    title: r.article.title,
    publishedAt: r.article.publishedAt,
    text: r.article.text,
    offset,
    analysis: r.analysis,
    tone: r.tone,
    credited: r.credited ?? false,
  };
}

function earliest(rs: CardReport[]): CardReport | undefined {
  return [...rs].sort((a, b) => (a.article.publishedAt ?? '').localeCompare(b.article.publishedAt ?? ''))[0];
}

/** A lead shorter than this many words is a label or a fragment, not the report's account. */
const MIN_LEAD_WORDS = 6;

function leadSentence(r: CardReport): CitedSentence {
  const words = (x: { start: number; end: number }) =>
    r.article.text.slice(x.start, x.end).split(/\s+/).length;
  const s = r.analysis.sentences.find((x) => words(x) >= MIN_LEAD_WORDS) ??
    r.analysis.sentences[0] ?? { start: 0, end: Math.min(r.article.text.length, 300) };
  return {
    text: r.article.text.slice(s.start, s.end),
    articleId: r.article.id,
    outlet: r.outlet.name,
    url: r.article.url,
    start: s.start,
    end: s.end,
  };
}
