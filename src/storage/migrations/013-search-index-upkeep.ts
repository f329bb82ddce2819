/**
 * Migration 013 (PostgreSQL): the search indexes take each new entry into their trees at once. A GIN index
 * by default gathers new entries in an unsorted pending list that every query reads through, until a
 * vacuum (or autovacuum's analyze) sorts them in; where autovacuum is off or behind, the list grows to
 * its 4 MB bound. Measured at 100,000 reports: 15,810 of 32,202 event titles sat in the list and a search
 * of event titles read 483 pages of it (4–10 ms a query, 0.3 ms after). Writing an entry into the tree
 * costs the writer a little more (a report is indexed once per version); reads no longer depend on when a
 * vacuum last ran. The entries already pending are sorted in now.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

const INDEXES = ['search_reports_doc', 'search_events_doc'];

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const name of INDEXES) {
    await sql`ALTER INDEX ${sql.id(name)} SET (fastupdate = off)`.execute(db);
    await sql`SELECT gin_clean_pending_list(${name}::regclass)`.execute(db);
  }
}
