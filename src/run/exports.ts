/**
 * Exports for tools: events as JSONL (the `events --json` shape) or CSV (with the CAMEO root code), and
 * reports as JSONL (the article input format with their event). Each is an async generator of text chunks,
 * one page of rows at a time in key order, so the CLI and the API stream them with memory that stays flat
 * however large the database is.
 */
import type { Assessment } from '../domain/assessment.ts';
import type { Event } from '../domain/event.ts';
import { eventHeadline } from '../pipeline/brief/event-card.ts';
import type { Store } from '../storage/store.ts';
import type { EventJson } from './event-views.ts';
import { lineageEdges } from './provenance-views.ts';

/** Events read a page at a time: a page's reports, passages and lineage come in one query each. */
const EVENT_PAGE = 200;
/** Reports read a page at a time: their texts can be long, so a page is smaller. */
const REPORT_PAGE = 100;

/** What can be exported, and in which formats. */
export const EXPORTS = {
  events: ['jsonl', 'csv'],
  reports: ['jsonl'],
} as const;
export type ExportWhat = keyof typeof EXPORTS;
export type ExportFormat = 'jsonl' | 'csv';

/** The media type of an export as served over HTTP. */
export const EXPORT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** Returns the export's text, chunk by chunk (one page of rows a chunk; `pageSize` overrides the page's rows). */
export function exportChunks(
  store: Store,
  what: ExportWhat,
  format: ExportFormat,
  opts: { pageSize?: number } = {},
): AsyncGenerator<string> {
  if (what === 'reports') return reportsJsonl(store, opts.pageSize ?? REPORT_PAGE);
  const size = opts.pageSize ?? EVENT_PAGE;
  return format === 'csv' ? eventsCsv(store, size) : eventsJsonl(store, size);
}

