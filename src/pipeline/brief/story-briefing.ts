/**
 * The story briefing: What's happened (the latest event) · What's behind the headline · What the
 * papers say · How we got here · Go deeper · More on these topics. Every sentence is a report
 * sentence (compressed) carrying its citations, checked by the grounding checker; none repeats
 * another (writer.ts, MAX_OVERLAP).
 */
import type { Assessment } from '../../domain/assessment.ts';
import type { Event } from '../../domain/event.ts';
import { toBriefReport, type CardReport } from './event-card.ts';
import type { GroundedSentence } from './grounding.ts';
import {
  behindTheHeadline,
  comesNext,
  disputeParagraphs,
  entityCards,
  originsOf,
  papersSay,
  whatsHappened,
  type BriefParagraph,
  type BriefSection,
  type EntityCard,
} from './sections.ts';
import { BriefingText, sentencesOf, type BriefReport } from './writer.ts';

/** One event of the story with what the briefing reads of it. */
export interface StoryEventInput {
  event: Event;
  assessment: Assessment | null;
  reports: CardReport[];
  /** Where each report's text starts in its stored article (round-up passages); 0 when absent. */
  offsets?: Map<string, number>;
}

export interface StoryBriefing {
  storyId: string;
  title: string;
  latestEventId: string | null;
  sections: BriefSection[];
  /** More on these topics: the people, places and organisations the story's reports name most. */
  entities: EntityCard[];
  relatedStories: { id: string; title: string; shared: string[] }[];
  /** The story's events before those the briefing tells (it tells the latest: see BRIEFED_EVENTS). */
  earlierEvents: number;
  /** The reports its sentences may cite, earliest first. */
  reports: {
    articleId: string;
    outlet: string;
    url: string;
    title: string | null;
    publishedAt: string | null;
  }[];
  builtAt: string;
}

/**
 * Returns the briefing of a story whose events are given earliest first: all of them, or its latest after
 * `earlierEvents` others.
 */
export function buildStoryBriefing(
  story: { id: string; title: string },
  events: StoryEventInput[],
  related: StoryBriefing['relatedStories'],
  builtAt: string,
  earlierEvents = 0,
): StoryBriefing {
  const text = new BriefingText();
  const briefOf = new Map(
    events.map((e) => [
      e.event.id,
      e.reports.map((r) => toBriefReport(r, e.offsets?.get(r.article.id) ?? 0)),
    ]),
  );
  const latest = events.at(-1);
  const latestReports = latest ? (briefOf.get(latest.event.id) ?? []) : [];
  const sources = latest?.assessment?.sources ?? [];
  const outletName = new Map(
    events.flatMap((e) => e.reports.map((r) => [r.outlet.id, r.outlet.name] as const)),
  );

  const happened = latest
    ? whatsHappened(text, sources, latestReports, 4, latest.event.title)
    : { sentences: [] };
  const papers = latest ? papersSay(text, sources, latestReports, (id) => outletName.get(id) ?? id) : [];
  const all = events.flatMap((e) => briefOf.get(e.event.id) ?? []);
  const behind = behindTheHeadline(text, all);
  const history = events.slice(0, -1).map((e) => earlierEvent(text, e, briefOf.get(e.event.id) ?? []));
  const deeper: BriefParagraph[] = [];
  for (const e of [...events].reverse()) {
    const open = e.assessment
      ? { ...e.assessment, disputes: e.assessment.disputes.filter((d) => !d.resolved) }
      : null;
    const sides = disputeParagraphs(text, open, briefOf.get(e.event.id) ?? []);
    // The event heads the first side of its disputes; the other sides follow under it.
    if (sides.length) deeper.push(...sides.map((p, i) => (i === 0 ? { ...p, event: eventRef(e) } : p)));
  }
  const next = comesNext(text, latestReports.length ? latestReports : all, 3);
  if (next.length) deeper.push({ heading: 'What comes next', sentences: next });
  const eventOfReport = new Map(
    events.flatMap((e) =>
      e.reports.map((r) => [r.article.id, { id: e.event.id, title: e.event.title }] as const),
    ),
  );
  return {
    storyId: story.id,
    title: story.title,
    latestEventId: latest?.event.id ?? null,
    sections: [
      {
        key: 'happened',
        heading: "What's happened",
        paragraphs: [latest ? { ...happened, event: eventRef(latest) } : happened],
      },
      { key: 'behind', heading: "What's behind the headline", paragraphs: behind },
      { key: 'papers', heading: 'What the papers say', paragraphs: papers },
      { key: 'history', heading: 'How we got here', paragraphs: history },
      { key: 'deeper', heading: 'Go deeper', paragraphs: deeper },
    ],
    entities: entityCards(all, (id) => eventOfReport.get(id) ?? null),
    relatedStories: related,
    earlierEvents,
    reports: [...all]
      .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''))
      .map((r) => ({
        articleId: r.articleId,
        outlet: r.outlet,
        url: r.url,
        title: r.title,
        publishedAt: r.publishedAt,
      })),
    builtAt,
  };
}

function eventRef(e: StoryEventInput): NonNullable<BriefParagraph['event']> {
  return {
    id: e.event.id,
    title: e.event.title,
    date: e.event.date?.start ?? null,
    level: e.assessment?.level ?? null,
  };
}

/** How we got here: one line for an earlier event — its most trusted source's lead, not yet said. */
function earlierEvent(text: BriefingText, e: StoryEventInput, reports: BriefReport[]): BriefParagraph {
  const origins = originsOf(e.assessment?.sources ?? [], reports).map((o) => o.origin);
  const pool = origins.length ? origins : reports;
  const line: GroundedSentence | null = text.first(pool.flatMap((r) => [...sentencesOf(r, 0, 3)]));
  return { sentences: line ? [line] : [], event: eventRef(e) };
}
