/** The shipped registry's outlets by the names news gives them: aliases, former names, shared names. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shippedOutlets } from '../src/pipeline/acquire/outlet-registry.ts';
import { findOutletByName } from '../src/pipeline/provenance/resolve-outlet.ts';

describe('the shipped registry by the names news gives outlets', () => {
  const shipped = shippedOutlets();
  it('finds agencies by their initials and former names', () => {
    const names: Record<string, string> = {
      'ITAR-TASS': 'TASS',
      'Deutsche Presse-Agentur': 'dpa',
      'Press Association': 'PA Media',
      VOA: 'Voice of America',
      'New China News Agency': 'Xinhua',
      'Agence France Presse': 'Agence France-Presse',
      MENA: 'Middle East News Agency',
    };
    for (const [written, name] of Object.entries(names))
      assert.equal(findOutletByName(written, shipped)?.name, name, written);
  });
  it('leaves "ABC" unresolved without a country, and resolves it with one', () => {
    assert.equal(findOutletByName('ABC', shipped), null);
    assert.equal(findOutletByName('ABC', shipped, 'AU')?.name, 'ABC News (Australia)');
    assert.equal(findOutletByName('ABC', shipped, 'US')?.name, 'ABC News');
  });
  it('gives every outlet a kind and a country, and no two outlets one name', () => {
    const seen = new Set<string>();
    for (const o of shipped) {
      assert.ok(o.country, o.name);
      assert.notEqual(o.kind, 'unknown', o.name);
      assert.ok(!seen.has(o.name), o.name);
      seen.add(o.name);
    }
    assert.ok(shipped.length >= 400);
  });
});