/** Yields every event as one JSON line in the `events --json` shape, in id order. */
async function* eventsJsonl(store: Store, size: number): AsyncGenerator<string> {
  for await (const page of eventPages(store, size)) yield page.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/**
 * The columns of the events CSV, in order. `cameo_root` is the category's CAMEO root code, from the one
 * mapping in src/domain/event.ts (CAMEO_ROOTS). CAMEO (Schrodt, 2012) codes what one actor does to
 * another, in 20 roots; why each category maps where it does:
 * - Statement → 01 Make public statement: the root itself.
 * - Diplomatic → 04 Consult: meetings, talks and visits, what most diplomatic reports tell (05, diplomatic
 *   cooperation, is the narrower root of agreements and recognition).
 * - Economic → 06 Engage in material cooperation: trade, investment and economic cooperation (061).
 * - Humanitarian → 07 Provide aid: humanitarian aid (073) and its kin.
 * - Political → 10 Demand: CAMEO has no root for domestic politics (votes, elections); demands for policy
 *   change (104) are the nearest — a loose fit, said so here.
 * - Legal → 11 Disapprove: accusations and lawsuits (112, 115); a court's ruling has no closer root.
 * - Protest → 14 Protest: the root itself.
 * - Security → 17 Coerce: arrests, detentions, seizures, repression (173, 175) — police and security action.
 * - Military → 19 Fight: armed clashes, strikes and shelling (15 and 18 are posture and assault).
 * - Disaster → no root (empty cell): a flood or an earthquake is no actor's act toward another.
 */
export const EVENT_CSV_COLUMNS = [
  'id',
  'title',
  'category',
  'cameo_root',
  'date',
  'date_end',
  'date_precision',
  'place',
  'country',
  'lat',
  'lon',
  'place_role',
  'level',
  'articles',
  'outlets',
  'independent_sources',
  'story',
] as const;

/** Yields the events as CSV (RFC 4180: CRLF line ends, quoted where needed), header first, in id order. */
async function* eventsCsv(store: Store, size: number): AsyncGenerator<string> {
  yield csvRow([...EVENT_CSV_COLUMNS]);
  for await (const page of eventPages(store, size))
    yield page
      .map((e) =>
        csvRow([
          e.id,
          e.title,
          e.category ?? '',
          // The category's CAMEO root (src/domain/event.ts, CAMEO_ROOTS); empty for a category CAMEO has none for.
          e.cameo ?? '',
          e.date?.start ?? '',
          e.date?.end ?? '',
          e.date?.precision ?? '',
          e.place?.name ?? '',
          e.place?.country ?? '',
          e.place?.lat ?? '',
          e.place?.lon ?? '',
          e.place?.role ?? '',
          e.level ?? '',
          e.articleCount,
          e.outletCount,
          e.independentSources,
          e.storyId ?? '',
        ]),
      )
      .join('');
}

/** Yields every stored report as one JSON line: the article input format, its status and its event (or null). */
async function* reportsJsonl(store: Store, size: number): AsyncGenerator<string> {
  let after: string | null = null;
  for (;;) {
    const page = await store.publish.articlesPage(after, size);
    if (!page.length) return;
    yield page
      .map(
        (a) =>
          `${JSON.stringify({
            id: a.id,
            url: a.url,
            outlet: a.outlet ?? undefined,
            publishedAt: a.publishedAt ?? undefined,
            title: a.title ?? undefined,
            text: a.text,
            status: a.status,
            eventId: a.eventId,
          })}\n`,
      )
      .join('');
    after = page.at(-1)?.id ?? null;
  }
}

/** Yields every event in the `events --json` shape, a page at a time, in id order. */
export async function* eventPages(store: Store, size = EVENT_PAGE): AsyncGenerator<EventJson[]> {
  let after: string | null = null;
  for (;;) {
    const events = await store.publish.eventsPage(after, size);
    if (!events.length) return;
    yield await eventsJson(store, events);
    after = events.at(-1)?.id ?? null;
  }
}

/**
 * Returns these events in the `events --json` shape (the same as listEvents in event-views.ts), reading
 * their reports, passages, lineage and latest assessments in one query each for the whole page.
 */
export async function eventsJson(store: Store, events: Event[]): Promise<EventJson[]> {
  const ids = events.map((e) => e.id);
  const [latest, reports, passages] = await Promise.all([
    store.publish.latestAssessments(ids),
    store.publish.reportsOf(ids),
    store.publish.passagesOf(ids),
  ]);
  const rowsOf = new Map<string, EventJson['reports']>(ids.map((id) => [id, []]));
  const members = new Set(reports.map((r) => `${r.eventId}\n${r.articleId}`));
  const row = (r: (typeof reports)[number] | (typeof passages)[number]) => ({
    articleId: r.articleId,
    url: r.url ?? '',
    outlet: r.url === null ? null : r.outlet,
    publishedAt: r.publishedAt,
    title: r.title,
  });
  for (const r of reports) rowsOf.get(r.eventId)?.push({ ...row(r), tone: r.tone });
  // A round-up backs an event with a passage unless it is already one of the event's own reports.
  for (const p of passages)
    if (!members.has(`${p.eventId}\n${p.articleId}`))
      rowsOf.get(p.eventId)?.push({ ...row(p), tone: null, passage: { start: p.start, end: p.end } });
  const articleIds = [...new Set([...reports, ...passages].map((r) => r.articleId))];
  const provenance = new Map((await store.articles.provenances(articleIds)).map((p) => [p.articleId, p]));
  return events.map((event) => {
    const rows = (rowsOf.get(event.id) ?? []).sort(
      (x, y) =>
        (x.publishedAt ?? '').localeCompare(y.publishedAt ?? '') || x.articleId.localeCompare(y.articleId),
    );
    const assessment: Assessment | null = latest.get(event.id) ?? null;
    return {
      id: event.id,
      ...eventHeadline(event, assessment),
      articleCount: rows.length,
      outletCount: new Set(rows.map((r) => r.outlet).filter(Boolean)).size,
      independentSources: assessment?.sources.length ?? 0,
      lineage: [...new Set(rows.map((r) => r.articleId))].sort().flatMap((id) => {
        const p = provenance.get(id);
        return p ? lineageEdges(id, p.lineage) : [];
      }),
      reports: rows,
      storyId: event.storyId,
    };
  });
}

/**
 * Returns one CSV record (RFC 4180) ending in CRLF: a cell holding a comma, quote, CR or LF is quoted with
 * its quotes doubled; a text cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe so it stays text. Numbers are written as they are (a negative longitude stays a number).
 */
export function csvRow(cells: readonly (string | number)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
