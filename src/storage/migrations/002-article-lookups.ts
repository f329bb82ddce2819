/**
 * Migration 002: for acquisition that may be killed at any moment — indexes to find an item seen
 * before by URL or content hash, and a durable list of events still to assess after their reports changed.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_url').on('articles').column('url').execute();
  await db.schema.createIndex('articles_content_hash').on('articles').column('content_hash').execute();
  await db.schema
    .createTable('pending_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();
}
