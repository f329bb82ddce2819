import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryOf } from './category.ts';
import { EventIndex } from './event-index.ts';
import { cutAtWord, foundEvent, joinEvent, matchScore, resolveReport } from './resolve-event.ts';
import { reportFeatures } from './report-features.ts';
import type { EventCandidate, ReportFeatures } from './types.ts';
import type { ArticleRecord } from '../../domain/article.ts';

const opts = { joinThreshold: 0.2, maxDayGap: 6 };
const features = (id: string, date: string, words: string, names: string[]): ReportFeatures => {
  const terms: Record<string, number> = {};
  for (const w of words.split(' ')) terms[w] = (terms[w] ?? 0) + 1;
  return {
    articleId: id,
    terms,
    names,
    eventDate: date,
    dateStated: false,
    title: `Title ${id}`,
    publishedAt: `${date}T12:00:00Z`,
    place: null,
  };
};
const rec = (id: string) =>
  ({
    article: { id, title: `T ${id}`, text: 'x' },
    analysis: { sentences: [], entities: [] },
  }) as unknown as ArticleRecord;

describe('article → event resolution', () => {
  const talks = 'negotiators water compact round talks geneva delegations';
  const first = features('a', '2025-05-20', talks, ['geneva', 'lena hartmann']);
  const founded = foundEvent(rec('a'), first, 'now');
  const other: EventCandidate = foundEvent(
    rec('z'),
    features('z', '2025-05-21', 'wildfire villages evacuated firefighters hectares', ['patras']),
    'now',
  );

  it('joins a report of the same meeting days later', () => {
    const r = resolveReport(
      features('b', '2025-05-22', talks, ['geneva', 'lena hartmann']),
      null,
      new EventIndex([founded, other]),
      opts,
    );
    assert.deepEqual(r.kind === 'join' && r.eventId, founded.event.id);
  });

  it('keeps a look-alike months later apart, however similar the words', () => {
    const r = resolveReport(
      features('c', '2025-11-12', talks, ['geneva', 'lena hartmann']),
      null,
      new EventIndex([founded, other]),
      opts,
    );
    assert.equal(r.kind, 'new');
  });

  it('does not let an event chain on from week to week as reports join', () => {
    // Reports of a recurring subject every four days: each within the join window of the one before.
    let chain = foundEvent(rec('a'), first, 'now');
    for (const [k, day] of ['2025-05-24', '2025-05-28', '2025-06-01'].entries())
      chain = joinEvent(chain, features(`c${k}`, day, talks, ['geneva', 'lena hartmann']), 'now');
    const late = resolveReport(
      features('late', '2025-06-05', talks, ['geneva', 'lena hartmann']),
      null,
      new EventIndex([chain]),
      opts,
    );
    assert.equal(late.kind, 'new');
  });

  it('compares a report only with the events sharing its names or terms', () => {
    const index = new EventIndex([founded, other]);
    assert.deepEqual(
      index
        .candidates(features('x', '2025-05-22', 'firefighters hectares', ['patras']))
        .map((c) => c.event.id),
      [other.event.id],
    );
    assert.deepEqual(index.candidates(features('y', '2025-05-22', 'nothing shared here', [])), []);
    index.retireBefore('2025-05-21');
    assert.deepEqual(
      index.all().map((c) => c.event.id),
      [other.event.id],
    );
  });

  it("halves the match of a report about other people than the event's, not one about the same people", () => {
    const arrest = 'receiver arrested suspicion drunk driving team playoff patrol';
    const first = foundEvent(
      rec('j1'),
      { ...features('j1', '2025-01-10', arrest, ['chargers', 'highway patrol']), actors: ['jackson'] },
      'now',
    );
    const idf = new EventIndex([first]).idf;
    const score = (actors: string[]) =>
      matchScore(
        {
          ...features('x', '2025-01-12', `${arrest} bail county jail`, ['chargers', 'highway patrol']),
          actors,
        },
        first.profile,
        idf,
      );
    assert.ok(score(['jackson']) > 0.5);
    assert.equal(score([]), score(['jackson']), 'a report naming nobody is not in conflict');
    assert.equal(score(['williams']), score(['jackson']) / 2);
  });

  describe('a report without a date and a dated event', () => {
    const undated = (id: string, words: string, names: string[], years?: number[]): ReportFeatures => ({
      ...features(id, '2025-05-20', words, names),
      eventDate: null,
      publishedAt: null,
      years,
    });
    const index = () => new EventIndex([founded, other]);

    it('joins when a year it writes is the event’s (or next to it), not when all its years are others', () => {
      const same = resolveReport(undated('u1', talks, ['geneva'], [1998, 2025]), null, index(), opts);
      assert.deepEqual(same.kind === 'join' && same.eventId, founded.event.id);
      const next = resolveReport(undated('u2', talks, ['geneva'], [2026]), null, index(), opts);
      assert.deepEqual(next.kind === 'join' && next.eventId, founded.event.id);
      const earlier = resolveReport(undated('u3', talks, ['geneva'], [2009, 2011]), null, index(), opts);
      assert.equal(earlier.kind, 'new');
    });

    it('joins on strong evidence alone when it writes no year, not on what two dated reports would need', () => {
      const strong = undated('u4', talks, ['geneva', 'lena hartmann']);
      const weak = undated('u5', 'negotiators water harbour fishing quotas trawlers', ['geneva', 'bergen']);
      const idf = index().idf;
      assert.ok(matchScore(strong, founded.profile, idf) >= 0.7);
      const weakScore = matchScore(weak, founded.profile, idf);
      assert.ok(weakScore >= opts.joinThreshold && weakScore < 0.7, String(weakScore));
      const r = resolveReport(strong, null, index(), opts);
      assert.deepEqual(r.kind === 'join' && r.eventId, founded.event.id);
      assert.equal(resolveReport(weak, null, index(), opts).kind, 'new');
      // The same weak match from a dated report of the same days joins.
      const dated = { ...weak, eventDate: '2025-05-21', publishedAt: '2025-05-21T09:00:00Z' };
      assert.equal(resolveReport(dated, null, index(), opts).kind, 'join');
    });
  });

  it('lets a copy follow its origin', () => {
    const r = resolveReport(
      features('d', '2025-12-01', 'unrelated', []),
      'evt_origin',
      new EventIndex([founded]),
      opts,
    );
    assert.deepEqual(r, { kind: 'join', eventId: 'evt_origin', score: 1 });
  });

  it('widens the date window as reports join, and dates the event by the day most reports state', () => {
    const joined = joinEvent(
      foundEvent(rec('a'), first, 'now'),
      { ...features('e', '2025-05-23', talks, ['geneva']), dateStated: true },
      'now',
    );
    assert.deepEqual([joined.profile.firstDate, joined.profile.lastDate], ['2025-05-20', '2025-05-23']);
    assert.deepEqual(joined.event.date, { start: '2025-05-23', end: '2025-05-23', precision: 'day' });
    assert.equal(joined.profile.articleCount, 2);
  });

  it('places the event where most of its reports put it, not where the first one did', () => {
    const at = (name: string) => ({
      name,
      country: null,
      lat: null,
      lon: null,
      role: 'occurred' as const,
      precision: 'city' as const,
    });
    let e = foundEvent(
      rec('p1'),
      { ...features('p1', '2025-05-20', talks, ['geneva']), place: at('Rhône') },
      'now',
    );
    e = joinEvent(e, { ...features('p2', '2025-05-20', talks, ['geneva']), place: at('Geneva') }, 'now');
    assert.equal(e.event.place?.name, 'Rhône', 'a tie keeps the place named first');
    e = joinEvent(e, { ...features('p3', '2025-05-20', talks, ['geneva']), place: at('Geneva') }, 'now');
    assert.equal(e.event.place?.name, 'Geneva');
  });

  it("replaces a preview's title with that of a report published after the event", () => {
    const preview = foundEvent(
      rec('p'),
      { ...features('p', '2025-05-18', talks, ['geneva']), title: 'Talks to open on Tuesday' },
      'now',
    );
    const after = joinEvent(
      preview,
      { ...features('q', '2025-05-20', talks, ['geneva']), dateStated: true, title: 'Talks agree on data' },
      'now',
    );
    assert.equal(after.event.title, 'Talks agree on data');
  });
});

