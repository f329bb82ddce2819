/**
 * Migration 010: full-text search over reports (title and text of the current version of each active
 * report) and events (title).
 *
 * SQLite: FTS5 tables whose rowid is a small key table's id (so a report or event is found and replaced by
 * its id in one indexed step); the unicode61 tokenizer with remove_diacritics 2 folds accents ('Sao' finds
 * 'São') in any language.
 *
 * PostgreSQL: a tsvector per report and per event under a GIN index, built with the 'simple' configuration
 * over accent-folded text (lib/fold-accents.ts, folded before it reaches the database). 'simple' stems
 * nothing and drops no stop words, so it treats every language alike: an English stemmer would mangle
 * Portuguese or Maltese words, and the article's language is often unknown.
 *
 * Existing rows are indexed: on SQLite by INSERT … SELECT, which the database streams; on PostgreSQL in
 * batches of BACKFILL_BATCH reports folded here. Memory in this process stays flat either way.
 */
import { sql, type Kysely } from 'kysely';
import { foldAccents } from '../../lib/fold-accents.ts';
import type { Dialect } from '../dialect.ts';

/** Reports read, folded and indexed at a time when PostgreSQL indexes the stored ones. */
const BACKFILL_BATCH = 500;

/** Creates the search index and fills it from the stored reports and events. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await upSqlite(db);
  else await upPostgres(db);
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  const tokenize = `tokenize = 'unicode61 remove_diacritics 2'`;
  await sql`CREATE TABLE search_report_keys (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE)`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE search_reports USING fts5(title, body, ${sql.raw(tokenize)})`.execute(db);
  await sql`CREATE TABLE search_event_keys (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE)`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE search_events USING fts5(title, ${sql.raw(tokenize)})`.execute(db);
  // Keys in publication order: a higher key is a newer report, which the search's candidate cap relies on.
  await sql`INSERT INTO search_report_keys (article_id)
    SELECT id FROM articles WHERE status = 'active' ORDER BY COALESCE(published_at, ingested_at), id`.execute(
    db,
  );
  await sql`INSERT INTO search_reports (rowid, title, body)
    SELECT k.id, COALESCE(v.title, ''), v.text FROM search_report_keys k
    JOIN articles a ON a.id = k.article_id
    JOIN article_versions v ON v.article_id = a.id AND v.version = a.version`.execute(db);
  await sql`INSERT INTO search_event_keys (event_id)
    SELECT id FROM events ORDER BY COALESCE(date_start, created_at), id`.execute(db);
  await sql`INSERT INTO search_events (rowid, title)
    SELECT k.id, e.title FROM search_event_keys k JOIN events e ON e.id = k.event_id`.execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE search_reports (
    seq bigserial PRIMARY KEY, article_id text NOT NULL UNIQUE, doc tsvector NOT NULL)`.execute(db);
  await sql`CREATE INDEX search_reports_doc ON search_reports USING gin (doc)`.execute(db);
  await sql`CREATE TABLE search_events (
    seq bigserial PRIMARY KEY, event_id text NOT NULL UNIQUE, title text NOT NULL, doc tsvector NOT NULL)`.execute(
    db,
  );
  await sql`CREATE INDEX search_events_doc ON search_events USING gin (doc)`.execute(db);
  // In publication order: a higher seq is a newer report, which the search's candidate cap relies on.
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows: { id: string; at: string; title: string | null; text: string }[] = (
      await sql<{ id: string; at: string; title: string | null; text: string }>`
        SELECT a.id, COALESCE(a.published_at, a.ingested_at) AS at, v.title, v.text FROM articles a
        JOIN article_versions v ON v.article_id = a.id AND v.version = a.version
        WHERE a.status = 'active'
        ${after ? sql`AND (COALESCE(a.published_at, a.ingested_at), a.id) > (${after.at}, ${after.id})` : sql``}
        ORDER BY COALESCE(a.published_at, a.ingested_at), a.id LIMIT ${BACKFILL_BATCH}`.execute(db)
    ).rows;
    if (!rows.length) break;
    await sql`INSERT INTO search_reports (article_id, doc)
      SELECT id, setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
      FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => foldAccents(r.title ?? ''))}::text[],
        ${rows.map((r) => foldAccents(r.text))}::text[]) WITH ORDINALITY AS u(id, title, body, n)
      ORDER BY n`.execute(db);
    const last = rows[rows.length - 1] as { id: string; at: string };
    after = { at: last.at, id: last.id };
  }
  let afterEvent = '';
  for (;;) {
    const rows = (
      await sql<{ id: string; title: string }>`SELECT id, title FROM events WHERE id > ${afterEvent}
        ORDER BY id LIMIT ${BACKFILL_BATCH}`.execute(db)
    ).rows;
    if (!rows.length) break;
    await sql`INSERT INTO search_events (event_id, title, doc)
      SELECT id, title, to_tsvector('simple', folded)
      FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.title)}::text[],
        ${rows.map((r) => foldAccents(r.title))}::text[]) AS u(id, title, folded)`.execute(db);
    afterEvent = (rows[rows.length - 1] as { id: string }).id;
  }
}
