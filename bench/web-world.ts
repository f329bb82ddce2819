/**
 * The generated news world of the web load bench: outlets with kinds, tiers and owner groups; people,
 * organisations and places; stories; and events with their reports, each turned into the rows the
 * pipeline would store (bench/web-generate.ts writes them). Sizes scale with the number of reports;
 * the shape is described in bench/data/web.README.md. Seeded: the same arguments give the same rows.
 */
import type { Insertable } from 'kysely';
import type { CertaintyLevel } from '../src/domain/analysis.ts';
import type { ConfidenceLevel } from '../src/domain/assessment.ts';
import type { EventCategory, EventPlace } from '../src/domain/event.ts';
import type { OutletKind, OutletTier } from '../src/domain/outlet.ts';
import type { Lineage } from '../src/domain/provenance.ts';
import { dataFile } from '../src/lib/data-file.ts';
import { fnv1a, sha256 } from '../src/lib/hash.ts';
import { mulberry32 } from '../src/lib/random.ts';
import type { Database } from '../src/storage/schema.ts';
import {
  CATEGORY_WEIGHTS,
  fillObject,
  HAPPENINGS,
  headline,
  organisation,
  pick,
  ROLES,
  surname,
  writeReport,
} from './web-text.ts';
import type { Mention, ReportPlan } from './web-text.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** The rows of one batch of events. */
export interface EventRows {
  events: Row<'events'>[];
  articles: Row<'articles'>[];
  versions: Row<'article_versions'>[];
  reports: Row<'event_reports'>[];
  assessments: Row<'assessments'>[];
  background: Row<'event_background'>[];
}

interface Outlet {
  id: string;
  name: string;
  kind: OutletKind;
  tier: OutletTier;
  ownerGroup: string | null;
}

interface StoryPlan {
  id: string;
  actor: Mention;
  place: Mention | null;
  category: EventCategory;
  happening: number;
  object: string;
  startDay: number;
  spanDays: number;
  /** The event ids of the story in date order, filled as events are planned (for background links). */
  eventIds: string[];
}

/** Everything planned before events are written. */
export interface World {
  rand: () => number;
  reportCount: number;
  eventCount: number;
  sizes: number[];
  storyOf: (StoryPlan | null)[];
  outlets: Outlet[];
  wires: Outlet[];
  pickOutlet: () => Outlet;
  people: Mention[];
  orgs: Mention[];
  places: Mention[];
  pickPerson: () => Mention;
  pickOrg: () => Mention;
  pickPlace: () => Mention;
  outletRows: Row<'outlets'>[];
  storyRows: Row<'stories'>[];
}

/** The last day of the generated news; events fall in the DAYS before it. */
const LAST_DAY = Date.UTC(2026, 10, 30);
const DAYS = 730;
const DAY_MS = 86_400_000;
/** Event sizes: P(k reports) ∝ k^-2.1, k ≤ 300 (mean about 3.2: 100,000 reports make about 31,000 events). */
const SIZE_EXPONENT = 2.1;
const MAX_SIZE = 300;
/** Share of events threaded into stories, and a story's size range. */
const STORY_SHARE = 0.35;
const KIND_WEIGHTS: [OutletKind, number][] = [
  ['newspaper', 38],
  ['broadcaster', 10],
  ['magazine', 7],
  ['blog', 14],
  ['official', 8],
  ['ngo', 5],
  ['think-tank', 3],
  ['aggregator', 5],
  ['social', 4],
  ['state-media', 3],
  ['unknown', 3],
];
const TIER_WEIGHTS: [OutletTier, number][] = [
  ['trusted', 10],
  ['standard', 45],
  ['low', 10],
  ['unrated', 35],
];
const TONE_WEIGHTS: [CertaintyLevel, number][] = [
  ['certain', 55],
  ['attributed', 25],
  ['likely', 9],
  ['possible', 6],
  ['denied', 5],
];
const MASTHEADS = [
  'Courier',
  'Herald',
  'Gazette',
  'Ledger',
  'Observer',
  'Tribune',
  'Chronicle',
  'Post',
  'Times',
  'Standard',
  'Daily',
  'Record',
  'Monitor',
  'Dispatch',
  'Review',
  'Journal',
  'Sentinel',
  'Express',
  'Mail',
  'Today',
];

