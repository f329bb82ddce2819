/**
 * The real-news development set ingested through the real pipeline into an in-memory store: the ECB+
 * articles (`../shared/bench/events`, given web addresses: ingest stores no other), the seeds as their feed delivers them (`../shared/seeds`), or the
 * English MEANTIME articles (`../shared/data/meantime`, Wikinews).
 * Shared by the real-news figures and names benchmarks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/config.ts';
import type { ArticleInput } from '../src/domain/article.ts';
import { systemClock } from '../src/lib/clock.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { ingest } from '../src/run/ingest.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { ecbWithWebAddresses, ROOT, sharedBench } from './shared-data.ts';

export type RealNewsSet = 'ecb' | 'seeds' | 'meantime';

/** The input file of a set, or null when the shared data is absent. */
export function setFile(set: RealNewsSet): string | null {
  if (set === 'ecb') {
    const dir = sharedBench('events');
    return dir ? ecbWithWebAddresses(dir) : null;
  }
  const file =
    set === 'seeds'
      ? join(ROOT, '..', 'shared', 'seeds', 'feed.jsonl')
      : join(ROOT, '..', 'shared', 'data', 'meantime', 'meantime-en.jsonl');
  return existsSync(file) ? file : null;
}

/**
 * Ingests a set in file order into a new in-memory store. ECB+'s older articles name no outlet (the set
 * gives them `urn:` names): each is a report of a different paper, so each is given an outlet of its own.
 */
export async function ingestSet(set: RealNewsSet): Promise<Store | null> {
  const file = setFile(set);
  if (!file) return null;
  const store = await openStore(':memory:');
  const inputs = set === 'meantime' ? meantimeInputs(file) : readInputs([file], 1e9).inputs.map(ownPaper);
  await ingest({ store, config: parseConfig({}), clock: systemClock() }, inputs);
  return store;
}

/** An ECB+ article without an outlet gets one of its own. */
function ownPaper<T extends { input: ArticleInput }>(s: T): T {
  const id = /^https:\/\/[^/]+\.ecbplus\.invalid\/(.+)$/.exec(s.input.url)?.[1];
  if (s.input.outlet || id === undefined) return s;
  return { ...s, input: { ...s.input, outlet: `paper ${id}` } };
}

/** MEANTIME's lines (id, Wikinews number, text) as inputs: Wikinews pages, plain text. */
function meantimeInputs(file: string) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = JSON.parse(l) as { id: string; wikinews: string; text: string };
      const input: ArticleInput = {
        id: r.id,
        url: `https://en.wikinews.org/wiki/?curid=${r.wikinews}`,
        outlet: 'Wikinews',
        text: r.text,
      };
      return { input, origin: { file, line: i + 1 } };
    });
}

/** The gold event of each article of a set: ECB+'s gold file, the seeds' meetings; MEANTIME has none here. */
export function goldEvents(set: RealNewsSet, read: (path: string) => string): Record<string, string> {
  if (set === 'ecb') {
    const dir = sharedBench('events') as string;
    return JSON.parse(read(join(dir, 'ecbplus-dev.gold.json'))) as Record<string, string>;
  }
  return set === 'seeds' ? SEED_EVENTS : {};
}

/** The seeds' meetings (../shared/seeds/README.md): 000 and 002 report the January 2026 meeting. */
const SEED_EVENTS: Record<string, string> = {
  'seed-000': 'seed-2026-01',
  'seed-002': 'seed-2026-01',
  'seed-001': 'seed-2025-04',
  'seed-003': 'seed-2025-01',
  'seed-004': 'seed-2025-09',
};

/**
 * Maps each gold event to the predicted event holding most of its articles (ties: the first met);
 * returns gold event → predicted event id.
 */
export function mapGold(gold: Record<string, string>, pred: Record<string, string>): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const [article, g] of Object.entries(gold)) {
    const p = pred[article];
    if (!p) continue;
    const v = votes.get(g) ?? new Map<string, number>();
    v.set(p, (v.get(p) ?? 0) + 1);
    votes.set(g, v);
  }
  const out = new Map<string, string>();
  for (const [g, v] of votes) out.set(g, [...v].sort((a, b) => b[1] - a[1])[0]![0]);
  return out;
}
