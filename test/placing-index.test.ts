/**
 * The index of events a process keeps between its runs (run/placing-index.ts) follows what other processes
 * store meanwhile: events they found, changed, edited or merged away, on every database; it matches an
 * index read afresh.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EventIndex, type EventCandidate, type ReportFeatures } from '../src/pipeline/resolve/index.ts';
import { dropPlacingIndex, placingIndex } from '../src/run/placing-index.ts';
import { testDatabases } from './support/databases.ts';
import { event, NOW } from './support/fixtures.ts';

/** What an index holds, comparably: each event's title, terms and names, by id. */
function contents(index: EventIndex): [string, string, string[], string[]][] {
  return index
    .all()
    .map((c): [string, string, string[], string[]] => [
      c.event.id,
      c.event.title,
      Object.keys(c.profile.terms).sort(),
      Object.keys(c.profile.names).sort(),
    ])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

const features = (names: string[], terms: Record<string, number>): ReportFeatures => ({
  articleId: 'probe',
  terms,
  names,
  eventDate: null,
  dateStated: false,
  title: '',
  publishedAt: NOW,
  place: null,
});

function withProfile(id: string, terms: Record<string, number>, names: string[]): EventCandidate {
  const e = event(id);
  return { ...e, profile: { ...e.profile, terms, names: Object.fromEntries(names.map((n) => [n, 1])) } };
}

for (const db of testDatabases()) {
  describe(`placing index kept between runs [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());

    it(`follows another process's new, changed, edited and deleted events [${db.name}]`, async () => {
      const mine = await db.open();
      const theirs = await db.reopen();
      try {
        for (const c of [
          withProfile('e-1', { ferry: 1, sank: 1 }, ['harbourton']),
          withProfile('e-2', { strike: 1, port: 1 }, ['dockers union']),
          withProfile('e-3', { election: 1 }, ['lowland']),
        ])
          await mine.events.put(c.event, c.profile);
        const index = await placingIndex(mine);
        assert.equal(index.size, 3);
        // Another process: a new event, one grown under a new name, an editor's title, a merge.
        const e4 = withProfile('e-4', { flood: 1 }, ['riverside']);
        await theirs.events.put(e4.event, e4.profile);
        const e2 = withProfile('e-2', { strike: 1, port: 1, wages: 1 }, ['dockers union', 'harbour board']);
        await theirs.events.put(e2.event, e2.profile);
        await theirs.events.setEdit({
          eventId: 'e-3',
          field: 'title',
          value: 'Lowland votes',
          decidedBy: 'u1',
          note: null,
          at: NOW,
        });
        await theirs.events.retire('e-1', 'e-2');
        const kept = await placingIndex(mine);
        assert.equal(kept, index, 'the same index, brought up to date');
        assert.deepEqual(contents(kept), contents(new EventIndex(await theirs.events.withProfiles())));
        assert.equal(kept.get('e-3')?.event.title, 'Lowland votes');
        // The deleted event is no candidate, under any of its keys; the grown one is, under its new name.
        const gone = kept.candidates(features(['harbourton'], { ferry: 1, sank: 1 }));
        assert.deepEqual(
          gone.map((c) => c.event.id),
          [],
        );
        const grown = kept.candidates(features(['harbour board'], { wages: 1 }));
        assert.deepEqual(
          grown.map((c) => c.event.id),
          ['e-2'],
        );
      } finally {
        dropPlacingIndex(mine);
        await theirs.close();
        await mine.close();
      }
    });

    it(`reads every event again once deletions it had not seen were pruned [${db.name}]`, async () => {
      const store = await db.open();
      try {
        for (const id of ['e-11', 'e-12', 'e-13']) {
          const e = withProfile(id, { talks: 1 }, ['geneva']);
          await store.events.put(e.event, e.profile);
        }
        const first = await placingIndex(store);
        await store.events.retire('e-11', 'e-12');
        assert.equal(await store.events.pruneRemovals(new Date(Date.now() + 60_000).toISOString()), 1);
        const again = await placingIndex(store);
        assert.notEqual(again, first, 'read afresh');
        assert.deepEqual(contents(again), contents(new EventIndex(await store.events.withProfiles())));
        assert.deepEqual(
          again
            .all()
            .map((c) => c.event.id)
            .sort(),
          ['e-12', 'e-13'],
        );
      } finally {
        dropPlacingIndex(store);
        await store.close();
      }
    });

    it(`reads every event again once dropped [${db.name}]`, async () => {
      const store = await db.open();
      try {
        const first = await placingIndex(store);
        dropPlacingIndex(store);
        const e = withProfile('e-9', { talks: 1 }, ['geneva']);
        await store.events.put(e.event, e.profile);
        const again = await placingIndex(store);
        assert.notEqual(again, first);
        assert.deepEqual(
          again.all().map((c) => c.event.id),
          ['e-9'],
        );
      } finally {
        dropPlacingIndex(store);
        await store.close();
      }
    });
  });
}
