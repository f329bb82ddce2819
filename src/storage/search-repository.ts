/**
 * The search index (migration 010): the title and text of each active report's current version and each
 * event's title, kept current on write, and ranked matches with highlighted passages.
 *
 * Highlights come back as text with private-use marker characters around each match (MARK_START,
 * MARK_END); the caller escapes the text and turns the markers into markup, so a report's text can never
 * carry markup of its own into a page.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { foldAccents } from '../lib/fold-accents.ts';
import type { Dialect } from './dialect.ts';
import type { Database } from './schema.ts';

/** Opens a highlighted match. */
export const MARK_START = '\uE000';
/** Closes a highlighted match. */
export const MARK_END = '\uE001';
/** Separates the fragments of a PostgreSQL headline (never shown). */
const FRAGMENT_BREAK = '\uE002';
const MARKERS = /[\uE000-\uE002]/g;

/**
 * Matches ranked per query: the most recently indexed matches up to this many. A common word matches a
 * large share of all reports; ranking all of them would make one request cost in proportion to the
 * database. For news, the newest matches are the ones a reader looks for, so the cap drops the oldest.
 * 300 rather than 1,000 halves a first search on PostgreSQL at 100,000 reports (7 → 4 ms for events,
 * 13 → 7 ms for reports, mean over the bench's 107 words): 15 pages of 20, more than a reader turns.
 */
export const MAX_RANKED_MATCHES = 300;
/** Reports holding all of a phrase's words that are checked for the phrase itself (PostgreSQL). */
export const PHRASE_CANDIDATES = 2000;
/** Words of report text around the matches in a snippet. */
const SNIPPET_TOKENS = 24;
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

/** A matching report: its title and a passage of its text with marked matches, its outlet and event. */
export interface ReportMatch {
  articleId: string;
  score: number;
  key: number;
  title: string;
  snippet: string;
  url: string;
  publishedAt: string | null;
  outlet: { id: string; name: string } | null;
  event: { id: string; title: string } | null;
}

/** A matching event: its title with marked matches, when it happened and its latest level. */
export interface EventMatch {
  eventId: string;
  title: string;
  dateStart: string | null;
  level: string | null;
  reportCount: number;
}