/** Plans outlets, entities, stories and event sizes for `reports` reports. */
export function planWorld(reports: number, seed: number): World {
  const rand = mulberry32(seed);
  const scale = Math.sqrt(reports / 100_000);
  const cities = citiesByWeight();
  const places = cities.slice(0, Math.max(200, Math.round(3000 * scale))).map(placeMention);
  const pickPlace = zipfPicker(rand, places, 0.8);
  const outlets = planOutlets(rand, Math.max(40, Math.round(3000 * scale)), cities);
  const wires = outlets.filter((o) => o.kind === 'wire');
  const people = unique(Math.max(300, Math.round(6000 * scale)), () => {
    const name = `${pick(rand, FIRST_NAMES)} ${surname(rand)}`;
    return { id: entityId(name), name, type: 'PERSON' as const };
  });
  const orgs = unique(Math.max(150, Math.round(3000 * scale)), () => {
    const name = organisation(rand, pick(rand, places).name);
    return { id: entityId(name), name, type: 'ORG' as const };
  });
  const sizes = eventSizes(rand, reports);
  const world: World = {
    rand,
    reportCount: reports,
    eventCount: sizes.length,
    sizes,
    storyOf: [],
    outlets,
    wires,
    pickOutlet: zipfPicker(rand, outlets, 0.9),
    people,
    orgs,
    places,
    pickPerson: zipfPicker(rand, people, 0.7),
    pickOrg: zipfPicker(rand, orgs, 0.8),
    pickPlace,
    outletRows: outlets.map(outletRow),
    storyRows: [],
  };
  planStories(world);
  return world;
}

/** Yields the events, `batch` at a time, as rows. */
export function* planEvents(world: World, batch: number): Generator<EventRows> {
  for (let i = 0; i < world.eventCount; i += batch) {
    const rows: EventRows = {
      events: [],
      articles: [],
      versions: [],
      reports: [],
      assessments: [],
      background: [],
    };
    for (let k = i; k < Math.min(world.eventCount, i + batch); k++) eventRows(world, k, rows);
    yield rows;
  }
}

/** Sizes of events until `reports` reports are placed (the last one trimmed). */
function eventSizes(rand: () => number, reports: number): number[] {
  const max = Math.min(MAX_SIZE, Math.max(10, Math.floor(reports / 50)));
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 1; k <= max; k++) cumulative.push((sum += k ** -SIZE_EXPONENT));
  const out: number[] = [];
  let placed = 0;
  while (placed < reports) {
    const u = rand() * sum;
    let k = 1 + cumulative.findIndex((c) => c >= u);
    k = Math.min(k, reports - placed);
    out.push(k);
    placed += k;
  }
  return out;
}

/** Threads STORY_SHARE of the events into stories of 2–20 events (most short), each with a theme. */
function planStories(world: World): void {
  const { rand } = world;
  world.storyOf = new Array<StoryPlan | null>(world.eventCount).fill(null);
  const order = world.sizes.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  let next = 0;
  while (next < order.length * STORY_SHARE) {
    const size = 2 + Math.floor(18 * rand() ** 2.5);
    const category = weighted(rand, CATEGORY_WEIGHTS);
    const happening = Math.floor(rand() * HAPPENINGS[category].length);
    const actor = rand() < 0.8 ? world.pickOrg() : world.pickPerson();
    const object = fillObject(rand, (HAPPENINGS[category][happening] as { object: string }).object);
    const story: StoryPlan = {
      id: `sty_${sha256(`story ${world.storyRows.length}`).slice(0, 12)}`,
      actor,
      place: world.pickPlace(),
      category,
      happening,
      object,
      startDay: Math.floor(rand() * (DAYS - 30)),
      spanDays: 14 + Math.floor(rand() * 180),
      eventIds: [],
    };
    for (const i of order.slice(next, next + size)) world.storyOf[i] = story;
    next += size;
    const at = new Date(LAST_DAY - (DAYS - story.startDay) * DAY_MS).toISOString();
    const title = headline(HAPPENINGS[category][happening] as never, object, actor.name, null);
    world.storyRows.push({ id: story.id, title, created_at: at, updated_at: at });
  }
}

