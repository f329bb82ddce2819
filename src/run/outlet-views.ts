/**
 * Read models of outlets and reports for the outlet pages and the API: outlets by name with how their
 * reports stand in the lineage graph (origins and copies, from the report lineage index refreshed with
 * the entity index), an outlet's reports newest first, one report with its lineage. Keyset pages;
 * each answer is a bounded number of indexed queries. Only http(s) addresses are given out.
 */
import { CorroborateError } from '../domain/errors.ts';
import type { OutletLineageCounts, OutletListRow, ReportListRow } from '../storage/report-link-repository.ts';
import type { Store } from '../storage/store.ts';
import { encodeCursor, keysetWindow, linkableUrl, pageLimit, pagePosition } from './page-cursor.ts';
import { reportLineage, type ReportLineage } from './provenance-views.ts';

/** An outlet with its lineage counts. */
export interface OutletJson extends OutletListRow {
  lineage: OutletLineageCounts;
  url: string;
}

/** A page of outlets by name, each with its counts. */
export async function listOutlets(
  store: Store,
  query: { limit?: string; after?: string; before?: string },
): Promise<{ outlets: OutletJson[]; next: string | null; prev: string | null }> {
  const limit = pageLimit(query.limit);
  const pos = pagePosition(query, 'string');
  const rows = await store.reportLinks.outletPage(
    limit,
    pos.at && { name: pos.at.sort, id: pos.at.id },
    pos.back,
  );
  const page = keysetWindow(rows, limit, pos, (o) => encodeCursor(o.name, o.id));
  const counts = await store.reportLinks.outletCounts(page.items.map((o) => o.id));
  return {
    outlets: page.items.map((o) => outletJson(o, counts.get(o.id))),
    next: page.next,
    prev: page.prev,
  };
}

function outletJson(o: OutletListRow, c: OutletLineageCounts | undefined): OutletJson {
  return {
    ...o,
    lineage: c ?? { reports: 0, copies: 0, origins: 0, copiedBy: 0 },
    url: `/outlets/${encodeURIComponent(o.id)}`,
  };
}

/** A report as lists give it. */
export interface ReportJson {
  id: string;
  /** Its address: http(s) only, else "". */
  url: string;
  title: string | null;
  publishedAt: string | null;
  outletId: string | null;
  eventId: string;
  /** What it copies or credits, when it derives from another report or outlet. */
  derivesFrom: { kind: string; articleId: string | null; outletId: string | null } | null;
}

function reportJson(r: ReportListRow): ReportJson {
  return {
    id: r.id,
    url: linkableUrl(r.url),
    title: r.title,
    publishedAt: r.publishedAt,
    outletId: r.outletId,
    eventId: r.eventId,
    derivesFrom: r.derivesKind
      ? { kind: r.derivesKind, articleId: r.originArticleId, outletId: r.originOutletId }
      : null,
  };
}

/** One outlet with a page of its reports. */
export interface OutletDetail extends OutletJson {
  reports: ReportJson[];
  next: string | null;
  prev: string | null;
}

/** One outlet with its counts and a page of its reports, newest first; undefined when no outlet has this id. */
export async function getOutlet(
  store: Store,
  id: string,
  query: { limit?: string; after?: string; before?: string } = {},
): Promise<OutletDetail | undefined> {
  const limit = pageLimit(query.limit);
  const pos = pagePosition(query, 'string');
  const o = await store.outlets.get(id);
  if (!o) return undefined;
  const [counts, rows] = await Promise.all([
    store.reportLinks.outletCounts([id]),
    store.reportLinks.page({
      outletId: id,
      limit,
      ...(pos.at ? { after: { publishedAt: pos.at.sort, id: pos.at.id }, back: pos.back } : {}),
    }),
  ]);
  const page = keysetWindow(rows, limit, pos, (r) => encodeCursor(r.publishedAt ?? '', r.id));
  const row: OutletListRow = {
    id: o.id,
    name: o.name,
    kind: o.kind,
    tier: o.tier,
    ownerGroup: o.ownerGroup,
    country: o.country,
    domain: o.domain,
  };
  return {
    ...outletJson(row, counts.get(id)),
    reports: page.items.map(reportJson),
    next: page.next,
    prev: page.prev,
  };
}

/** A page of reports newest first, of one outlet or one event when asked. */
export async function listReports(
  store: Store,
  query: { outlet?: string; event?: string; limit?: string; after?: string; before?: string },
): Promise<{ reports: ReportJson[]; next: string | null; prev: string | null }> {
  const limit = pageLimit(query.limit);
  const pos = pagePosition(query, 'string');
  for (const p of ['outlet', 'event'] as const)
    if (query[p] !== undefined && (typeof query[p] !== 'string' || query[p].length > 500))
      throw new CorroborateError('usage', 'must be one id', p);
  const rows = await store.reportLinks.page({
    ...(query.outlet ? { outletId: query.outlet } : {}),
    ...(query.event ? { eventId: query.event } : {}),
    limit,
    ...(pos.at ? { after: { publishedAt: pos.at.sort, id: pos.at.id }, back: pos.back } : {}),
  });
  const page = keysetWindow(rows, limit, pos, (r) => encodeCursor(r.publishedAt ?? '', r.id));
  return { reports: page.items.map(reportJson), next: page.next, prev: page.prev };
}

/** One report: address, outlet, event and lineage; undefined when no report has this id. */
export interface ReportDetail {
  id: string;
  url: string;
  canonicalUrl: string;
  title: string | null;
  publishedAt: string | null;
  status: string;
  outlet: ReportLineage['outlet'];
  eventId: string | null;
  derivesFrom: ReportLineage['derivesFrom'];
  origin: string;
  derivedBy: ReportLineage['derivedBy'];
}

/** Returns one report in full, or undefined. */
export async function getReport(store: Store, id: string): Promise<ReportDetail | undefined> {
  const [a] = await store.articles.getMany([id]);
  if (!a) return undefined;
  const [lineage, link] = await Promise.all([reportLineage(store, id), store.reportLinks.get(id)]);
  return {
    id: a.id,
    url: linkableUrl(a.url),
    canonicalUrl: linkableUrl(a.canonicalUrl),
    title: a.title,
    publishedAt: a.publishedAt,
    status: a.status,
    outlet: lineage?.outlet ?? null,
    eventId: link?.event_id ?? null,
    derivesFrom: lineage?.derivesFrom ?? [],
    origin: lineage?.origin ?? id,
    derivedBy: lineage?.derivedBy ?? [],
  };
}
