/**
 * Migration 016: editors' edits of an event's title, category, date and place.
 * - `event_edits`: per event and field, the value an editor set (JSON; null clears the field, as for a
 *   place that was only mentioned), who set it, why, and when. The events row holds the value in force,
 *   so every reader of events sees the edit; `computed_json` keeps what the pipeline last made of the
 *   field, so that undoing an edit restores it and reprocessing never overwrites an editor's value.
 * - An index on the audit log by subject, for an event page's list of editorial changes, and
 *   `events.editorial_revision`, counting the editorial actions on an event or its reports: an event's
 *   page, built once for each state of the event, is built again after each.
 * - The stored details of events that editors acted on (on them or on their reports) are dropped: they
 *   were built without that list, and are built again when next shown.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('event_edits')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('computed_json', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_edits_pk', ['event_id', 'field'])
    .execute();
  await db.schema
    .alterTable('events')
    .addColumn('editorial_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('audit_log_subject')
    .on('audit_log')
    .columns(['subject_kind', 'subject_id', 'id'])
    .execute();
  await sql`DELETE FROM view_models WHERE subject IN (
      SELECT 'event-detail:' || subject_id FROM audit_log WHERE subject_kind = 'event'
      UNION SELECT 'event-detail:' || er.event_id FROM audit_log l
        JOIN event_reports er ON er.article_id = l.subject_id WHERE l.subject_kind = 'article')`.execute(db);
}
