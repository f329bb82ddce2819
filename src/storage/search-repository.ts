/**
 * The search index (migration 010): the title and text of each active report's current version and each
 * event's title, kept current on write, and ranked matches, each with its title and text and what a result
 * shows beside them, in one query. Where the terms are in a text is found by the caller (lib/highlight).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { foldAccents } from '../lib/fold-accents.ts';
import type { Dialect } from './dialect.ts';
import { PREPARED } from './statement-cache.ts';
import type { Database } from './schema.ts';

/**
 * Matches ranked per query: the most recently indexed matches up to this many. A common word matches a
 * large share of all reports; ranking all of them would make one request cost in proportion to the
 * database. For news, the newest matches are the ones a reader looks for, so the cap drops the oldest.
 * 100 (five pages of 20) rather than 300 cuts a first search of reports on PostgreSQL at 100,000 reports
 * from 13.5 to 8–9 ms (mean over the bench's 107 words, each asked once): with fewer matches wanted, the
 * walk through the newest reports is enough for more words, and fewer documents are ranked.
 */
export const MAX_RANKED_MATCHES = 100;
/** Reports holding all of a phrase's words that are checked for the phrase itself (PostgreSQL). */
export const PHRASE_CANDIDATES = 2000;
/** The newest reports checked one by one for a query before an index is asked (PostgreSQL). */
export const RECENT_SCAN = 3000;
/** The newest reports indexed again in a small index that a search asks before the whole (PostgreSQL). */
export const RECENT_REPORTS = 20_000;
/** Queries of up to this many terms are prepared once per connection (PostgreSQL). */
const PREPARED_TERMS = 3;
/** Title matches weigh this many times a match in the text (SQLite bm25 column weight). */
const TITLE_WEIGHT = 4;

/** One term of a query: a word or phrase matched as given (accents folded), or a word prefix. */
export interface SearchTerm {
  text: string;
  prefix: boolean;
}

/** Where a page of report matches ends: its last row's score and index key. */
export interface SearchCursor {
  score: number;
  key: number;
}

/** A matching report: its title and text, its address, outlet and event. */
export interface ReportMatch {
  articleId: string;
  score: number;
  key: number;
  title: string;
  text: string;
  url: string;
  publishedAt: string | null;
  outlet: { id: string; name: string } | null;
  event: { id: string; title: string } | null;
}

/** A matching event: its title, when it happened, its latest level and its count of reports. */
export interface EventMatch {
  eventId: string;
  title: string;
  dateStart: string | null;
  level: string | null;
  reportCount: number;
}

/** A row of a report query, as both databases return it. */
interface ReportRow {
  article_id: string;
  key: number | string;
  score: number | string;
  title: string | null;
  text: string | null;
  url: string;
  published_at: string | null;
  outlet_id: string | null;
  outlet_name: string | null;
  event_id: string | null;
  event_title: string | null;
}

/** What a report result shows beside its text (a row `a` of articles joined by REPORT_JOINS). */
const REPORT_CONTEXT = sql`a.url, a.published_at, o.id AS outlet_id, o.name AS outlet_name,
  e.id AS event_id, e.title AS event_title`;
const REPORT_JOINS = sql`LEFT JOIN outlets o ON o.id = a.outlet_id
  LEFT JOIN event_reports er ON er.article_id = a.id
  LEFT JOIN events e ON e.id = er.event_id`;

