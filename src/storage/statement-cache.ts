/**
 * Prepared SQLite statements kept for reuse. Kysely prepares every query it runs afresh; preparing
 * (parsing and planning the SQL) costs more than running most of the point reads the web pages make.
 * The connection given to Kysely keeps the last STATEMENTS statements by their SQL text and hands the
 * same one out again, unless it is still being stepped through by an iterator (a stream), when a fresh
 * one is prepared for the caller.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

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
