/**
 * A long story's briefing tells its latest events (BRIEFED_EVENTS), reading those alone: it says how
 * many came before, keeps undated events last as the story's page does, and is built again when the
 * story gains an event, not when an event it does not tell changes. The story's events are listed a page
 * at a time (STORY_PAGE_EVENTS), every one once, in the page's order.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Event } from '../src/domain/event.ts';
import { refreshEventList } from '../src/run/event-list.ts';
import {
  BRIEFED_EVENTS,
  earlierNote,
  getStory,
  getStoryBriefing,
  STORY_PAGE_EVENTS,
} from '../src/run/story-views.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const NOW = '2030-06-01T00:00:00.000Z';
const STORY = 'sty_long';

/** Puts an event of the long story, dated `day` (or undated), and refreshes its list row. */
async function putEvent(store: Store, id: string, day: string | null, at = NOW): Promise<void> {
  await putBare(store, id, day, STORY, at);
  await refreshEventList(store, [id]);
}

/** Puts an event without refreshing its list row; returns its id. */
async function putBare(
  store: Store,
  id: string,
  day: string | null,
  story = STORY,
  at = NOW,
): Promise<string> {
  const event: Event = {
    id,
    title: `Council vote ${id}`,
    category: null,
    date: day ? { start: day, end: day, precision: 'day' } : null,
    place: null,
    storyId: story,
    createdAt: NOW,
    updatedAt: at,
  };
  await store.events.put(event, { terms: {}, names: {}, firstDate: day, lastDate: day, articleCount: 0 });
  return id;
}

const day = (i: number) => new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10);

for (const db of testDatabases()) {
  describe(`a long story's briefing [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());

    it(`tells the latest ${BRIEFED_EVENTS} events and counts the earlier ones [${db.name}]`, async () => {
      const store = await db.open();
      try {
        await store.stories.put({ id: STORY, title: 'Council votes', createdAt: NOW, updatedAt: NOW });
        // 40 dated events, written out of order, and one undated (it comes last, as on the story's page).
        for (const i of [...Array(40).keys()].reverse())
          await putEvent(store, `e${String(i).padStart(2, '0')}`, day(i));
        await putEvent(store, 'undated', null);
        const b = await getStoryBriefing(store, STORY);
        assert.ok(b);
        assert.equal(b.earlierEvents, 41 - BRIEFED_EVENTS);
        assert.equal(b.latestEventId, 'undated');
        const history = b.sections.find((s) => s.key === 'history')?.paragraphs.map((p) => p.event?.id);
        // The earlier events it tells: the latest dated ones before the undated, earliest first.
        const told = [...Array(40).keys()].slice(40 - (BRIEFED_EVENTS - 1)).map((i) => `e${i}`);
        assert.deepEqual(history, told);
        assert.match(earlierNote(b.earlierEvents), /latest 25 events; 16 earlier ones are listed/);
        assert.match(earlierNote(1), /1 earlier one is listed/);

        // An event before those told changes: the stored briefing stands. One more event: built again.
        await putEvent(store, 'e00', day(0), '2030-06-02T00:00:00.000Z');
        assert.equal((await getStoryBriefing(store, STORY))?.builtAt, b.builtAt);
        await putEvent(store, 'e40', day(40));
        const after = await getStoryBriefing(store, STORY);
        assert.equal(after?.earlierEvents, 42 - BRIEFED_EVENTS);
        assert.equal(after?.sections.find((s) => s.key === 'history')?.paragraphs.at(-1)?.event?.id, 'e40');
      } finally {
        await store.close();
      }
    });

    it(`lists a long story's events page by page, earliest first and undated last [${db.name}]`, async () => {
      const store = await db.open();
      try {
        await store.stories.put({ id: STORY, title: 'Council votes', createdAt: NOW, updatedAt: NOW });
        await store.stories.put({ id: 'sty_other', title: 'Other', createdAt: NOW, updatedAt: NOW });
        // 450 dated events written out of order, 3 undated ones, and one in another story.
        const ids: string[] = [];
        for (const i of [...Array(450).keys()].reverse()) ids.push(await putBare(store, `d${i}`, day(i)));
        for (const i of [2, 0, 1]) ids.push(await putBare(store, `u${i}`, null));
        ids.push(await putBare(store, 'other', day(3), 'sty_other'));
        await refreshEventList(store, ids);
        const seen: string[] = [];
        const firsts: number[] = [];
        let page = await getStory(store, STORY);
        assert.ok(page);
        assert.equal(page.eventCount, 453);
        assert.deepEqual(page.span, { start: day(0), end: day(449) });
        for (;;) {
          firsts.push(page.firstEvent);
          seen.push(...page.events.map((e) => e.id));
          if (!page.next) break;
          page = await getStory(store, STORY, page.next);
          assert.ok(page);
        }
        assert.deepEqual(firsts, [1, 1 + STORY_PAGE_EVENTS, 1 + 2 * STORY_PAGE_EVENTS]);
        assert.deepEqual(seen, [...[...Array(450).keys()].map((i) => `d${i}`), 'u0', 'u1', 'u2']);
        await assert.rejects(getStory(store, STORY, 'bm90IGEgY3Vyc29y'), /not a cursor this list gave/);
        // The story's latest event, in the stories' list and for its briefing, is the page's last.
        const latest = await store.eventList.latestOfStory(STORY, 5);
        assert.deepEqual(
          latest.rows.map((r) => r.id),
          seen.slice(-5),
        );
        await store.eventList.refreshStories([STORY]);
        const listed = (await store.eventList.storyPage({ limit: 10 })).find((r) => r.id === STORY);
        assert.equal(listed?.latestEvent?.id, 'u2');
      } finally {
        await store.close();
      }
    });

    it(`finds related stories by the names their events' titles and places share [${db.name}]`, async () => {
      const store = await db.open();
      try {
        const story = async (id: string, title: string, events: [string, string, string | null][]) => {
          await store.stories.put({ id, title, createdAt: NOW, updatedAt: NOW });
          for (const [eid, t, place] of events) {
            const event: Event = {
              id: eid,
              title: t,
              category: null,
              date: { start: '2030-01-02', end: '2030-01-02', precision: 'day' },
              place: place
                ? { name: place, country: null, lat: null, lon: null, role: 'occurred', precision: 'city' }
                : null,
              storyId: id,
              createdAt: NOW,
              updatedAt: NOW,
            };
            await store.events.put(event, {
              terms: {},
              names: {},
              firstDate: null,
              lastDate: null,
              articleCount: 0,
            });
          }
          await refreshEventList(
            store,
            events.map(([eid]) => eid),
          );
        };
        await story('sty_a', 'Port strike', [['a1', 'Dockers strike at Velmar Port', 'Velmar']]);
        await story('sty_b', 'Port talks', [
          ['b1', 'Talks resume at Velmar Port', null],
          ['b2', 'Union leaders meet in Velmar', 'Velmar'],
        ]);
        await story('sty_c', 'Harvest', [['c1', 'Farmers bring in the Orlin harvest', 'Orlin']]);
        const b = await getStoryBriefing(store, 'sty_a');
        assert.deepEqual(b?.relatedStories, [
          { id: 'sty_b', title: 'Port talks', shared: ['Port', 'Velmar'] },
        ]);
        // The names go with their event.
        await store.events.retire('b2', 'b1');
        await store.events.retire('b1', 'a1');
        assert.deepEqual((await store.eventList.storiesNaming(['Velmar', 'Port'], 'sty_a')).length, 0);
      } finally {
        await store.close();
      }
    });
  });
}
