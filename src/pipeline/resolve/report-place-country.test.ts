import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import { reportFeatures } from './report-features.ts';

type Linked = { country: string | null; lat: number | null; lon: number | null; precision: string };
type Mention = [name: string, type: 'LOCATION' | 'NORP' | 'ORG' | 'PERSON', place: Linked | null];

/** A report of these sentences (one a line) with these mentions (the first occurrence of each name). */
function report(lines: string[], mentions: Mention[]): ArticleRecord {
  const text = lines.join('\n');
  const sentences = lines.map((l) => {
    const start = text.indexOf(l);
    return { start, end: start + l.length, certainty: { level: 'certain', cues: [] } };
  });
  const entities = mentions.map(([name, type, place]) => {
    const start = text.indexOf(name);
    return { start, end: start + name.length, text: name, type, entityId: name, canonical: name, place };
  });
  return {
    article: { id: 'r', title: null, text, publishedAt: '2025-05-20T10:00:00Z' },
    extracted: { embedded: [] },
    analysis: { sentences, entities, times: [], quotes: [], numbers: [] },
  } as unknown as ArticleRecord;
}

const country = (code: string): Linked => ({ country: code, lat: null, lon: null, precision: 'country' });
const nowhere: Linked = { country: null, lat: null, lon: null, precision: 'city' };
const FILLER = ['Analysts had expected the move.', 'Shares rose slightly.', 'A decision is due in May.'];

describe('where a report puts its event when the lead gives no country', () => {
  it('takes a country the lead names over a scene that is no country', () => {
    const r = report(
      ["Chile's transport minister told airlines not to buy aircraft registered in the Union."],
      [
        ['Chile', 'LOCATION', country('CL')],
        ['Union', 'LOCATION', nowhere],
      ],
    );
    assert.equal(reportFeatures(r).place?.country, 'CL');
  });

  it('reads the next sentences for "in <place>" when the lead names only a continent', () => {
    const r = report(
      [
        'The carmaker will cut 4,000 jobs across North America.',
        ...FILLER,
        'Most of the cuts fall in Canada.',
      ],
      [
        ['North America', 'LOCATION', nowhere],
        ['Canada', 'LOCATION', country('CA')],
      ],
    );
    assert.equal(reportFeatures(r).place?.country, 'CA');
  });

  it("places a lead that names no place in its actors' nation", () => {
    const norp = report(
      ['The Portuguese airline said it had ordered ten new jets.'],
      [['Portuguese', 'NORP', null]],
    );
    assert.equal(reportFeatures(norp).place?.country, 'PT');
    assert.equal(reportFeatures(norp).place?.precision, 'country');
    const body = report(
      ['Chile Air Force officials signed the contract for six transport planes.'],
      [['Chile Air Force', 'ORG', null]],
    );
    assert.equal(reportFeatures(body).place?.country, 'CL');
  });

  it("keeps the lead's own place, and a company named after a country is no state body", () => {
    const placed = report(
      ['The Portuguese airline opened a new route in Chile on Monday.'],
      [
        ['Portuguese', 'NORP', null],
        ['Chile', 'LOCATION', country('CL')],
      ],
    );
    assert.equal(reportFeatures(placed).place?.country, 'CL');
    const company = report(['Portugal Telecom said its profit rose.'], [['Portugal Telecom', 'ORG', null]]);
    assert.equal(reportFeatures(company).place, null);
  });

  it('puts the event on a mountain or an island the lead puts it on, over a city only named', () => {
    const r = report(
      ['Two climbers from Denver died on Mount Kenya on Sunday, rangers said.'],
      [
        ['Denver', 'LOCATION', { country: 'US', lat: 39.7, lon: -105, precision: 'city' }],
        ['Mount Kenya', 'LOCATION', { country: 'KE', lat: null, lon: null, precision: 'city' }],
      ],
    );
    assert.equal(reportFeatures(r).place?.name, 'Mount Kenya');
    assert.equal(reportFeatures(r).place?.country, 'KE');
  });

  it("does not take the nationality of a person or an outlet for the event's nation", () => {
    const climber = report(
      ['A British climber died on Sunday after a fall on a remote ridge.'],
      [['British', 'NORP', null]],
    );
    assert.equal(reportFeatures(climber).place, null);
    const outlet = report(
      ['The minister resigned over the contract, the German magazine reported.'],
      [['German', 'NORP', null]],
    );
    assert.equal(reportFeatures(outlet).place, null);
    const title = report(['The “American Pie” actress checked into a clinic.'], [['American', 'NORP', null]]);
    assert.equal(reportFeatures(title).place, null);
    // A nation's institution is the nation's event.
    const navy = report(['The Chilean navy rescued eleven fishermen.'], [['Chilean', 'NORP', null]]);
    assert.equal(reportFeatures(navy).place?.country, 'CL');
  });

  it('tells a place the lead puts the event in from one it only names', () => {
    const city = { country: 'GB', lat: 53.8, lon: -1.5, precision: 'city' };
    const named = report(
      ['A Leeds climber died after a fall, his family said.'],
      [['Leeds', 'LOCATION', city]],
    );
    assert.equal(reportFeatures(named).place?.role, 'mentioned');
    const scene = report(
      ['A climber died after a fall in Leeds, police said.'],
      [['Leeds', 'LOCATION', city]],
    );
    assert.equal(reportFeatures(scene).place?.role, 'occurred');
  });

  it('reads a country, a landmark or a city the tagger missed in the lead', () => {
    const abbreviation = report(['Shipyard cleared to bid again for U.K. navy contracts.'], []);
    assert.equal(reportFeatures(abbreviation).place?.country, 'GB');
    const seat = report(['The toymaker showed its new range at its Eindhoven headquarters on Monday.'], []);
    assert.equal(reportFeatures(seat).place?.country, 'NL');
    assert.equal(reportFeatures(seat).place?.role, 'occurred');
    // A city's name that is a person's, only named, is the person.
    const person = report(['Critics urged Madison to drop the plan before the vote.'], []);
    assert.equal(reportFeatures(person).place, null);
  });

  it('reads a landmark the tagger cut short or took for a person', () => {
    const denver = { country: 'US', lat: 39.7, lon: -105, precision: 'city' };
    const cut = report(
      ['An avalanche on Mount Kenya killed two guides from Denver.'],
      [
        ['Mount', 'LOCATION', null],
        ['Denver', 'LOCATION', denver],
      ],
    );
    assert.equal(reportFeatures(cut).place?.country, 'KE');
    const person = report(['A walker died on Ben Nevis in thick fog.'], [['Ben Nevis', 'PERSON', null]]);
    assert.equal(reportFeatures(person).place?.country, 'GB');
    // A one-word name the tagger reads as a person is the person.
    const named = report(['Petra won the final in three sets.'], [['Petra', 'PERSON', null]]);
    assert.equal(reportFeatures(named).place, null);
  });

  it("does not take a place in a news outlet's name for the scene", () => {
    const fr = country('FR');
    const outlet = report(
      ['Rescuers reached the stranded walkers, France 24 reported.'],
      [['France', 'LOCATION', fr]],
    );
    assert.equal(reportFeatures(outlet).place, null);
    const scene = report(
      ['Rescuers reached the stranded walkers in France on Monday.'],
      [['France', 'LOCATION', fr]],
    );
    assert.equal(reportFeatures(scene).place?.country, 'FR');
  });
});
