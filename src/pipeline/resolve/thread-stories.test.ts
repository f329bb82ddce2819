import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventCandidate } from './types.ts';
import { storyTitle } from './story-title.ts';
import { EventIndex } from './event-index.ts';
import { threadChanged, threadStories } from './thread-stories.ts';

const NOW = '2030-01-01T00:00:00Z';

/** An event with a title, a day, names and the words its reports use. */
function event(id: string, day: string, title: string, names: string[], words: string): EventCandidate {
  const terms: Record<string, number> = {};
  for (const w of `${title} ${words}`.toLowerCase().match(/\p{L}+/gu) ?? []) terms[w] = (terms[w] ?? 0) + 1;
  return {
    event: {
      id,
      title,
      category: null,
      date: { start: day, end: day, precision: 'day' },
      place: null,
      storyId: null,
      createdAt: NOW,
      updatedAt: NOW,
    },
    profile: {
      terms,
      names: Object.fromEntries(names.map((n) => [n, 1])),
      firstDate: day,
      lastDate: day,
      articleCount: 1,
    },
  };
}

const ferry = (id: string, day: string, title: string, extra: string[]) =>
  event(id, day, title, ['harbour board', 'marta ilves', 'north quay', ...extra], 'ferry fares harbour');

describe('threadStories', () => {
  it('threads a chain of events through their strongest links, whatever their dates', () => {
    // The earliest event's best match is the latest; the middle one is closest to the latest only.
    const events = [
      ferry('e1', '2030-01-05', 'The harbour board raised ferry fares', ['dock union', 'lena moor']),
      ferry('e2', '2030-03-10', 'Ferry crews walked out over the new ferry fares', [
        'dock union',
        'tom rask',
      ]),
      ferry('e3', '2030-06-01', 'The harbour board cut ferry fares again', ['lena moor', 'tom rask']),
      event(
        'x',
        '2030-02-01',
        'A museum opened a wing for textiles',
        ['city museum', 'ada kent'],
        'wing art',
      ),
    ];
    const t = threadStories(events, { storyThreshold: 0.1 }, NOW);
    const storyOf = new Map(t.assignments.map((a) => [a.eventId, a.storyId]));
    assert.ok(storyOf.get('e1'));
    assert.equal(storyOf.get('e2'), storyOf.get('e1'));
    assert.equal(storyOf.get('e3'), storyOf.get('e1'));
    assert.equal(storyOf.has('x'), false);
    assert.equal(t.stories.length, 1);
  });

  it('keeps a story an event already has', () => {
    const a = ferry('a', '2030-01-05', 'The harbour board raised ferry fares', []);
    const b = ferry('b', '2030-02-05', 'The harbour board cut ferry fares', []);
    a.event.storyId = 'sty_old';
    const t = threadStories([a, b], { storyThreshold: 0.1 }, NOW);
    assert.deepEqual(t.assignments, [{ eventId: 'b', storyId: 'sty_old' }]);
  });

  it('links no events by a name or term too many events hold, and still by a rarer one', () => {
    // 150 events share a name and a word and nothing else, save two that share a rarer name too.
    const events = Array.from({ length: 150 }, (_, i) =>
      event(`e${i}`, '2030-01-01', `Item ${i}`, ['city council', `person ${i}`], `common u${i}`),
    );
    (events[7] as EventCandidate).profile.names['ada kent'] = 1;
    (events[90] as EventCandidate).profile.names['ada kent'] = 1;
    const only = new Set(events.map((e) => e.event.id));
    for (const t of [
      threadStories(events, { storyThreshold: 0.1 }, NOW),
      threadChanged(new EventIndex(events), { storyThreshold: 0.1 }, NOW, only),
    ])
      assert.deepEqual(t.assignments.map((a) => a.eventId).sort(), ['e7', 'e90']);
    // Held by fewer events, the shared name and word are what threads them.
    const few = events.slice(0, 40);
    assert.equal(threadStories(few, { storyThreshold: 0.1 }, NOW).assignments.length, 40);
  });
});

describe('threadChanged', () => {
  it('decides what threadStories decides over every event, reading only those near the changed ones', () => {
    // 120 events over 30 people, 20 places and 60 words, a third of them threaded already.
    let seed = 11;
    const pick = <T>(xs: T[]): T => xs[(seed = (seed * 48271) % 2147483647) % xs.length] as T;
    const people = Array.from({ length: 30 }, (_, i) => `person ${i}`);
    const places = Array.from({ length: 20 }, (_, i) => `place ${i}`);
    const words = Array.from({ length: 60 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${i}`);
    const events = Array.from({ length: 120 }, (_, i) => {
      const e = event(
        `e${i}`,
        `2030-0${1 + (i % 9)}-1${i % 10}`,
        `${pick(words)} ${pick(words)} in ${pick(places)}`,
        [pick(people), pick(people), pick(places)],
        Array.from({ length: 8 }, () => pick(words)).join(' '),
      );
      if (i % 3 === 0) e.event.storyId = `sty_${i % 7}`;
      return e;
    });
    const only = new Set(events.filter((_, i) => i % 4 === 1 || i % 9 === 0).map((e) => e.event.id));
    const all = threadStories(events, { storyThreshold: 0.1 }, NOW, only);
    const near = threadChanged(new EventIndex(events), { storyThreshold: 0.1 }, NOW, only);
    assert.ok(all.assignments.length > 10, `${all.assignments.length} assignments`);
    assert.deepEqual(near, all);
  });
});

describe('storyTitle', () => {
  const flat = () => 1;
  it('names a story by the phrase its events share, not by a name alone', () => {
    const events = [
      event('a', '2030-01-01', 'Mayor Ilves opened talks on the ferry fare rise', ['marta ilves'], 'harbour'),
      event(
        'b',
        '2030-02-01',
        'Mayor Ilves met union leaders over the ferry fare rise in Tallport',
        ['marta ilves'],
        'x',
      ),
      event('c', '2030-03-01', 'Crews accepted the ferry fare rise', [], 'mayor ilves harbour'),
    ];
    assert.equal(storyTitle(events, flat), 'Ferry fare rise');
  });

  it('falls back to the title of the event most reports tell when nothing is shared', () => {
    const a = event('a', '2030-01-01', 'A bridge closed for repairs', [], '');
    const b = event('b', '2030-02-01', 'Farmers protested at the ministry', [], '');
    b.profile.articleCount = 3;
    assert.equal(storyTitle([a, b], flat), 'Farmers protested at the ministry');
  });

  it('takes no name and its verb for a subject', () => {
    const titles = ['Mayor Ilves resigns over harbour fees', 'Mayor Ilves resigns', 'Ilves resigns again'];
    const events = titles.map((t, i) => event(`m${i}`, `2030-0${i + 1}-01`, t, [], 'mayor ilves resigns'));
    // No phrase of a subject's shape is shared: the story takes a whole event title, not "Mayor Ilves resigns".
    assert.ok(titles.includes(storyTitle(events, flat)) && storyTitle(events, flat) !== titles[1]);
  });
});