/** Adds one event's rows: its reports (with copies and citations), fields, assessments, background. */
function eventRows(world: World, index: number, rows: EventRows): void {
  const { rand } = world;
  const story = world.storyOf[index] ?? null;
  const id = `evt_${sha256(`event ${index}`).slice(0, 12)}`;
  const category = story?.category ?? weighted(rand, CATEGORY_WEIGHTS);
  const happening =
    HAPPENINGS[category][story ? story.happening : Math.floor(rand() * HAPPENINGS[category].length)];
  if (!happening) throw new Error(`no happening for ${category}`);
  const object = story?.object ?? fillObject(rand, happening.object);
  const actor = story?.actor ?? (rand() < 0.8 ? world.pickOrg() : world.pickPerson());
  const place = story?.place ?? (rand() < 0.95 ? world.pickPlace() : null);
  const dayNumber = story
    ? story.startDay + Math.floor(rand() * story.spanDays)
    : Math.floor(DAYS * (1 - rand() ** 1.3));
  const dayMs = LAST_DAY - (DAYS - Math.min(DAYS, dayNumber)) * DAY_MS;
  const day = new Date(dayMs).toISOString().slice(0, 10);
  const size = world.sizes[index] as number;
  const baseCount = happening.count ? countValue(rand, happening.count.key) : null;
  const disputedCount =
    baseCount !== null && size >= 2 && rand() < 0.12 ? Math.round(baseCount * (1.5 + rand())) : null;
  const speaker = world.pickPerson();
  const plans = reportPlans(world, {
    id,
    day,
    dayMs,
    size,
    actor,
    place,
    speaker,
    happening,
    object,
    baseCount,
    disputedCount,
  });
  const title = headline(happening, object, actor.name, place?.name ?? null);
  const ingested = plans.map((p) => p.ingestedAt).sort();
  const createdAt = ingested[0] as string;
  const updatedAt = ingested.at(-1) as string;
  rows.events.push({
    id,
    title,
    category,
    date_start: day,
    date_end: day,
    date_precision: 'day',
    place_json: place ? JSON.stringify(eventPlace(place, rand)) : null,
    story_id: story?.id ?? null,
    profile_json: JSON.stringify({
      terms: Object.fromEntries(
        title
          .toLowerCase()
          .split(/\W+/)
          .filter((w) => w.length > 3)
          .map((w) => [w, 0.3]),
      ),
      names: { [actor.name]: size, ...(place ? { [place.name]: size } : {}) },
      firstDate: day,
      lastDate: day,
      articleCount: size,
    }),
    fields_json: JSON.stringify(fieldsOf(plans, category, actor, speaker, place, happening)),
    created_at: createdAt,
    updated_at: updatedAt,
  });
  for (const p of plans) {
    rows.articles.push(p.article);
    rows.versions.push(p.version);
    rows.reports.push({
      article_id: p.article.id,
      event_id: id,
      score: p.score,
      tone: p.plan.tone,
      joined_at: p.ingestedAt,
    });
  }
  rows.assessments.push(...assessmentsOf(world, id, plans, happening, updatedAt));
  const earlier = story?.eventIds.at(-1);
  if (earlier && plans[0]) {
    const s = plans[0].analysis.sentences.at(-1);
    if (s)
      rows.background.push({
        article_id: plans[0].article.id,
        passage_start: s.start,
        passage_end: s.end,
        event_id: earlier,
        score: 0.5,
      });
  }
  story?.eventIds.push(id);
}

interface EventFacts {
  id: string;
  day: string;
  dayMs: number;
  size: number;
  actor: Mention;
  place: Mention | null;
  speaker: Mention;
  happening: ReportPlan['happening'];
  object: string;
  baseCount: number | null;
  disputedCount: number | null;
}

interface PlannedReport {
  plan: ReportPlan;
  outlet: Outlet;
  lineage: Lineage[];
  ingestedAt: string;
  score: number;
  analysis: ReturnType<typeof writeReport>['analysis'];
  article: Row<'articles'>;
  version: Row<'article_versions'>;
}

