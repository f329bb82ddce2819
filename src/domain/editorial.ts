/** People and their actions: users, reader submissions, and the audit trail. */

export type UserRole = 'editor' | 'admin';

/** An account that may use the editorial pages. */
export interface User {
  id: string;
  /** What the account logs in with: lower-cased, unique. */
  login: string;
  name: string;
  email: string | null;
  role: UserRole;
  createdAt: string;
  disabledAt: string | null;
  passwordChangedAt: string | null;
  /** Failed logins since the last success, and until when the account is locked after too many. */
  failedLogins: number;
  lockedUntil: string | null;
}

export type SubmissionStatus = 'pending' | 'approved' | 'rejected';
/** Where fetching a submitted address stands: waiting, fetched into a report, or failed (with why). */
export type FetchState = 'queued' | 'fetched' | 'failed';

/** A source a reader proposes for an event, awaiting an editor's review. */
export interface Submission {
  id: string;
  url: string;
  canonicalUrl: string;
  eventId: string | null;
  note: string | null;
  submittedBy: string | null;
  status: SubmissionStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  /** How many times it was submitted (repeats of one address to one event collapse into one). */
  times: number;
  /** The report it became once approved. */
  articleId: string | null;
  fetchState: FetchState;
  fetchError: string | null;
  /** Why an editor rejected it. */
  reason: string | null;
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
