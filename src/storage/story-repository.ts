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

  /** Deletes the stories no event belongs to any more; returns how many. */
  async removeUnused(): Promise<number> {
    const used = this.db.selectFrom('events').select('story_id').where('story_id', 'is not', null);
    const gone = await this.db.deleteFrom('stories').where('id', 'not in', used).executeTakeFirst();
    return Number(gone.numDeletedRows);
  }

  /** Returns the events of a story, in date order (undated last). */
  async eventIds(id: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['id', 'date_start'])
      .where('story_id', '=', id)
      .execute();
    return rows
      .sort(
        (a, b) => (a.date_start ?? '9999').localeCompare(b.date_start ?? '9999') || a.id.localeCompare(b.id),
      )
      .map((r) => r.id);
  }
}
