import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryOf, reportsNoEvent } from './category.ts';

describe('pages that report no event', () => {
  it('reads a shopping roundup as no event, whatever prices and discounts it lists', () => {
    const lists = [
      "Today's best deals: noise-cancelling headphones from $89, a robot vacuum and more\nThe week's biggest price cuts are on kitchen gadgets.",
      'Weekend deals: 30% off tablets and cheap laptops\nRetailers have cut prices on last year’s models.',
      'Cyber Monday deals on smart speakers are live\nWe rounded up the lowest prices we could find.',
      'Garden tools\nDeal of the day: a cordless mower on sale for $199 at a big-box retailer.',
    ];
    for (const text of lists) {
      assert.equal(reportsNoEvent(text), true, text);
      assert.equal(categoryOf(text, false), null, text);
    }
  });

  it('keeps news of trade, sales and deals in its category', () => {
    assert.equal(categoryOf('Retailers post record holiday sales as shoppers return', false), 'Economic');
    assert.equal(categoryOf('Carmaker strikes a deal to buy a battery supplier', false), 'Economic');
    assert.equal(categoryOf('Shares fall from $40 to $31 after profit warning', false), 'Economic');
    assert.equal(
      reportsNoEvent('Two chipmakers agree deals worth $3 billion\nThe firms said on Monday.'),
      false,
    );
  });

  it('reads an explainer or a how-to, by its headline, as no event', () => {
    for (const text of [
      'Why the river keeps flooding the old town\nA century of drainage decisions explains the problem.',
      'How to claim compensation for a cancelled flight\nPassengers are owed money under the rules.',
      'What is a windfall tax?\nGovernments have imposed such levies on energy firms.',
      '7 things to know about the new budget\nThe finance ministry set out its plans.',
      'The rule that’s quietly driving up rents in the capital\nA zoning law passed a decade ago limits new housing.',
      'Drought in the south, explained\nRainfall has been below average for three years.',
    ])
      assert.equal(categoryOf(text, true), null, text);
  });

  it('reads labelled opinion and fact checks as no event, but news of one that happened in its category', () => {
    assert.equal(
      categoryOf('Opinion: The election result should worry every party\nVoters sent a message.', true),
      null,
    );
    assert.equal(
      categoryOf('Fact check: Did the minister’s troops cross the border?\nThe claim spread online.', true),
      null,
    );
    assert.equal(
      categoryOf('Why we marched\nThousands of nurses marched on the capital on Saturday.', false),
      null,
    );
    assert.equal(
      categoryOf('Nurses march on the capital over pay\nThousands joined on Saturday.', false),
      'Protest',
    );
    assert.equal(categoryOf('How the fire was put out: crews battled for 14 hours', false), 'Disaster');
  });
});

describe('smog and ministers abroad', () => {
  it('reads air made dangerous to breathe as a disaster, not the policy words around it', () => {
    assert.equal(categoryOf('Toxic smog shuts schools across the capital', false), 'Disaster');
    assert.equal(
      categoryOf('Government declares an air quality emergency as pollution soars', true),
      'Disaster',
    );
    assert.equal(categoryOf('Severe air pollution grounds flights for a third day', false), 'Disaster');
  });

  it('reads a minister or secretary speaking or visiting abroad as diplomacy where a state is named', () => {
    assert.equal(
      categoryOf('Defence secretary accuses a neighbour of coercion in a speech to regional allies', true),
      'Diplomatic',
    );
    assert.equal(categoryOf('Chancellor begins a state visit to three Gulf states', true), 'Diplomatic');
    assert.equal(
      categoryOf('Foreign minister addresses the national assembly in the capital', true),
      'Diplomatic',
    );
    // No state named: a visit is no diplomacy.
    assert.equal(categoryOf('Singer pays a surprise visit to a children’s hospital', false), null);
  });
});

describe('a race for office', () => {
  it('reads a candidate or a campaign for office as political, not any campaign or candidate', () => {
    assert.equal(
      categoryOf('Former governor brings his late presidential bid to a diner in the state capital', false),
      'Political',
    );
    assert.equal(categoryOf('Hopefuls crowd the stage at the mayoral debate', false), 'Political');
    assert.equal(categoryOf('Senator returns to the campaign trail after surgery', false), 'Political');
    assert.equal(categoryOf('Brand launches a holiday advertising campaign', false), null);
    assert.equal(categoryOf('Club opens its 2020 campaign with a draw', false), null);
  });
});