export class SearchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * A version of what a search answers from, which moves whenever a report or event is (re-)indexed or an
   * event re-assessed — one query. SQLite: the database's write counters (`data_version` moves when
   * another connection commits, `total_changes()` with every row this connection writes; a key freed by a
   * removal can be reused, so the newest key would not do). PostgreSQL: the newest key of each index table
   * (keys are never reused) and the newest assessment (a withdrawal or merge re-assesses); a removal alone
   * moves none of them, so readers keep answers a bounded time.
   */
  async version(): Promise<string> {
    if (this.dialect === 'sqlite') {
      const r = await sql<{ v: number; c: number }>`
        SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c`.execute(this.db);
      return `${r.rows[0]?.v ?? 0}.${r.rows[0]?.c ?? 0}`;
    }
    const r = await sql<{ r: string | null; e: string | null; a: string | null }>`${sql.raw(PREPARED)}
      SELECT (SELECT max(seq) FROM search_reports) AS r, (SELECT max(seq) FROM search_events) AS e,
        (SELECT max(id) FROM assessments) AS a`.execute(this.db);
    const row = r.rows[0];
    return `${row?.r ?? 0}.${row?.e ?? 0}.${row?.a ?? 0}`;
  }

  /**
   * PostgreSQL: reads into the database's buffers the pages the first searches of a server just started
   * read — the newest RECENT_REPORTS reports' documents (the small index's rows), the newest events'
   * titles, and the newest RECENT_SCAN reports' rows that results show (their text, outlet and event) —
   * as a server that has run a while holds them. Each is bounded, whatever the size of the database.
   * Without it, the first searches for words in a few percent of reports each read hundreds of pages
   * from outside the buffers (a search for one such word cost 10 ms the first time, 1 ms the next).
   */
  async warm(): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await sql`SELECT sum(pg_column_size(doc)) FROM (
      SELECT doc FROM search_recent ORDER BY seq DESC LIMIT ${RECENT_REPORTS}) r`.execute(this.db);
    await sql`SELECT sum(pg_column_size(doc)) FROM (
      SELECT doc FROM search_events ORDER BY seq DESC LIMIT ${RECENT_REPORTS}) r`.execute(this.db);
    await sql`SELECT count(v.text), count(o.name), count(e.title) FROM (
        SELECT seq FROM search_recent ORDER BY seq DESC LIMIT ${RECENT_SCAN}) r
      JOIN search_reports s ON s.seq = r.seq
      JOIN articles a ON a.id = s.article_id
      JOIN article_versions v ON v.article_id = a.id AND v.version = a.version
      ${REPORT_JOINS}`.execute(this.db);
  }

  /** Indexes (or re-indexes) a report's current title and text. */
  async indexReport(r: { id: string; title: string | null; text: string }): Promise<void> {
    await this.unindexReport(r.id);
    const title = r.title ?? '';
    const text = r.text;
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO search_reports (article_id, doc) VALUES (${r.id}, ${reportDocument(title, text)})`.execute(
        this.db,
      );
      // The newest RECENT_REPORTS reports again, in the small index a search asks first.
      await sql`INSERT INTO search_recent (seq, doc)
        SELECT seq, doc FROM search_reports WHERE article_id = ${r.id}`.execute(this.db);
      await sql`DELETE FROM search_recent
        WHERE seq <= (SELECT max(seq) FROM search_recent) - ${RECENT_REPORTS}`.execute(this.db);
      return;
    }
    const key = await sql<{
      id: number;
    }>`INSERT INTO search_report_keys (article_id) VALUES (${r.id}) RETURNING id`.execute(this.db);
    await sql`INSERT INTO search_reports (rowid, title, body) VALUES (${key.rows[0]?.id}, ${title}, ${text})`.execute(
      this.db,
    );
  }

  /** Drops a report from the index (withdrawn, or about to be re-indexed). */
  async unindexReport(articleId: string): Promise<void> {
    if (this.dialect === 'postgres') {
      await sql`DELETE FROM search_recent WHERE seq IN (
        SELECT seq FROM search_reports WHERE article_id = ${articleId})`.execute(this.db);
      await sql`DELETE FROM search_reports WHERE article_id = ${articleId}`.execute(this.db);
      return;
    }
    const old = await sql<{
      id: number;
    }>`SELECT id FROM search_report_keys WHERE article_id = ${articleId}`.execute(this.db);
    const id = old.rows[0]?.id;
    if (id === undefined) return;
    await sql`DELETE FROM search_reports WHERE rowid = ${id}`.execute(this.db);
    await sql`DELETE FROM search_report_keys WHERE id = ${id}`.execute(this.db);
  }

  /** Brings these events' titles up to date in the index; an id no longer stored leaves it. */
  async refreshEvents(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const part = [...new Set(ids.slice(i, i + 500))];
      const stored = await this.db
        .selectFrom('events')
        .select(['id', 'title'])
        .where('id', 'in', part)
        .execute();
      const indexed = await this.indexedEventTitles(part);
      const titles = new Map(stored.map((e) => [e.id, e.title]));
      for (const id of part) {
        const title = titles.get(id);
        if (title !== undefined && indexed.get(id) === title) continue;
        await this.unindexEvent(id);
        if (title !== undefined) await this.indexEvent(id, title);
      }
    }
  }

  /**
   * Returns a page of reports matching every term, best first (ties: oldest indexed first), after the
   * cursor when given, among the newest MAX_RANKED_MATCHES matches: each with its title and text (the caller
   * shows where the terms are), its address, outlet and event — one query for the page.
   */
  async reports(terms: readonly SearchTerm[], limit: number, after?: SearchCursor): Promise<ReportMatch[]> {
    if (!terms.length) return [];
    const r =
      this.dialect === 'postgres'
        ? await this.reportsPostgres(terms, limit, after)
        : await this.reportsSqlite(terms, limit, after);
    return r.rows.map((row) => ({
      articleId: row.article_id,
      score: Number(row.score),
      key: Number(row.key),
      title: row.title ?? '',
      text: row.text ?? '',
      url: row.url,
      publishedAt: row.published_at,
      outlet: row.outlet_id ? { id: row.outlet_id, name: row.outlet_name ?? row.outlet_id } : null,
      event: row.event_id ? { id: row.event_id, title: row.event_title ?? '' } : null,
    }));
  }

  /**
   * Returns up to `limit` events whose titles match every term, best first, with when each happened, its
   * latest level and its count of reports as the event's list row holds them (run/event-list.ts: the caller
   * makes sure the rows exist) — one query, one row read a match beside the index. A word is in few titles,
   * so PostgreSQL finds the matches through the index (`seq + 0` keeps it from walking the key index through
   * every title instead).
   */
  async events(terms: readonly SearchTerm[], limit: number): Promise<EventMatch[]> {
    if (!terms.length) return [];
    const q = this.dialect === 'postgres' ? tsQuery(terms) : null;
    const ranked = q
      ? sql`SELECT c.event_id, c.title, c.score, c.key FROM (
            SELECT event_id, title, ts_rank(doc, ${q}) AS score, seq AS key FROM (
              SELECT event_id, title, doc, seq FROM search_events
              WHERE doc @@ ${q} ORDER BY seq + 0 DESC LIMIT ${MAX_RANKED_MATCHES}) w
            ) c ORDER BY c.score DESC, c.key LIMIT ${limit}`
      : sql`SELECT k.event_id, s.title, c.score, c.key FROM (
            SELECT c.key, c.score FROM (
              SELECT rowid AS key, -bm25(search_events) AS score FROM search_events
              WHERE search_events MATCH ${ftsQuery(terms)} ORDER BY rowid DESC LIMIT ${MAX_RANKED_MATCHES}
            ) c ORDER BY c.score DESC, c.key LIMIT ${limit}
          ) c JOIN search_event_keys k ON k.id = c.key JOIN search_events s ON s.rowid = c.key`;
    const r = await sql<{
      event_id: string;
      title: string;
      date_start: string | null;
      level: string | null;
      report_count: number | string;
    }>`${prepared(terms)}
      SELECT p.event_id, p.title, l.date_start, l.level, l.article_count AS report_count
      FROM (${ranked}) p JOIN event_list l ON l.id = p.event_id
      ORDER BY p.score DESC, p.key`.execute(this.db);
    return r.rows.map((row) => ({
      eventId: row.event_id,
      title: row.title,
      dateStart: row.date_start,
      level: row.level ?? null,
      reportCount: Number(row.report_count),
    }));
  }

  private async reportsSqlite(terms: readonly SearchTerm[], limit: number, after?: SearchCursor) {
    return sql<ReportRow>`
      SELECT k.article_id, p.key, p.score, s.title, s.body AS text, ${REPORT_CONTEXT}
      FROM (
        SELECT c.key, c.score FROM (
          SELECT rowid AS key, -bm25(search_reports, ${TITLE_WEIGHT}, 1.0) AS score FROM search_reports
          WHERE search_reports MATCH ${ftsQuery(terms)} ORDER BY rowid DESC LIMIT ${MAX_RANKED_MATCHES}
        ) c
        WHERE ${after ? sql`c.score < ${after.score} OR (c.score = ${after.score} AND c.key > ${after.key})` : sql`1 = 1`}
        ORDER BY c.score DESC, c.key LIMIT ${limit}
      ) p
      JOIN search_report_keys k ON k.id = p.key
      JOIN search_reports s ON s.rowid = p.key
      JOIN articles a ON a.id = k.article_id
      ${REPORT_JOINS}
      ORDER BY p.score DESC, p.key`.execute(this.db);
  }

  private async reportsPostgres(terms: readonly SearchTerm[], limit: number, after?: SearchCursor) {
    const q = tsQuery(terms);
    return sql<ReportRow>`${prepared(terms)}
      SELECT p.article_id, p.key, p.score, v.title, v.text, ${REPORT_CONTEXT}
      FROM (
        SELECT c.article_id, c.key, c.score FROM (
          -- Ranked outside the window: ts_rank reads each document, so only the window's are ranked; the
          -- window returns keys, and reads documents only in its bounded walk (newestMatching).
          SELECT s.article_id, s.seq AS key, ts_rank(s.doc, ${q}) AS score
          FROM (${newestReportMatches(terms, q)}) w JOIN search_reports s ON s.seq = w.key
        ) c
        WHERE ${after ? sql`c.score < ${after.score}::real OR (c.score = ${after.score}::real AND c.key > ${after.key})` : sql`true`}
        ORDER BY c.score DESC, c.key LIMIT ${limit}
      ) p
      JOIN articles a ON a.id = p.article_id
      JOIN article_versions v ON v.article_id = a.id AND v.version = a.version
      ${REPORT_JOINS}
      ORDER BY p.score DESC, p.key`.execute(this.db);
  }

  private async indexedEventTitles(ids: string[]): Promise<Map<string, string>> {
    const r =
      this.dialect === 'postgres'
        ? await sql<{ event_id: string; title: string }>`
            SELECT event_id, title FROM search_events WHERE event_id IN (${sql.join(ids)})`.execute(this.db)
        : await sql<{ event_id: string; title: string }>`
            SELECT k.event_id, s.title FROM search_event_keys k JOIN search_events s ON s.rowid = k.id
            WHERE k.event_id IN (${sql.join(ids)})`.execute(this.db);
    return new Map(r.rows.map((row) => [row.event_id, row.title]));
  }

  private async indexEvent(id: string, title: string): Promise<void> {
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO search_events (event_id, title, doc)
        VALUES (${id}, ${title}, to_tsvector('simple', ${foldAccents(title)}))`.execute(this.db);
      return;
    }
    const key = await sql<{
      id: number;
    }>`INSERT INTO search_event_keys (event_id) VALUES (${id}) RETURNING id`.execute(this.db);
    await sql`INSERT INTO search_events (rowid, title) VALUES (${key.rows[0]?.id}, ${title})`.execute(
      this.db,
    );
  }

  private async unindexEvent(id: string): Promise<void> {
    if (this.dialect === 'postgres') {
      await sql`DELETE FROM search_events WHERE event_id = ${id}`.execute(this.db);
      return;
    }
    const old = await sql<{ id: number }>`SELECT id FROM search_event_keys WHERE event_id = ${id}`.execute(
      this.db,
    );
    const key = old.rows[0]?.id;
    if (key === undefined) return;
    await sql`DELETE FROM search_events WHERE rowid = ${key}`.execute(this.db);
    await sql`DELETE FROM search_event_keys WHERE id = ${key}`.execute(this.db);
  }
}

