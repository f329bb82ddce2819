/**
 * The demo corpus against its gold (data/demo/gold.json): the pipeline's events, stories and
 * confidence levels scored as B-cubed F1 and accuracy. Used by the end-to-end test and the benchmark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { bcubed, type BCubedScore } from '../src/lib/bcubed.ts';
import { readOutletRegistry } from '../src/pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { ingest, type IngestSummary } from '../src/run/ingest.ts';
import type { Store } from '../src/storage/store.ts';
import { outletKey } from '../src/domain/outlet.ts';
import { backgroundPassages, reportFeatures } from '../src/pipeline/resolve/index.ts';
import { ROOT } from './shared-data.ts';

export const DEMO_DIR = join(ROOT, 'data', 'demo');

type RelationKind = DemoGold['relations'][number]['kind'];

export interface DemoGold {
  reports: Record<string, { event: string }>;
  events: Record<
    string,
    {
      story: string | null;
      title: string;
      date: string;
      place: { name: string; country: string };
      category: string;
      level: string;
      disputes: { field: string; values: string[] }[];
    }
  >;
  relations: { kind: 'copy' | 'credit' | 'owner' | 'citation'; from: string; to: string }[];
}

export interface DemoScores {
  events: BCubedScore;
  stories: BCubedScore;
  /** Share of gold events whose predicted event (the one holding most of its reports) has the gold level. */
  levelAccuracy: number;
  /** Share of gold events whose predicted event has the gold category. */
  categoryAccuracy: number;
  /** Share of gold events whose predicted event starts on the gold day. */
  dateAccuracy: number;
  /** Share of gold events whose place our event names as the gold does. */
  placeAccuracy: number;
  /** Share of gold copy relations found by provenance (the copy points at the original). */
  copyRecall: number;
  /** Per relation kind (copy, credit, citation, owner): gold relations found, and relations found that the gold lacks. */
  relations: Record<RelationKind, { gold: number; found: number; invented: string[] }>;
  /** The gold's disputes found, and disputes raised on events the gold has none on. */
  disputes: { gold: number; found: number; invented: number };
  /** Background passages linked to an earlier event, and those linked to the right one. */
  background: { links: number; right: number };
  eventsPredicted: number;
  eventsGold: number;
}

/** The held-out corpus: same world, half written independently (data/holdout/README.md). */
export const HOLDOUT_DIR = join(ROOT, 'data', 'holdout');
/** A second held-out corpus, its second half written by yet another writer (data/holdout-2/README.md). */
export const HOLDOUT_2_DIR = join(ROOT, 'data', 'holdout-2');

/** Returns the gold file of the demo corpus (or of another corpus folder). */
export function readDemoGold(dir = DEMO_DIR): DemoGold {
  return JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as DemoGold;
}

/** Loads the demo outlets and the reports of a corpus folder into the store through the real pipeline. */
export async function ingestDemo(
  store: Store,
  dir = DEMO_DIR,
  order: 'file' | 'reversed' = 'file',
): Promise<IngestSummary> {
  const now = systemClock().now();
  for (const o of readOutletRegistry(join(DEMO_DIR, 'outlets.json'))) await store.outlets.upsert(o, now);
  const inputs = readInputs([join(dir, 'reports.jsonl')], 1e9).inputs;
  return ingest(
    { store, config: parseConfig({}), clock: systemClock() },
    order === 'reversed' ? inputs.reverse() : inputs,
  );
}

/** Returns the scores of what the store holds against the gold. */
export async function scoreDemo(store: Store, gold: DemoGold): Promise<DemoScores> {
  const assigned = await store.events.assignments();
  const goldEvent = Object.fromEntries(Object.entries(gold.reports).map(([id, r]) => [id, r.event]));
  const overview = await store.events.overview();
  const byId = new Map(overview.map((o) => [o.event.id, o]));
  // Stories: an article's story is its event's story (an event outside any story is its own thread).
  const predStory = Object.fromEntries(
    Object.entries(assigned).map(([a, e]) => [a, byId.get(e)?.event.storyId ?? `solo:${e}`]),
  );
  const goldStory = Object.fromEntries(
    Object.entries(goldEvent).map(([a, e]) => [a, gold.events[e]?.story ?? `solo:${e}`]),
  );
  let levelsRight = 0;
  let categoriesRight = 0;
  let datesRight = 0;
  let placesRight = 0;
  const disputes = { gold: 0, found: 0, invented: 0 };
  const figure = (v: string) => Number(v.replace(/[^\d.]/g, ''));
  for (const [key, g] of Object.entries(gold.events)) {
    const members = Object.keys(goldEvent).filter((a) => goldEvent[a] === key);
    const votes = new Map<string, number>();
    for (const a of members)
      if (assigned[a]) votes.set(assigned[a] as string, (votes.get(assigned[a] as string) ?? 0) + 1);
    const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
    const o = best ? byId.get(best) : undefined;
    if (o?.assessment?.level === g.level) levelsRight++;
    if (o?.event.category === g.category) categoriesRight++;
    if (o?.event.date?.start === g.date) datesRight++;
    if (o?.event.place?.name === g.place.name) placesRight++;
    // A gold dispute is found when one of the event's disputes gives both its figures (field names may differ).
    const mine = o?.assessment?.disputes ?? [];
    for (const d of g.disputes) {
      disputes.gold++;
      if (mine.some((m) => d.values.every((v) => m.values.some((x) => figure(x.value) === figure(v)))))
        disputes.found++;
    }
    if (!g.disputes.length) disputes.invented += mine.length;
  }
  const relations = await scoreRelations(store, gold);
  const background = await scoreBackground(store, gold, assigned, goldEvent);
  const n = Object.keys(gold.events).length;
  return {
    events: bcubed(assigned, goldEvent),
    stories: bcubed(predStory, goldStory),
    levelAccuracy: levelsRight / n,
    categoryAccuracy: categoriesRight / n,
    dateAccuracy: datesRight / n,
    placeAccuracy: placesRight / n,
    copyRecall: relations.copy.gold ? relations.copy.found / relations.copy.gold : 1,
    relations,
    background,
    disputes,
    eventsPredicted: new Set(Object.values(assigned)).size,
    eventsGold: n,
  };
}

