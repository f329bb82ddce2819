import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import type { EventPlace } from '../../domain/event.ts';
import type { ReportFeatures } from './types.ts';
import { foundEvent, joinEvent } from './resolve-event.ts';

const rec = (id: string) =>
  ({
    article: { id, title: `T ${id}`, text: 'x' },
    analysis: { sentences: [], entities: [] },
  }) as unknown as ArticleRecord;

const report = (id: string, place: EventPlace): ReportFeatures => ({
  articleId: id,
  terms: { climber: 1, fall: 1, ridge: 1 },
  names: [],
  eventDate: '2025-08-02',
  dateStated: false,
  title: `Title ${id}`,
  publishedAt: '2025-08-02T12:00:00Z',
  place,
});

const at = (name: string, country: string, role: EventPlace['role']): EventPlace => ({
  name,
  country,
  lat: null,
  lon: null,
  role,
  precision: 'city',
});

describe("an event's place by its reports' votes", () => {
  it('lets a place a report puts the event in outweigh two reports that only name a home town', () => {
    let e = foundEvent(rec('a'), report('a', at('Leeds', 'GB', 'mentioned')), 'now');
    e = joinEvent(e, report('b', at('Leeds', 'GB', 'mentioned')), 'now');
    e = joinEvent(e, report('c', at('Zermatt', 'CH', 'occurred')), 'now');
    assert.equal(e.event.place?.country, 'CH');
  });

  it('still lets three reports that name a place outvote one', () => {
    let e = foundEvent(rec('a'), report('a', at('Leeds', 'GB', 'mentioned')), 'now');
    for (const id of ['b', 'c']) e = joinEvent(e, report(id, at('Leeds', 'GB', 'mentioned')), 'now');
    e = joinEvent(e, report('d', at('Zermatt', 'CH', 'occurred')), 'now');
    assert.equal(e.event.place?.country, 'GB');
  });
});
