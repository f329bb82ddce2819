/**
 * The support each generated event's latest assessment keeps (Assessment.support: what each report gave
 * the level — lineage, lead-only citation, stated day, place, disputable figures), as the assess stage
 * stores it, so that a reader's source policy is answered from it as on an ingested database
 * (src/run/reader-levels.ts) instead of assessing events again. Read back from the stored rows (the
 * reports' lineage and analysis, the event's place), so it also completes a database generated before.
 */
import { sql, type Kysely } from 'kysely';
import type { Analysis } from '../src/domain/analysis.ts';
import type { AssessmentSupport, ReportSupport } from '../src/domain/assessment.ts';
import type { EventPlace } from '../src/domain/event.ts';
import type { Provenance } from '../src/domain/provenance.ts';
import type { Database } from '../src/storage/schema.ts';

const EVENTS_PER_PASS = 500;

/** Adds `support` to every event's latest assessment; returns how many were completed. */
export async function attachSupport(
  db: Kysely<Database>,
  progress?: (done: number, total: number) => void,
): Promise<number> {
  const ids = (await db.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
  let done = 0;
  for (let i = 0; i < ids.length; i += EVENTS_PER_PASS) {
    const part = ids.slice(i, i + EVENTS_PER_PASS);
    await db.transaction().execute((trx) => attachPass(trx, part));
    done += part.length;
    progress?.(done, ids.length);
  }
  return done;
}

async function attachPass(db: Kysely<Database>, eventIds: string[]): Promise<void> {
  const reports = await db
    .selectFrom('event_reports as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .innerJoin('article_versions as v', (j) =>
      j.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.version'),
    )
    .select(['r.event_id', 'a.id', 'a.outlet_id', 'a.status', 'v.provenance_json', 'v.analysis_json'])
    .where('r.event_id', 'in', eventIds)
    .orderBy('r.joined_at')
    .execute();
  const places = new Map(
    (await db.selectFrom('events').select(['id', 'place_json']).where('id', 'in', eventIds).execute()).map(
      (e) => [e.id, e.place_json ? (JSON.parse(e.place_json) as EventPlace) : null],
    ),
  );
  const latest = await db
    .selectFrom('assessments')
    .select((eb) => ['event_id', eb.fn.max('id').as('id')])
    .where('event_id', 'in', eventIds)
    .groupBy('event_id')
    .execute();
  const byEvent = new Map<string, typeof reports>();
  for (const r of reports) byEvent.set(r.event_id, [...(byEvent.get(r.event_id) ?? []), r]);
  for (const { event_id: eventId, id } of latest) {
    const members = byEvent.get(eventId) ?? [];
    const place = places.get(eventId) ?? null;
    const support: AssessmentSupport = {
      reports: members
        .filter((m) => m.outlet_id && m.status === 'active')
        .map((m) => reportSupport(m, place)),
      others: members
        .filter((m) => !m.outlet_id || m.status !== 'active')
        .map((m) => ({ articleId: m.id, outletId: m.outlet_id, status: m.status })),
      resolutions: [],
    };
    const row = await db
      .selectFrom('assessments')
      .select('detail_json')
      .where('id', '=', Number(id))
      .executeTakeFirst();
    if (!row) continue;
    const detail = { ...(JSON.parse(row.detail_json) as object), support };
    await sql`update assessments set detail_json = ${JSON.stringify(detail)} where id = ${Number(id)}`.execute(
      db,
    );
  }
}

/** What one report gives the level: its lineage, a lead that only cites, its place, its counts. */
function reportSupport(
  m: { id: string; outlet_id: string | null; provenance_json: string; analysis_json: string },
  place: EventPlace | null,
): ReportSupport {
  const lineage = (JSON.parse(m.provenance_json) as Provenance).lineage;
  const analysis = JSON.parse(m.analysis_json) as Analysis;
  const lead = analysis.sentences[0];
  return {
    articleId: m.id,
    outletId: m.outlet_id as string,
    lineage,
    citesOnly: Boolean(lead?.certainty.cues.includes('according to')),
    // Generated leads give a weekday ("on Tuesday"), not a calendar date: no stated day.
    day: null,
    place:
      place &&
      place.lat !== null &&
      place.lon !== null &&
      analysis.entities.some((e) => e.text === place.name)
        ? { name: place.name, lat: place.lat, lon: place.lon, alsoNames: [place.name] }
        : null,
    figures: analysis.numbers.filter((n) => n.counts || n.unit),
  };
}