/** The event's reports: outlets drawn by volume, one wire story copied by others now and then, some citing. */
function reportPlans(world: World, e: EventFacts): PlannedReport[] {
  const { rand } = world;
  const out: PlannedReport[] = [];
  const used = new Set<string>();
  const wireLed = e.size >= 3 && world.wires.length > 0 && rand() < 0.35;
  for (let i = 0; i < e.size; i++) {
    const outlet = i === 0 && wireLed ? pick(rand, world.wires) : distinctOutlet(world, used);
    used.add(outlet.id);
    // Later reports after the first (a copy never before its original).
    const publishedMs = Math.max(
      e.dayMs + (6 + i * 5 + rand() * 30) * 3_600_000,
      out[0] ? Date.parse(out[0].plan.publishedAt) + i * 3_600_000 : 0,
    );
    const publishedAt = new Date(publishedMs).toISOString();
    const ingestedAt = new Date(publishedMs + 120_000 + rand() * 600_000).toISOString();
    const origin = out[0];
    const copy = wireLed && i > 0 && origin && rand() < 0.45 ? origin : null;
    const citing = !copy && i > 0 && origin && rand() < 0.05 ? origin.outlet : null;
    const count =
      e.baseCount === null
        ? null
        : {
            value: e.disputedCount !== null && i % 3 === 2 ? e.disputedCount : e.baseCount,
            approx: rand() < 0.5,
          };
    const plan: ReportPlan = copy
      ? { ...copy.plan, articleId: '', publishedAt }
      : {
          articleId: '',
          happening: e.happening,
          object: e.object,
          actor: e.actor,
          place: e.place,
          speaker: rand() < 0.7 ? e.speaker : world.pickPerson(),
          speakerRole: pick(rand, ROLES),
          tone: weighted(rand, TONE_WEIGHTS),
          eventDay: e.day,
          publishedAt,
          count,
          citing: citing?.name ?? null,
          fillers: 2 + Math.floor(rand() * 3),
        };
    const url = articleUrl(outlet, publishedAt, e.actor.name, e.object, `${e.id}-${i}`);
    plan.articleId = url;
    const written = copy
      ? { text: `${copy.version.text}\n\n(${copy.outlet.name})`, analysis: { ...copy.analysis, id: url } }
      : writeReport(rand, plan);
    const lineage: Lineage[] = copy
      ? [
          {
            kind: 'copy',
            ofArticleId: copy.article.id,
            similarity: 0.95,
            evidence: '95% of 5-word shingles shared',
          },
          {
            kind: 'credit',
            source: copy.outlet.name,
            ofArticleId: copy.article.id,
            evidence: `(${copy.outlet.name})`,
          },
        ]
      : citing
        ? [{ kind: 'citation', outlet: citing.name, evidence: `according to ${citing.name}` }]
        : [];
    out.push(storedReport(plan, outlet, lineage, written, ingestedAt, i === 0 ? 1 : 0.3 + rand() * 0.6));
  }
  return out;
}

/** The article and version rows of one report. */
function storedReport(
  plan: ReportPlan,
  outlet: Outlet,
  lineage: Lineage[],
  written: ReturnType<typeof writeReport>,
  ingestedAt: string,
  score: number,
): PlannedReport {
  const url = plan.articleId;
  const title = headline(plan.happening, plan.object, plan.actor.name, plan.place?.name ?? null);
  const hash = sha256(written.text);
  const extracted = {
    url,
    canonicalUrl: url,
    title,
    authors: [],
    publishedAt: plan.publishedAt,
    modifiedAt: null,
    outlet: outlet.name,
    language: 'en',
    description: written.text.slice(0, 150),
    text: written.text,
    syndication: lineage.some((l) => l.kind === 'credit')
      ? [
          {
            kind: 'wire-credit',
            source: (lineage[1] as { source: string }).source,
            line: `(${(lineage[1] as { source: string }).source})`,
          },
        ]
      : [],
    embedded: [],
    evidence: [
      { field: 'title', source: 'input', value: title },
      { field: 'publishedAt', source: 'input', value: plan.publishedAt },
      { field: 'outlet', source: 'input', value: outlet.name },
    ],
  };
  return {
    plan,
    outlet,
    lineage,
    ingestedAt,
    score,
    analysis: written.analysis,
    article: {
      id: url,
      url,
      canonical_url: url,
      outlet_id: outlet.id,
      title,
      published_at: plan.publishedAt,
      language: 'en',
      status: 'active',
      version: 1,
      content_hash: hash,
      ingested_at: ingestedAt,
      updated_at: ingestedAt,
    },
    version: {
      article_id: url,
      version: 1,
      content_hash: hash,
      title,
      text: written.text,
      extracted_json: JSON.stringify(extracted),
      provenance_json: JSON.stringify({
        articleId: url,
        outletId: outlet.id,
        canonicalUrl: url,
        contentHash: hash,
        lineage,
      }),
      analysis_json: JSON.stringify(written.analysis),
      shingles_json: JSON.stringify(shingles(written.text)),
      created_at: ingestedAt,
    },
  };
}

