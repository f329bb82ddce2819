/**
 * The types the resolver's files share: what a report is matched on, a candidate event, the options and
 * the outcome of a match. Kept apart so that no file of the resolver imports another for its types alone
 * (they formed an import loop of four files).
 */
import type { ArticleRecord } from '../../domain/article.ts';
import type { Event, EventPlace, EventProfile } from '../../domain/event.ts';

/** An entity mention of a report's analysis. */
export type Entity = ArticleRecord['analysis']['entities'][number];

/** What the resolver compares: a report's content terms, names, event time and place. */
export interface ReportFeatures {
  articleId: string;
  /** Length-normalised term frequencies; lead terms count double. */
  terms: Record<string, number>;
  /** Lower-cased canonical names of people, organisations and places. */
  names: string[];
  /**
   * Who the report is about: the surnames of the people its headline and first sentences name. Two
   * reports of look-alike events (the same kind of thing, the same place, the same organisations)
   * most often differ here: another player arrested, another actor in rehab, another minister.
   */
  actors?: string[];
  /** Best estimate of when the reported event happened (ISO date), or null. */
  eventDate: string | null;
  /** Whether that date was stated in the lead (else it is the publication day). */
  dateStated: boolean;
  /** The last day when the report states a span of days ("January 6-7"), else absent. */
  eventDateLast?: string;
  /**
   * The calendar years the text writes out in full (a year alone or in a date), in text order: all a
   * report without a date says about when it was written (see `undatedFit`).
   */
  years?: number[];
  title: string | null;
  publishedAt: string | null;
  place: EventPlace | null;
}

/** An event as the resolver holds it: the event and the profile reports are matched against. */
export interface EventCandidate {
  event: Event;
  profile: EventProfile;
}

export interface ResolveOptions {
  joinThreshold: number;
  maxDayGap: number;
}

/** Where a report belongs: an existing event (with the match score), or a new one. */
export type Resolution = { kind: 'join'; eventId: string; score: number } | { kind: 'new' };
