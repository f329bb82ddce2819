/**
 * Migration 010: full-text search over reports (title and text of the current version of each active
 * report) and events (title).
 *
 * SQLite: FTS5 tables whose rowid is a small key table's id (so a report or event is found and replaced by
 * its id in one indexed step); the unicode61 tokenizer with remove_diacritics 2 folds accents ('Sao' finds
 * 'São') in any language.
 *
 * PostgreSQL: a tsvector per report and per event under a GIN index, built with the 'simple' configuration
 * over accent-folded text (search_fold, below). 'simple' stems nothing and drops no stop words, so it
 * treats every language alike: an English stemmer would mangle Portuguese or Maltese words, and the
 * article's language is often unknown. Accents are folded by a plain translate() written here rather than
 * the unaccent extension, which a hosted database may not let us install. translate() keeps the text's
 * length, so a headline computed on folded text maps back to the original text character for character.
 *
 * Existing rows are indexed by INSERT … SELECT, which the database streams: memory in this process stays flat.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/** Unicode blocks whose accented letters are folded (Latin, Greek, Cyrillic, Latin Extended Additional). */
const FOLDED_RANGES: [number, number][] = [
  [0x00c0, 0x024f],
  [0x0370, 0x03ff],
  [0x0400, 0x04ff],
  [0x1e00, 0x1eff],
];

/**
 * Letters with no canonical decomposition that readers still type without their stroke; and the characters
 * of markup, made spaces: PostgreSQL's parser would read '<script>' in a report's text as a tag, leave its
 * word out of the index and out of ts_headline's output (which would then no longer be the text's own).
 */
const EXTRA_FOLDS: Record<string, string> = {
  '<': ' ',
  '>': ' ',
  '&': ' ',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
};

/** Returns the from/to strings of a length-keeping translate() that strips accents from letters (and markup). */
export function accentFoldTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const [lo, hi] of FOLDED_RANGES)
    for (let cp = lo; cp <= hi; cp++) {
      const c = String.fromCharCode(cp);
      const base = c.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length === 1 && base !== c) {
        from += c;
        to += base;
      }
    }
  for (const [c, base] of Object.entries(EXTRA_FOLDS)) {
    from += c;
    to += base;
  }
  return { from, to };
}

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
  const { from, to } = accentFoldTable();
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await sql`CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS ${sql.raw(literal(`SELECT translate(t, ${literal(from)}, ${literal(to)})`))}`.execute(db);
  await sql`CREATE TABLE search_reports (
    seq bigserial PRIMARY KEY, article_id text NOT NULL UNIQUE, doc tsvector NOT NULL)`.execute(db);
  await sql`CREATE INDEX search_reports_doc ON search_reports USING gin (doc)`.execute(db);
  await sql`CREATE TABLE search_events (
    seq bigserial PRIMARY KEY, event_id text NOT NULL UNIQUE, title text NOT NULL, doc tsvector NOT NULL)`.execute(
    db,
  );
  await sql`CREATE INDEX search_events_doc ON search_events USING gin (doc)`.execute(db);
  await sql`INSERT INTO search_reports (article_id, doc)
    SELECT a.id, setweight(to_tsvector('simple', search_fold(COALESCE(v.title, ''))), 'A')
      || setweight(to_tsvector('simple', search_fold(v.text)), 'B') FROM articles a
    JOIN article_versions v ON v.article_id = a.id AND v.version = a.version
    WHERE a.status = 'active' ORDER BY COALESCE(a.published_at, a.ingested_at), a.id`.execute(db);
  await sql`INSERT INTO search_events (event_id, title, doc)
    SELECT id, title, to_tsvector('simple', search_fold(title)) FROM events
    ORDER BY COALESCE(date_start, created_at), id`.execute(db);
}
