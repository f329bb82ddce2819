/** The audit log: an append-only record of who changed what. */
import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry } from '../domain/editorial.ts';
import type { AuditLogTable, Database } from './schema.ts';

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends an entry. */
  async record(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        subject_kind: entry.subject.kind,
        subject_id: entry.subject.id,
        detail_json: JSON.stringify(entry.detail),
      })
      .execute();
  }

  /**
   * The entries about an event and about its reports (`articleIds`), oldest first, at most the newest
   * `limit` of them.
   */
  async about(eventId: string, articleIds: readonly string[], limit = 100): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('subject_kind', '=', 'event'), eb('subject_id', '=', eventId)]),
          ...(articleIds.length
            ? [eb.and([eb('subject_kind', '=', 'article'), eb('subject_id', 'in', [...articleIds])])]
            : []),
        ]),
      )
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map(toEntry);
  }

  /** Returns the newest entries first, at most `limit`. */
  async recent(limit = 100): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }
}

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: { kind: r.subject_kind, id: r.subject_id },
    detail: JSON.parse(r.detail_json) as Record<string, unknown>,
  };
}