/**
 * Background links (a report's passage recalling an earlier event): how many there are, and how many
 * go to the right event — the gold event of the report's own story whose date lies in the passage's
 * date (the linked event is read as the gold event most of its reports belong to).
 */
async function scoreBackground(
  store: Store,
  gold: DemoGold,
  assigned: Record<string, string>,
  goldEvent: Record<string, string>,
): Promise<DemoScores['background']> {
  const majority = new Map<string, string>();
  const votes = new Map<string, Map<string, number>>();
  for (const [a, e] of Object.entries(assigned)) {
    const g = goldEvent[a];
    if (!g) continue;
    const m = votes.get(e) ?? new Map<string, number>();
    m.set(g, (m.get(g) ?? 0) + 1);
    votes.set(e, m);
  }
  for (const [e, m] of votes)
    majority.set(e, [...m].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] as string);
  let links = 0;
  let right = 0;
  for (const e of await store.events.ids()) {
    for (const r of await store.events.recalledIn(e)) {
      const own = goldEvent[r.articleId];
      if (!own) continue;
      links++;
      const [rec] = await store.articles.records([r.articleId]);
      const passage = rec && backgroundPassages(rec, reportFeatures(rec)).find((p) => p.start === r.start);
      const to = gold.events[majority.get(e) ?? ''];
      const story = gold.events[own]?.story;
      if (
        passage &&
        to &&
        story &&
        to.story === story &&
        to.date >= passage.date.start &&
        to.date < passage.date.end
      )
        right++;
    }
  }
  return { links, right };
}

/**
 * The provenance relations the store holds against the gold's: copies and credits (report → the report
 * it reprints), citations (report → outlet it cites), owners (outlet → owner group), each as found and
 * invented. Reports outside the gold are left out (a corpus may hold more than the gold describes).
 */
async function scoreRelations(store: Store, gold: DemoGold): Promise<DemoScores['relations']> {
  const key = (kind: string, from: string, to: string) => `${kind}|${from}|${outletKey(to)}`;
  const predicted = new Set<string>();
  const records = await store.articles.records(Object.keys(gold.reports));
  for (const r of records) {
    for (const l of r.provenance.lineage) {
      if (l.kind === 'copy') predicted.add(key('copy', r.article.id, l.ofArticleId));
      else if (l.kind === 'credit') predicted.add(key('credit', r.article.id, l.ofArticleId ?? l.source));
      else predicted.add(key('citation', r.article.id, l.outlet));
    }
  }
  // Ownership matters where a group owns more than one outlet (they count as one source).
  const outlets = await store.outlets.list();
  const owned = (group: string) => outlets.filter((o) => o.ownerGroup === group).length;
  for (const o of outlets)
    if (o.ownerGroup && owned(o.ownerGroup) > 1) predicted.add(key('owner', o.name, o.ownerGroup));
  const out = {} as DemoScores['relations'];
  for (const kind of ['copy', 'credit', 'citation', 'owner'] as const) {
    // A corpus whose gold describes no ownership (the held-out ones share the demo's outlets) is not scored on it.
    if (kind === 'owner' && !gold.relations.some((r) => r.kind === 'owner')) continue;
    const wanted = new Set(gold.relations.filter((r) => r.kind === kind).map((r) => key(kind, r.from, r.to)));
    const mine = [...predicted].filter((p) => p.startsWith(`${kind}|`));
    out[kind] = {
      gold: wanted.size,
      found: mine.filter((p) => wanted.has(p)).length,
      invented: mine.filter((p) => !wanted.has(p)),
    };
  }
  return out;
}

/** Returns the relations part of the summary: "copy 9/9 +0 credit …". */
export function formatRelations(s: DemoScores): string {
  return Object.entries(s.relations)
    .map(([k, v]) => `${k} ${v.found}/${v.gold} +${v.invented.length}`)
    .join(' ');
}

/** Returns the one-line summary of the scores. */
export function formatDemoScores(s: DemoScores): string {
  const f = (x: number) => x.toFixed(3);
  return `events_b3_f1 ${f(s.events.f1)} (P ${f(s.events.precision)} R ${f(s.events.recall)}) stories_b3_f1 ${f(s.stories.f1)} levels ${f(s.levelAccuracy)} categories ${f(s.categoryAccuracy)} dates ${f(s.dateAccuracy)} places ${f(s.placeAccuracy)} copies_found ${f(s.copyRecall)} events ${s.eventsPredicted}/${s.eventsGold} disputes ${s.disputes.found}/${s.disputes.gold} +${s.disputes.invented} background_links ${s.background.right}/${s.background.links} right | relations found/gold +invented: ${formatRelations(s)}`;
}