export class SearchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * A version of the index, which moves whenever a report or event is (re-)indexed. PostgreSQL: the
   * newest key of each index table (keys are never reused). SQLite: the database's write counters —
   * `data_version` moves when another connection commits, `total_changes()` with every row this
   * connection writes (a key freed by a removal can be reused, so the newest key would not do). A removal
   * alone does not move PostgreSQL's (readers add the assessment version, which a withdrawal or merge
   * moves, and keep answers a bounded time).
   */
  async version(): Promise<string> {
    if (this.dialect === 'sqlite') {
      const [changes, version] = await Promise.all([
        sql<{ c: number }>`SELECT total_changes() AS c`.execute(this.db),
        sql<{ data_version: number }>`PRAGMA data_version`.execute(this.db),
      ]);
      return `${version.rows[0]?.data_version ?? 0}.${changes.rows[0]?.c ?? 0}`;
    }
    const [reports, events] = await Promise.all([
      sql<{ v: string | null }>`SELECT max(seq) AS v FROM search_reports`.execute(this.db),
      sql<{ v: string | null }>`SELECT max(seq) AS v FROM search_events`.execute(this.db),
    ]);
    return `${reports.rows[0]?.v ?? 0}.${events.rows[0]?.v ?? 0}`;
  }

  /** Indexes (or re-indexes) a report's current title and text. */
  async indexReport(r: { id: string; title: string | null; text: string }): Promise<void> {
    await this.unindexReport(r.id);
    const title = (r.title ?? '').replace(MARKERS, ' ');
    const text = r.text.replace(MARKERS, ' ');
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO search_reports (article_id, doc) VALUES (${r.id}, ${reportDocument(title, text)})`.execute(
        this.db,
      );
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
   * cursor when given, among the newest MAX_RANKED_MATCHES matches.
   */
  async reports(terms: readonly SearchTerm[], limit: number, after?: SearchCursor): Promise<ReportMatch[]> {
    if (!terms.length) return [];
    return this.dialect === 'postgres'
      ? this.reportsPostgres(terms, limit, after)
      : this.reportsSqlite(terms, limit, after);
  }

  /** Returns up to `limit` events whose titles match every term, best first. */
  async events(terms: readonly SearchTerm[], limit: number): Promise<EventMatch[]> {
    if (!terms.length) return [];
    if (this.dialect === 'postgres') {
      const q = tsQuery(terms);
      const r = await sql<{ event_id: string; title: string }>`
        SELECT c.event_id, c.title FROM (
          SELECT event_id, title, ts_rank(doc, ${q}) AS score, seq FROM (
            SELECT event_id, title, doc, seq FROM search_events
            WHERE doc @@ ${q} ORDER BY seq DESC LIMIT ${MAX_RANKED_MATCHES}) w
        ) c ORDER BY c.score DESC, c.seq LIMIT ${limit}`.execute(this.db);
      const marked = await this.headlines(
        r.rows.map((row) => row.title),
        q,
        HEADLINE_ALL,
      );
      return this.withEventContext(r.rows.map((row, i) => ({ id: row.event_id, title: marked[i] ?? '' })));
    }
    const match = ftsQuery(terms);
    const page = await sql<{ key: number; event_id: string }>`
      SELECT c.key, k.event_id FROM (
        SELECT rowid AS key, bm25(search_events) AS rank
        FROM search_events WHERE search_events MATCH ${match} ORDER BY rowid DESC LIMIT ${MAX_RANKED_MATCHES}
      ) c JOIN search_event_keys k ON k.id = c.key ORDER BY c.rank, c.key LIMIT ${limit}`.execute(this.db);
    if (!page.rows.length) return [];
    // Highlights only for the page's rows (highlight() reads and tokenizes each title).
    const marked = await sql<{ key: number; title: string }>`
      SELECT rowid AS key, highlight(search_events, 0, ${MARK_START}, ${MARK_END}) AS title
      FROM search_events WHERE search_events MATCH ${match}
      AND rowid IN (${sql.join(page.rows.map((r) => r.key))})`.execute(this.db);
    const titles = new Map(marked.rows.map((r) => [r.key, r.title]));
    return this.withEventContext(
      page.rows.map((row) => ({ id: row.event_id, title: titles.get(row.key) ?? '' })),
    );
  }

  private async reportsSqlite(
    terms: readonly SearchTerm[],
    limit: number,
    after?: SearchCursor,
  ): Promise<ReportMatch[]> {
    const match = ftsQuery(terms);
    const page = await sql<{ article_id: string; key: number; score: number }>`
      SELECT k.article_id, c.key, c.score FROM (
        SELECT rowid AS key, -bm25(search_reports, ${TITLE_WEIGHT}, 1.0) AS score FROM search_reports
        WHERE search_reports MATCH ${match} ORDER BY rowid DESC LIMIT ${MAX_RANKED_MATCHES}
      ) c JOIN search_report_keys k ON k.id = c.key
      WHERE ${after ? sql`c.score < ${after.score} OR (c.score = ${after.score} AND c.key > ${after.key})` : sql`1 = 1`}
      ORDER BY c.score DESC, c.key LIMIT ${limit}`.execute(this.db);
    if (!page.rows.length) return [];
    // Highlights only for the page's rows: snippet() reads and tokenizes each report's text.
    const marked = await sql<{ key: number; title: string; snippet: string }>`
      SELECT rowid AS key, highlight(search_reports, 0, ${MARK_START}, ${MARK_END}) AS title,
        snippet(search_reports, 1, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_TOKENS}) AS snippet
      FROM search_reports WHERE search_reports MATCH ${match}
      AND rowid IN (${sql.join(page.rows.map((r) => r.key))})`.execute(this.db);
    const byKey = new Map(marked.rows.map((r) => [r.key, r]));
    return this.withReportContext(
      page.rows.map((r) => ({
        id: r.article_id,
        score: r.score,
        key: r.key,
        title: byKey.get(r.key)?.title ?? '',
        snippet: byKey.get(r.key)?.snippet ?? '',
      })),
    );
  }

  private async reportsPostgres(
    terms: readonly SearchTerm[],
    limit: number,
    after?: SearchCursor,
  ): Promise<ReportMatch[]> {
    const q = tsQuery(terms);
    const page = await sql<{ article_id: string; key: string; score: number }>`
      SELECT c.article_id, c.key, c.score FROM (
        -- Ranked outside the window: ts_rank reads each document, so only the window's are read, and
        -- the window itself reads no document (each is fetched again by its key for the ranking).
        SELECT w.article_id, w.key, ts_rank(s.doc, ${q}) AS score FROM (
          SELECT article_id, seq AS key FROM ${reportCandidates(terms)}
          WHERE doc @@ ${q} ORDER BY seq DESC LIMIT ${MAX_RANKED_MATCHES}) w
        JOIN search_reports s ON s.seq = w.key
      ) c
      WHERE ${after ? sql`c.score < ${after.score}::real OR (c.score = ${after.score}::real AND c.key > ${after.key})` : sql`true`}
      ORDER BY c.score DESC, c.key LIMIT ${limit}`.execute(this.db);
    if (!page.rows.length) return [];
    const ids = page.rows.map((r) => r.article_id);
    const texts = await this.db
      .selectFrom('articles')
      .innerJoin('article_versions', (j) =>
        j
          .onRef('article_versions.article_id', '=', 'articles.id')
          .onRef('article_versions.version', '=', 'articles.version'),
      )
      .select(['articles.id', 'article_versions.title', 'article_versions.text'])
      .where('articles.id', 'in', ids)
      .execute();
    const [titles, snippets] = await Promise.all([
      this.headlines(
        texts.map((t) => t.title ?? ''),
        q,
        HEADLINE_ALL,
      ),
      this.headlines(
        texts.map((t) => t.text),
        q,
        HEADLINE_FRAGMENTS,
      ),
    ]);
    const byId = new Map(texts.map((t, i) => [t.id, { title: titles[i] ?? '', snippet: snippets[i] ?? '' }]));
    return this.withReportContext(
      page.rows.map((r) => {
        const t = byId.get(r.article_id);
        return {
          id: r.article_id,
          score: Number(r.score),
          key: Number(r.key),
          title: t?.title ?? '',
          snippet: t?.snippet ?? '',
        };
      }),
    );
  }

  /**
   * PostgreSQL: each text with the query's matches marked (ts_headline over the folded text, moved back onto
   * the original), in one query for the page.
   */
  private async headlines(texts: string[], q: RawBuilder<unknown>, options: string): Promise<string[]> {
    if (!texts.length) return [];
    const folded = texts.map((t) => foldAccents(t.replace(MARKERS, ' ')));
    const r = await sql<{ h: string }>`
      SELECT ts_headline('simple', t, ${q}, ${options}) AS h
      FROM unnest(${folded}::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`.execute(this.db);
    return texts.map((t, i) => transplant(t, folded[i] as string, r.rows[i]?.h ?? ''));
  }

  /** Adds each report's address, outlet and event (one query for the page). */
  private async withReportContext(
    rows: { id: string; score: number; key: number; title: string; snippet: string }[],
  ): Promise<ReportMatch[]> {
    const context = await this.db
      .selectFrom('articles')
      .leftJoin('outlets', 'outlets.id', 'articles.outlet_id')
      .leftJoin('event_reports', 'event_reports.article_id', 'articles.id')
      .leftJoin('events', 'events.id', 'event_reports.event_id')
      .select([
        'articles.id',
        'articles.url',
        'articles.published_at',
        'outlets.id as outlet_id',
        'outlets.name as outlet_name',
        'events.id as event_id',
        'events.title as event_title',
      ])
      .where(
        'articles.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const byId = new Map(context.map((c) => [c.id, c]));
    return rows.flatMap(({ id, ...r }) => {
      const c = byId.get(id);
      if (!c) return [];
      return [
        {
          articleId: id,
          ...r,
          url: c.url,
          publishedAt: c.published_at,
          outlet: c.outlet_id ? { id: c.outlet_id, name: c.outlet_name ?? c.outlet_id } : null,
          event: c.event_id ? { id: c.event_id, title: c.event_title ?? '' } : null,
        },
      ];
    });
  }

  /** Adds each event's start date, latest level and report count (one query for the page). */
  private async withEventContext(rows: { id: string; title: string }[]): Promise<EventMatch[]> {
    if (!rows.length) return [];
    const context = await this.db
      .selectFrom('events')
      .select((eb) => [
        'events.id',
        'events.date_start',
        eb
          .selectFrom('assessments')
          .select('assessments.level')
          .whereRef('assessments.event_id', '=', 'events.id')
          .orderBy('assessments.id', 'desc')
          .limit(1)
          .as('level'),
        eb
          .selectFrom('event_reports')
          .select((e) => e.fn.countAll<string | number>().as('n'))
          .whereRef('event_reports.event_id', '=', 'events.id')
          .as('report_count'),
      ])
      .where(
        'events.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const byId = new Map(context.map((c) => [c.id, c]));
    return rows.flatMap((r) => {
      const c = byId.get(r.id);
      if (!c) return [];
      return [
        {
          eventId: r.id,
          title: r.title,
          dateStart: c.date_start,
          level: c.level ?? null,
          reportCount: Number(c.report_count ?? 0),
        },
      ];
    });
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

  private async indexEvent(id: string, rawTitle: string): Promise<void> {
    const title = rawTitle.replace(MARKERS, ' ');
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO search_events (event_id, title, doc)
        VALUES (${id}, ${rawTitle}, to_tsvector('simple', ${foldAccents(title)}))`.execute(this.db);
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

const HEADLINE_ALL = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const HEADLINE_FRAGMENTS =
  `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=${SNIPPET_TOKENS}, MinWords=${SNIPPET_TOKENS >> 1}, ` +
  `MaxFragments=2, FragmentDelimiter=${FRAGMENT_BREAK}`;

/** PostgreSQL: a report's document, its title weighted above its text (weights A and B), as migration 010 builds it. */
function reportDocument(title: string, text: string): RawBuilder<unknown> {
  return sql`setweight(to_tsvector('simple', ${foldAccents(title)}), 'A')
    || setweight(to_tsvector('simple', ${foldAccents(text)}), 'B')`;
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
 */
function tsQuery(terms: readonly SearchTerm[], phrases = true): RawBuilder<unknown> {
  const parts = terms.map((t) =>
    t.prefix && /^[\p{L}\p{N}]+$/u.test(t.text)
      ? sql`to_tsquery('simple', ${`${foldAccents(t.text)}:*`})`
      : phrases
        ? sql`phraseto_tsquery('simple', ${foldAccents(t.text)})`
        : sql`plainto_tsquery('simple', ${foldAccents(t.text)})`,
  );
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * PostgreSQL: the rows a report query reads. For a phrase, the newest PHRASE_CANDIDATES reports holding all
 * its words, as the GIN index finds them without reading a document: checking word order reads each
 * document, and the planner cannot tell how rare a phrase of common words is (it read all 100,000 rows of a
 * test database for one phrase, 0.6 s).
 */
function reportCandidates(terms: readonly SearchTerm[]): RawBuilder<unknown> {
  if (!terms.some((t) => !t.prefix && /[^\p{L}\p{N}]/u.test(t.text))) return sql`search_reports`;
  return sql`(SELECT article_id, seq, doc FROM search_reports WHERE doc @@ ${tsQuery(terms, false)}
    ORDER BY seq DESC LIMIT ${PHRASE_CANDIDATES}) p`;
}

/**
 * Moves a headline computed on accent-folded text onto the original text: folding keeps every character's
 * place, so each fragment is found in the folded text and the same span is taken from the original, with
 * the markers at the same places. Fragments are joined with an ellipsis.
 */
function transplant(original: string, folded: string, headline: string): string {
  const clean = original.replace(MARKERS, ' ');
  let from = 0;
  const out: string[] = [];
  for (const fragment of headline.split(FRAGMENT_BREAK)) {
    const plain = fragment.replace(/[\uE000\uE001]/g, '');
    const at = folded.indexOf(plain, from);
    if (at < 0) {
      out.push(fragment);
      continue;
    }
    let j = at;
    let s = '';
    for (const ch of fragment)
      s += ch === MARK_START || ch === MARK_END ? ch : clean.slice(j, (j += ch.length));
    out.push(s);
    from = at + plain.length;
  }
  return out.join(' … ');
}
