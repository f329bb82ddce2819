import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze.ts';
import { linkPlace } from './place-link.ts';

/** The place analysis gives the first mention of a name in a text written for this test. */
function placeOf(text: string, name: string) {
  return analyze({ id: 't', text, publishedAt: null }).entities.find((e) => e.text === name)?.place;
}

describe('place linking by prominence and the evidence of the report', () => {
  it('keeps a national capital when the report also names the country of a small homonym', () => {
    const text =
      'Envoys from the United States and Ukraine will meet in Paris next week, officials said. ' +
      'The United States wants a ceasefire before winter.';
    assert.equal(placeOf(text, 'Paris')?.country, 'FR');
    const rome = 'Trade ministers of the United States gathered in Rome on Tuesday to discuss tariffs.';
    assert.equal(placeOf(rome, 'Rome')?.country, 'IT');
  });

  it('takes the small homonym when the report names its state', () => {
    const elsewhere =
      'A tornado damaged homes in Paris on Sunday night. Emergency crews from across Texas arrived by morning.';
    const paris = placeOf(elsewhere, 'Paris');
    assert.equal(paris?.country, 'US');
    assert.ok(Math.abs((paris?.lat ?? 0) - 33.66) < 0.1, 'the Texan Paris');
    const written = 'The county fair opened in Paris, Texas, on Saturday with a record crowd.';
    assert.equal(placeOf(written, 'Paris')?.country, 'US');
  });

  it('gives a compass part of a country its country', () => {
    const text = 'Wildfires spread across Western Greece on Friday, and villages were evacuated.';
    const place = placeOf(text, 'Western Greece');
    assert.equal(place?.country, 'GR');
    assert.equal(place?.precision, 'region');
    assert.equal(linkPlace('southern Texas')?.place.region, 'US-TX');
    assert.equal(linkPlace('Northern Ireland')?.place.country, 'GB');
  });

  it('reads the dateline city as evidence for the other places of the report', () => {
    // A Canadian dateline: London is the Ontario city only when the report names Ontario.
    const withRegion = 'TORONTO — Flooding closed roads in London, Ontario, after a night of rain.';
    assert.equal(placeOf(withRegion, 'London')?.country, 'CA');
    // A dateline gives its country: Birmingham, Alabama (a fifth of Birmingham, England) under an Atlanta
    // dateline, the English city without one; a city's state is no evidence for a capital's small homonym.
    const atlanta = 'ATLANTA — Storms knocked out power in Birmingham overnight, the utility said.';
    assert.equal(placeOf(atlanta, 'Birmingham')?.country, 'US');
    assert.equal(placeOf('Storms knocked out power in Birmingham overnight.', 'Birmingham')?.country, 'GB');
    const newYork = 'NEW YORK — Bankers flew to Rome on Monday for talks with the Italian treasury.';
    assert.equal(placeOf(newYork, 'Rome')?.country, 'IT');
    // A dateline elsewhere leaves the capital in place.
    const kyiv = 'KYIV — Officials said a delegation would travel to Paris for talks with US envoys.';
    assert.equal(placeOf(kyiv, 'Paris')?.country, 'FR');
  });

  it('reads a city by the English name the gazetteer lacks, before a small homonym of that name', () => {
    // The gazetteer spells these cities in their own language; English names them otherwise.
    const talks = 'Delegations of the United States and Iran resumed talks in Geneva on Thursday.';
    assert.equal(placeOf(talks, 'Geneva')?.country, 'CH');
    assert.equal(
      linkPlace('Geneva', { countries: new Set(['US', 'UA']), divisions: new Set() })?.place.country,
      'CH',
    );
    assert.equal(
      linkPlace('Geneva', { countries: new Set(['US']), divisions: new Set(['US-IL']) })?.place.country,
      'US',
    );
    assert.equal(placeOf('Dock workers in Patras walked out on Monday over pay.', 'Patras')?.country, 'GR');
    assert.equal(linkPlace('Cologne')?.place.country, 'DE');
    // An English name of a lesser city does not take the name from a capital ("Santiago" is Chile's).
    assert.equal(linkPlace('Santiago')?.place.country, 'CL');
  });

  it('places a town the gazetteer lacks in the state written after it, or in the one country of the report', () => {
    const written = 'A fire destroyed a barn outside Millbrook, Vermont, early on Sunday, officials said.';
    assert.equal(placeOf(written, 'Millbrook')?.country, 'US');
    const oneCountry =
      'Police in Kenya said a bus overturned in Kibwezi on Monday. Rescuers came from Nairobi.';
    assert.equal(placeOf(oneCountry, 'Kibwezi')?.country, 'KE');
    // Two countries named: no guess.
    assert.equal(linkPlace('Kibwezi', { countries: new Set(['KE', 'TZ']), divisions: new Set() }), null);
  });

  it('never places a company, a port or a facility by its report', () => {
    const evidence = { countries: new Set(['DE']), divisions: new Set<string>() };
    assert.equal(linkPlace('Nordhafen Terminals', evidence), null);
    assert.equal(linkPlace('Elbstrand Shipyard', evidence), null);
    assert.equal(linkPlace('Oberwald Hospital', evidence), null);
    // A common word with a capital is a company or a part of a name more often than an unknown town.
    assert.equal(
      linkPlace('Orange', { countries: new Set(['FR']), divisions: new Set() })?.place.country,
      'FR',
    );
    assert.equal(linkPlace('Blackberry', { countries: new Set(['CA']), divisions: new Set() }), null);
  });

  it('writes an unlinked place of a capitals headline as the gazetteer does', () => {
    const a = analyze({
      id: 't',
      text: 'TALKS RESUME IN GENEVA\nDiplomats from Kenya and Peru met in Geneva on Monday.',
      publishedAt: null,
    });
    const headline = a.entities.find((e) => e.text === 'GENEVA');
    assert.equal(headline?.canonical, 'Geneva');
    assert.equal(headline?.entityId, a.entities.find((e) => e.text === 'Geneva')?.entityId);
  });

  it('links a national capital the gazetteer files under a longer name, and names without diacritics', () => {
    assert.equal(linkPlace('Washington')?.name, 'Washington, D.C.');
    assert.equal(linkPlace('Zurich')?.place.country, 'CH');
  });
  it('reads an abbreviation written with stops as the country', () => {
    assert.equal(linkPlace('U.K.')?.place.country, 'GB');
    assert.equal(linkPlace('U.S.')?.place.country, 'US');
    assert.equal(linkPlace('U. S.')?.name, 'United States');
    assert.equal(linkPlace('U. K')?.place.country, 'GB');
  });

  it('reads "America" alone as the United States, and the continents as no country', () => {
    assert.equal(linkPlace('America')?.place.country, 'US');
    assert.equal(linkPlace('North America'), null);
    assert.equal(linkPlace('Latin America'), null);
  });
});
