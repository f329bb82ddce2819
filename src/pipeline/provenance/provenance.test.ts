import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractedArticle } from '../../../test/support/fixtures.ts';
import type { ExtractedArticle } from '../../domain/article.ts';
import type { Outlet } from '../../domain/outlet.ts';
import { traceProvenance } from './provenance.ts';
import { resolveOutlet } from './resolve-outlet.ts';

const outlets: Outlet[] = [
  {
    id: 'wire.example',
    name: 'Sample Wire Service',
    domain: 'wire.example',
    kind: 'wire',
    ownerGroup: null,
    country: null,
    tier: 'trusted',
  },
  {
    id: 'daily.example',
    name: 'The Daily Sample',
    domain: 'daily.example',
    kind: 'newspaper',
    ownerGroup: null,
    country: null,
    tier: 'standard',
  },
  {
    id: 'blog.example',
    name: 'Sample Notes',
    domain: 'blog.example',
    kind: 'blog',
    ownerGroup: null,
    country: null,
    tier: 'low',
  },
];
const wireText =
  'Ferry crews in Split stopped work on Monday, halting crossings to the islands for the second time this year. The crews want a pay rise of eight percent and a new rota for the summer season, their union said in a statement.';

/** A page of 5 May 2025 at this address. */
const extracted = (url: string, text: string, over: Partial<ExtractedArticle> = {}) =>
  extractedArticle(url, text, { publishedAt: '2025-05-05T10:00:00Z', ...over });

describe('provenance', () => {
  const wire = traceProvenance(
    {
      articleId: 'w',
      extracted: extracted('https://wire.example/1', wireText, { publishedAt: '2025-05-05T08:00:00Z' }),
      outlet: outlets[0] as Outlet,
      candidates: [],
      knownOutlets: outlets,
    },
    { copySimilarity: 0.5 },
  );

  it('finds the earlier report a lightly edited reprint copies, and its credit', () => {
    const reprint = extracted(
      'https://daily.example/ferry',
      `${wireText.replace('Monday', 'Monday morning')} Local hauliers said deliveries would be late.`,
      {
        syndication: [
          { kind: 'wire-credit', source: 'Sample Wire Service', line: '(Sample Wire Service) —' },
        ],
      },
    );
    const r = traceProvenance(
      {
        articleId: 'd',
        extracted: reprint,
        outlet: outlets[1] as Outlet,
        candidates: [
          {
            articleId: 'w',
            outletId: 'wire.example',
            publishedAt: '2025-05-05T08:00:00Z',
            shingles: wire.shingles,
          },
        ],
        knownOutlets: outlets,
      },
      { copySimilarity: 0.5 },
    );
    const kinds = r.provenance.lineage.map((l) => l.kind);
    assert.deepEqual(kinds, ['copy', 'credit']);
    const credit = r.provenance.lineage[1];
    assert.ok(
      credit?.kind === 'credit' && credit.ofArticleId === 'w' && credit.source === 'Sample Wire Service',
    );
  });

  it('does not call an independent report of the same event a copy', () => {
    const own = extracted(
      'https://daily.example/own',
      'Island crossings from Split were cancelled after ferry workers walked out over wages, leaving tourists queueing at the harbour. Our reporter counted dozens of stranded cars.',
    );
    const r = traceProvenance(
      {
        articleId: 'o',
        extracted: own,
        outlet: outlets[1] as Outlet,
        candidates: [
          {
            articleId: 'w',
            outletId: 'wire.example',
            publishedAt: '2025-05-05T08:00:00Z',
            shingles: wire.shingles,
          },
        ],
        knownOutlets: outlets,
      },
      { copySimilarity: 0.5 },
    );
    assert.deepEqual(r.provenance.lineage, []);
  });

  it('finds citations of known outlets', () => {
    const blog = extracted(
      'https://blog.example/p',
      'According to The Daily Sample, the strike may spread. Sample Wire Service reported that talks stalled.',
    );
    const r = traceProvenance(
      {
        articleId: 'b',
        extracted: blog,
        outlet: outlets[2] as Outlet,
        candidates: [],
        knownOutlets: outlets,
      },
      { copySimilarity: 0.5 },
    );
    assert.deepEqual(r.provenance.lineage.map((l) => (l.kind === 'citation' ? l.outlet : l.kind)).sort(), [
      'Sample Wire Service',
      'The Daily Sample',
    ]);
  });

  it('does not read the tail of a longer name as another outlet ("Frontier Daily Sample reported")', () => {
    const blog = extracted('https://blog.example/p', 'Frontier Daily Sample reported that talks stalled.');
    const r = traceProvenance(
      {
        articleId: 'b',
        extracted: blog,
        outlet: outlets[2] as Outlet,
        candidates: [],
        knownOutlets: outlets,
      },
      { copySimilarity: 0.5 },
    );
    assert.deepEqual(r.provenance.lineage, []);
  });

  it('matches outlets by host, then by name, else makes an unregistered one', () => {
    assert.equal(
      resolveOutlet({ url: 'https://www.wire.example/x', name: null, known: outlets }).id,
      'wire.example',
    );
    assert.equal(
      resolveOutlet({ url: 'file:///tmp/a.txt', name: 'the daily sample', known: outlets }).id,
      'daily.example',
    );
    const gov: Outlet = {
      id: 'gov.uk',
      name: 'GOV.UK',
      domain: 'gov.uk',
      kind: 'official',
      ownerGroup: null,
      country: 'GB',
      tier: 'primary',
    };
    assert.equal(resolveOutlet({ url: 'https://www.gov.uk/news/a', name: null, known: [gov] }).id, 'gov.uk');
    assert.equal(
      resolveOutlet({ url: 'https://www.somecouncil.gov.uk/news/a', name: 'Some Council', known: [gov] }).id,
      'somecouncil.gov.uk',
    );
    assert.equal(
      resolveOutlet({ url: 'https://feeds.wire.example/rss', name: null, known: outlets }).id,
      'wire.example',
    );
    const u = resolveOutlet({ url: 'https://new.example/a', name: null, known: outlets });
    assert.deepEqual([u.id, u.kind, u.tier], ['new.example', 'unknown', 'unrated']);
  });
});
