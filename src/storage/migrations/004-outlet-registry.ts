/** Migration 004: the outlet registry's other facts — every domain, feed hosts, language and notes. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['domains_json', 'feed_hosts_json', 'language', 'notes'])
    await db.schema.alterTable('outlets').addColumn(column, 'text').execute();
}
