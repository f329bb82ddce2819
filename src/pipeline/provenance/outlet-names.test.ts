/**
 * Outlet names as news writes them: registry aliases, names two outlets share, a title's initials, a desk
 * before a staff word, and names that look like outlets but are not (sentences written for the project).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractedArticle } from '../../../test/support/fixtures.ts';
import type { ExtractedArticle } from '../../domain/article.ts';
import type { Outlet } from '../../domain/outlet.ts';
import { findCitations } from './citations.ts';
import { traceProvenance } from './provenance.ts';
import { findOutletByName } from './resolve-outlet.ts';

const outlet = (name: string, domain: string, kind: Outlet['kind'], more: Partial<Outlet> = {}): Outlet => ({
  id: domain,
  name,
  domain,
  domains: [domain],
  kind,
  ownerGroup: null,
  country: null,
  tier: 'unrated',
  ...more,
});
const known: Outlet[] = [
  outlet('Harbour Press Agency', 'harbourpress.example', 'wire', {
    aliases: ['HPA', 'Harbour-Vale Telegraph Agency'],
  }),
  outlet('Ruritania Broadcasting Service', 'ruritania-bs.example', 'broadcaster', {
    aliases: ['RBS'],
    country: 'AU',
  }),
  outlet('Regal Broadcasting System', 'regal.example', 'broadcaster', { aliases: ['RBS'], country: 'US' }),
  outlet('New Harbour Daily Courier', 'nhdc.example', 'newspaper'),
  outlet('Voice of Ruritania', 'vor.example', 'broadcaster', { aliases: ['VOR'] }),
  outlet('Harbour Group Wire', 'hgw.example', 'wire', { ownerGroup: 'Harbour Group' }),
  outlet('Norway News Agency', 'nna.example', 'wire'),
  outlet('Tamarin News Agency', 'tamarin.example', 'wire'),
  outlet('The Lakeport News', 'lakeport.example', 'newspaper'),
];
const cited = (text: string, own: Outlet | null = null) =>
  findCitations(text, known, own)
    .map((c) => c.name)
    .sort();

describe('aliases and shared names', () => {
  it("finds an outlet by an alias, an agency's old hyphened name among them", () => {
    assert.equal(findOutletByName('Harbour-Vale Telegraph Agency', known)?.name, 'Harbour Press Agency');
    assert.deepEqual(cited('The port shut, Harbour-Vale Telegraph Agency reported.'), [
      'Harbour Press Agency',
    ]);
    assert.deepEqual(cited('"It is over," the minister told VOR.'), ['Voice of Ruritania']);
  });
  it('reads an alias in capitals only as written ("Hpa" is not HPA)', () => {
    assert.equal(findOutletByName('Hpa', known), null);
  });
  it("resolves a shared name by the report's country, else by the country the text speaks of, else not", () => {
    const own = outlet('Bay Courier', 'bay.example', 'newspaper', { country: 'US' });
    assert.deepEqual(cited('A guard told RBS the gate was open.', own), ['Regal Broadcasting System']);
    assert.deepEqual(cited('In Sydney, a guard told RBS the gate was open; Australian police agreed.'), [
      'Ruritania Broadcasting Service',
    ]);
    assert.deepEqual(cited('A guard told RBS the gate was open.'), ['RBS']);
    assert.equal(findOutletByName('RBS', known), null);
    assert.equal(findOutletByName('RBS', known, 'AU')?.name, 'Ruritania Broadcasting Service');
  });
});

describe('how news names outlets in passing', () => {
  it('reads a title\'s initials after "the" for a known paper of three or more words', () => {
    assert.deepEqual(cited('According to the NHDC, the ferry left late.'), ['New Harbour Daily Courier']);
    assert.deepEqual(cited('The NHDC says the mayor knew.'), ['New Harbour Daily Courier']);
    assert.deepEqual(cited('According to the XQZ, the ferry left late.'), []);
    assert.deepEqual(cited('The ferry left late, according to NHDC.'), ['New Harbour Daily Courier']);
  });
  it('reads a desk or beat between the outlet and its staff ("a VOR Ports Desk reporter")', () => {
    assert.deepEqual(cited('The captain told VOR Harbour correspondent Ana Reis the ship was safe.'), [
      'Voice of Ruritania',
    ]);
    assert.deepEqual(cited('A VOR Ports Desk reporter saw the crane fall.'), ['Voice of Ruritania']);
  });
  it('reads a name after or before what it is ("the weekly X", "state television X", "X news site")', () => {
    assert.deepEqual(cited('The dam held, the weekly Vela reported.'), ['Vela']);
    assert.deepEqual(cited('Three boats sank, state television Vela said.'), ['Vela']);
    assert.deepEqual(cited('The mayor told the Tamarind news site that he would stay.'), ['Tamarind']);
    assert.deepEqual(cited('The dam held, a weekly reported.'), []);
  });
  it('reads "the story from … over at X"', () => {
    assert.deepEqual(
      cited("Here's the story from my friend Tom Vale over at the New Harbour Daily Courier."),
      ['New Harbour Daily Courier'],
    );
  });
});

describe('short names', () => {
  it('reads an agency without "News Agency", but not when that leaves a place or a people, nor a paper\'s city', () => {
    assert.deepEqual(cited('The port reopened, Tamarin reported.'), ['Tamarin News Agency']);
    assert.deepEqual(cited('The envoy told Norway the port would reopen.'), []);
    assert.equal(findOutletByName('Norway', known), null);
    assert.equal(findOutletByName('Tamarin', known)?.name, 'Tamarin News Agency');
    assert.deepEqual(cited('The envoy told Norwegian officials the port would reopen.'), []);
    assert.deepEqual(cited('The mayor told Lakeport the port would reopen.'), []);
    assert.deepEqual(cited('The mayor told the Lakeport News the port would reopen.'), ['The Lakeport News']);
  });
});

describe('names shaped like outlets that are not news outlets', () => {
  it('does not cite a section label, a known data or reference site, or a site described as a firm', () => {
    assert.deepEqual(cited('Breaking News: the ferry has sunk.'), []);
    assert.deepEqual(cited('The rule takes effect in May, according to the Federal Register.'), []);
    assert.deepEqual(cited('The film made $40 million, according to Box Office Mojo.'), []);
    assert.deepEqual(cited('Prices rose 3 percent, according to Wikipedia.com.'), []);
    assert.deepEqual(cited('Rates fell, according to Pricewatch.com, a Texas-based car data firm.'), []);
    assert.deepEqual(cited('Rates fell, according to Pricewatch.com, a news site for car buyers.'), [
      'Pricewatch.com',
    ]);
  });
});

/** A report of the given outlet with this text and these authors. */
function report(own: Outlet, text: string, authors: string[] = []): ExtractedArticle {
  return extractedArticle(`https://${own.domain}/a`, text, { authors });
}
const lineageOf = (own: Outlet, ex: ExtractedArticle) =>
  traceProvenance(
    { articleId: 'a', extracted: ex, outlet: own, knownOutlets: [...known, own], candidates: [] },
    { copySimilarity: 0.5 },
  ).provenance.lineage.map((l) => [
    l.kind,
    l.kind === 'credit' ? l.source : l.kind === 'citation' ? l.outlet : '',
  ]);

