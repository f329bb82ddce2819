import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import { reportFeatures } from './report-features.ts';

type Linked = { country: string; lat: number | null; lon: number | null; precision: 'city' | 'country' };

/** A report whose lead names these places (each with its link, or null when the gazetteers lack it). */
function report(text: string, places: [string, Linked | null][]): ArticleRecord {
  const entities = places.map(([name, place]) => {
    const start = text.indexOf(name);
    return {
      start,
      end: start + name.length,
      text: name,
      type: 'LOCATION',
      entityId: name,
      canonical: name,
      place,
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
}

const city = (country: string): Linked => ({ country, lat: 1, lon: 1, precision: 'city' });

describe('where a report puts its event: companies and facilities are not places', () => {
  it('passes over a company the tagger read as a place for a place of the gazetteer', () => {
    const r = report(
      'Ostwerft Logistik must pay its former carrier after a court in Bremen ruled on Tuesday.',
      [
        ['Ostwerft Logistik', null],
        ['Bremen', city('DE')],
      ],
    );
    assert.equal(reportFeatures(r).place?.name, 'Bremen');
  });

  it('does not take a name that only qualifies a facility for the scene', () => {
    const r = report(
      'Cargo volumes fell at the Weser terminals, the port authority in Bremen said on Monday.',
      [
        ['Weser', null],
        ['Bremen', city('DE')],
      ],
    );
    assert.equal(reportFeatures(r).place?.name, 'Bremen');
  });

  it('passes over a name the tagger also reads as an organisation in the report', () => {
    const r = report('Quillon opened its third store beside the Nordvik ring road on Monday.', [
      ['Quillon', null],
      ['Nordvik', null],
    ]);
    const orgToo = {
      ...r,
      analysis: {
        ...r.analysis,
        entities: [
          ...r.analysis.entities,
          { start: 0, end: 7, text: 'Quillon', type: 'ORG', entityId: 'q', canonical: 'Quillon' },
        ],
      },
    } as unknown as ArticleRecord;
    assert.equal(reportFeatures(r).place?.name, 'Quillon');
    assert.equal(reportFeatures(orgToo).place?.name, 'Nordvik');
  });

  it('passes over a ship or a brand named after a company of the report', () => {
    const text =
      'Dockers protested at the Nordlinie Aurora in Bremen on Monday after Nordlinie Shipping cut their pay.';
    const r = report(text, [
      ['Nordlinie Aurora', null],
      ['Bremen', city('DE')],
    ]);
    const start = text.indexOf('Nordlinie Shipping');
    const withOrg = {
      ...r,
      analysis: {
        ...r.analysis,
        entities: [
          ...r.analysis.entities,
          {
            start,
            end: start + 18,
            text: 'Nordlinie Shipping',
            type: 'ORG',
            entityId: 'n',
            canonical: 'Nordlinie Shipping',
          },
        ],
      },
    } as unknown as ArticleRecord;
    assert.equal(reportFeatures(withOrg).place?.name, 'Bremen');
  });

  it('prefers a place of the gazetteer to a name it lacks when the lead puts the event in neither', () => {
    const r = report('Strandvik Marina and Bergen officials agreed a new ferry timetable on Monday.', [
      ['Strandvik Marina', null],
      ['Bergen', city('NO')],
    ]);
    assert.equal(reportFeatures(r).place?.name, 'Bergen');
  });
});
