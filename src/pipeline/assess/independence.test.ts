/** Independent sources: credited copies, citing pages and relay pages (aggregators), on outlets written for the project. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outlet } from '../../domain/outlet.ts';
import type { Lineage } from '../../domain/provenance.ts';
import { independentSources, type ReportForAssessment } from './independence.ts';

const outlet = (name: string, id: string, kind: Outlet['kind'], owner: string | null = null): Outlet => ({
  id,
  name,
  domain: id,
  kind,
  ownerGroup: owner,
  country: null,
  tier: 'unrated',
});
const wire = outlet('Harbour Press Agency', 'harbourpress.example', 'wire');
const ledger = outlet('The Lakeside Ledger', 'ledger.example', 'newspaper');
const meridian = outlet('Meridian News', 'meridian.example', 'broadcaster');
const courier = outlet('Coastal Courier', 'coastal.example', 'newspaper');
const digest = outlet('Daily Digest', 'digest.example', 'aggregator');
const briefings = outlet('briefings.example', 'briefings.example', 'unknown');
const byName = new Map([wire, ledger, meridian, courier, digest].map((o) => [o.name.toLowerCase(), o]));

const report = (
  articleId: string,
  o: Outlet,
  lineage: Lineage[],
  citesOnly = false,
): ReportForAssessment => ({
  articleId,
  outlet: o,
  citesOnly,
  provenance: {
    articleId,
    outletId: o.id,
    canonicalUrl: `https://${o.id}/${articleId}`,
    contentHash: articleId,
    lineage,
  },
});
const cite = (name: string): Lineage => ({
  kind: 'citation',
  outlet: name,
  evidence: `according to ${name}`,
});
const credit = (name: string): Lineage => ({
  kind: 'credit',
  source: name,
  ofArticleId: null,
  evidence: `(${name})`,
});
const labels = (reports: ReportForAssessment[]) =>
  independentSources(reports, byName)
    .map((s) => s.label)
    .sort();

describe('independent sources', () => {
  it('counts a credited copy for the agency it credits, known or not', () => {
    assert.deepEqual(
      labels([report('a', courier, [credit('Harbour Press Agency')]), report('b', wire, [])]),
      ['Harbour Press Agency'],
    );
    assert.deepEqual(labels([report('a', courier, [credit('Gullwatch.com')]), report('b', ledger, [])]), [
      'Gullwatch.com',
      'The Lakeside Ledger',
    ]);
  });
  it('counts an aggregator page for each outlet it cites, never for itself', () => {
    const page = report('a', digest, [cite('Meridian News'), cite('The Lakeside Ledger')]);
    assert.deepEqual(labels([page]), ['Meridian News', 'The Lakeside Ledger']);
    assert.deepEqual(labels([page, report('b', meridian, [])]), ['Meridian News', 'The Lakeside Ledger']);
  });
  it('counts a page of an unregistered site citing five outlets or more as a relay of them, not one citing four', () => {
    const four = ['Meridian News', 'The Lakeside Ledger', 'Bay Herald', 'Port Times'];
    assert.deepEqual(labels([report('a', briefings, four.map(cite))]), ['briefings.example']);
    const page = report('a', briefings, [...four, 'Gullwatch.com'].map(cite));
    assert.deepEqual(labels([page]), [
      'Bay Herald',
      'Gullwatch.com',
      'Meridian News',
      'Port Times',
      'The Lakeside Ledger',
    ]);
  });
  it('counts a page of an unregistered site that labels its claims with two outlets as a relay of them', () => {
    const label = (name: string): Lineage => ({
      kind: 'citation',
      outlet: name,
      evidence: `${name} → Source tone: certain`,
      labelled: true,
    });
    assert.deepEqual(labels([report('a', briefings, [label('Meridian News'), label('Bay Herald')])]), [
      'Bay Herald',
      'Meridian News',
    ]);
    assert.deepEqual(labels([report('a', briefings, [label('Meridian News')])]), ['briefings.example']);
    assert.deepEqual(labels([report('a', courier, [label('Meridian News'), label('Bay Herald')])]), [
      'Coastal Courier',
    ]);
  });
  it('keeps a newsroom citing other outlets as a source of its own, and a credited copy as its credit only', () => {
    const story = report('a', courier, [
      cite('Meridian News'),
      cite('The Lakeside Ledger'),
      cite('Bay Herald'),
    ]);
    assert.deepEqual(labels([story]), ['Coastal Courier']);
    const reprint = report('b', briefings, [
      credit('Coastal Courier'),
      cite('Meridian News'),
      cite('Bay Herald'),
      cite('The Lakeside Ledger'),
    ]);
    assert.deepEqual(labels([reprint]), ['Coastal Courier']);
  });
  it('counts a report whose lead only cites for the outlet it cites', () => {
    assert.deepEqual(
      labels([report('a', courier, [cite('Meridian News')], true), report('b', meridian, [])]),
      ['Meridian News'],
    );
  });
});
