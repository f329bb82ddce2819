/** Users and reader submissions: who may edit, and the sources readers propose for review. */
import type { Kysely, Selectable } from 'kysely';
import type { Submission, SubmissionStatus, User, UserRole } from '../domain/editorial.ts';
import type { Database, SubmissionsTable } from './schema.ts';

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a user; a second user with the same e-mail is refused by the database. */
  async create(u: User): Promise<void> {
    await this.db
      .insertInto('users')
      .values({ id: u.id, email: u.email.toLowerCase(), name: u.name, role: u.role, created_at: u.createdAt })
      .execute();
  }

  /** Returns the user with this e-mail address, or undefined. */
  async byEmail(email: string): Promise<User | undefined> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return r && { id: r.id, email: r.email, name: r.name, role: r.role as UserRole, createdAt: r.created_at };
  }
}

export class SubmissionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a new submission. */
  async create(s: Submission): Promise<void> {
    await this.db
      .insertInto('submissions')
      .values({
        id: s.id,
        url: s.url,
        event_id: s.eventId,
        note: s.note,
        submitted_by: s.submittedBy,
        status: s.status,
        reviewed_by: s.reviewedBy,
        reviewed_at: s.reviewedAt,
        created_at: s.createdAt,
      })
      .execute();
  }

  /** Returns submissions with the given status, oldest first. */
  async withStatus(status: SubmissionStatus): Promise<Submission[]> {
    return (
      await this.db
        .selectFrom('submissions')
        .selectAll()
        .where('status', '=', status)
        .orderBy('created_at')
        .execute()
    ).map(toSubmission);
  }

  /** Records an editor's decision on a pending submission; returns false when it was not pending. */
  async review(
    id: string,
    status: Exclude<SubmissionStatus, 'pending'>,
    reviewer: string,
    at: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('submissions')
      .set({ status, reviewed_by: reviewer, reviewed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

function toSubmission(r: Selectable<SubmissionsTable>): Submission {
  return {
    id: r.id,
    url: r.url,
    eventId: r.event_id,
    note: r.note,
    submittedBy: r.submitted_by,
    status: r.status as SubmissionStatus,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    createdAt: r.created_at,
  };
}