describe('cutAtWord', () => {
  it('cuts a long title at a clause boundary when there is one, whole', () => {
    const t = cutAtWord(
      'The regional council voted on Tuesday to approve a new flood barrier along the river despite objections',
      60,
    );
    assert.equal(t, 'The regional council voted on Tuesday');
  });
  it('else at a word, never inside one, marked with an ellipsis', () => {
    const t = cutAtWord(
      'Harbour cranes idle dockers walk out over pay rota overtime pensions safety rules',
      50,
    );
    assert.ok(t.endsWith('…') && t.length <= 50, t);
    assert.equal(t, 'Harbour cranes idle dockers walk out over pay…');
    assert.equal(cutAtWord('Short title', 60), 'Short title');
  });
});

describe('event titles from plain reports', () => {
  const plain = (text: string) =>
    ({
      article: { id: 'p', title: null, text },
      analysis: {
        sentences: [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
        entities: [],
      },
    }) as unknown as ArticleRecord;
  const f = features('p', '2025-05-20', 'ferry strike', []);
  it("takes a plain report's headline line, past a source address, never the address", () => {
    const e = foundEvent(
      plain(
        'http: / / www. example. org / ferry - crews - strike\nFerry Crews Strike Over Pay, Halting Island Crossings\nFerry crews stopped work on Monday.',
      ),
      f,
      'now',
    );
    assert.equal(e.event.title, 'Ferry Crews Strike Over Pay, Halting Island Crossings');
  });
  it('takes the first stated sentence when the text opens with a section label or a question', () => {
    assert.equal(
      foundEvent(plain("What's happened\nFerry crews stopped work on Monday over pay."), f, 'now').event
        .title,
      'Ferry crews stopped work on Monday over pay.',
    );
    assert.equal(
      foundEvent(plain('Why did the crews strike?\nFerry crews stopped work on Monday over pay.'), f, 'now')
        .event.title,
      'Ferry crews stopped work on Monday over pay.',
    );
  });
});

describe('categories', () => {
  it('reads talks as diplomacy only when a state takes part', () => {
    assert.equal(categoryOf('Studio in talks with director over sequel contract', false), 'Economic');
    assert.equal(categoryOf('Foreign ministers open talks on the river compact', false), 'Diplomatic');
    assert.equal(categoryOf('Delegations resume talks on the border', true), 'Diplomatic');
  });
  it('gives no category when nothing fits', () => {
    assert.equal(categoryOf('A quiet afternoon at the botanical garden', false), null);
  });
});

describe('where a report puts its event', () => {
  const place = (country: string, precision: 'city' | 'country') => ({ country, lat: 0, lon: 0, precision });
  const report = (text: string, places: [string, string, 'city' | 'country'][]) => {
    const entities = places.map(([name, country, precision]) => {
      const start = text.indexOf(name);
      return {
        start,
        end: start + name.length,
        text: name,
        type: 'LOCATION',
        entityId: name,
        canonical: name,
        place: place(country, precision),
      };
    });
    return {
      article: { id: 'r', title: null, text, publishedAt: '2025-05-20T10:00:00Z' },
      extracted: { embedded: [] },
      analysis: {
        sentences: [{ start: 0, end: text.length, certainty: { level: 'certain', cues: [] } }],
        entities,
        times: [],
        quotes: [],
        numbers: [],
      },
    } as unknown as ArticleRecord;
  };
  it('takes the place the lead puts it in, not a place it only names', () => {
    const r = report(
      'Ministers from Norway, Chile and Japan met in Lisbon on Tuesday to sign the fisheries pact.',
      [
        ['Norway', 'NO', 'country'],
        ['Chile', 'CL', 'country'],
        ['Japan', 'JP', 'country'],
        ['Lisbon', 'PT', 'city'],
      ],
    );
    assert.equal(reportFeatures(r).place?.name, 'Lisbon');
  });
  it('takes the city named in the country the lead puts it in', () => {
    const r = report('Dockers walked out in Portugal on Monday, halting the cranes at Sines for the day.', [
      ['Portugal', 'PT', 'country'],
      ['Sines', 'PT', 'city'],
    ]);
    assert.equal(reportFeatures(r).place?.name, 'Sines');
  });
});

describe('titles without an opening time', () => {
  const plain = (text: string) =>
    ({
      article: { id: 'p', title: null, text },
      analysis: { sentences: [{ start: 0, end: text.length }], entities: [] },
    }) as unknown as ArticleRecord;
  const f = features('p', '2025-05-20', 'ferry strike', []);
  it('leaves out "On 3 May 2025," and "Late on Tuesday," opening a lead', () => {
    assert.equal(
      foundEvent(plain('On May 3, 2025, ferry crews in Split stopped work over pay.'), f, 'now').event.title,
      'Ferry crews in Split stopped work over pay.',
    );
    assert.equal(
      foundEvent(plain('Late on Tuesday, the council approved the flood barrier.'), f, 'now').event.title,
      'The council approved the flood barrier.',
    );
    assert.equal(
      foundEvent(plain('In Split, ferry crews stopped work over pay.'), f, 'now').event.title,
      'In Split, ferry crews stopped work over pay.',
    );
  });
});
