/**
 * Bounded reads for the publish stage (Atom feeds, JSONL/CSV exports): pages of events and articles in key
 * order, the pieces of a page of events read in one query each, and the latest assessments or level changes.
 * No read here costs more than its page: exports walk the database page by page, feeds take the newest rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Assessment, ConfidenceLevel } from '../domain/assessment.ts';
import type { Event, SourceTone } from '../domain/event.ts';
import { toEvent } from './event-repository.ts';
import type { Database } from './schema.ts';

/** One stored assessment with where it stands in its event's history. */
export interface AssessmentRow {
  /** The assessment's row id: stable, so feed entry ids built from it never change. */
  rowId: number;
  eventId: string;
  eventTitle: string;
  level: ConfidenceLevel;
  /** The level of the event's assessment just before this one; null for its first. */
  previousLevel: ConfidenceLevel | null;
  assessment: Assessment;
}

/** A report of an event as the events list shows it (the article's current version, its outlet's name). */
export interface ReportRow {
  eventId: string;
  articleId: string;
  tone: SourceTone | null;
  url: string | null;
  outlet: string | null;
  publishedAt: string | null;
  title: string | null;
}

/** An article as the reports export writes it: the article input format plus its event. */
export interface ArticleExportRow {
  id: string;
  url: string;
  outlet: string | null;
  publishedAt: string | null;
  title: string | null;
  text: string;
  status: string;
  eventId: string | null;
}

/**
 * How many of the newest assessments the feeds across all events look through: "recent" is the last
 * 10,000 assessments (weeks of a busy desk's work), so the cost of a feed does not grow with the database.
 */
const RECENT_ASSESSMENTS = 10_000;

