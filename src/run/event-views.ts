/** Read models of events for the CLI and the API: the `events --json` shape, detail and card. */
import type { CertaintyLevel } from '../domain/analysis.ts';
import type { Article } from '../domain/article.ts';
import type { Assessment } from '../domain/assessment.ts';
import type { AuditEntry } from '../domain/editorial.ts';
import type { Event, EventFields, EventLineageEntry, ReportOfEvent } from '../domain/event.ts';
import type { Outlet } from '../domain/outlet.ts';
import type { Provenance } from '../domain/provenance.ts';
import {
  buildEventCard,
  eventHeadline,
  type CardReport,
  type EventCard,
  type EventHeadline,
} from '../pipeline/brief/event-card.ts';
import type { PassageRow } from '../storage/event-repository.ts';
import type { Store } from '../storage/store.ts';
import type { BriefConfig, ConfidenceConfig } from '../config/config.ts';
import { rewriteWithModel, type ModelOutcome } from '../pipeline/brief/model-writer.ts';
import type { BriefSection } from '../pipeline/brief/sections.ts';
import { memberPassagesOf, type ReaderPolicy } from './assess-events.ts';
import { readerLevels } from './reader-levels.ts';
import { lineageEdges, type LineageEdge } from './provenance-views.ts';

/** One event as tools read it (DESIGN.md, "Interfaces"); stable, fields only added. */
export interface EventJson extends EventHeadline {
  id: string;
  articleCount: number;
  outletCount: number;
  independentSources: number;
  /** The lineage graph of its reports: which report copies, credits or cites which (and the evidence). */
  lineage: LineageEdge[];
  /** Its reports; one that tells of several events backs this one with a passage (its offsets). */
  reports: {
    articleId: string;
    url: string;
    outlet: string | null;
    publishedAt: string | null;
    title: string | null;
    tone: CertaintyLevel | null;
    passage?: { start: number; end: number };
  }[];
  storyId: string | null;
  /** In the detail of one event: each field's values with the reports supporting them (null before assessment). */
  fields?: EventFields | null;
  /**
   * In the detail of one event: the support matrix — for each value of each field, the independent
   * sources that back it (by label), from the latest assessment.
   */
  support?: { field: string; value: string; sources: string[]; reports: number }[];
  /** In the detail of one event: each change of its level, oldest first, with when and why. */
  levelHistory?: { level: string; at: string; explanation: string }[];
  /** In the detail of one event: the merges and splits it took part in, oldest first. */
  mergesAndSplits?: EventLineageEntry[];
  /**
   * In the detail of one event: what editors changed, oldest first — edits of its title, category, date
   * or place, settled disputes, sources approved from readers, reports withdrawn or restored (merges and
   * splits are in `mergesAndSplits`).
   */
  editorial?: EditorialChange[];
  /** In the detail of one event: passages of other reports that recall it as background. */
  recalledIn?: {
    articleId: string;
    eventId: string | null;
    title: string | null;
    outlet: string | null;
    start: number;
    end: number;
    text: string;
  }[];
}

/** An editorial change as readers read it. */
export interface EditorialChange {
  at: string;
  action: string;
  what: string;
  note: string | null;
}

/** Returns every event, newest first, in the `events --json` shape. */
export async function listEvents(store: Store): Promise<EventJson[]> {
  const [overview, outlets] = await Promise.all([store.events.overview(), outletNames(store)]);
  const out: EventJson[] = [];
  for (const o of overview) out.push(await toJson(store, o.event, o.assessment, outlets));
  return out;
}

/**
 * Returns one event in the `events --json` shape, or undefined. The detail is built from every report
 * of the event, so it is stored (view_models) and read back while the event's state stands; the passages
 * of later reports that recall the event are read afresh (another event's report adds them).
 */
export async function getEvent(
  store: Store,
  id: string,
  opts: { persist?: boolean } = {},
): Promise<EventJson | undefined> {
  const core = await eventCore(store, id);
  if (!core) return undefined;
  const [detail, recalledIn] = await Promise.all([
    cached(store, `event-detail:${id}`, core.state, () => eventDetail(store, core), opts),
    recalledPassages(store, id),
  ]);
  return { ...detail, recalledIn };
}

/**
 * What editors changed on an event, from the audit log. Read with the detail, which is built once for
 * each state of the event: an editorial action marks the events it concerns changed (recordEditorial).
 */
