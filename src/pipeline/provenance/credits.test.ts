/** Credits as news writes them: agencies by initials and short names, wire datelines, "Reporting by …". */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractedArticle } from '../../../test/support/fixtures.ts';
import type { ExtractedArticle } from '../../domain/article.ts';
import type { Outlet } from '../../domain/outlet.ts';
import { traceProvenance } from './provenance.ts';
import { findOutletByName } from './resolve-outlet.ts';

const outlet = (name: string, domain: string, kind: Outlet['kind']): Outlet => ({
  id: domain,
  name,
  domain,
  domains: [domain],
  kind,
  ownerGroup: null,
  country: null,
  tier: 'standard',
});
const known: Outlet[] = [
  outlet('Harbour Press Agency', 'harbourpress.example', 'wire'),
  outlet('Northern News Agency', 'northern.example', 'wire'),
  outlet('Coastal Times Herald', 'coastaltimes.example', 'newspaper'),
];

describe('credited outlets by the names credits use', () => {
  it("reads an agency's initials and its name without 'News Agency'", () => {
    assert.equal(findOutletByName('HPA', known)?.name, 'Harbour Press Agency');
    assert.equal(findOutletByName('Northern', known)?.name, 'Northern News Agency');
    assert.equal(findOutletByName('NNA', known)?.name, 'Northern News Agency');
  });
  it("does not read a newspaper's initials, or a person's name, as an outlet", () => {
    assert.equal(findOutletByName('CTH', known), null);
    assert.equal(findOutletByName('Ana Reis', known), null);
  });
});

describe('credits from reporting lines', () => {
  it('keeps a "reporting by" credit only when it names a known outlet', () => {
    const lineage = (source: string) => {
      const ex = extractedArticle(
        'https://coastaltimes.example/a',
        'Ferry crews stopped work on Monday over pay.',
        {
          publishedAt: '2025-05-05T10:00:00Z',
          syndication: [{ kind: 'contributed', source, line: `Reporting by ${source}.` }],
        },
      );
      return traceProvenance(
        { articleId: 'a', extracted: ex, outlet: known[2] as Outlet, knownOutlets: known, candidates: [] },
        { copySimilarity: 0.5 },
      ).provenance.lineage;
    };
    assert.deepEqual(
      lineage('HPA').map((l) => [l.kind, 'source' in l ? l.source : null]),
      [['credit', 'Harbour Press Agency']],
    );
    assert.deepEqual(lineage('Ana Reis'), []);
  });
});

describe('credits from the lines extract sets apart', () => {
  const lineageOf = (syndication: ExtractedArticle['syndication']) => {
    const ex = extractedArticle(
      'https://coastaltimes.example/b',
      'Ferry crews stopped work on Monday over pay, the union said.',
      { syndication },
    );
    return traceProvenance(
      { articleId: 'b', extracted: ex, outlet: known[2] as Outlet, knownOutlets: known, candidates: [] },
      { copySimilarity: 0.5 },
    ).provenance.lineage.flatMap((l) => (l.kind === 'credit' ? [l.source] : []));
  };
  it('credits an agency named over its date or in a copyright line only when it is a known outlet', () => {
    assert.deepEqual(lineageOf([{ kind: 'contributed', source: 'HPA', line: 'HPA, Tuesday 2 Jul 2024' }]), [
      'Harbour Press Agency',
    ]);
    assert.deepEqual(
      lineageOf([{ kind: 'contributed', source: 'Updated', line: 'Updated Saturday, Dec 5, 2024' }]),
      [],
    );
  });
  it('does not credit a date or a time ("Originally published 05/03/2024 at 10:20 AM")', () => {
    assert.deepEqual(
      lineageOf([
        {
          kind: 'originally-appeared',
          source: '05/03/2024 at 10:20 AM EDT',
          line: 'Originally published 05/03/2024 at 10:20 AM EDT',
        },
      ]),
      [],
    );
  });
});