/** PostgreSQL: a report's document, its title weighted above its text (weights A and B), as migration 010 builds it. */
function reportDocument(title: string, text: string): RawBuilder<unknown> {
  return sql`setweight(to_tsvector('simple', ${foldAccents(title)}), 'A')
    || setweight(to_tsvector('simple', ${foldAccents(text)}), 'B')`;
}

/**
 * PostgreSQL: the mark of a query prepared once (see PREPARED) for a query of at most PREPARED_TERMS terms.
 * The text of a query depends on how many terms it has and of which kinds (word, phrase or prefix), so
 * preparing only these keeps the forms prepared on a connection to a few dozen; a longer query is planned
 * each time. Every query's plan is written to serve every term: the newest matches are found by the
 * bounded walk or the index whatever the words (`newestMatching`).
 */
function prepared(terms: readonly SearchTerm[]): RawBuilder<unknown> {
  return terms.length <= PREPARED_TERMS ? sql.raw(PREPARED) : sql``;
}

/**
 * SQLite: an FTS5 query with every term quoted (so no character of it is FTS syntax): a phrase "…", a
 * prefix "…"*; terms side by side must all match.
 */
function ftsQuery(terms: readonly SearchTerm[]): string {
  return terms.map((t) => `"${t.text.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`).join(' ');
}

