/** Migration 007: the other names an outlet goes by in news ("AP" for the Associated Press), a JSON list. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outlets').addColumn('aliases_json', 'text').execute();
}
