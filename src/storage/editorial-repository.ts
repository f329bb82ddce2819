/**
 * Accounts, their sessions and reader submissions: who may edit, who is logged in, and the sources
 * readers propose for review (migration 015).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ArticleInput } from '../domain/article.ts';
import type { FetchState, Submission, SubmissionStatus, User, UserRole } from '../domain/editorial.ts';
import type { Dialect } from './dialect.ts';
import type { Database, SubmissionsTable, UsersTable } from './schema.ts';

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts an account; a second one with the same login (or e-mail) is refused by the database. */
  async create(u: Omit<User, 'failedLogins' | 'lockedUntil'>, passwordHash: string): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: u.id,
        login: u.login,
        name: u.name,
        email: u.email,
        role: u.role,
        password_hash: passwordHash,
        password_changed_at: u.passwordChangedAt,
        disabled_at: u.disabledAt,
        created_at: u.createdAt,
      })
      .execute();
  }

  /** Returns the account with this login, and its password hash (null: it has none yet). */
  async byLogin(login: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
    return r && { user: toUser(r), passwordHash: r.password_hash };
  }

  async byId(id: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  /** Every account, by login. */
  async list(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('login').execute()).map(toUser);
  }

  /** Sets a new password hash and clears the lock-out. */
  async setPassword(id: string, hash: string, at: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: at, failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
  }

  async setDisabled(id: string, at: string | null): Promise<void> {
    await this.db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
  }

  /** Counts a failed login (one statement, so two at once both count); returns the new count. */
  async failedLogin(id: string): Promise<number> {
    await this.db
      .updateTable('users')
      .set({ failed_logins: sql`failed_logins + 1` })
      .where('id', '=', id)
      .execute();
    const r = await this.db
      .selectFrom('users')
      .select('failed_logins')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r?.failed_logins ?? 0);
  }

  async lock(id: string, until: string): Promise<void> {
    await this.db.updateTable('users').set({ locked_until: until }).where('id', '=', id).execute();
  }

  /** A successful login: the count of failures starts again. */
  async loggedIn(id: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
  }
}