/**
 * PostgreSQL: a tsquery of every term, each built from plain text by phraseto_tsquery (which has no syntax
 * to get wrong); a prefix term is letters and digits only (the caller's SearchTerm promise), so `:*` is safe.
 * It is a scalar subquery, which PostgreSQL evaluates once per query (an InitPlan): in a generic plan the
 * terms are parameters, and the bare function call would be evaluated again for every row a filter checks —
 * 3,000 times in the walk through the newest reports, which doubled its cost (3.4 ms instead of 1.6 for a
 * word in 2% of reports). An index still uses it as its condition.
 */
function tsQuery(terms: readonly SearchTerm[], phrases = true): RawBuilder<unknown> {
  const parts = terms.map((t) =>
    t.prefix && /^[\p{L}\p{N}]+$/u.test(t.text)
      ? sql`to_tsquery('simple', ${`${foldAccents(t.text)}:*`})`
      : phrases
        ? sql`phraseto_tsquery('simple', ${foldAccents(t.text)})`
        : sql`plainto_tsquery('simple', ${foldAccents(t.text)})`,
  );
  return sql`(SELECT ${sql.join(parts, sql` && `)})`;
}

/**
 * PostgreSQL: the keys of the newest MAX_RANKED_MATCHES reports matching the terms. For a phrase,
 * among the newest PHRASE_CANDIDATES reports holding all its words (found as `newestMatching` finds them,
 * without reading a document): checking word order reads each document, and the planner cannot tell how
 * rare a phrase of common words is (it read all 100,000 rows of a test database for one phrase, 0.6 s).
 */
