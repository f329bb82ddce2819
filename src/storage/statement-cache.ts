/**
 * Prepared statements kept for reuse. SQLite: every statement. PostgreSQL: the queries marked PREPARED.
 *
 * SQLite: prepared statements kept for reuse. Kysely prepares every query it runs afresh; preparing
 * (parsing and planning the SQL) costs more than running most of the point reads the web pages make.
 * The connection given to Kysely keeps the last STATEMENTS statements by their SQL text and hands the
 * same one out again, unless it is still being stepped through by an iterator (a stream), when a fresh
 * one is prepared for the caller.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import type pg from 'pg';

/** Statements kept: the queries of the product are a few hundred texts, bar `in (…)` lists of every length. */
const STATEMENTS = 1_000;

/** Wraps a connection so that one SQL text is prepared once (least recently used dropped past the bound). */
export function withStatementCache(conn: BetterSqlite3.Database, size = STATEMENTS): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close() {
      kept.clear();
      conn.close();
    },
    prepare(text: string) {
      const hit = kept.get(text);
      if (hit && !hit.busy) {
        kept.delete(text);
        kept.set(text, hit);
        return hit;
      }
      const stmt = conn.prepare(text);
      if (hit) return stmt; // the kept one is mid-iteration: this caller gets its own
      kept.set(text, stmt);
      if (kept.size > size) kept.delete(kept.keys().next().value as string);
      return stmt;
    },
  };
}

/**
 * PostgreSQL: the comment that opens a query to be prepared once per connection. Only a query whose text
 * takes a bounded number of forms may carry it: each form stays prepared on every connection for as long as
 * the connection lasts. For a server, the statements keep one generic plan (openPostgres), so the
 * query must be written so that one plan serves every value it is given.
 */
export const PREPARED = '/* prepared */';

/**
 * Has a pooled PostgreSQL connection send a query that opens with PREPARED as a named statement (its name
 * taken from its text): parsed and planned on the first call, then only executed. Kysely sends every
 * query unnamed, to be parsed and planned again each time.
 */
export function withPreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !text.startsWith(PREPARED) || args.length > 2) return query(...args);
    const name = `c${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    return query({ name, text, values });
  };
}
