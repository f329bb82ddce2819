import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkPlace } from './place-link.ts';

const evidence = (...countries: string[]) => ({
  countries: new Set(countries),
  divisions: new Set<string>(),
});

describe('natural features and landmarks as places', () => {
  it('links mountains, volcanoes, lakes, islands and parks to their country, however "Mount" is written', () => {
    assert.equal(linkPlace('Mount Kenya')?.place.country, 'KE');
    assert.equal(linkPlace('Mt. Kenya')?.place.country, 'KE');
    assert.equal(linkPlace('Mount Etna')?.place.country, 'IT');
    assert.equal(linkPlace('Lake Baikal')?.place.country, 'RU');
    assert.equal(linkPlace('the Isle of Skye')?.place.country, 'GB');
    assert.equal(linkPlace('Banff National Park')?.place.country, 'CA');
    assert.equal(linkPlace('Golden Gate Bridge')?.place.country, 'US');
  });

  it('puts a feature on a border in the country the report names, else in the first it lies in', () => {
    assert.equal(linkPlace('Lake Geneva', evidence('FR'))?.place.country, 'FR');
    assert.equal(linkPlace('Lake Geneva')?.place.country, 'CH');
  });

  it('does not place a continent, an ocean or a sea in the country of the report', () => {
    assert.equal(linkPlace('Europe', evidence('US')), null);
    assert.equal(linkPlace('Atlantic Ocean', evidence('US')), null);
    assert.equal(linkPlace('the North Sea', evidence('GB')), null);
    // A town the gazetteers lack is still placed in the one country the report names.
    assert.equal(linkPlace('Oakbury', evidence('US'))?.place.country, 'US');
  });

  it('does not take a compass word for the region some country names by it', () => {
    assert.equal(linkPlace('East'), null);
    assert.equal(linkPlace('the North'), null);
    assert.equal(linkPlace('Central'), null);
    // In a report that names the country, it is that country's region.
    assert.equal(linkPlace('East', evidence('CM'))?.place.country, 'CM');
  });
});
