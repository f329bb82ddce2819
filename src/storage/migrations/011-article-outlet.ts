/**
 * Migration 011: reports found by their outlet through an index (the outlets that have reports, the events
 * holding an outlet's reports), not by a scan of every stored article.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_outlet').on('articles').columns(['outlet_id', 'id']).execute();
}
