/** Row types of every table, as Kysely sees them. Timestamps are ISO-8601 text on both databases. */
import type { Generated } from 'kysely';

export interface OutletsTable {
  id: string;
  name: string;
  domain: string | null;
  kind: string;
  owner_group: string | null;
  country: string | null;
  tier: string;
  created_at: string;
  /** JSON list of every domain (migration 004). */
  domains_json: string | null;
  feed_hosts_json: string | null;
  language: string | null;
  notes: string | null;
  /** JSON list of the other names the outlet goes by (migration 007). */
  aliases_json: string | null;
}

export interface FeedsTable {
  id: string;
  url: string;
  outlet_id: string | null;
  poll_interval_s: number;
  etag: string | null;
  last_modified: string | null;
  last_status: number | null;
  consecutive_errors: number;
  last_error_kind: string | null;
  last_error_message: string | null;
  next_poll_at: string | null;
  created_at: string;
}

export interface ArticlesTable {
  id: string;
  url: string;
  canonical_url: string;
  outlet_id: string | null;
  title: string | null;
  published_at: string | null;
  language: string | null;
  status: string;
  version: number;
  content_hash: string;
  ingested_at: string;
  updated_at: string;
}

export interface ArticleVersionsTable {
  article_id: string;
  version: number;
  content_hash: string;
  title: string | null;
  text: string;
  /** The extract stage's metadata and evidence (JSON). */
  extracted_json: string;
  /** The provenance stage's lineage (JSON). */
  provenance_json: string;
  /** The analyze stage's result (JSON). */
  analysis_json: string;
  /** Word-shingle fingerprint for copy detection (JSON number array). */
  shingles_json: string;
  created_at: string;
}

/** The copy index: one compact fingerprint per current active article. */
export interface CopyFingerprintsTable {
  id: Generated<number>;
  article_id: string;
  outlet_id: string | null;
  published_at: string | null;
  /** Word-shingle hashes, sorted, as little-endian 32-bit integers. */
  shingles: Uint8Array;
}

/** The copy index's MinHash band keys (lib/minhash.ts) → fingerprints. */
export interface CopyBandsTable {
  band_key: number | string;
  fingerprint_id: number;
}

export interface EventsTable {
  id: string;
  title: string;
  category: string | null;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  place_json: string | null;
  story_id: string | null;
  /** The resolver's profile of the event (term weights, entities, dates) as JSON. */
  profile_json: string;
  /** Each field's values with the reports supporting them (EventFields), once assessed. */
  fields_json: string | null;
  /** How many editorial actions were taken on the event or its reports (its page is rebuilt after each). */
  editorial_revision: Generated<number>;
  created_at: string;
  updated_at: string;
  /** When the event last changed, as migration 019 marks it (see EventRepository.changedSince). */
  change_seq: Generated<number>;
}

/** An event deleted, with its change mark (migration 019). */
export interface EventRemovalsTable {
  event_id: string;
  change_seq: number;
  /** When it was deleted (migration 021; set by the database). */
  removed_at: Generated<string>;
}

/** An event changed since it was last threaded into stories (migration 020). */
export interface UnthreadedEventsTable {
  event_id: string;
}

/** SQLite's counters of changes (migration 019): `events` marks the events' changes. */
export interface ChangeCountersTable {
  name: string;
  value: number;
}

/** A report's passage recalling an earlier event (background), linked to that event. */
export interface EventBackgroundTable {
  article_id: string;
  passage_start: number;
  passage_end: number;
  event_id: string;
  score: number;
}

/** A passage of a report of several events (a round-up), backing an event other than the report's first. */
export interface EventPassagesTable {
  article_id: string;
  passage_start: number;
  passage_end: number;
  event_id: string;
  score: number;
  frame_json: string | null;
}

/** An editor's settlement of a dispute: for one event and field, the value that stands. */
export interface DisputeResolutionsTable {
  event_id: string;
  field: string;
  value: string;
  decided_by: string;
  note: string | null;
  at: string;
}

/** An editor's value for an event's title, category, date or place, and what the pipeline made of it. */
export interface EventEditsTable {
  event_id: string;
  field: string;
  /** The editor's value (JSON; null clears the field). */
  value_json: string;
  /** The pipeline's latest value of the field (JSON), restored when the edit is undone. */
  computed_json: string;
  decided_by: string;
  note: string | null;
  at: string;
}

/** Merges and splits of events: which reports went from which event to which. */
export interface EventLineageTable {
  id: Generated<number>;
  from_id: string;
  to_id: string;
  /** 'merge' (the from event is gone, its reports joined the to event) or 'split' (some reports left it). */
  kind: string;
  reason: string;
  article_ids_json: string;
  /** The reports on the other side: those of the event merged into, or those that stayed (JSON). */
  counterpart_ids_json: string;
  /** Who decided, for an editor's merge or split (reprocessing keeps to it); null when the pipeline did. */
  decided_by: string | null;
  /** What the event that is gone was: title and verification history. */
  detail_json: string | null;
  at: string;
}

export interface EventReportsTable {
  article_id: string;
  event_id: string;
  score: number;
  tone: string | null;
  joined_at: string;
  frame_json: string | null;
}

/** Events whose reports changed and whose assessment and story threading are still to run (a durable to-do). */
export interface PendingEventsTable {
  event_id: string;
  since: string;
}

export interface StoriesTable {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

export interface AssessmentsTable {
  id: Generated<number>;
  event_id: string;
  level: string;
  independent_sources: number;
  detail_json: string;
  computed_at: string;
}

export interface SubmissionsTable {
  id: string;
  url: string;
  event_id: string | null;
  note: string | null;
  submitted_by: string | null;
  status: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string;
  /** The address as compared for repeats (migration 015). */
  canonical_url: string | null;
  /** How many times it was submitted (repeats collapse into one row). */
  times: number | null;
  /** The report it became once approved. */
  article_id: string | null;
  /** The page as fetched (an ArticleInput as JSON), what an editor previews and approves. */
  input_json: string | null;
  /** 'queued', 'fetched' or 'failed'. */
  fetch_state: string | null;
  fetch_error: string | null;
  /** An editor's reason for a rejection. */
  reason: string | null;
}

export interface UsersTable {
  id: string;
  /** The name an account logs in with, lower-cased (migration 015). */
  login: string;
  name: string;
  email: string | null;
  role: string;
  password_hash: string | null;
  password_changed_at: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf: string;
  created_at: string;
  seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  detail_json: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface RunLocksTable {
  name: string;
  holder: string;
  host: string;
  pid: number;
  command: string;
  acquired_at: string;
}

export interface Database {
  outlets: OutletsTable;
  feeds: FeedsTable;
  articles: ArticlesTable;
  article_versions: ArticleVersionsTable;
  copy_fingerprints: CopyFingerprintsTable;
  copy_bands: CopyBandsTable;
  events: EventsTable;
  event_reports: EventReportsTable;
  event_lineage: EventLineageTable;
  event_background: EventBackgroundTable;
  event_passages: EventPassagesTable;
  dispute_resolutions: DisputeResolutionsTable;
  event_edits: EventEditsTable;
  pending_events: PendingEventsTable;
  stories: StoriesTable;
  assessments: AssessmentsTable;
  submissions: SubmissionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  run_locks: RunLocksTable;
  event_removals: EventRemovalsTable;
  change_counters: ChangeCountersTable;
  unthreaded_events: UnthreadedEventsTable;
}
