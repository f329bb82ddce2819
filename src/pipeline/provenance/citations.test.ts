/** Citations as news writes them: each class of language, on sentences and outlets written for the project. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outlet } from '../../domain/outlet.ts';
import { findCitations } from './citations.ts';

const outlet = (name: string, domain: string, kind: Outlet['kind'], owner: string | null = null): Outlet => ({
  id: domain,
  name,
  domain,
  domains: [domain],
  kind,
  ownerGroup: owner,
  country: null,
  tier: 'unrated',
});
const known: Outlet[] = [
  outlet('Harbour Press Agency', 'harbourpress.example', 'wire'),
  outlet('Meridian News', 'meridian.example', 'broadcaster'),
  outlet('The Lakeside Ledger', 'ledger.example', 'newspaper'),
  outlet('Kestrel', 'kestrel.example', 'magazine'),
  outlet('Northport Daily Post', 'northportpost.example', 'newspaper'),
  outlet('Valley Ministry of Ports', 'ports.example', 'official'),
];
const own = outlet('Coastal Courier', 'coastal.example', 'newspaper');
const cited = (text: string, mine: Outlet | null = own) =>
  findCitations(text, known, mine)
    .map((c) => c.name)
    .sort();

describe('citations of known outlets', () => {
  it('reads "according to", "told", "citing" and "quoted by" before the name', () => {
    assert.deepEqual(cited('The bridge will close in May, according to the Lakeside Ledger.'), [
      'The Lakeside Ledger',
    ]);
    assert.deepEqual(cited('"We were not warned," a fisherman told Meridian News on Friday.'), [
      'Meridian News',
    ]);
    assert.deepEqual(cited('The mayor was quoted by the Lakeside Ledger as saying the plan was dead.'), [
      'The Lakeside Ledger',
    ]);
  });
  it('reads "reported", "said", "reports" after the name, and "reports X" at the end of a clause', () => {
    assert.deepEqual(cited('Two ferries were held in port, Meridian News reported.'), ['Meridian News']);
    assert.deepEqual(cited('The strike ended at noon, reports the Lakeside Ledger.'), [
      'The Lakeside Ledger',
    ]);
  });
  it('reads an agency by its initials and short name, and its staff ("an HPA photographer said")', () => {
    assert.deepEqual(cited('"The water rose in minutes," a harbour guard told HPA.'), [
      'Harbour Press Agency',
    ]);
    assert.deepEqual(cited('An HPA photographer at the scene said the quay was flooded.'), [
      'Harbour Press Agency',
    ]);
    assert.deepEqual(cited('The port stayed shut, Meridian reported.'), ['Meridian News']);
    assert.deepEqual(cited('Fares will rise, according to Lakeside Ledger Online.'), ['The Lakeside Ledger']);
  });
  it('reads names written together ("X and Y report")', () => {
    assert.deepEqual(cited('Meridian News and the Lakeside Ledger report that the dam held.'), [
      'Meridian News',
      'The Lakeside Ledger',
    ]);
  });
  it('reads "said … to X" and "according to a reporter of X"', () => {
    assert.deepEqual(cited('"It is over," said the union leader Ana Reis to Meridian News.'), [
      'Meridian News',
    ]);
    assert.deepEqual(cited('The talks failed, according to Tom Vale of the Lakeside Ledger.'), [
      'The Lakeside Ledger',
    ]);
  });
  it('reads "reporting by X", "wrote in X", "in comments to X", "an analysis by X" and "X\'s correspondent"', () => {
    assert.deepEqual(cited('The fund was moved twice, according to reporting by the Lakeside Ledger.'), [
      'The Lakeside Ledger',
    ]);
    assert.deepEqual(cited('The minister wrote in the Lakeside Ledger that the port would stay open.'), [
      'The Lakeside Ledger',
    ]);
    assert.deepEqual(cited('"No one was hurt," the mayor said in comments to Meridian News.'), [
      'Meridian News',
    ]);
    assert.deepEqual(cited('Tolls fell by a third, an analysis by the Lakeside Ledger found.'), [
      'The Lakeside Ledger',
    ]);
    assert.deepEqual(cited("Meridian News's correspondent saw the first boats leave."), ['Meridian News']);
    assert.deepEqual(cited("The Lakeside Ledger's report said the mayor knew."), ['The Lakeside Ledger']);
    assert.deepEqual(cited('"We will rebuild," the governor said on Meridian News.'), ['Meridian News']);
    assert.deepEqual(cited('The dam held overnight (via Meridian News).'), ['Meridian News']);
  });
  it('reads "the newspaper said" as the outlet named before it', () => {
    assert.deepEqual(
      cited(
        'The Lakeside Ledger ran the letter in full on Sunday. The newspaper said the council had seen it.',
      ),
      ['The Lakeside Ledger'],
    );
  });
  it('does not cite an outlet merely named, one inside a longer name, or the ordinary word of its name', () => {
    assert.deepEqual(cited('The Lakeside Ledger building on Quay Street was sold last year.'), []);
    assert.deepEqual(cited('Frontier Meridian News Group reported a loss.'), [
      'Frontier Meridian News Group',
    ]);
    assert.deepEqual(cited('Kestrel said the shop was closed. Many kestrel nests were lost.'), []);
    assert.deepEqual(cited('"I am sorry," she told Kestrel in an interview.'), ['Kestrel']);
  });
  it('cites an official body only with "according to" or "reported", never with "told"', () => {
    assert.deepEqual(cited('Ships were turned back, according to the Valley Ministry of Ports.'), [
      'Valley Ministry of Ports',
    ]);
    assert.deepEqual(cited('The captain told the Valley Ministry of Ports he had no choice.'), []);
  });
  it("never cites the report's own outlet, by name or by a short name of it", () => {
    const post = known[4] as Outlet;
    assert.deepEqual(cited('"It was chaos," a driver told the Northport Daily Post.', post), []);
    assert.deepEqual(cited('"It was chaos," a driver told The Post.', post), []);
    assert.deepEqual(cited('"It was chaos," a driver told the Daily Post.', post), []);
  });
});

describe('citations of outlets the registry does not know', () => {
  it('reads a name shaped like a news outlet ("the Bayside Evening Herald", "Channel 9 News")', () => {
    assert.deepEqual(cited('The fire began in a kitchen, the Bayside Evening Herald reported.'), [
      'Bayside Evening Herald',
    ]);
    assert.deepEqual(cited('A witness told the Dunmore Journal-Tribune that he heard two shots.'), [
      'Dunmore Journal-Tribune',
    ]);
    assert.deepEqual(cited('The vote was delayed, according to 9News.'), ['9News']);
  });
  it('reads a site ("Example.com"), and "the news agency X" / "X magazine"', () => {
    assert.deepEqual(cited('"We are moving on," her agent told Gullwatch.com.'), ['Gullwatch.com']);
    assert.deepEqual(cited('The minister resigned, the news agency Tamarin reported.'), ['Tamarin']);
    assert.deepEqual(cited('She told Plover magazine she would retire.'), ['Plover']);
  });
  it('reads "The X" with a capital in mid-sentence as a title, and a short name as the outlet named before', () => {
    assert.deepEqual(cited('Prices will rise in June, according to The Lantern.'), ['The Lantern']);
    assert.deepEqual(
      cited('The Bayside Evening Herald first broke the news. A guard later told the Herald he saw nothing.'),
      ['Bayside Evening Herald'],
    );
  });
  it('does not read an unnamed outlet ("a Lakeland newspaper") or a company ("Grainco reported")', () => {
    assert.deepEqual(cited('The plant will close, according to a Lakeland newspaper.'), []);
    assert.deepEqual(cited('Grainco reported a loss of $4 million for the quarter.'), []);
    assert.deepEqual(cited('Crowds filled Bayside Times Square, the organisers said.'), []);
    assert.deepEqual(cited('The Israeli newspaper Vela reported the deal.', null), ['Vela']);
  });
});

describe('source lines: a relay page labelling its claims with outlets', () => {
  it('cites an outlet named on a line of its own before an arrow or after "Source:", and marks it labelled', () => {
    const page = [
      'Ferry crews agreed a new rota after talks in the harbour office.',
      'Meridian News → Source tone: certain',
      'The union will vote on the deal next week.',
      'Source: Tidewatch.NET',
    ].join('\n\n');
    const found = findCitations(page, known, null);
    assert.deepEqual(found.map((c) => c.name).sort(), ['Meridian News', 'Tidewatch.NET']);
    assert.ok(found.every((c) => c.labelled));
  });
  it('does not read a name inside a line, or a lone name, as a source line', () => {
    const text = 'Crews said the Meridian News → route map was wrong.\n\nThe Lakeside Ledger';
    assert.deepEqual(
      findCitations(text, known, null).filter((c) => c.labelled),
      [],
    );
  });
});
