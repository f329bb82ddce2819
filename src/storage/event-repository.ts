/** Events with their member reports, resolver profiles and assessment history. */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Assessment, ConfidenceLevel, DisputeResolution } from '../domain/assessment.ts';
import type {
  Event,
  EventCategory,
  EventFields,
  EventLineageEntry,
  EventPlace,
  EventProfile,
  ReportOfEvent,
  SourceTone,
  DatePrecision,
  EditableField,
  EditableValues,
  EventEdit,
  ReportFrame,
} from '../domain/event.ts';
import type { Dialect } from './dialect.ts';
import type { Database, EventLineageTable, EventsTable } from './schema.ts';

/** An event with the counts shown in lists. */
/** An event on the to-do list of assessment, with its latest mark (see markPending). */
export interface PendingMark {
  eventId: string;
  since: string;
}

export interface EventOverview {
  event: Event;
  articleCount: number;
  outletCount: number;
  assessment: Assessment | null;
}

/** A passage of a report linked to an event (a background link, or a round-up's passage). */
export interface PassageRow {
  eventId: string;
  start: number;
  end: number;
  score: number;
  /** A round-up's passage: its own reading of its event (stored with the passage; absent elsewhere). */
  frame?: ReportFrame | null;
}

const frameJson = (frame: ReportFrame | null | undefined) => (frame ? JSON.stringify(frame) : null);
const frameOfJson = (json: string | null) => (json ? (JSON.parse(json) as ReportFrame) : null);

/** The events changed since a horizon, those deleted, and the horizon to ask from next. */
export interface EventChanges {
  events: { event: Event; profile: EventProfile }[];
  removed: string[];
  horizon: number;
  /**
   * False when deletions from the horizon asked about on have been pruned (pruneRemovals): the reader
   * does not learn of every event deleted since, and must read every event again.
   */
  complete: boolean;
}

/** The settings key holding the highest change mark of a deletion pruned from `event_removals`. */
const PRUNED_THROUGH = 'events.removals_pruned_through';

