/** The shipped registry's agencies, found by the names wire datelines and credits give them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shippedOutlets } from '../src/pipeline/acquire/outlet-registry.ts';
import { findOutletByName } from '../src/pipeline/provenance/resolve-outlet.ts';

describe("the shipped registry's agencies by the names datelines give them", () => {
  it('finds each agency a wire dateline names', () => {
    const names: Record<string, string> = {
      AP: 'Associated Press',
      UPI: 'United Press International',
      AFP: 'Agence France-Presse',
      Reuters: 'Reuters',
      dpa: 'dpa',
      ANSA: 'ANSA',
      EFE: 'EFE',
      Kyodo: 'Kyodo News',
      Xinhua: 'Xinhua',
      TASS: 'TASS',
      Ukrinform: 'Ukrinform',
      PTI: 'Press Trust of India',
      Yonhap: 'Yonhap News Agency',
      AAP: 'Australian Associated Press',
      CP: 'The Canadian Press',
      Anadolu: 'Anadolu Agency',
    };
    for (const [written, name] of Object.entries(names))
      assert.equal(findOutletByName(written, shippedOutlets())?.name, name, written);
  });
});