describe('an agency as the author', () => {
  it('is a credit when the author is its name or alias, whole', () => {
    const own = outlet('Bay Courier', 'bay.example', 'newspaper');
    const text = 'A crane fell on the quay on Monday.';
    assert.deepEqual(lineageOf(own, report(own, text, ['Tamarin News Agency'])), [
      ['credit', 'Tamarin News Agency'],
    ]);
    assert.deepEqual(lineageOf(own, report(own, text, ['HPA Staff'])), [['credit', 'Harbour Press Agency']]);
    assert.deepEqual(lineageOf(own, report(own, text, ['Tamarin'])), []);
    assert.deepEqual(lineageOf(own, report(own, text, ['Hpa'])), []);
  });
});

describe("an agency of the report's own group", () => {
  it('is a credit: the group carries its own agency copy', () => {
    const own = outlet('Harbour Group Daily', 'hgd.example', 'newspaper', { ownerGroup: 'Harbour Group' });
    const ex = extractedArticle(
      'https://hgd.example/a',
      'A crane fell on the quay on Monday, a Harbour Group Wire witness said.',
    );
    const lineage = traceProvenance(
      { articleId: 'a', extracted: ex, outlet: own, knownOutlets: [...known, own], candidates: [] },
      { copySimilarity: 0.5 },
    ).provenance.lineage;
    assert.deepEqual(
      lineage.map((l) => [l.kind, l.kind === 'credit' ? l.source : l.kind === 'citation' ? l.outlet : '']),
      [['credit', 'Harbour Group Wire']],
    );
  });
});

describe('known names as lookups (one directory per list of outlets)', () => {
  it('finds an outlet appended to a list already read, and reads a list changed in place again', () => {
    const list = [...known];
    const text = 'The Kestrel Evening Star reported the closure, according to the Kestrel Evening Star.';
    assert.deepEqual(
      findCitations(text, list, null).map((c) => c.outlet?.id),
      [],
    );
    assert.equal(findOutletByName('Kestrel Evening Star', list), null);
    list.push(outlet('Kestrel Evening Star', 'kestrel-star.example', 'newspaper'));
    assert.equal(findOutletByName('Kestrel Evening Star', list)?.id, 'kestrel-star.example');
    assert.deepEqual(
      findCitations(text, list, null).map((c) => c.outlet?.id),
      ['kestrel-star.example'],
    );
    list[list.length - 1] = outlet('Kestrel Morning Star', 'kestrel-star.example', 'newspaper');
    assert.equal(findOutletByName('Kestrel Evening Star', list), null);
    assert.equal(findOutletByName('Kestrel Morning Star', list)?.id, 'kestrel-star.example');
  });

  it('a name two outlets share is resolved the same whichever is listed first; the first listed wins an exact name', () => {
    const a = outlet('Valley Courier', 'valley-a.example', 'newspaper', { country: 'US' });
    const b = outlet('Valley Courier', 'valley-b.example', 'newspaper', { country: 'AU' });
    assert.equal(findOutletByName('Valley Courier', [a, b])?.id, 'valley-a.example');
    assert.equal(findOutletByName('Valley Courier', [b, a])?.id, 'valley-b.example');
    assert.equal(findOutletByName('RBS', known, 'AU')?.id, 'ruritania-bs.example');
    assert.equal(findOutletByName('RBS', [...known].reverse(), 'US')?.id, 'regal.example');
    assert.equal(findOutletByName('RBS', known), null);
  });
});
