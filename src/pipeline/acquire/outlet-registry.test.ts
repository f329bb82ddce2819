/** The outlet registry file: aliases read and written (the shipped registry's names: test/registry-names.test.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatOutletRegistry, parseOutletRegistry } from './outlet-registry.ts';

const entry = {
  name: 'Harbour Press Agency',
  aliases: ['HPA', 'Harbour-Vale Telegraph Agency'],
  domains: ['harbourpress.example'],
  feedHosts: [],
  country: 'GB',
  language: 'en',
  kind: 'wire',
  owner: null,
  tier: 'unrated',
  notes: 'A news agency written for the tests.',
};

describe('outlet registry aliases', () => {
  it('reads aliases and writes them back, leaving the key out when there are none', () => {
    const [withAliases, without] = parseOutletRegistry(
      JSON.stringify([
        entry,
        { ...entry, name: 'Bay Courier', aliases: undefined, domains: ['bay.example'] },
      ]),
      'test.json',
    );
    assert.deepEqual(withAliases?.aliases, ['HPA', 'Harbour-Vale Telegraph Agency']);
    assert.equal(without?.aliases, undefined);
    const text = formatOutletRegistry([withAliases!, without!]);
    assert.deepEqual(JSON.parse(text)[0], entry);
    assert.ok(!('aliases' in JSON.parse(text)[1]));
  });
  it('refuses aliases that are not a list of names', () => {
    assert.throws(
      () => parseOutletRegistry(JSON.stringify([{ ...entry, aliases: 'HPA' }]), 'bad.json'),
      /aliases/,
    );
    assert.throws(
      () => parseOutletRegistry(JSON.stringify([{ ...entry, aliases: [''] }]), 'bad.json'),
      /aliases/,
    );
  });
});
