/** Settings: small key-value facts about the database itself (such as "this is the fictional sample"). */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Returns the stored value for a key, or undefined. */
  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  /** Stores a value under a key, replacing any earlier one. */
  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