async function editorialChanges(
  store: Store,
  id: string,
  reports: EventJson['reports'],
): Promise<EditorialChange[]> {
  const audit = await store.audit.about(
    id,
    reports.map((r) => r.articleId),
    EDITORIAL_ROWS,
  );
  const titles = new Map(reports.map((r) => [r.articleId, r.title ?? r.url]));
  return audit.flatMap((e) => {
    const what = editorialText(e, titles);
    const note = e.detail.note ?? e.detail.reason;
    return what ? [{ at: e.at, action: e.action, what, note: typeof note === 'string' ? note : null }] : [];
  });
}

/** How many audit entries an event page reads at most (the newest). */
const EDITORIAL_ROWS = 50;

/** An audit entry in words for readers (editors are not named), or null for one not shown to them. */
function editorialText(e: AuditEntry, titles: ReadonlyMap<string, string>): string | null {
  const d = e.detail;
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  switch (e.action) {
    case 'event-edit':
      return `${capital(s(d.field))} set by an editor to ${s(d.after)} (was ${s(d.before)})`;
    case 'event-edit-undo':
      return `An editor's ${s(d.field)} withdrawn: the reports' ${s(d.field)} stands again (${s(d.after)})`;
    case 'dispute-resolve':
      return `The dispute over the ${s(d.field)} settled by an editor: ${s(d.value)}`;
    case 'submission-approve': {
      const sources = (v: unknown) => (v as { independentSources?: number } | undefined)?.independentSources;
      const [b, a] = [sources(d.before), sources(d.after)];
      return `A source a reader submitted was reviewed and added: ${s(d.url)}${b !== undefined && a !== undefined ? ` (independent sources ${b} → ${a})` : ''}`;
    }
    case 'article-withdraw':
      return `Report withdrawn: ${titles.get(e.subject.id) ?? e.subject.id}`;
    case 'article-restore':
      return `Report restored: ${titles.get(e.subject.id) ?? e.subject.id}`;
    default:
      return null;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The detail of an event, but for the reports that recall it. */
async function eventDetail(store: Store, core: EventCore): Promise<EventJson> {
  const { event, reports } = core;
  const id = event.id;
  const [history, fields, mergesAndSplits, allPassages] = await Promise.all([
    store.events.history(id),
    store.events.fields(id),
    store.events.lineage(id),
    store.events.passages(id),
  ]);
  const passages = allPassages.filter((p) => !reports.some((r) => r.articleId === p.articleId));
  const memberIds = [...reports.map((r) => r.articleId), ...passages.map((p) => p.articleId)];
  const [found, provenances] = await Promise.all([
    store.articles.getMany(memberIds),
    store.articles.provenances(memberIds),
  ]);
  const byId = new Map(found.map((a) => [a.id, a]));
  // Only the outlets of the reports read, not the whole registry (thousands of outlets at scale).
  const outlets = await outletNames(
    store,
    found.map((a) => a.outletId),
  );
  // The level history keeps each change of level (an assessment that only restates the level is not one).
  const levelHistory = history
    .filter((a, i) => i === 0 || history[i - 1]?.level !== a.level)
    .map((a) => ({ level: a.level, at: a.computedAt, explanation: a.explanation }));
  const json = jsonOf(event, history.at(-1) ?? null, outlets, {
    reports,
    passages,
    articles: byId,
    provenances,
  });
  return {
    ...json,
    fields,
    support: supportMatrix(fields, history.at(-1) ?? null),
    levelHistory,
    mergesAndSplits,
    editorial: await editorialChanges(store, id, json.reports),
  };
}

/** Passages of later reports that recall the event as background, with the event each report is of. */
async function recalledPassages(store: Store, id: string): Promise<NonNullable<EventJson['recalledIn']>> {
  const recalled = await store.events.recalledIn(id);
  if (!recalled.length) return [];
  const ids = [...new Set(recalled.map((r) => r.articleId))];
  const [found, assigned] = await Promise.all([store.articles.getMany(ids), store.events.assignments(ids)]);
  const byId = new Map(found.map((a) => [a.id, a]));
  const outlets = await outletNames(
    store,
    found.map((a) => a.outletId),
  );
  return recalled.flatMap((r) => {
    const a = byId.get(r.articleId);
    return a
      ? [
          {
            articleId: a.id,
            eventId: assigned[a.id] ?? null,
            title: a.title,
            outlet: a.outletId ? (outlets.get(a.outletId) ?? a.outletId) : null,
            start: r.start,
            end: r.end,
            text: a.text.slice(r.start, r.end),
          },
        ]
      : [];
  });
}

/**
 * What an event's detail and its card are both built from: the event and its reports, and the state
 * that keys them — the event's time and editorial revision, its latest assessment's time, its list row's refresh time (the row is
 * refreshed whenever the event, its assessment, reports, passages, merges or withdrawals change) and its
 * reports with their tones.
 */
interface EventCore {
  event: Event;
  reports: ReportOfEvent[];
  state: string;
}

/** Reads of an event's core under way, by store and event: callers at the same time share one read. */
const coreReads = new WeakMap<Store, Map<string, Promise<EventCore | undefined>>>();

/**
 * Returns an event's core, read once for every caller that asks while the read is under way (the event
 * page asks for the detail and the card together); a later caller reads afresh.
 */
function eventCore(store: Store, id: string): Promise<EventCore | undefined> {
  let reads = coreReads.get(store);
  if (!reads) coreReads.set(store, (reads = new Map()));
  const pending = reads.get(id);
  if (pending) return pending;
  const read = (async () => {
    const revised = await store.events.getRevised(id);
    if (!revised) return undefined;
    const { event, revision } = revised;
    const [latest, reports, listed] = await Promise.all([
      store.events.latestAssessmentsOf([id]),
      store.events.reports(id),
      store.eventList.rows([id]),
    ]);
    const assessment = latest.get(id) ?? null;
    const state = [
      // Only an event editors acted on has a revision: the states of the others read as before it existed.
      event.updatedAt + (revision ? `#${revision}` : ''),
      assessment?.computedAt ?? '',
      listed[0]?.updatedAt ?? '',
      ...reports.map((r) => `${r.articleId}:${r.tone ?? ''}`),
    ].join('|');
    return { event, reports, state };
  })();
  reads.set(id, read);
  const done = () => void (reads.get(id) === read && reads.delete(id));
  read.then(done, done);
  return read;
}

/** For each value of each field, the independent sources backing it (a source backs a value when one of its reports gives it). */
function supportMatrix(
  fields: EventFields | null,
  assessment: Assessment | null,
): NonNullable<EventJson['support']> {
  if (!fields) return [];
  const sourceOf = new Map<string, string>();
  for (const s of assessment?.sources ?? []) for (const a of s.articleIds) sourceOf.set(a, s.label);
  const rows: NonNullable<EventJson['support']> = [];
  const add = (field: string, values: { value: string; articleIds: string[] }[]) => {
    for (const v of values)
      rows.push({
        field,
        value: v.value,
        sources: [...new Set(v.articleIds.flatMap((a) => sourceOf.get(a) ?? []))].sort(),
        reports: v.articleIds.length,
      });
  };
  add('date', fields.date);
  add('place', fields.place);
  add('category', fields.category);
  for (const [k, v] of Object.entries(fields.numbers)) add(`number of ${k}`, v);
  add('participants', fields.participants);
  return rows;
}

/**
 * Where an event id leads: 'here' when the event exists, the id of the event it was merged into
 * (followed through later merges) when it is gone, or null for an id never seen.
 */
export async function resolveEventId(store: Store, id: string): Promise<'here' | string | null> {
  const now = await store.events.successor(id);
  return now === undefined ? null : now === id ? 'here' : now;
}

/** Returns an event's card (view model), or undefined; built again only when the event or its reports changed. */
export async function getEventCard(
  store: Store,
  id: string,
  brief?: BriefConfig,
  opts: { persist?: boolean } = {},
): Promise<EventCard | undefined> {
  const core = await eventCore(store, id);
  if (!core) return undefined;
  const { event, reports } = core;
  const key = `${brief?.modelUrl ?? ''}|${core.state}`;
  return cached(
    store,
    `event:${id}`,
    key,
    async () => {
      const [history, { cardReports, offsets }] = await Promise.all([
        store.events.history(id),
        briefInputs(store, id, reports),
      ]);
      const card = buildEventCard(event, history.at(-1) ?? null, cardReports, {
        history,
        offsets,
        builtAt: new Date().toISOString(),
      });
      return {
        ...card,
        ...(await withModel(
          card.sections,
          cardReports.map((r) => r.outlet.name),
          brief,
        )),
      };
    },
    opts,
  );
}

/** What an event's card or briefing is written from: its reports, and where each passage starts. */
export interface BriefInputs {
  cardReports: CardReport[];
  offsets: Map<string, number>;
}

/**
 * The reports of an event as its card and briefing read them (a round-up as its passage telling of
 * the event), and where each passage starts in the stored article, so citations point into it.
 */
export async function briefInputs(
  store: Store,
  eventId: string,
  reports: { articleId: string; tone: CertaintyLevel | null }[],
  known?: Outlet[],
): Promise<BriefInputs> {
  return (await briefInputsOf(store, [{ eventId, reports }], known)).get(eventId) as BriefInputs;
}

/** `briefInputs` of several events at once (a story's): their records and outlets each read once. */
export async function briefInputsOf(
  store: Store,
  events: readonly { eventId: string; reports: { articleId: string; tone: CertaintyLevel | null }[] }[],
  known?: Outlet[],
): Promise<Map<string, BriefInputs>> {
  const membersOf = await memberPassagesOf(
    store,
    events.map((e) => ({ eventId: e.eventId, reportIds: e.reports.map((r) => r.articleId) })),
  );
  const active = new Map(
    events.map((e) => [
      e.eventId,
      (membersOf.get(e.eventId) ?? []).filter((m) => m.record.article.status === 'active'),
    ]),
  );
  // Only the outlets of these reports are read when the caller has not read them all already.
  const outlets =
    known ??
    (await store.outlets.getMany([
      ...new Set(
        [...active.values()].flatMap((ms) =>
          ms.flatMap((m) => (m.record.article.outletId ? [m.record.article.outletId] : [])),
        ),
      ),
    ]));
  const byId = new Map(outlets.map((o) => [o.id, o]));
  const unknown: Outlet = {
    id: 'unknown',
    name: 'Unknown source',
    domain: null,
    kind: 'unknown',
    ownerGroup: null,
    country: null,
    tier: 'standard',
  };
  const out = new Map<string, BriefInputs>();
  for (const e of events) {
    const tones = new Map(e.reports.map((r) => [r.articleId, r.tone]));
    const members = active.get(e.eventId) ?? [];
    out.set(e.eventId, {
      cardReports: members.map(({ record: r }) => ({
        article: r.article,
        outlet: byId.get(r.article.outletId ?? '') ?? unknown,
        analysis: r.analysis,
        tone: tones.get(r.article.id) ?? null,
        credited: r.provenance.lineage.some((l) => l.kind === 'credit'),
      })),
      offsets: new Map(members.map((m) => [m.record.article.id, m.offset])),
    });
  }
  return out;
}

/**
 * Has the optional language-model writer rewrite "What's happened" (in place) when one is configured;
 * returns what became of its answer, to be shown with the card or briefing.
 */
export async function withModel(
  sections: BriefSection[],
  outlets: string[],
  brief?: BriefConfig,
): Promise<{ modelWriter?: ModelOutcome & { model: string } }> {
  if (!brief?.modelUrl) return {};
  const outcome = await rewriteWithModel(sections, [...new Set(outlets)], {
    url: brief.modelUrl,
    model: brief.model,
    apiKey: brief.modelKey,
    timeoutMs: brief.modelTimeoutMs,
  });
  return { modelWriter: { model: brief.model, ...outcome } };
}

/** Cards and briefings built, per store, by subject, with the state they were built from. */
const built = new WeakMap<Store, Map<string, { key: string; value: Promise<unknown> }>>();
/** Views kept in memory: the stored rows (view_models) serve the rest at one read each. */
const CACHED_SUBJECTS = 200;

/**
 * Returns the value built for `subject` from state `key`: kept in memory, else stored (the view_models
 * row, when it was built from the same state), else built now — and stored when `persist` is set (the
 * read models' refresh does so on write; a page view only reads).
 */
export async function cached<T>(
  store: Store,
  subject: string,
  key: string,
  build: () => Promise<T>,
  opts: { persist?: boolean } = {},
): Promise<T> {
  let cache = built.get(store);
  if (!cache) built.set(store, (cache = new Map()));
  const hit = cache.get(subject);
  if (hit && hit.key === key) return hit.value as Promise<T>;
  if (opts.persist) {
    // A refresh on write (an import refreshes every event it touched): stored, not also kept in memory.
    cache.delete(subject);
    const row = await store.viewModels.get(subject);
    if (row?.state === key) return JSON.parse(row.body) as T;
    const fresh = await build();
    await store.viewModels.put(subject, key, JSON.stringify(fresh));
    return fresh;
  }
  const value = (async () => {
    const row = await store.viewModels.get(subject);
    return row?.state === key ? (JSON.parse(row.body) as T) : build();
  })();
  cache.delete(subject);
  cache.set(subject, { key, value });
  if (cache.size > CACHED_SUBJECTS) cache.delete(cache.keys().next().value as string);
  value.catch(() => cache.delete(subject));
  return value;
}

/** Outlet id → name, for every outlet or (given ids) for those. */
async function outletNames(store: Store, ids?: readonly (string | null)[]): Promise<Map<string, string>> {
  const outlets = ids
    ? await store.outlets.getMany(ids.filter((i): i is string => i !== null))
    : await store.outlets.list();
  return new Map(outlets.map((o) => [o.id, o.name]));
}

async function toJson(
  store: Store,
  event: Event,
  assessment: Assessment | null,
  outlets: Map<string, string>,
): Promise<EventJson> {
  const reports = await store.events.reports(event.id);
  const passages = (await store.events.passages(event.id)).filter(
    (p) => !reports.some((r) => r.articleId === p.articleId),
  );
  const ids = [...reports.map((r) => r.articleId), ...passages.map((p) => p.articleId)];
  const [found, provenances] = await Promise.all([
    store.articles.getMany(ids),
    store.articles.provenances(ids),
  ]);
  return jsonOf(event, assessment, outlets, {
    reports,
    passages,
    articles: new Map(found.map((a) => [a.id, a])),
    provenances,
  });
}

/** The `events --json` shape of an event from what was read for it. */
function jsonOf(
  event: Event,
  assessment: Assessment | null,
  outlets: Map<string, string>,
  read: {
    reports: ReportOfEvent[];
    /** Passages of round-ups backing it, whose reports are not among `reports`. */
    passages: (PassageRow & { articleId: string })[];
    articles: Map<string, Article>;
    provenances: { articleId: string; lineage: Provenance['lineage'] }[];
  },
): EventJson {
  const { reports, passages, articles, provenances } = read;
  const row = (articleId: string, tone: CertaintyLevel | null) => {
    const a = articles.get(articleId);
    return {
      articleId,
      url: a?.url ?? '',
      outlet: a?.outletId ? (outlets.get(a.outletId) ?? a.outletId) : null,
      publishedAt: a?.publishedAt ?? null,
      title: a?.title ?? null,
      tone,
    };
  };
  const rows: EventJson['reports'] = [
    ...reports.map((r) => row(r.articleId, r.tone)),
    ...passages.map((p) => ({ ...row(p.articleId, null), passage: { start: p.start, end: p.end } })),
  ];
  rows.sort(
    (x, y) =>
      (x.publishedAt ?? '').localeCompare(y.publishedAt ?? '') || x.articleId.localeCompare(y.articleId),
  );
  return {
    id: event.id,
    ...eventHeadline(event, assessment),
    articleCount: rows.length,
    outletCount: new Set(rows.map((r) => r.outlet).filter(Boolean)).size,
    independentSources: assessment?.sources.length ?? 0,
    lineage: [...provenances]
      .sort((a, b) => a.articleId.localeCompare(b.articleId))
      .flatMap((p) => lineageEdges(p.articleId, p.lineage)),
    reports: rows,
    storyId: event.storyId,
  };
}

/**
 * Returns the events with their level and independent-source count as a reader with this source
 * policy sees them (from the support stored with their assessments, cached per policy: reader-levels.ts),
 * each with the explanation and what would raise it.
 */
export async function withReaderLevels<
  T extends { id: string; level: string | null; independentSources: number },
>(
  store: Store,
  events: T[],
  policy: ReaderPolicy,
  cfg: ConfidenceConfig,
  now: string,
): Promise<(T & { reader: { explanation: string; next: string | null } })[]> {
  const levels = await readerLevels(
    store,
    events.map((e) => e.id),
    policy,
    cfg,
    now,
  );
  return events.map((e) => {
    const a = levels.get(e.id);
    return a
      ? {
          ...e,
          level: a.level,
          independentSources: a.independentSources,
          reader: { explanation: a.explanation, next: a.next },
        }
      : { ...e, reader: { explanation: NOT_RECOMPUTED, next: null } };
  });
}

/** Shown for an event whose stored assessment predates stored support, past what one request re-assesses. */
const NOT_RECOMPUTED =
  'Shown at its level for every source: this event has not been re-assessed since your source policy could apply to it.';