export class EventRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Inserts a new event or replaces the stored fields of an existing one. A field an editor set keeps
   * the editor's value; what the pipeline makes of it now is kept with the edit (for undoing it).
   */
  async put(event: Event, profile: EventProfile): Promise<void> {
    const edits = await this.edits(event.id);
    let shown: Event = event;
    for (const e of edits) {
      shown = { ...shown, [e.field]: e.value };
      const computed = event[e.field];
      // The pipeline starts from the stored event: a value equal to the edit is the edit read back.
      if (sameValue(computed, e.value) || sameValue(computed, e.computed)) continue;
      await this.db
        .updateTable('event_edits')
        .set({ computed_json: JSON.stringify(computed) })
        .where('event_id', '=', event.id)
        .where('field', '=', e.field)
        .execute();
    }
    const row = {
      ...fieldColumns(shown),
      story_id: event.storyId,
      profile_json: JSON.stringify(profile),
      updated_at: event.updatedAt,
    };
    await this.db
      .insertInto('events')
      .values({ id: event.id, ...row, created_at: event.createdAt })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  /** The editors' edits of an event's fields, in force. */
  async edits(eventId: string): Promise<EventEdit[]> {
    const rows = await this.db
      .selectFrom('event_edits')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('field')
      .execute();
    return rows.map((r) => ({
      eventId: r.event_id,
      field: r.field as EditableField,
      value: JSON.parse(r.value_json) as EditableValues[EditableField],
      computed: JSON.parse(r.computed_json) as EditableValues[EditableField],
      decidedBy: r.decided_by,
      note: r.note,
      at: r.at,
    }));
  }

  /**
   * Sets an editor's value for a field of a stored event (replacing an earlier edit of it, whose
   * computed value is kept) and puts it in force; the event's update time becomes `edit.at`.
   */
  async setEdit(edit: Omit<EventEdit, 'computed'>): Promise<void> {
    const event = await this.get(edit.eventId);
    if (!event) throw new Error(`no event ${edit.eventId}`);
    const prior = (await this.edits(edit.eventId)).find((e) => e.field === edit.field);
    const row = {
      value_json: JSON.stringify(edit.value),
      decided_by: edit.decidedBy,
      note: edit.note,
      at: edit.at,
    };
    await this.db
      .insertInto('event_edits')
      .values({
        event_id: edit.eventId,
        field: edit.field,
        ...row,
        computed_json: JSON.stringify(prior ? prior.computed : event[edit.field]),
      })
      .onConflict((oc) => oc.columns(['event_id', 'field']).doUpdateSet(row))
      .execute();
    await this.putFieldColumns({ ...event, [edit.field]: edit.value, updatedAt: edit.at });
  }

  /** Undoes the edit of a field: the pipeline's value is in force again. Returns the edit undone. */
  async undoEdit(eventId: string, field: EditableField, at: string): Promise<EventEdit | undefined> {
    const event = await this.get(eventId);
    const edit = (await this.edits(eventId)).find((e) => e.field === field);
    if (!event || !edit) return undefined;
    await this.db
      .deleteFrom('event_edits')
      .where('event_id', '=', eventId)
      .where('field', '=', field)
      .execute();
    await this.putFieldColumns({ ...event, [field]: edit.computed, updatedAt: at });
    return edit;
  }

  private async putFieldColumns(event: Event): Promise<void> {
    await this.db
      .updateTable('events')
      .set({ ...fieldColumns(event), updated_at: event.updatedAt })
      .where('id', '=', event.id)
      .execute();
  }

  /** Marks events changed by an editorial action at `at` (on them or their reports). */
  async touch(ids: readonly string[], at: string): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('events')
      .set((eb) => ({ updated_at: at, editorial_revision: eb('editorial_revision', '+', 1) }))
      .where('id', 'in', [...ids])
      .execute();
  }

  /** The event with the count of editorial actions on it (which its page's state includes), or undefined. */
  async getRevised(id: string): Promise<{ event: Event; revision: number } | undefined> {
    const row = await this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { event: toEvent(row), revision: Number(row.editorial_revision) };
  }

  /** Returns the event with this id, or undefined. */
  async get(id: string): Promise<Event | undefined> {
    const row = await this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEvent(row);
  }

  /** Returns these events that exist, by id (one query per 400 ids). */
  async getMany(ids: readonly string[]): Promise<Map<string, Event>> {
    const out = new Map<string, Event>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db.selectFrom('events').selectAll().where('id', 'in', chunk).execute();
      for (const r of rows) out.set(r.id, toEvent(r));
    }
    return out;
  }

  /** Returns every event with its resolver profile. */
  async withProfiles(): Promise<{ event: Event; profile: EventProfile }[]> {
    const rows = await this.db.selectFrom('events').selectAll().execute();
    return rows.map((r) => ({ event: toEvent(r), profile: JSON.parse(r.profile_json) as EventProfile }));
  }

  /**
   * The change mark from which changes not yet seen will be marked (migration 019): on SQLite the next
   * value of the counter; on PostgreSQL the oldest transaction still running, whose changes (and any later
   * transaction's) are not all visible yet. Read it before reading the events it stands for.
   */
  async changeHorizon(): Promise<number> {
    if (this.dialect === 'postgres') {
      const { rows } = await sql<{
        h: string;
      }>`SELECT txid_snapshot_xmin(txid_current_snapshot()) AS h`.execute(this.db);
      return Number(rows[0]?.h);
    }
    const row = await this.db
      .selectFrom('change_counters')
      .select('value')
      .where('name', '=', 'events')
      .executeTakeFirstOrThrow();
    return Number(row.value) + 1;
  }

  /**
   * The events inserted or changed (in a column the resolver reads) from `horizon` on, and the ids of those
   * deleted since; both as stored now. Some may have been read before (a change is reported until the
   * horizon passes it): applying them again changes nothing.
   */
  async changedSince(horizon: number): Promise<EventChanges> {
    const next = await this.changeHorizon();
    const rows = await this.db.selectFrom('events').selectAll().where('change_seq', '>=', horizon).execute();
    const gone = await this.db
      .selectFrom('event_removals')
      .select('event_id')
      .distinct()
      .where('change_seq', '>=', horizon)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('events').select('id').whereRef('id', '=', 'event_id'))))
      .execute();
    // Read after the deletions: a pruning that removed some of them before they were read has set it by then.
    const pruned = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', PRUNED_THROUGH)
      .executeTakeFirst();
    return {
      events: rows.map((r) => ({ event: toEvent(r), profile: JSON.parse(r.profile_json) as EventProfile })),
      removed: gone.map((r) => r.event_id),
      horizon: next,
      complete: pruned === undefined || Number(pruned.value) < horizon,
    };
  }

  /**
   * Forgets the deletions made before `before` (an ISO time); returns how many. A reader asking for the
   * changes from a horizon at or before the last of them is then told its changes are incomplete.
   */
  async pruneRemovals(before: string): Promise<number> {
    const last = await this.db
      .selectFrom('event_removals')
      .select((eb) => eb.fn.max('change_seq').as('seq'))
      .where('removed_at', '<', before)
      .executeTakeFirst();
    if (last?.seq === null || last?.seq === undefined) return 0;
    const through = Number(last.seq);
    // The mark first: a reader between the two steps then reads everything again, rather than miss a deletion.
    const held = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', PRUNED_THROUGH)
      .executeTakeFirst();
    const value = String(Math.max(through, Number(held?.value ?? through)));
    await this.db
      .insertInto('settings')
      .values({ key: PRUNED_THROUGH, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    const r = await this.db
      .deleteFrom('event_removals')
      .where('change_seq', '<=', through)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Returns the ids of every event. */
  async ids(): Promise<string[]> {
    return (await this.db.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
  }

  /** Stores the event's field-level values (EventFields). */
  async putFields(id: string, fields: EventFields): Promise<void> {
    await this.db
      .updateTable('events')
      .set({ fields_json: JSON.stringify(fields) })
      .where('id', '=', id)
      .execute();
  }

  /** Returns the event's field-level values, or null before it was first assessed. */
  async fields(id: string): Promise<EventFields | null> {
    const row = await this.db
      .selectFrom('events')
      .select('fields_json')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.fields_json ? (JSON.parse(row.fields_json) as EventFields) : null;
  }

  /** Moves reports to another event (their tones are kept; the event must exist). */
  async moveReports(articleIds: string[], toId: string): Promise<void> {
    for (let i = 0; i < articleIds.length; i += 400) {
      await this.db
        .updateTable('event_reports')
        .set({ event_id: toId })
        .where('article_id', 'in', articleIds.slice(i, i + 400))
        .execute();
    }
  }

  /**
   * Removes an event whose reports have all gone to `successorId`: its verification history is kept in
   * the returned detail (for the lineage record), reader submissions about it follow to the successor.
   */
  async retire(id: string, successorId: string): Promise<NonNullable<EventLineageEntry['detail']>> {
    const left = await this.db
      .selectFrom('event_reports')
      .select('article_id')
      .where('event_id', '=', id)
      .executeTakeFirst();
    if (left)
      throw new Error(`event ${id} still has report ${left.article_id}: move its reports before retiring it`);
    const event = await this.get(id);
    const levels = (await this.history(id)).map((a) => ({ level: a.level, computedAt: a.computedAt }));
    await this.db
      .updateTable('submissions')
      .set({ event_id: successorId })
      .where('event_id', '=', id)
      .execute();
    await this.db
      .updateTable('event_background')
      .set({ event_id: successorId })
      .where('event_id', '=', id)
      .execute();
    await this.db
      .updateTable('event_passages')
      .set({ event_id: successorId })
      .where('event_id', '=', id)
      .execute();
    await this.db.deleteFrom('assessments').where('event_id', '=', id).execute();
    await this.db.deleteFrom('pending_events').where('event_id', '=', id).execute();
    await this.db.deleteFrom('unthreaded_events').where('event_id', '=', id).execute();
    // Its edits went with it: the event that took its reports keeps its own title, date and place.
    await this.db.deleteFrom('event_edits').where('event_id', '=', id).execute();
    await this.db.deleteFrom('events').where('id', '=', id).execute();
    return { title: event?.title ?? id, levels };
  }

  /** Replaces a report's background links: its passages that recall earlier events. */
  async setBackground(articleId: string, links: PassageRow[]): Promise<void> {
    await this.setSpans('event_background', articleId, links);
  }

  /** The passages of reports that recall this event as background, by report and position. */
  async recalledIn(eventId: string): Promise<(PassageRow & { articleId: string })[]> {
    return this.spans('event_background', eventId);
  }

  /** Replaces the passages by which a report of several events backs the events beyond its first. */
  async setPassages(articleId: string, passages: PassageRow[]): Promise<void> {
    await this.setSpans('event_passages', articleId, passages);
  }

  /** The passages of reports of several events that back this event (beyond the reports whose first event it is). */
  async passages(eventId: string): Promise<(PassageRow & { articleId: string })[]> {
    return this.spans('event_passages', eventId);
  }

  /** The passages of each of these events, as `passages` reads them (one query per 400 events). */
  async passagesOf(
    eventIds: readonly string[],
  ): Promise<Map<string, (PassageRow & { articleId: string })[]>> {
    const out = new Map<string, (PassageRow & { articleId: string })[]>(eventIds.map((id) => [id, []]));
    for (const chunk of chunks(eventIds)) {
      const rows = await this.db
        .selectFrom('event_passages')
        .selectAll()
        .where('event_id', 'in', chunk)
        .orderBy('article_id')
        .orderBy('passage_start')
        .execute();
      for (const r of rows) out.get(r.event_id)?.push(spanOf(r));
    }
    return out;
  }

  /** The events holding a report (or a round-up's passage) from any of these outlets. */
  async idsWithOutlets(outletIds: string[]): Promise<string[]> {
    const from = (table: 'event_reports' | 'event_passages') =>
      this.db
        .selectFrom(table)
        .innerJoin('articles', 'articles.id', `${table}.article_id`)
        .select(`${table}.event_id as event_id`)
        .where('articles.outlet_id', 'in', outletIds)
        .execute();
    const rows = [...(await from('event_reports')), ...(await from('event_passages'))];
    return [...new Set(rows.map((r) => r.event_id))].sort();
  }

  /** The events an article backs: the one it reports, and any a passage of it backs. */
  async eventsOfArticle(articleId: string): Promise<string[]> {
    const main = await this.db
      .selectFrom('event_reports')
      .select('event_id')
      .where('article_id', '=', articleId)
      .execute();
    const more = await this.db
      .selectFrom('event_passages')
      .select('event_id')
      .where('article_id', '=', articleId)
      .execute();
    return [...new Set([...main, ...more].map((r) => r.event_id))];
  }

  /** Every passage of every report of several events, with the event it backs. */
  async allPassages(): Promise<(PassageRow & { articleId: string })[]> {
    const rows = await this.db
      .selectFrom('event_passages')
      .selectAll()
      .orderBy('article_id')
      .orderBy('passage_start')
      .execute();
    return rows.map((r) => ({
      articleId: r.article_id,
      eventId: r.event_id,
      start: r.passage_start,
      end: r.passage_end,
      score: r.score,
    }));
  }

  private async setSpans(
    table: 'event_background' | 'event_passages',
    articleId: string,
    rows: PassageRow[],
  ): Promise<void> {
    await this.db.deleteFrom(table).where('article_id', '=', articleId).execute();
    for (const r of rows) {
      const row = {
        article_id: articleId,
        passage_start: r.start,
        passage_end: r.end,
        event_id: r.eventId,
        score: r.score,
      };
      if (table === 'event_passages')
        await this.db
          .insertInto(table)
          .values({ ...row, frame_json: frameJson(r.frame) })
          .execute();
      else await this.db.insertInto(table).values(row).execute();
    }
  }

  private async spans(
    table: 'event_background' | 'event_passages',
    eventId: string,
  ): Promise<(PassageRow & { articleId: string })[]> {
    const rows = await this.db
      .selectFrom(table)
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('article_id')
      .orderBy('passage_start')
      .execute();
    return rows.map(spanOf);
  }

  /**
   * Returns the events no report and no passage backs any more, other than those in `keep` (after a
   * reprocess: the events only a round-up's passage had founded, whose passage now backs another).
   */
  async empty(keep: ReadonlySet<string>): Promise<string[]> {
    const rows = await this.db
      .selectFrom('events')
      .select('id')
      .where('id', 'not in', this.db.selectFrom('event_reports').select('event_id'))
      .where('id', 'not in', this.db.selectFrom('event_passages').select('event_id'))
      .execute();
    return rows.map((r) => r.id).filter((id) => !keep.has(id));
  }

  /** Stores an editor's settlement of a dispute (replacing an earlier one for the same field). */
  async resolveDispute(r: DisputeResolution): Promise<void> {
    const row = { value: r.value, decided_by: r.decidedBy, note: r.note, at: r.at };
    await this.db
      .insertInto('dispute_resolutions')
      .values({ event_id: r.eventId, field: r.field, ...row })
      .onConflict((oc) => oc.columns(['event_id', 'field']).doUpdateSet(row))
      .execute();
  }

  /** The editors' settlements of an event's disputes. */
  async resolutions(eventId: string): Promise<DisputeResolution[]> {
    const rows = await this.db
      .selectFrom('dispute_resolutions')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('field')
      .execute();
    return rows.map((r) => ({
      eventId: r.event_id,
      field: r.field,
      value: r.value,
      decidedBy: r.decided_by,
      note: r.note,
      at: r.at,
    }));
  }

  /** Records a merge or split. */
  async recordLineage(e: EventLineageEntry): Promise<void> {
    await this.db
      .insertInto('event_lineage')
      .values({
        from_id: e.fromId,
        to_id: e.toId,
        kind: e.kind,
        reason: e.reason,
        article_ids_json: JSON.stringify(e.articleIds),
        counterpart_ids_json: JSON.stringify(e.counterpartIds),
        decided_by: e.decidedBy,
        detail_json: e.detail ? JSON.stringify(e.detail) : null,
        at: e.at,
      })
      .execute();
  }

  /** Returns the merges and splits an event took part in (from it or into it), oldest first. */
  async lineage(id: string): Promise<EventLineageEntry[]> {
    const rows = await this.db
      .selectFrom('event_lineage')
      .selectAll()
      .where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)]))
      .orderBy('id')
      .execute();
    return rows.map(toLineage);
  }

  /** Every merge and split an editor decided, oldest first: what reprocessing must keep to. */
  async editorialDecisions(): Promise<EventLineageEntry[]> {
    return (
      await this.db
        .selectFrom('event_lineage')
        .selectAll()
        .where('decided_by', 'is not', null)
        .orderBy('id')
        .execute()
    ).map(toLineage);
  }

  /**
   * Returns the id under which an event lives now: its own while it exists, else the event it was
   * last merged into (followed through later merges); undefined for an id never seen.
   */
  async successor(id: string): Promise<string | undefined> {
    let current = id;
    for (let hop = 0; hop < 100; hop++) {
      if (await this.get(current)) return current;
      const merge = await this.db
        .selectFrom('event_lineage')
        .select('to_id')
        .where('from_id', '=', current)
        .where('kind', '=', 'merge')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (!merge) return undefined;
      current = merge.to_id;
    }
    return undefined;
  }

  /** Returns every event with counts and its latest assessment, newest event date first. */
  async overview(): Promise<EventOverview[]> {
    const rows = await this.db
      .selectFrom('events')
      .leftJoin('event_reports', 'event_reports.event_id', 'events.id')
      .leftJoin('articles', 'articles.id', 'event_reports.article_id')
      .selectAll('events')
      .select((eb) => [
        eb.fn.count<string | number>('event_reports.article_id').as('article_count'),
        eb.fn.count<string | number>('articles.outlet_id').distinct().as('outlet_count'),
      ])
      .groupBy('events.id')
      .execute();
    const latest = await this.latestAssessments();
    // Reports of several events count for each event they back with a passage.
    const passages = await this.db
      .selectFrom('event_passages')
      .select((eb) => ['event_id', eb.fn.count<string | number>('article_id').distinct().as('n')])
      .groupBy('event_id')
      .execute();
    const extra = new Map(passages.map((p) => [p.event_id, Number(p.n)]));
    return rows
      .map((r) => ({
        event: toEvent(r),
        articleCount: Number(r.article_count) + (extra.get(r.id) ?? 0),
        outletCount: Number(r.outlet_count),
        assessment: latest.get(r.id) ?? null,
      }))
      .sort((a, b) => compareNewestFirst(a.event, b.event));
  }

  /** Records that an article reports an event (replacing any earlier membership of that article). */
  async addReport(report: ReportOfEvent): Promise<void> {
    const row = {
      event_id: report.eventId,
      score: report.score,
      tone: report.tone,
      joined_at: report.joinedAt,
      // A frame not given leaves the stored one (a tone's update); a new row then has none.
      ...(report.frame !== undefined ? { frame_json: frameJson(report.frame) } : {}),
    };
    await this.db
      .insertInto('event_reports')
      .values({ article_id: report.articleId, ...row })
      .onConflict((oc) => oc.column('article_id').doUpdateSet(row))
      .execute();
  }

  /** Stores reports' own readings of their events (after reprocessing; ingest stores it with the report). */
  async setFrames(frames: ReadonlyMap<string, ReportFrame>): Promise<void> {
    for (const [articleId, frame] of frames)
      await this.db
        .updateTable('event_reports')
        .set({ frame_json: frameJson(frame) })
        .where('article_id', '=', articleId)
        .execute();
  }

  /** Returns the reports of an event, earliest joined first. */
  async reports(eventId: string): Promise<ReportOfEvent[]> {
    const rows = await this.db
      .selectFrom('event_reports')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('joined_at')
      .orderBy('article_id')
      .execute();
    return rows.map(reportOf);
  }

  /** The reports of each of these events, as `reports` reads them (one query per 400 events). */
  async reportsOf(eventIds: readonly string[]): Promise<Map<string, ReportOfEvent[]>> {
    const out = new Map<string, ReportOfEvent[]>(eventIds.map((id) => [id, []]));
    for (const chunk of chunks(eventIds)) {
      const rows = await this.db
        .selectFrom('event_reports')
        .selectAll()
        .where('event_id', 'in', chunk)
        .orderBy('joined_at')
        .orderBy('article_id')
        .execute();
      for (const r of rows) out.get(r.event_id)?.push(reportOf(r));
    }
    return out;
  }

  /** Returns article id → event id for every assigned article (or for these articles only). */
  async assignments(articleIds?: string[]): Promise<Record<string, string>> {
    if (articleIds) {
      const out: Record<string, string> = {};
      for (let k = 0; k < articleIds.length; k += 400) {
        const rows = await this.db
          .selectFrom('event_reports')
          .select(['article_id', 'event_id'])
          .where('article_id', 'in', articleIds.slice(k, k + 400))
          .execute();
        for (const r of rows) out[r.article_id] = r.event_id;
      }
      return out;
    }
    const rows = await this.db
      .selectFrom('event_reports')
      .select(['article_id', 'event_id'])
      .orderBy('article_id')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.article_id, r.event_id]));
  }

  /**
   * Marks events as still to thread into stories and to assess (in the same transaction as the report that
   * changed them).
   */
  async markPending(ids: string[], now: string): Promise<void> {
    for (const id of new Set(ids)) {
      await this.db
        .insertInto('unthreaded_events')
        .values({ event_id: id })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
      // Each mark is unique, so a run that read the list clears only the marks it read (clearPending).
      const since = `${now} ${randomBytes(6).toString('hex')}`;
      await this.db
        .insertInto('pending_events')
        .values({ event_id: id, since })
        .onConflict((oc) => oc.column('event_id').doUpdateSet({ since }))
        .execute();
    }
  }

  /** Events still to assess, including any left by a run that was killed. */
  async pending(): Promise<string[]> {
    return (await this.pendingMarks()).map((m) => m.eventId);
  }

  /** The events changed (marked by markPending) since they were last threaded into stories. */
  async unthreaded(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('unthreaded_events')
      .select('event_id')
      .orderBy('event_id')
      .execute();
    return rows.map((r) => r.event_id);
  }

  /** Clears events from the list of those to thread (threading stored what it decided for them). */
  async clearUnthreaded(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500)
      await this.db
        .deleteFrom('unthreaded_events')
        .where('event_id', 'in', ids.slice(i, i + 500))
        .execute();
  }

  /** The to-do list's marks: each event still to assess and its latest mark. */
  async pendingMarks(): Promise<PendingMark[]> {
    const rows = await this.db
      .selectFrom('pending_events')
      .select(['event_id', 'since'])
      .orderBy('event_id')
      .execute();
    return rows.map((r) => ({ eventId: r.event_id, since: r.since }));
  }

  /** Clears events from the to-do list once assessed: those not marked again since their mark was read. */
  async clearPending(marks: PendingMark[]): Promise<void> {
    for (let i = 0; i < marks.length; i += 200)
      await this.db
        .deleteFrom('pending_events')
        .where((eb) =>
          eb.or(
            marks
              .slice(i, i + 200)
              .map((m) => eb.and([eb('event_id', '=', m.eventId), eb('since', '=', m.since)])),
          ),
        )
        .execute();
  }

  /**
   * Appends an assessment when it differs from the latest one (the event's verification history). One
   * that differs only in its support (what its reports give the level, kept for readers' source policies)
   * is no change of the assessment: the latest row is stored again with the new support, under a new id
   * so that the data version readers' levels are cached by moves (assessmentVersion).
   */
  async saveAssessment(a: Assessment): Promise<boolean> {
    const latest = await this.db
      .selectFrom('assessments')
      .select(['id', 'level', 'detail_json', 'computed_at'])
      .where('event_id', '=', a.eventId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prev = latest && {
      ...(JSON.parse(latest.detail_json) as Assessment),
      level: latest.level as ConfidenceLevel,
    };
    if (latest && prev && prev.level === a.level && sameDetail(prev, a)) {
      if (JSON.stringify(prev.support ?? null) === JSON.stringify(a.support ?? null)) return false;
      await this.db.deleteFrom('assessments').where('id', '=', latest.id).execute();
      await this.insertAssessment({ ...prev, level: a.level, support: a.support }, latest.computed_at);
      return false;
    }
    await this.insertAssessment(a, a.computedAt);
    return true;
  }

  private async insertAssessment(a: Assessment, computedAt: string): Promise<void> {
    await this.db
      .insertInto('assessments')
      .values({
        event_id: a.eventId,
        level: a.level,
        independent_sources: a.sources.length,
        detail_json: JSON.stringify(a),
        computed_at: computedAt,
      })
      .execute();
  }

  /**
   * The latest times events became `level` (an assessment at that level whose event was at another
   * level, or none, just before), newest first, at most `limit`.
   */
  async becameLevel(level: ConfidenceLevel, limit: number): Promise<Assessment[]> {
    const rows = await this.db
      .selectFrom('assessments')
      .select(['id', 'event_id', 'detail_json'])
      .where('level', '=', level)
      .orderBy('id', 'desc')
      .limit(limit * 4)
      .execute();
    const out: Assessment[] = [];
    for (const r of rows) {
      const prev = await this.db
        .selectFrom('assessments')
        .select('level')
        .where('event_id', '=', r.event_id)
        .where('id', '<', r.id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (prev?.level === level) continue;
      out.push({ ...(JSON.parse(r.detail_json) as Assessment), level });
      if (out.length === limit) break;
    }
    return out;
  }

  /** Returns an event's assessments, oldest first. */
  async history(eventId: string): Promise<Assessment[]> {
    const rows = await this.db
      .selectFrom('assessments')
      .select(['detail_json', 'level'])
      .where('event_id', '=', eventId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      ...(JSON.parse(r.detail_json) as Assessment),
      level: r.level as ConfidenceLevel,
    }));
  }

  /** Returns the latest assessment of each of these events that has one (one query per 400 ids). */
  async latestAssessmentsOf(ids: readonly string[]): Promise<Map<string, Assessment>> {
    const out = new Map<string, Assessment>();
    for (let i = 0; i < ids.length; i += 400) {
      const chunk = ids.slice(i, i + 400);
      const rows = await this.db
        .selectFrom('assessments')
        .select(['event_id', 'level', 'detail_json'])
        .where(
          'id',
          'in',
          this.db
            .selectFrom('assessments')
            .select((eb) => eb.fn.max('id').as('id'))
            .where('event_id', 'in', chunk)
            .groupBy('event_id'),
        )
        .execute();
      for (const r of rows)
        out.set(r.event_id, {
          ...(JSON.parse(r.detail_json) as Assessment),
          level: r.level as ConfidenceLevel,
        });
    }
    return out;
  }

  /** A version of the stored assessments: it changes whenever one is added or the latest removed. */
  async assessmentVersion(): Promise<number> {
    const row = await this.db
      .selectFrom('assessments')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  private async latestAssessments(): Promise<Map<string, Assessment>> {
    const rows = await this.db
      .selectFrom('assessments')
      .select(['event_id', 'detail_json'])
      .orderBy('id')
      .execute();
    const out = new Map<string, Assessment>();
    for (const r of rows) out.set(r.event_id, JSON.parse(r.detail_json) as Assessment);
    return out;
  }
}

