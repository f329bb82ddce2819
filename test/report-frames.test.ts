/**
 * Each report's own reading of its event (its frame: the day it states, its place, its category) is
 * stored as the resolver made it, with the report and with a round-up's passages, on every database;
 * assessment reads the stored frame instead of reading the report again; reprocessing stores it anew.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestDemo } from '../bench/demo-score.ts';
import { parseConfig } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { SourcedInput } from '../src/pipeline/acquire/read-inputs.ts';
import { reportFeatures, reportFrame } from '../src/pipeline/resolve/index.ts';
import { ingest } from '../src/run/ingest.ts';
import { assessEvents, memberPassages } from '../src/run/assess-events.ts';
import { reprocess } from '../src/run/reprocess.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

const report = (id: string, outlet: string, title: string, text: string): SourcedInput => ({
  input: {
    id,
    url: `https://${outlet.toLowerCase().replace(/\s+/g, '-')}.example/${id}`,
    outlet,
    publishedAt: '2025-09-16T17:00:00Z',
    title,
    text,
  },
  origin: { file: 'frames', line: 1 },
});
const bridge =
  'The Arrábida bridge in Porto was closed to traffic on Tuesday after inspectors found cracks in a support beam. The city said the closure would last at least a week.';
const buses =
  'Bus drivers in Gdańsk went on strike on Tuesday, leaving most city routes without service. Their union said talks over night-shift pay had broken down.';
/** Two events told by two reports each, and a round-up of both under a heading each. */
const ROUND_UP: SourcedInput[] = [
  report(
    'p1',
    'Douro Daily',
    'Porto bridge closed after cracks found',
    `${bridge}\n\nDrivers were sent over the other bridges.`,
  ),
  report(
    'p2',
    'Atlantic Wire',
    'Cracks close Arrábida bridge in Porto',
    `${bridge.replace('was closed', 'was shut')}\n\nQueues formed on the ring road.`,
  ),
  report('g1', 'Baltic Courier', 'Gdańsk bus drivers strike', `${buses}\n\nTrams ran as usual.`),
  report(
    'g2',
    'Pomorze News',
    'Strike halts buses in Gdańsk',
    `${buses.replace('went on strike', 'stopped work')}\n\nCommuters crowded the trams.`,
  ),
  report(
    'r1',
    'Evening Roundup',
    'What happened today',
    [
      'The main stories of Tuesday.',
      'Portugal',
      'Porto closed the Arrábida bridge to traffic on Tuesday when inspectors found a cracked support beam; the closure is to last a week or more.',
      'Poland',
      'Most bus routes in Gdańsk stopped on Tuesday as drivers struck after night-shift pay talks broke down, their union said.',
    ].join('\n'),
  ),
];

/** Every stored frame of the store's events (reports' and passages'), and the frame read again from each. */
async function frames(store: Store) {
  const out: { articleId: string; eventId: string; stored: unknown; read: unknown }[] = [];
  for (const id of await store.events.ids()) {
    const reports = await store.events.reports(id);
    const passages = await store.events.passages(id);
    const members = await memberPassages(
      store,
      id,
      reports.map((r) => r.articleId),
    );
    for (const m of members) {
      const articleId = m.record.article.id;
      const stored =
        reports.find((r) => r.articleId === articleId)?.frame ??
        passages.find((p) => p.articleId === articleId)?.frame ??
        null;
      out.push({
        articleId,
        eventId: id,
        stored,
        read: json(reportFrame(m.record, reportFeatures(m.record))),
      });
    }
  }
  return out;
}

for (const db of testDatabases()) {
  describe(`stored report frames [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    const deps = () => ({ store, config: parseConfig({}), clock: systemClock() });
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      await ingest(deps(), ROUND_UP);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    it('stores every report’s and passage’s frame at ingest, as reading the report again gives it', async () => {
      const all = await frames(store);
      assert.ok(all.length >= 83, `${all.length} members`);
      const passages = (
        await Promise.all((await store.events.ids()).map((id) => store.events.passages(id)))
      ).flat();
      assert.ok(passages.length >= 1, 'the round-up backs an event with a passage');
      for (const p of passages) assert.ok(p.frame?.place, `${p.articleId}@${p.start} has its frame stored`);
      for (const f of all) assert.deepEqual(f.stored, f.read, `${f.articleId} in ${f.eventId}`);
    });

    it('assessment reads the stored frame, and reprocessing stores it anew', async () => {
      // An event whose reports state places: one report's stored frame is given another place.
      const ids = await store.events.ids();
      let target: { eventId: string; articleId: string } | null = null;
      for (const id of ids) {
        const r = (await store.events.reports(id)).find((x) => x.frame?.place);
        if (r && (await store.events.reports(id)).length >= 2)
          target = { eventId: id, articleId: r.articleId };
        if (target) break;
      }
      assert.ok(target, 'an event of two reports or more, one stating a place');
      const row = (await store.events.reports(target.eventId)).find((r) => r.articleId === target.articleId)!;
      await store.events.addReport({ ...row, frame: { ...row.frame!, place: 'Place Stored Only' } });
      await assessEvents(store, [target.eventId], parseConfig({}).confidence, systemClock().now());
      const places = (await store.events.fields(target.eventId))?.place.map((v) => v.value) ?? [];
      assert.ok(places.includes('Place Stored Only'), `fields read the stored frame: ${places.join(', ')}`);

      await reprocess(deps(), 'resolve');
      for (const f of await frames(store))
        assert.deepEqual(f.stored, f.read, `${f.articleId} in ${f.eventId}`);
      const after = (await store.events.fields(target.eventId))?.place.map((v) => v.value) ?? [];
      assert.ok(!after.includes('Place Stored Only'), after.join(', '));
    });
  });
}
