import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryOf } from './category.ts';

describe('categories from what happened', () => {
  it('reads words of everyday sense in their category only in the company that gives it', () => {
    // A party that is a celebration, a rally that is a comeback, a walk that is a stroll.
    assert.equal(categoryOf('Perennial party girl checks into a clinic for a month', false), null);
    assert.equal(categoryOf('Hosts hold off a late rally to win the cup final', false), null);
    assert.equal(categoryOf('The prisoner walked off the transport van', false), null);
    // The same words in their political and protest senses.
    assert.equal(categoryOf('Opposition party leaders call for early vote', true), 'Political');
    assert.equal(categoryOf('Nurses stage a one-day strike over staffing', false), 'Protest');
    assert.equal(categoryOf('Thousands walked out of the car plant on Friday', false), 'Protest');
  });

  it('reads "March 3" as a month and "opened fire" or "fire the coach" as no blaze', () => {
    assert.equal(categoryOf('Published March 8, 2024: Club fire coach after losing run', false), null);
    assert.equal(categoryOf('Police fire tear gas at the fuel price protest', false), 'Protest');
    assert.equal(categoryOf('A fire destroyed the old cannery overnight', false), 'Disaster');
  });

  it('takes the noun that heads a compound: a murder trial is a trial, a price protest a protest', () => {
    assert.equal(categoryOf('Witnesses testify in the murder trial of a teenager', false), 'Legal');
    assert.equal(categoryOf('Drivers stage fuel price protest outside the ministry', false), 'Protest');
    assert.equal(categoryOf('Man charged after a hit-and-run killed a cyclist', false), 'Legal');
    assert.equal(
      categoryOf('Suspect in custody after a drunk driver killed a pedestrian', false),
      'Security',
    );
  });

  it('reads an escape from custody and the suspect of a crime as security, not any escape or suspicion', () => {
    assert.equal(categoryOf('Inmate escaped from a county jail during a hospital visit', false), 'Security');
    assert.equal(categoryOf('Police hold two suspects after the jewellery shop break-in', false), 'Security');
    assert.equal(categoryOf('Residents escaped as floods swept through the valley', false), 'Disaster');
    assert.equal(categoryOf('Astronomers suspect a second moon orbits the planet', false), null);
  });

  it('calls a bombing by a state or its forces military, by anyone else a matter of security', () => {
    assert.equal(
      categoryOf("Freedonia bombs a camp across the border in Sylvania's north", true),
      'Security',
    );
    assert.equal(categoryOf('Chadian aircraft bomb a market town near the border', true), 'Military');
    assert.equal(categoryOf("Ruritania's assault on the coastal strip kills dozens", true), 'Security');
    assert.equal(categoryOf("Israel's assault on the coastal strip kills dozens", true), 'Military');
    assert.equal(categoryOf('A bomb exploded outside a bank branch, police said', false), 'Security');
  });

  it('reads a government changing its rules as political, a meeting of states as diplomacy', () => {
    assert.equal(
      categoryOf('The administration loosens rules on river dredging permits', false),
      'Political',
    );
    assert.equal(
      categoryOf('Leaders of twelve countries met in Lisbon to discuss ports', true),
      'Diplomatic',
    );
    assert.equal(
      categoryOf('Allied leaders meet to agree on security guarantees for the country', true),
      'Diplomatic',
    );
  });

  it('gives no category to sport and entertainment', () => {
    assert.equal(categoryOf('Home side beat the visitors 24-20 to clinch a playoff spot', false), null);
    assert.equal(categoryOf('Actor named as the new lead of the long-running drama', false), null);
  });

  it("reads a business's results, cuts and rescues as economic, not every loss or aid", () => {
    assert.equal(categoryOf('Shipbuilder posts its first quarterly loss in a decade', false), 'Economic');
    assert.equal(categoryOf('The brewer will close 12 plants and cut 2,500 jobs', false), 'Economic');
    assert.equal(
      categoryOf('Province unveils a financial assistance package for the steelworks', false),
      'Economic',
    );
    assert.equal(categoryOf('Grocery chain to shut 40 stores by spring', false), 'Economic');
    assert.equal(categoryOf('Hearing loss is common among concert crews, doctors say', false), null);
  });

  it('reads a negotiated purchase as business and a negotiated truce as diplomacy', () => {
    assert.equal(
      categoryOf('Ruritanian ferry operator negotiates the purchase of three new vessels', true),
      'Economic',
    );
    assert.equal(categoryOf('Ministers negotiate a truce in the border dispute', true), 'Diplomatic');
  });

  it('does not take a company that is only the source of the news for the event', () => {
    assert.equal(categoryOf('Glassworks founder dies aged 81, according to the company', false), null);
    assert.equal(categoryOf('The firm said its founder had died at home on Sunday', false), null);
    assert.equal(categoryOf('Toymaker sues a rival over its puzzle trademark', false), 'Legal');
    assert.equal(categoryOf('Carrier may bid for the state mail contracts again', false), 'Economic');
  });
});