function toLineage(r: Selectable<EventLineageTable>): EventLineageEntry {
  return {
    fromId: r.from_id,
    toId: r.to_id,
    kind: r.kind as EventLineageEntry['kind'],
    reason: r.reason,
    articleIds: JSON.parse(r.article_ids_json) as string[],
    counterpartIds: JSON.parse(r.counterpart_ids_json) as string[],
    decidedBy: r.decided_by,
    detail: r.detail_json ? (JSON.parse(r.detail_json) as EventLineageEntry['detail']) : null,
    at: r.at,
  };
}

function sameDetail(a: Assessment, b: Assessment): boolean {
  const strip = (x: Assessment) => JSON.stringify({ ...x, computedAt: '', support: undefined });
  return strip(a) === strip(b);
}

function compareNewestFirst(a: Event, b: Event): number {
  const da = a.date?.start ?? a.createdAt;
  const db = b.date?.start ?? b.createdAt;
  return da < db ? 1 : da > db ? -1 : a.id < b.id ? -1 : 1;
}

/** The columns that hold an event's title, category, date and place. */
function fieldColumns(e: EditableValues) {
  return {
    title: e.title,
    category: e.category,
    date_start: e.date?.start ?? null,
    date_end: e.date?.end ?? null,
    date_precision: e.date?.precision ?? null,
    place_json: e.place ? JSON.stringify(e.place) : null,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The stored row as a domain event. */
export function toEvent(r: Selectable<EventsTable>): Event {
  return {
    id: r.id,
    title: r.title,
    category: r.category as EventCategory | null,
    date:
      r.date_start && r.date_end
        ? { start: r.date_start, end: r.date_end, precision: (r.date_precision ?? 'day') as DatePrecision }
        : null,
    place: r.place_json ? (JSON.parse(r.place_json) as EventPlace) : null,
    storyId: r.story_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Lists of at most 400 ids, one query's worth. */
function chunks<T>(ids: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += 400) out.push(ids.slice(i, i + 400));
  return out;
}

function reportOf(r: Selectable<Database['event_reports']>): ReportOfEvent {
  return {
    eventId: r.event_id,
    articleId: r.article_id,
    score: r.score,
    tone: r.tone as SourceTone | null,
    joinedAt: r.joined_at,
    frame: frameOfJson(r.frame_json),
  };
}

function spanOf(
  r: Selectable<Database['event_background']> | Selectable<Database['event_passages']>,
): PassageRow & { articleId: string } {
  return {
    articleId: r.article_id,
    eventId: r.event_id,
    start: r.passage_start,
    end: r.passage_end,
    score: r.score,
    ...('frame_json' in r ? { frame: frameOfJson(r.frame_json) } : {}),
  };
}
