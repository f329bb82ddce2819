/**
 * What the web load bench asks for: random events, stories and entities of a generated database, its
 * busiest outlets (for source policies) and words its reports use (for search), read straight from the
 * database before the server starts.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { withDefaultUser } from '../src/storage/dialect.ts';
import type { WebTarget } from './web-generate.ts';
import { SEARCH_WORDS, WARMUP_WORDS } from './web-text.ts';

/** Ids sampled beyond the measured ones, for the warm-up. */
const WARM_EVENTS = 100;
const WARM_STORIES = 50;
const WARM_ENTITIES = 100;

/** Ids and words the routes take in turn. */
export interface Samples {
  events: string[];
  stories: string[];
  /** Entity keys, or null when the database has no entity index. */
  entities: string[] | null;
  /** Outlet ids, the most reports first. */
  outlets: string[];
  words: string[];
  /** Other ids and words of the same kinds, asked before the measured ones to warm the server (web.ts). */
  warmup: { events: string[]; stories: string[]; entities: string[]; outlets: string[]; words: string[] };
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Samples the database generated for `reports` reports; null when it is missing or was generated for another size. */
export async function sampleTargets(target: WebTarget, reports: number): Promise<Samples | null> {
  if (target.dialect === 'sqlite') {
    if (!existsSync(target.path)) return null;
    const db = new BetterSqlite3(target.path, { readonly: true });
    try {
      return await sample(async (q) => db.prepare(q).all() as Record<string, unknown>[], reports);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({
    connectionString: withDefaultUser(target.url),
    options: `-c search_path=${target.schema}`,
  });
  await client.connect();
  try {
    return await sample(async (q) => (await client.query(q)).rows as Record<string, unknown>[], reports);
  } finally {
    await client.end();
  }
}

async function sample(query: Query, reports: number): Promise<Samples | null> {
  const marker = await query(`select value from settings where key = 'bench.web.generated'`).catch(() => []);
  const generated = marker[0] ? (JSON.parse(String(marker[0].value)) as { reports: number }) : null;
  if (generated?.reports !== reports) return null;
  const ids = async (q: string) => (await query(q)).map((r) => String(Object.values(r)[0]));
  const events = await ids(`select id from events order by random() limit ${2000 + WARM_EVENTS}`);
  if (!events.length) return null;
  const hasEntities = await query('select key from entities limit 1').then(
    () => true,
    () => false,
  );
  const stories = await ids(`select id from stories order by random() limit ${500 + WARM_STORIES}`);
  const entities = hasEntities
    ? await ids(`select key from entities order by random() limit ${1000 + WARM_ENTITIES}`)
    : null;
  const outlets = await ids(
    'select outlet_id from articles where outlet_id is not null group by outlet_id order by count(*) desc, outlet_id limit 70',
  );
  // A small database (33 stories at 1,000 reports) keeps half of what it has for the measured requests.
  const warmStories = Math.min(WARM_STORIES, Math.floor(stories.length / 2));
  return {
    events: events.slice(WARM_EVENTS),
    stories: stories.slice(warmStories),
    entities: entities ? entities.slice(WARM_ENTITIES) : null,
    outlets: outlets.slice(0, 60),
    words: shuffled(SEARCH_WORDS),
    warmup: {
      events: events.slice(0, WARM_EVENTS),
      stories: stories.slice(0, warmStories),
      entities: entities ? entities.slice(0, WARM_ENTITIES) : [],
      outlets: outlets.slice(60),
      words: shuffled(WARMUP_WORDS),
    },
  };
}

function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
