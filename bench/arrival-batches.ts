/**
 * Does the grouping depend on how reports arrive? The same reports ingested at once and in batches of
 * `--batch` (earliest published first, as a poller or the job queue delivers them), each into a fresh
 * database, scored against the truth:
 *   - the demo and held-out corpora (their gold events and stories);
 *   - `--reports` generated reports (bench/scale-reports.ts; the generator's events and stories), and the
 *     two runs against each other.
 * Printed: events and stories B-cubed F1 (and precision) of each run. Ingest places reports the same way
 * whatever the batch (events agree); stories are threaded from each batch's changed events, and an event
 * threaded keeps its story, so the threads a store holds can depend on the order reports came in.
 *   npx tsx bench/arrival-batches.ts [--batch 20] [--reports 300]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config/config.ts';
import { bcubed } from '../src/lib/bcubed.ts';
import { systemClock } from '../src/lib/clock.ts';
import { readOutletRegistry } from '../src/pipeline/acquire/outlet-registry.ts';
import { readInputs, type SourcedInput } from '../src/pipeline/acquire/read-inputs.ts';
import { ingest } from '../src/run/ingest.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { DEMO_DIR, HOLDOUT_2_DIR, HOLDOUT_DIR, readDemoGold } from './demo-score.ts';
import { writeScaleReports } from './scale-reports.ts';
import { planEvents, planWorld } from './web-world.ts';

const arg = (name: string, fallback: string) =>
  process.argv.includes(name) ? (process.argv[process.argv.indexOf(name) + 1] as string) : fallback;
const BATCH = Number(arg('--batch', '20'));
const REPORTS = Number(arg('--reports', '300'));

type Grouping = Record<string, string>;

/** Ingests the inputs into a fresh in-memory store, at once or batch by batch (earliest published first). */
async function run(inputs: SourcedInput[], batch: number, outlets?: string): Promise<Store> {
  const store = await openStore(':memory:');
  const now = systemClock().now();
  if (outlets) for (const o of readOutletRegistry(outlets)) await store.outlets.upsert(o, now);
  const ordered = [...inputs].sort((a, b) =>
    (a.input.publishedAt ?? '').localeCompare(b.input.publishedAt ?? ''),
  );
  for (let i = 0; i < ordered.length; i += batch)
    await ingest({ store, config: parseConfig({}), clock: systemClock() }, ordered.slice(i, i + batch));
  return store;
}

/** Each report's event and story (an event in no story is a thread of its own), by report id (the input's). */
async function grouping(store: Store): Promise<{ events: Grouping; stories: Grouping }> {
  const assigned = await store.events.assignments();
  const storyOf = new Map(
    (await store.events.overview()).map((o) => [o.event.id, o.event.storyId ?? `solo:${o.event.id}`]),
  );
  const events: Grouping = {};
  const stories: Grouping = {};
  for (const [id, event] of Object.entries(assigned)) {
    events[id] = event;
    stories[id] = storyOf.get(event) ?? `solo:${event}`;
  }
  return { events, stories };
}

const f1 = (pred: Grouping, gold: Grouping) => {
  const ids = Object.keys(gold).filter((k) => k in pred);
  if (ids.length < Object.keys(gold).length * 0.95) throw new Error(`only ${ids.length} reports scored`);
  const pick = (m: Grouping) => Object.fromEntries(ids.map((k) => [k, m[k] as string]));
  const s = bcubed(pick(pred), pick(gold));
  return `${s.f1.toFixed(3)} (P ${s.precision.toFixed(3)})`;
};

async function corpus(name: string, dir: string): Promise<void> {
  const gold = readDemoGold(dir);
  const events = Object.fromEntries(Object.entries(gold.reports).map(([id, r]) => [id, r.event]));
  const stories = Object.fromEntries(
    Object.entries(events).map(([id, e]) => [id, gold.events[e]?.story ?? `solo:${e}`]),
  );
  const inputs = readInputs([join(dir, 'reports.jsonl')], 1e9).inputs;
  for (const batch of [Infinity, BATCH]) {
    const store = await run(inputs, batch, join(DEMO_DIR, 'outlets.json'));
    const g = await grouping(store);
    await store.close();
    const how = batch === Infinity ? 'at once' : `in batches of ${batch}`;
    console.log(`${name} ${how}: events ${f1(g.events, events)} stories ${f1(g.stories, stories)}`);
  }
}

async function generated(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-arrival-'));
  try {
    const file = writeScaleReports(REPORTS, dir);
    const inputs = readInputs([file], 1e9).inputs;
    const ids = new Set(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id as string),
    );
    // The generator's truth for these reports (the same world and seed as bench/scale-reports.ts).
    const events: Grouping = {};
    const stories: Grouping = {};
    for (const batch of planEvents(planWorld(Math.max(REPORTS * 2, 1000), 4242), 200)) {
      const storyOf = new Map(
        batch.events.map((e) => [e.id as string, (e.story_id as string | null) ?? null]),
      );
      for (const r of batch.reports) {
        const id = `scale-${r.article_id}`;
        if (!ids.has(id)) continue;
        events[id] = r.event_id as string;
        stories[id] = storyOf.get(r.event_id as string) ?? `solo:${r.event_id}`;
      }
      if (Object.keys(events).length === ids.size) break;
    }
    const runs: { events: Grouping; stories: Grouping }[] = [];
    for (const batch of [Infinity, BATCH]) {
      const store = await run(inputs, batch);
      runs.push(await grouping(store));
      await store.close();
      const g = runs.at(-1) as (typeof runs)[0];
      const how = batch === Infinity ? 'at once' : `in batches of ${batch}`;
      console.log(
        `generated ${ids.size} reports ${how}: events ${f1(g.events, events)} stories ${f1(g.stories, stories)}`,
      );
    }
    const [once, batched] = runs as [(typeof runs)[0], (typeof runs)[0]];
    console.log(
      `generated, batches against at once: events ${f1(batched.events, once.events)} stories ${f1(batched.stories, once.stories)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [name, dir] of [
  ['demo', DEMO_DIR],
  ['holdout', HOLDOUT_DIR],
  ['holdout-2', HOLDOUT_2_DIR],
] as const)
  await corpus(name, dir);
await generated();
