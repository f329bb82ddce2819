/**
 * The report lineage index (migration 009, report_links): one row per report of an event with its outlet,
 * publication time and the report and outlet it copies or credits. Outlet pages and the reports API read
 * it in index ranges; the read-model refresh writes it.
 */
import type { Kysely } from 'kysely';
import type { Analysis } from '../domain/analysis.ts';
import type { Lineage, Provenance } from '../domain/provenance.ts';
import type { Database } from './schema.ts';

export interface ReportLinksTable {
  article_id: string;
  outlet_id: string | null;
  /** Publication time, '' when unknown. */
  published_at: string;
  event_id: string;
  /** 'copy' or 'credit' when the report derives from another; null for the report's own work. */
  derives_kind: string | null;
  origin_article_id: string | null;
  origin_outlet_id: string | null;
}

interface LinkTables {
  report_links: ReportLinksTable;
}

/** A report as lists show it. */
export interface ReportListRow {
  id: string;
  url: string;
  title: string | null;
  outletId: string | null;
  publishedAt: string | null;
  eventId: string;
  derivesKind: string | null;
  originArticleId: string | null;
  originOutletId: string | null;
}

/** An outlet as lists show it. */
export interface OutletListRow {
  id: string;
  name: string;
  kind: string;
  tier: string;
  ownerGroup: string | null;
  country: string | null;
  domain: string | null;
}

/** A report as the entity and lineage indexes read it. */
export interface IndexInput {
  id: string;
  status: string;
  outletId: string | null;
  publishedAt: string | null;
  text: string;
  lineage: Lineage[];
  analysis: Pick<Analysis, 'sentences' | 'entities'>;
}

/** How an outlet's reports stand in the lineage graph. */
export interface OutletLineageCounts {
  /** Its reports in events. */
  reports: number;
  /** Its reports that copy or credit another report or outlet. */
  copies: number;
  /** Its reports that at least one other outlet's report copies or credits. */
  origins: number;
  /** Other outlets' reports that copy or credit it. */
  copiedBy: number;
}

const CHUNK = 200;