function newestReportMatches(terms: readonly SearchTerm[], q: RawBuilder<unknown>): RawBuilder<unknown> {
  if (!terms.some(isPhrase)) return newestMatching(q, MAX_RANKED_MATCHES);
  return sql`SELECT c.key FROM (${newestMatching(tsQuery(terms, false), PHRASE_CANDIDATES)}) c
    JOIN search_reports s ON s.seq = c.key
    WHERE s.doc @@ ${q} ORDER BY c.key DESC LIMIT ${MAX_RANKED_MATCHES}`;
}

/**
 * PostgreSQL: the keys of the newest `limit` reports matching a query, found in the first of three
 * ways that finds enough, each bounded:
 * 1. among the newest RECENT_SCAN reports, each checked in turn (a word in many reports);
 * 2. through the index of the newest RECENT_REPORTS (`search_recent`, migration 014): every match there,
 *    then the newest;
 * 3. through the index of every report (a word in few reports).
 * The first two read only the newest reports, which every search reads, so their pages stay in memory;
 * reading every match of a word in 2% of 100,000 reports from the whole table (2,000 rows on as many
 * pages, most of them out of PostgreSQL's buffers) took 8-15 ms, and was most of a first search's cost.
 * The planner cannot pick among these by itself: it does not know that checking a row reads its whole
 * document (it walked the key index backwards through 13,000 rows for a word in 2% of 100,000 reports,
 * 90 ms), so each step runs only when the one before found too few. `seq + 0` keeps the planner off the
 * key index.
 */
function newestMatching(q: RawBuilder<unknown>, limit: number): RawBuilder<unknown> {
  return sql`WITH walked AS MATERIALIZED (
      SELECT seq FROM (SELECT seq, doc FROM search_recent ORDER BY seq DESC LIMIT ${RECENT_SCAN}) r
      WHERE doc @@ ${q} ORDER BY seq DESC LIMIT ${limit}),
    recent AS MATERIALIZED (
      SELECT seq FROM search_recent
      WHERE doc @@ ${q} AND (SELECT count(*) FROM walked) < ${limit}
      ORDER BY seq + 0 DESC LIMIT ${limit})
    SELECT seq AS key FROM walked WHERE (SELECT count(*) FROM walked) = ${limit}
    UNION ALL
    SELECT seq AS key FROM recent WHERE (SELECT count(*) FROM recent) = ${limit}
    UNION ALL
    (SELECT seq AS key FROM search_reports
      WHERE doc @@ ${q} AND (SELECT count(*) FROM walked) < ${limit} AND (SELECT count(*) FROM recent) < ${limit}
      ORDER BY seq + 0 DESC LIMIT ${limit})`;
}

/** A term of more than one word (matched in order). */
function isPhrase(t: SearchTerm): boolean {
  return !t.prefix && /[^\p{L}\p{N}]/u.test(t.text);
}
