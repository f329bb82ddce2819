import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import { reportFeatures } from './report-features.ts';
import { bodyDateline } from './report-place-dateline.ts';

type Linked = { country: string | null; lat: number | null; lon: number | null; precision: string };
type Mention = [name: string, type: 'LOCATION' | 'NORP' | 'ORG', place: Linked | null];

/**
 * A report of this body text (its paragraphs one a line; the lead is the paragraph holding `lead`) with
 * these mentions (the first occurrence of each name) and the datelines extraction lifted off.
 */
function report(text: string, mentions: Mention[], datelines: string[] = []): ArticleRecord {
  const sentences = text.split('\n').map((l) => {
    const start = text.indexOf(l);
    return { start, end: start + l.length, certainty: { level: 'certain', cues: [] } };
  });
  const entities = mentions.map(([name, type, place]) => {
    const start = text.indexOf(name);
    return { start, end: start + name.length, text: name, type, entityId: name, canonical: name, place };
  });
  return {
    article: { id: 'r', title: null, text, publishedAt: '2025-05-20T10:00:00Z' },
    extracted: { embedded: datelines.map((d) => ({ kind: 'dateline', text: d })) },
    analysis: { sentences, entities, times: [], quotes: [], numbers: [] },
  } as unknown as ArticleRecord;
}

const country = (code: string): Linked => ({ country: code, lat: null, lon: null, precision: 'country' });
/** A lead that names another country, which wins when the dateline is not read. */
const LEAD = 'Officials met trade envoys from Canada on Tuesday to discuss tariffs.';
const canada: Mention = ['Canada', 'LOCATION', country('CA')];

describe('a dateline with a US state resolves the city in that state, in the US', () => {
  for (const [dateline, city] of [
    ['DAYTON, Ohio', 'Dayton'],
    ['SPRINGFIELD, Ill.', 'Springfield'],
    ['BUFFALO, N.Y.', 'Buffalo'],
    ['CHARLESTON, W.Va.', 'Charleston'],
    ['ALBANY, NY', 'Albany'],
  ] as const)
    it(`"${dateline}" as extraction lifts it off`, () => {
      const place = reportFeatures(report(LEAD, [canada], [dateline])).place;
      assert.equal(place?.name, city);
      assert.equal(place?.country, 'US');
      assert.equal(place?.role, 'dateline');
    });

  it('gives the city of the named state its coordinates (Springfield, Illinois, not Missouri)', () => {
    const place = reportFeatures(report(LEAD, [canada], ['SPRINGFIELD, Ill.'])).place;
    assert.ok(place?.lon !== null && place?.lon !== undefined && place.lon < -89 && place.lon > -90.5);
  });

  it('reads a bare postal code as a state only where the city is in it ("PERTH, WA" is in Australia)', () => {
    assert.equal(reportFeatures(report(`PERTH, WA — ${LEAD}`, [canada])).place?.country, 'AU');
  });

  it('takes a national capital the gazetteer files under a longer name ("WASHINGTON")', () => {
    assert.equal(reportFeatures(report(`WASHINGTON (AP) — ${LEAD}`, [canada])).place?.country, 'US');
  });
});

describe("a dateline at the body's start is the report's place, over a country the lead names", () => {
  for (const [body, expected] of [
    [`HANOI, Vietnam (AP) — ${LEAD}`, 'VN'],
    [`QUITO, ECUADOR, Nov. 5 — ${LEAD}`, 'EC'],
    [`QUITO, ECUADOR\n${LEAD}`, 'EC'],
    [`Hong Kong (Harbour Business)${LEAD}`, 'HK'],
    [`Nairobi, Kenya, 5 March (Reuters) - ${LEAD}`, 'KE'],
    [`Dayton, Ohio — ${LEAD}`, 'US'],
    [`KYIV, Ukraine _ ${LEAD}`, 'UA'],
    [`NEW DELHI: ${LEAD}`, 'IN'],
    [`LIMA, Peru -- ${LEAD}`, 'PE'],
    [`OSLO – ${LEAD}`, 'NO'],
    [`Caption\nClose\nEnvoys meet on tariffs\nLISBON, Portugal (AP) — ${LEAD}`, 'PT'],
    [`Published 3:05 PM\nOSLO — ${LEAD}`, 'NO'],
  ] as const)
    it(JSON.stringify(body.slice(0, 44)), () => {
      const place = reportFeatures(report(body, [canada])).place;
      assert.equal(place?.country, expected);
      assert.equal(place?.role, 'dateline');
    });

  it('reads no dateline in a sentence, a bracketed aside or after the prose has begun', () => {
    assert.equal(bodyDateline(`The ministry (Trade Desk) — said on Monday it would act.`), null);
    assert.equal(bodyDateline(`Analysts said (Reuters) that stocks fell.`), null);
    assert.equal(bodyDateline(`${LEAD} ${LEAD} ${LEAD}\nPARIS — The talks resumed.`), null);
  });

  it('lets the lead place the event when the dateline names no known place', () => {
    const r = report(`BREAKING: ${LEAD}`, [canada]);
    assert.equal(reportFeatures(r).place?.country, 'CA');
  });
});

describe("a page's time stamp is no dateline", () => {
  it('passes over a time stamp marked up as a dateline for the dateline after it', () => {
    const r = report(LEAD, [canada], ['Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM', 'CLEVELAND, Ohio']);
    assert.equal(reportFeatures(r).place?.name, 'Cleveland');
    assert.equal(reportFeatures(r).place?.country, 'US');
  });

  it('places the event by its lead when the time stamp is the only "dateline"', () => {
    const r = report(LEAD, [canada], ['Published 3:05 PM']);
    assert.equal(reportFeatures(r).place?.country, 'CA');
  });
});

describe("a nation only in an adjective or a possessive is the lead's nation", () => {
  it('maps a demonym to its main country, not a territory that shares it', () => {
    const indian = report('Concerns over the Indian economy are growing, analysts said.', [
      ['Indian', 'NORP', null],
    ]);
    assert.equal(reportFeatures(indian).place?.country, 'IN');
    const norwegian = report('Norwegian salmon exports rose by a fifth last year.', [
      ['Norwegian', 'NORP', null],
    ]);
    assert.equal(reportFeatures(norwegian).place?.country, 'NO');
  });

  it("reads a country in the possessive before a state body ('Chile’s Ministry of Energy')", () => {
    const r = report('Chile’s Ministry of Energy has unveiled a plan to cut the cost of solar power.', [
      ['Chile’s Ministry of Energy', 'ORG', null],
    ]);
    assert.equal(reportFeatures(r).place?.country, 'CL');
  });
});
