/** Feeds: subscriptions and their polling state (error kind and count, validators, next poll). */
import type { Kysely, Selectable } from 'kysely';
import type { Feed, FetchErrorKind } from '../domain/feed.ts';
import type { Database, FeedsTable } from './schema.ts';

export class FeedRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the feed or replaces the stored state of the feed with the same id. */
  async put(feed: Feed, now: string): Promise<void> {
    const row = {
      url: feed.url,
      outlet_id: feed.outletId,
      poll_interval_s: feed.pollIntervalSeconds,
      etag: feed.etag,
      last_modified: feed.lastModified,
      last_status: feed.lastStatus,
      consecutive_errors: feed.consecutiveErrors,
      last_error_kind: feed.lastError?.kind ?? null,
      last_error_message: feed.lastError?.message ?? null,
      next_poll_at: feed.nextPollAt,
    };
    await this.db
      .insertInto('feeds')
      .values({ id: feed.id, ...row, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  /** Returns every feed, by URL. */
  async list(): Promise<Feed[]> {
    return (await this.db.selectFrom('feeds').selectAll().orderBy('url').execute()).map(toFeed);
  }

  /** Returns the feed with this id, if it is subscribed. */
  async get(id: string): Promise<Feed | undefined> {
    const row = await this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toFeed(row);
  }

  /** Returns the feeds due for polling at `now`, earliest first. */
  async due(now: string): Promise<Feed[]> {
    const rows = await this.db
      .selectFrom('feeds')
      .selectAll()
      .where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', now)]))
      .orderBy('next_poll_at')
      .execute();
    return rows.map(toFeed);
  }

  /** Removes a feed; returns whether there was one. */
  async remove(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

function toFeed(r: Selectable<FeedsTable>): Feed {
  return {
    id: r.id,
    url: r.url,
    outletId: r.outlet_id,
    pollIntervalSeconds: r.poll_interval_s,
    etag: r.etag,
    lastModified: r.last_modified,
    lastStatus: r.last_status,
    consecutiveErrors: r.consecutive_errors,
    lastError: r.last_error_kind
      ? { kind: r.last_error_kind as FetchErrorKind, message: r.last_error_message ?? '' }
      : null,
    nextPollAt: r.next_poll_at,
  };
}