export class ReportLinkRepository {
  private readonly db: Kysely<LinkTables & Database>;

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<LinkTables & Database>;
  }

  /** Replaces the rows of these events' reports with `rows` (a report that moved to another event moves with it). */
  async replace(eventIds: readonly string[], rows: readonly ReportLinksTable[]): Promise<void> {
    for (let i = 0; i < eventIds.length; i += CHUNK)
      await this.db
        .deleteFrom('report_links')
        .where('event_id', 'in', eventIds.slice(i, i + CHUNK))
        .execute();
    for (let i = 0; i < rows.length; i += 50) {
      await this.db
        .insertInto('report_links')
        .values(rows.slice(i, i + 50))
        .onConflict((oc) =>
          oc.column('article_id').doUpdateSet((eb) => ({
            outlet_id: eb.ref('excluded.outlet_id'),
            published_at: eb.ref('excluded.published_at'),
            event_id: eb.ref('excluded.event_id'),
            derives_kind: eb.ref('excluded.derives_kind'),
            origin_article_id: eb.ref('excluded.origin_article_id'),
            origin_outlet_id: eb.ref('excluded.origin_outlet_id'),
          })),
        )
        .execute();
    }
  }

  /** The reports of these events (event_reports), with the event each belongs to. */
  async membersOf(eventIds: readonly string[]): Promise<{ articleId: string; eventId: string }[]> {
    const out: { articleId: string; eventId: string }[] = [];
    for (let i = 0; i < eventIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('event_reports')
        .select(['article_id', 'event_id'])
        .where('event_id', 'in', eventIds.slice(i, i + CHUNK))
        .orderBy('event_id')
        .orderBy('article_id')
        .execute();
      for (const r of rows) out.push({ articleId: r.article_id, eventId: r.event_id });
    }
    return out;
  }

  /**
   * What the entity and lineage indexes read of these reports (current versions): status, outlet, time,
   * text, lineage and analysis — not the extraction or fingerprint, which they do not need.
   */
  async indexInputs(articleIds: readonly string[]): Promise<IndexInput[]> {
    if (!articleIds.length) return [];
    const rows = await this.db
      .selectFrom('articles')
      .innerJoin('article_versions', (j) =>
        j
          .onRef('article_versions.article_id', '=', 'articles.id')
          .onRef('article_versions.version', '=', 'articles.version'),
      )
      .select([
        'articles.id',
        'articles.status',
        'articles.outlet_id',
        'articles.published_at',
        'article_versions.text',
        'article_versions.provenance_json',
        'article_versions.analysis_json',
      ])
      .where('articles.id', 'in', articleIds)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      outletId: r.outlet_id,
      publishedAt: r.published_at,
      text: r.text,
      lineage: (JSON.parse(r.provenance_json) as Provenance).lineage,
      analysis: JSON.parse(r.analysis_json) as Pick<Analysis, 'sentences' | 'entities'>,
    }));
  }

  /** The outlet of each of these stored articles (null when it has none). */
  async outletsOfArticles(articleIds: readonly string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (let i = 0; i < articleIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('articles')
        .select(['id', 'outlet_id'])
        .where('id', 'in', articleIds.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.id, r.outlet_id);
    }
    return out;
  }

  /** A page of outlet ids by name (then id) after the cursor; up to `limit + 1` (the outlets table, keyset read). */
  async outletPage(
    limit: number,
    after?: { name: string; id: string },
    back = false,
  ): Promise<OutletListRow[]> {
    let q = this.db
      .selectFrom('outlets')
      .select(['id', 'name', 'kind', 'tier', 'owner_group', 'country', 'domain']);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('name', back ? '<' : '>', after.name),
          eb.and([eb('name', '=', after.name), eb('id', back ? '<' : '>', after.id)]),
        ]),
      );
    const rows = await q
      .orderBy('name', back ? 'desc' : 'asc')
      .orderBy('id', back ? 'desc' : 'asc')
      .limit(limit + 1)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      tier: r.tier,
      ownerGroup: r.owner_group,
      country: r.country,
      domain: r.domain,
    }));
  }

  /** How many rows are stored. */
  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('report_links')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Lineage counts for each of these outlets (index range counts, bounded by the outlets' reports). */
  async outletCounts(outletIds: readonly string[]): Promise<Map<string, OutletLineageCounts>> {
    const out = new Map<string, OutletLineageCounts>(
      outletIds.map((id) => [id, { reports: 0, copies: 0, origins: 0, copiedBy: 0 }]),
    );
    for (let i = 0; i < outletIds.length; i += CHUNK) {
      const ids = outletIds.slice(i, i + CHUNK);
      const own = await this.db
        .selectFrom('report_links')
        .select((eb) => [
          'outlet_id',
          eb.fn.countAll<string | number>().as('reports'),
          eb.fn.count<string | number>('derives_kind').as('copies'),
        ])
        .where('outlet_id', 'in', ids)
        .groupBy('outlet_id')
        .execute();
      for (const r of own) {
        const c = out.get(r.outlet_id as string);
        if (c) [c.reports, c.copies] = [Number(r.reports), Number(r.copies)];
      }
      const by = await this.db
        .selectFrom('report_links')
        .select((eb) => [
          'origin_outlet_id',
          eb.fn.countAll<string | number>().as('copied_by'),
          eb.fn.count<string | number>('origin_article_id').distinct().as('origins'),
        ])
        .where('origin_outlet_id', 'in', ids)
        .where((eb) =>
          eb.or([eb('outlet_id', 'is', null), eb('origin_outlet_id', '<>', eb.ref('outlet_id'))]),
        )
        .groupBy('origin_outlet_id')
        .execute();
      for (const r of by) {
        const c = out.get(r.origin_outlet_id as string);
        if (c) [c.copiedBy, c.origins] = [Number(r.copied_by), Number(r.origins)];
      }
    }
    return out;
  }

  /**
   * A page of reports, newest first (undated last), after the cursor, of one outlet or one event or all;
   * up to `limit + 1` rows.
   */
  async page(q: {
    outletId?: string;
    eventId?: string;
    limit: number;
    after?: { publishedAt: string; id: string };
    /** Read backwards from `after` (the page before it), nearest first. */
    back?: boolean;
  }): Promise<ReportListRow[]> {
    let query = this.db
      .selectFrom('report_links')
      .innerJoin('articles', 'articles.id', 'report_links.article_id')
      .select([
        'report_links.article_id',
        'report_links.outlet_id',
        'report_links.published_at',
        'report_links.event_id',
        'report_links.derives_kind',
        'report_links.origin_article_id',
        'report_links.origin_outlet_id',
        'articles.url',
        'articles.title',
      ]);
    if (q.outletId) query = query.where('report_links.outlet_id', '=', q.outletId);
    if (q.eventId) query = query.where('report_links.event_id', '=', q.eventId);
    const after = q.after;
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('report_links.published_at', q.back ? '>' : '<', after.publishedAt),
          eb.and([
            eb('report_links.published_at', '=', after.publishedAt),
            eb('report_links.article_id', q.back ? '>' : '<', after.id),
          ]),
        ]),
      );
    const rows = await query
      .orderBy('report_links.published_at', q.back ? 'asc' : 'desc')
      .orderBy('report_links.article_id', q.back ? 'asc' : 'desc')
      .limit(q.limit + 1)
      .execute();
    return rows.map((r) => ({
      id: r.article_id,
      url: r.url,
      title: r.title,
      outletId: r.outlet_id,
      publishedAt: r.published_at || null,
      eventId: r.event_id,
      derivesKind: r.derives_kind,
      originArticleId: r.origin_article_id,
      originOutletId: r.origin_outlet_id,
    }));
  }

  /** The row of one report, or undefined when it is in no event. */
  async get(articleId: string): Promise<ReportLinksTable | undefined> {
    return this.db
      .selectFrom('report_links')
      .selectAll()
      .where('article_id', '=', articleId)
      .executeTakeFirst();
  }
}