/** A stored session: whose it is, its CSRF secret, and until when it holds. */
export interface SessionRow {
  userId: string;
  csrf: string;
  createdAt: string;
  seenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(tokenHash: string, s: Omit<SessionRow, 'revokedAt'>): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash,
        user_id: s.userId,
        csrf: s.csrf,
        created_at: s.createdAt,
        seen_at: s.seenAt,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async get(tokenHash: string): Promise<SessionRow | undefined> {
    const r = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      r && {
        userId: r.user_id,
        csrf: r.csrf,
        createdAt: r.created_at,
        seenAt: r.seen_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
      }
    );
  }

  async touch(tokenHash: string, at: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ seen_at: at, expires_at: expiresAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async revoke(tokenHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Revokes every session of an account but `keep` (the one changing its password stays in). */
  async revokeAll(userId: string, at: string, keep?: string): Promise<number> {
    let q = this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keep) q = q.where('token_hash', '!=', keep);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}

/** What storing a submission did: stored it new, or counted it against the one already there. */
export type Submitted = { submission: Submission; repeat: boolean };

export class SubmissionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Stores a new submission, or, when this address was already submitted to this event, counts the
   * repeat on the first; refuses a new one (returns how many wait) when `maxPending` are pending. One
   * writer at a time decides (a transaction holding a lock on PostgreSQL; SQLite has one writer), so
   * submissions arriving together can neither pass the bound nor store one address twice.
   */
  async submit(s: Submission, maxPending: number): Promise<Submitted | { full: number }> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres')
        await sql`SELECT pg_advisory_xact_lock(hashtext('corroborate.submissions'))`.execute(trx);
      let q = trx.selectFrom('submissions').selectAll().where('canonical_url', '=', s.canonicalUrl);
      q = s.eventId === null ? q.where('event_id', 'is', null) : q.where('event_id', '=', s.eventId);
      const found = await q.executeTakeFirst();
      if (found) {
        const existing = toSubmission(found);
        await trx
          .updateTable('submissions')
          .set({ times: sql`coalesce(times, 1) + 1` })
          .where('id', '=', existing.id)
          .execute();
        return { submission: { ...existing, times: existing.times + 1 }, repeat: true };
      }
      const waiting = await trx
        .selectFrom('submissions')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(waiting?.n ?? 0) >= maxPending) return { full: Number(waiting?.n ?? 0) };
      await trx.insertInto('submissions').values(toRow(s)).execute();
      return { submission: s, repeat: false };
    });
  }

  async get(id: string): Promise<Submission | undefined> {
    const r = await this.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toSubmission(r);
  }

  /** Pending submissions (the review queue's size). */
  async pendingCount(): Promise<number> {
    const r = await this.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Submissions with the given status, oldest first (newest first when reviewed), at most `limit`. */
  async withStatus(status: SubmissionStatus, limit = 200): Promise<Submission[]> {
    return (
      await this.db
        .selectFrom('submissions')
        .selectAll()
        .where('status', '=', status)
        .orderBy('created_at', status === 'pending' ? 'asc' : 'desc')
        .orderBy('id')
        .limit(limit)
        .execute()
    ).map(toSubmission);
  }

  /** Submissions still waiting to be fetched, oldest first. */
  async queuedForFetch(limit: number): Promise<Submission[]> {
    return (
      await this.db
        .selectFrom('submissions')
        .selectAll()
        .where('fetch_state', '=', 'queued')
        .where('status', '=', 'pending')
        .orderBy('created_at')
        .limit(limit)
        .execute()
    ).map(toSubmission);
  }

  /** Records the outcome of fetching a submitted address: the page as fetched, or why it could not be. */
  async fetched(id: string, outcome: { input: ArticleInput } | { error: string }): Promise<void> {
    await this.db
      .updateTable('submissions')
      .set(
        'input' in outcome
          ? { fetch_state: 'fetched', input_json: JSON.stringify(outcome.input), fetch_error: null }
          : { fetch_state: 'failed', input_json: null, fetch_error: outcome.error },
      )
      .where('id', '=', id)
      .execute();
  }

  /** The page fetched for a submission, or null (not fetched, or failed). */
  async input(id: string): Promise<ArticleInput | null> {
    const r = await this.db
      .selectFrom('submissions')
      .select('input_json')
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.input_json ? (JSON.parse(r.input_json) as ArticleInput) : null;
  }

  /** Notes the report an approved submission became. */
  async became(id: string, articleId: string): Promise<void> {
    await this.db.updateTable('submissions').set({ article_id: articleId }).where('id', '=', id).execute();
  }

  /** Records an editor's decision on a pending submission; returns false when it was not pending. */
  async review(
    id: string,
    status: Exclude<SubmissionStatus, 'pending'>,
    reviewer: string,
    at: string,
    reason: string | null = null,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('submissions')
      .set({ status, reviewed_by: reviewer, reviewed_at: at, reason })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

function toUser(r: Selectable<UsersTable>): User {
  return {
    id: r.id,
    login: r.login,
    name: r.name,
    email: r.email,
    role: r.role as UserRole,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
    passwordChangedAt: r.password_changed_at,
    failedLogins: Number(r.failed_logins),
    lockedUntil: r.locked_until,
  };
}

function toRow(s: Submission) {
  return {
    id: s.id,
    url: s.url,
    canonical_url: s.canonicalUrl,
    event_id: s.eventId,
    note: s.note,
    submitted_by: s.submittedBy,
    status: s.status,
    reviewed_by: s.reviewedBy,
    reviewed_at: s.reviewedAt,
    created_at: s.createdAt,
    times: s.times,
    article_id: s.articleId,
    input_json: null,
    fetch_state: s.fetchState,
    fetch_error: s.fetchError,
    reason: s.reason,
  };
}

function toSubmission(r: Selectable<SubmissionsTable>): Submission {
  return {
    id: r.id,
    url: r.url,
    canonicalUrl: r.canonical_url ?? r.url,
    eventId: r.event_id,
    note: r.note,
    submittedBy: r.submitted_by,
    status: r.status as SubmissionStatus,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    createdAt: r.created_at,
    times: Number(r.times ?? 1),
    articleId: r.article_id,
    fetchState: (r.fetch_state ?? 'queued') as FetchState,
    fetchError: r.fetch_error,
    reason: r.reason,
  };
}
