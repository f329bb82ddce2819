/**
 * Migration 014 (PostgreSQL): the newest reports' search documents again, in a small table with an index of
 * its own that a search asks before the index of every report (SearchRepository's `newestMatching`): its
 * pages stay in memory, where reading a word's matches from the whole table read pages from disk or the
 * system's cache.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * The newest reports copied now: SearchRepository's RECENT_REPORTS when this was written, fixed here as a
 * migration must not change; indexing keeps the table to the repository's bound from then on.
 */
const FILLED = 20_000;

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE TABLE search_recent (seq bigint PRIMARY KEY, doc tsvector NOT NULL)`.execute(db);
  await sql`CREATE INDEX search_recent_doc ON search_recent USING gin (doc) WITH (fastupdate = off)`.execute(
    db,
  );
  await sql`INSERT INTO search_recent (seq, doc)
    SELECT seq, doc FROM search_reports ORDER BY seq DESC LIMIT ${FILLED}`.execute(db);
  await sql`ANALYZE search_recent`.execute(db);
}
