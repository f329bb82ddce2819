/** People and their actions: users, reader submissions, and the audit trail. */

export type UserRole = 'reader' | 'editor' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  createdAt: string;
}

export type SubmissionStatus = 'pending' | 'approved' | 'rejected';

/** A source a reader proposes for an event, awaiting an editor's review. */
export interface Submission {
  id: string;
  url: string;
  eventId: string | null;
  note: string | null;
  submittedBy: string | null;
  status: SubmissionStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

/** One recorded change: who did what to which subject, and when. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: { kind: string; id: string };
  detail: Record<string, unknown>;
}
