/**
 * Stored view models (migration 011): an event's card or a story's briefing as JSON, with the state it
 * was built from. The views decide what a state is and when a row is current (run/event-views.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Tables = Database & {
  view_models: { subject: string; state: string; body: string; built_at: string };
};

export class ViewModelRepository {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<Tables>;
  }

  /** The stored view of a subject and the state it was built from, or undefined. */
  async get(subject: string): Promise<{ state: string; body: string } | undefined> {
    return this.db
      .selectFrom('view_models')
      .select(['state', 'body'])
      .where('subject', '=', subject)
      .executeTakeFirst();
  }

  /** Stores a subject's view, replacing the one stored before. */
  async put(subject: string, state: string, body: string): Promise<void> {
    const built_at = new Date().toISOString();
    await this.db
      .insertInto('view_models')
      .values({ subject, state, body, built_at })
      .onConflict((oc) => oc.column('subject').doUpdateSet({ state, body, built_at }))
      .execute();
  }

  /** Removes the views of these subjects (their event or story is gone). */
  async remove(subjects: readonly string[]): Promise<void> {
    for (let i = 0; i < subjects.length; i += 500)
      await this.db
        .deleteFrom('view_models')
        .where('subject', 'in', subjects.slice(i, i + 500))
        .execute();
  }
}