export class PublishRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Returns up to `limit` events with ids after `after` (all from the start when null), in id order. */
  async eventsPage(after: string | null, limit: number): Promise<Event[]> {
    let q = this.db.selectFrom('events').selectAll().orderBy('id').limit(limit);
    if (after !== null) q = q.where('id', '>', after);
    return (await q.execute()).map(toEvent);
  }

  /** Returns these events (those still stored), in no particular order. */
  async eventsByIds(ids: readonly string[]): Promise<Event[]> {
    if (!ids.length) return [];
    return (
      await this.db
        .selectFrom('events')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute()
    ).map(toEvent);
  }

  /** Returns the latest assessment of each of these events that has one. */
  async latestAssessments(eventIds: readonly string[]): Promise<Map<string, Assessment>> {
    if (!eventIds.length) return new Map();
    const rows = await this.db
      .selectFrom('assessments')
      .select(['event_id', 'detail_json'])
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('assessments')
          .select((e) => e.fn.max('id').as('id'))
          .where('event_id', 'in', [...eventIds])
          .groupBy('event_id'),
      )
      .execute();
    return new Map(rows.map((r) => [r.event_id, JSON.parse(r.detail_json) as Assessment]));
  }

  /** Returns the member reports of these events with their articles' list fields, earliest joined first. */
  async reportsOf(eventIds: readonly string[]): Promise<ReportRow[]> {
    if (!eventIds.length) return [];
    const rows = await this.db
      .selectFrom('event_reports')
      .leftJoin('articles', 'articles.id', 'event_reports.article_id')
      .leftJoin('outlets', 'outlets.id', 'articles.outlet_id')
      .select([
        'event_reports.event_id',
        'event_reports.article_id',
        'event_reports.tone',
        'articles.url',
        'articles.outlet_id',
        'outlets.name as outlet_name',
        'articles.published_at',
        'articles.title',
      ])
      .where('event_reports.event_id', 'in', [...eventIds])
      .orderBy('event_reports.joined_at')
      .orderBy('event_reports.article_id')
      .execute();
    return rows.map((r) => ({
      eventId: r.event_id,
      articleId: r.article_id,
      tone: r.tone as SourceTone | null,
      url: r.url,
      outlet: r.outlet_name ?? r.outlet_id,
      publishedAt: r.published_at,
      title: r.title,
    }));
  }

  /** Returns the passages of round-up reports backing these events, with the same article fields. */
  async passagesOf(
    eventIds: readonly string[],
  ): Promise<(Omit<ReportRow, 'tone'> & { start: number; end: number })[]> {
    if (!eventIds.length) return [];
    const rows = await this.db
      .selectFrom('event_passages')
      .leftJoin('articles', 'articles.id', 'event_passages.article_id')
      .leftJoin('outlets', 'outlets.id', 'articles.outlet_id')
      .select([
        'event_passages.event_id',
        'event_passages.article_id',
        'event_passages.passage_start',
        'event_passages.passage_end',
        'articles.url',
        'articles.outlet_id',
        'outlets.name as outlet_name',
        'articles.published_at',
        'articles.title',
      ])
      .where('event_passages.event_id', 'in', [...eventIds])
      .orderBy('event_passages.article_id')
      .orderBy('event_passages.passage_start')
      .execute();
    return rows.map((r) => ({
      eventId: r.event_id,
      articleId: r.article_id,
      start: r.passage_start,
      end: r.passage_end,
      url: r.url,
      outlet: r.outlet_name ?? r.outlet_id,
      publishedAt: r.published_at,
      title: r.title,
    }));
  }

  /** Returns up to `limit` articles (current versions) with ids after `after`, in id order, each with its event. */
  async articlesPage(after: string | null, limit: number): Promise<ArticleExportRow[]> {
    let q = this.db
      .selectFrom('articles')
      .innerJoin('article_versions', (j) =>
        j
          .onRef('article_versions.article_id', '=', 'articles.id')
          .onRef('article_versions.version', '=', 'articles.version'),
      )
      .leftJoin('outlets', 'outlets.id', 'articles.outlet_id')
      .leftJoin('event_reports', 'event_reports.article_id', 'articles.id')
      .select([
        'articles.id',
        'articles.url',
        'articles.outlet_id',
        'outlets.name as outlet_name',
        'articles.published_at',
        'articles.title',
        'articles.status',
        'article_versions.text',
        'event_reports.event_id',
      ])
      .orderBy('articles.id')
      .limit(limit);
    if (after !== null) q = q.where('articles.id', '>', after);
    return (await q.execute()).map((r) => ({
      id: r.id,
      url: r.url,
      outlet: r.outlet_name ?? r.outlet_id,
      publishedAt: r.published_at,
      title: r.title,
      text: r.text,
      status: r.status,
      eventId: r.event_id,
    }));
  }

  /**
   * Returns the newest assessments, newest first, at most `limit`: of these events, or of all; with
   * `changesOnly`, only those whose level differs from the one before (an event's first included); with
   * `level`, only those at that level. Across all events only the newest RECENT_ASSESSMENTS are looked at,
   * so a feed of rare changes (Disputed) costs the same in a database of any size.
   */
  async assessments(q: {
    eventIds?: readonly string[];
    level?: ConfidenceLevel;
    changesOnly?: boolean;
    limit: number;
  }): Promise<AssessmentRow[]> {
    if (q.eventIds && !q.eventIds.length) return [];
    const previous = sql<
      string | null
    >`(select p.level from assessments p where p.event_id = a.event_id and p.id < a.id order by p.id desc limit 1)`;
    let query = this.db
      .selectFrom('assessments as a')
      .innerJoin('events as e', 'e.id', 'a.event_id')
      .select(['a.id', 'a.event_id', 'a.level', 'a.detail_json', 'e.title', previous.as('previous_level')])
      .orderBy('a.id', 'desc')
      .limit(q.limit);
    if (q.eventIds) query = query.where('a.event_id', 'in', [...q.eventIds]);
    else {
      const newest = await this.db
        .selectFrom('assessments')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      query = query.where('a.id', '>', Number(newest?.id ?? 0) - RECENT_ASSESSMENTS);
    }
    if (q.level !== undefined) query = query.where('a.level', '=', q.level);
    if (q.changesOnly)
      query = query.where((eb) => eb.or([eb(previous, 'is', null), eb(previous, '<>', eb.ref('a.level'))]));
    return (await query.execute()).map((r) => ({
      rowId: Number(r.id),
      eventId: r.event_id,
      eventTitle: r.title,
      level: r.level as ConfidenceLevel,
      previousLevel: r.previous_level as ConfidenceLevel | null,
      assessment: { ...(JSON.parse(r.detail_json) as Assessment), level: r.level as ConfidenceLevel },
    }));
  }
}