/** The event's field values with the reports that give them (EventFields). */
function fieldsOf(
  plans: PlannedReport[],
  category: EventCategory,
  actor: Mention,
  speaker: Mention,
  place: Mention | null,
  happening: ReportPlan['happening'],
) {
  const ids = plans.map((p) => p.article.id);
  const numbers: Record<string, { value: string; articleIds: string[] }[]> = {};
  if (happening.count) {
    const byValue = new Map<string, string[]>();
    for (const p of plans) {
      if (!p.plan.count) continue;
      const v = `${p.plan.count.approx ? 'about ' : ''}${p.plan.count.value.toLocaleString('en-US')}`;
      byValue.set(v, [...(byValue.get(v) ?? []), p.article.id]);
    }
    numbers[happening.count.key] = [...byValue].map(([value, articleIds]) => ({ value, articleIds }));
  }
  const speakers = plans.filter((p) => p.plan.speaker.id === speaker.id).map((p) => p.article.id);
  return {
    date: [{ value: plans[0]?.plan.eventDay ?? '', articleIds: ids }],
    place: place ? [{ value: place.name, articleIds: ids }] : [],
    participants: [
      { value: actor.name, articleIds: ids },
      ...(speakers.length ? [{ value: speaker.name, articleIds: speakers }] : []),
    ],
    category: [{ value: category, articleIds: ids }],
    numbers,
  };
}