describe('categories of the kinds news confuses', () => {
  it('reads escapes, jailbreaks and manhunts as security, though the escaper was convicted or sentenced', () => {
    assert.equal(categoryOf('Convicted killer escapes from state prison during transfer', false), 'Security');
    assert.equal(
      categoryOf('Two inmates serving life sentences broke out of jail overnight', false),
      'Security',
    );
    assert.equal(categoryOf('Manhunt under way for three escapees in the hills', false), 'Security');
    assert.equal(categoryOf('Prisoner awaiting trial remains at large after a jailbreak', false), 'Security');
    // The court's own act is still legal.
    assert.equal(categoryOf('Judge sentences a man who escaped from custody last year', false), 'Legal');
  });

  it('reads a hit-and-run or a drunk driver as a crime', () => {
    assert.equal(categoryOf('Cyclist killed in hit-and-run on the ring road', false), 'Security');
    assert.equal(categoryOf('Pensioner dies after a drunken driver struck her car', false), 'Security');
  });

  it('reads takeovers, mergers, buyouts, bids and stakes as economic, not every bid or sale', () => {
    assert.equal(categoryOf('Carmaker agrees to buy rival for $4.5 billion', false), 'Economic');
    assert.equal(categoryOf('Chipmaker to acquire design house in all-cash deal', false), 'Economic');
    assert.equal(categoryOf('Brewer bids for a rival across the border', false), 'Economic');
    assert.equal(categoryOf('Insurer sold its stake in the ports operator', false), 'Economic');
    assert.equal(categoryOf('Two regional airlines merge to form one carrier', false), 'Economic');
    assert.equal(categoryOf('In a bid to end the dispute, ministers met on Friday', false), 'Diplomatic');
  });

  it('reads lay-offs and recalls of products as economic', () => {
    assert.equal(categoryOf('Factory lays off 300 workers after orders dry up', false), 'Economic');
    assert.equal(categoryOf('Carmaker recalls 40,000 vehicles over a brake fault', false), 'Economic');
  });

  it('gives no category to product releases, software patches and launches unless they are attacks', () => {
    assert.equal(categoryOf('Software maker releases a security patch for its browser', false), null);
    assert.equal(categoryOf('Vendor ships an emergency update to close a security hole', false), null);
    assert.equal(categoryOf('Phone maker launches its new handset in five markets', false), null);
    assert.equal(categoryOf('A security breach exposed customer records at the clinic', false), 'Security');
    assert.equal(categoryOf('Rebels launch an offensive on the northern town', false), 'Military');
    assert.equal(categoryOf('Hackers attack the update servers of a software maker', false), 'Security');
  });

  it('gives no category to appointments, awards and sport results, but a won election is politics', () => {
    assert.equal(categoryOf('Club names a former winger as its new head coach', false), null);
    assert.equal(categoryOf('Novelist wins the national book prize for a debut', false), null);
    assert.equal(categoryOf('Hosts beat the visitors 3-1 to reach the semi-final', false), null);
    assert.equal(categoryOf('The coach was fired after a season-worst offensive effort', false), null);
    assert.equal(categoryOf('Governor wins the election by a wide margin', false), 'Political');
    // Two days of a month are no score.
    assert.equal(categoryOf('On March 6-7, 2026, ministers of nine states met in Oslo', false), 'Diplomatic');
  });
});
