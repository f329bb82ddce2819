/** Stories: threads of events over weeks or months. */
import type { Kysely } from 'kysely';
import type { Story } from '../domain/event.ts';
import type { Database } from './schema.ts';

export class StoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the story or updates its title and time. */
  async put(story: Story): Promise<void> {
    await this.db
      .insertInto('stories')
      .values({ id: story.id, title: story.title, created_at: story.createdAt, updated_at: story.updatedAt })
      .onConflict((oc) => oc.column('id').doUpdateSet({ title: story.title, updated_at: story.updatedAt }))
      .execute();
  }

  /** Returns the story with this id, or undefined. */
  async get(id: string): Promise<Story | undefined> {
    const r = await this.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at };
  }

  /** Returns every story, most recently updated first. */
  async list(): Promise<Story[]> {
    const rows = await this.db.selectFrom('stories').selectAll().orderBy('updated_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at }));
  }
}