/** The event's level history: the sources (copies, credits, citations and owners collapsed), disputes, level. */
function assessmentsOf(
  world: World,
  eventId: string,
  plans: PlannedReport[],
  happening: ReportPlan['happening'],
  at: string,
): Row<'assessments'>[] {
  const byOutlet = new Map(world.outlets.map((o) => [o.name, o]));
  const groups = new Map<
    string,
    { label: string; outletIds: Set<string>; articleIds: string[]; tier: OutletTier }
  >();
  for (const p of plans) {
    const credit = p.lineage.find((l) => l.kind === 'credit' || l.kind === 'citation');
    const origin = credit
      ? (byOutlet.get(credit.kind === 'credit' ? credit.source : credit.outlet) ?? p.outlet)
      : p.outlet;
    const key = origin.ownerGroup ?? origin.id;
    const g = groups.get(key) ?? {
      label: origin.name,
      outletIds: new Set<string>(),
      articleIds: [],
      tier: origin.tier,
    };
    g.outletIds.add(p.outlet.id);
    g.articleIds.push(p.article.id);
    groups.set(key, g);
  }
  const sources = [...groups.values()]
    .map((g) => ({
      label: g.label,
      outletIds: [...g.outletIds].sort(),
      articleIds: g.articleIds.sort(),
      tier: g.tier,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const disputes = disputesOf(plans, sources, happening);
  const levels = ladder(
    sources.length,
    sources.filter((s) => s.tier === 'trusted' || s.tier === 'primary').length,
    disputes.length > 0,
  );
  const first = plans[0]?.ingestedAt ?? at;
  return levels.map((level, i) => {
    const computedAt = i === levels.length - 1 ? at : first;
    const detail = {
      eventId,
      level,
      sources: i === levels.length - 1 ? sources : sources.slice(0, level === 'Unconfirmed' ? 1 : 2),
      disputes: i === levels.length - 1 ? disputes : [],
      explanation: explanation(level, sources, disputes),
      next:
        level === 'Verified'
          ? null
          : level === 'Disputed'
            ? 'A source that settles the disputed fact would resolve it.'
            : level === 'Likely'
              ? 'One more trusted source could elevate it to verified.'
              : 'A second independent source would raise it to likely.',
      computedAt,
    };
    return {
      event_id: eventId,
      level,
      independent_sources: detail.sources.length,
      detail_json: JSON.stringify(detail),
      computed_at: computedAt,
    };
  });
}

type Source = { label: string; outletIds: string[]; articleIds: string[]; tier: OutletTier };

function disputesOf(plans: PlannedReport[], sources: Source[], happening: ReportPlan['happening']) {
  if (!happening.count) return [];
  const values = new Map<number, string[]>();
  for (const p of plans)
    if (p.plan.count)
      values.set(p.plan.count.value, [...(values.get(p.plan.count.value) ?? []), p.article.id]);
  if (values.size < 2) return [];
  const sourceOf = new Map(sources.flatMap((s) => s.articleIds.map((a) => [a, s.label] as const)));
  const labels = [...values.values()].map((ids) => new Set(ids.map((a) => sourceOf.get(a))));
  if (labels.every((l) => labels[0] && [...l].every((x) => labels[0]?.has(x)))) return [];
  return [
    {
      field: happening.count.key,
      values: [...values].map(([v, articleIds]) => ({
        value: v.toLocaleString('en-US'),
        articleIds,
        outlets: [
          ...new Set(articleIds.map((a) => plans.find((p) => p.article.id === a)?.outlet.name ?? '')),
        ],
      })),
    },
  ];
}

/** The levels an event went through to reach its current one (each change kept, as saveAssessment does). */
function ladder(n: number, strong: number, disputed: boolean): ConfidenceLevel[] {
  const final: ConfidenceLevel = disputed
    ? 'Disputed'
    : n >= 3 && strong >= 2
      ? 'Verified'
      : n >= 2
        ? 'Likely'
        : 'Unconfirmed';
  if (final === 'Unconfirmed') return [final];
  if (final === 'Verified') return ['Unconfirmed', 'Likely', final];
  return ['Unconfirmed', final];
}

function explanation(
  level: ConfidenceLevel,
  sources: Source[],
  disputes: ReturnType<typeof disputesOf>,
): string {
  const named = sources.map((s) => s.label).join(', ');
  if (level === 'Disputed' && disputes[0])
    return `Independent sources contradict each other on ${disputes[0].field}: ${disputes[0].values.map((v) => `${v.value} (${v.outlets.join(', ')})`).join(' vs ')}.`;
  if (level === 'Verified')
    return `Confirmed by ${sources.length} independent sources, including ${sources
      .filter((s) => s.tier === 'trusted' || s.tier === 'primary')
      .map((s) => s.label)
      .join(', ')}.`;
  if (level === 'Likely')
    return `Reported by ${sources.length} independent sources (${named}). Two or more independent sources agree on the core facts.`;
  return `Reported by one source only (${sources[0]?.label ?? ''}).`;
}

/** A count of the size the kind of count has in news (a handful of deaths, thousands of marchers). */
function countValue(rand: () => number, key: string): number {
  const [lo, hi] =
    key === 'participants'
      ? [50, 20_000]
      : key === 'displaced'
        ? [100, 50_000]
        : key === 'deaths'
          ? [1, 60]
          : [2, 150];
  return Math.round(lo * (hi / lo) ** rand());
}

function distinctOutlet(world: World, used: Set<string>): Outlet {
  for (let tries = 0; tries < 8; tries++) {
    const o = world.pickOutlet();
    if (!used.has(o.id)) return o;
  }
  return pick(world.rand, world.outlets);
}

function articleUrl(outlet: Outlet, publishedAt: string, actor: string, object: string, key: string): string {
  const slug = `${actor} ${object}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .split('-')
    .filter(Boolean)
    .slice(0, 8)
    .join('-');
  return `https://www.${outlet.id}/news/${publishedAt.slice(0, 10).replace(/-/g, '/')}/${slug}-${fnv1a(key).toString(36)}`;
}

/** Sorted distinct FNV hashes of the text's 5-word shingles, as the provenance stage keeps them. */
function shingles(text: string): number[] {
  const words = text.toLowerCase().split(/\W+/).filter(Boolean);
  const out = new Set<number>();
  for (let i = 0; i + 5 <= words.length; i++) out.add(fnv1a(words.slice(i, i + 5).join(' ')));
  return [...out].sort((a, b) => a - b);
}

function planOutlets(rand: () => number, count: number, cities: City[]): Outlet[] {
  const names = new Set<string>();
  const groups = Array.from(
    { length: Math.max(5, Math.round(count / 50)) },
    () => `${surname(rand)} Media Group`,
  );
  const out: Outlet[] = [];
  const wires = Math.max(3, Math.round(count / 250));
  while (out.length < count) {
    const wire = out.length < wires;
    const city = pick(rand, cities.slice(0, 2000)).name;
    const name = wire
      ? `${city} ${pick(rand, ['Press Agency', 'News Service', 'Wire'])}`
      : `The ${city} ${pick(rand, MASTHEADS)}`;
    if (names.has(name)) continue;
    names.add(name);
    const kind: OutletKind = wire ? 'wire' : weighted(rand, KIND_WEIGHTS);
    const tier: OutletTier = wire
      ? rand() < 0.7
        ? 'trusted'
        : 'standard'
      : kind === 'official'
        ? 'primary'
        : weighted(rand, TIER_WEIGHTS);
    const id = `${name
      .toLowerCase()
      .replace(/^the /, '')
      .replace(/[^a-z0-9]+/g, '')}.example`;
    out.push({ id, name, kind, tier, ownerGroup: !wire && rand() < 0.15 ? pick(rand, groups) : null });
  }
  return out;
}

function outletRow(o: Outlet): Row<'outlets'> {
  return {
    id: o.id,
    name: o.name,
    domain: o.id,
    kind: o.kind,
    owner_group: o.ownerGroup,
    country: null,
    tier: o.tier,
    created_at: new Date(LAST_DAY - DAYS * DAY_MS).toISOString(),
    domains_json: JSON.stringify([o.id]),
    feed_hosts_json: '[]',
    language: 'en',
    notes: null,
    aliases_json: null,
  };
}

type City = { name: string; country: string; lat: number; lon: number; population: number };

/** Cities of the gazetteer by population (the bigger, the more news), ASCII names only. */
function citiesByWeight(): City[] {
  const rows = dataFile<{ rows: [string, string, string, number, number, number][] }>(
    'gazetteers/cities.json.gz',
    false,
  ).rows;
  return rows
    .filter((r) => /^[A-Za-z][A-Za-z .'-]+$/.test(r[0]) && r[5] > 200_000)
    .map((r) => ({ name: r[0], country: r[2], lat: r[3], lon: r[4], population: r[5] }))
    .sort((a, b) => b.population - a.population);
}

function placeMention(c: City): Mention {
  return {
    id: entityId(c.name),
    name: c.name,
    type: 'LOCATION',
    place: { country: c.country, lat: c.lat, lon: c.lon, precision: 'city' },
  };
}

function eventPlace(m: Mention, rand: () => number): EventPlace {
  return {
    name: m.name,
    country: m.place?.country ?? null,
    lat: m.place?.lat ?? null,
    lon: m.place?.lon ?? null,
    role: rand() < 0.75 ? 'occurred' : 'dateline',
    precision: 'city',
  };
}

function entityId(name: string): string {
  return `ent_${sha256(name.toLowerCase()).slice(0, 12)}`;
}

function unique(n: number, make: () => Mention): Mention[] {
  const seen = new Map<string, Mention>();
  for (let tries = 0; seen.size < n && tries < n * 5; tries++) {
    const m = make();
    if (!seen.has(m.id)) seen.set(m.id, m);
  }
  return [...seen.values()];
}

/** Draws list items by rank with weight 1/(rank + 3)^s (a few are everywhere, most are rare). */
function zipfPicker<T>(rand: () => number, list: readonly T[], s: number): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 0; r < list.length; r++) cumulative.push((sum += (r + 3) ** -s));
  return () => {
    const u = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return list[lo] as T;
  };
}

function weighted<T>(rand: () => number, weights: readonly (readonly [T, number])[]): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let u = rand() * total;
  for (const [v, w] of weights) if ((u -= w) < 0) return v;
  return (weights.at(-1) as readonly [T, number])[0];
}

const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Clara',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Karin',
  'Leo',
  'Maya',
  'Nadia',
  'Omar',
  'Paula',
  'Rafael',
  'Sara',
  'Tomas',
  'Una',
  'Victor',
  'Wanda',
  'Yusuf',
  'Zofia',
  'Amira',
  'Bruno',
  'Chen',
  'Dara',
  'Emil',
  'Fatima',
  'Goran',
  'Hana',
  'Ivan',
  'Julia',
  'Kofi',
  'Lina',
  'Marco',
  'Nora',
];
