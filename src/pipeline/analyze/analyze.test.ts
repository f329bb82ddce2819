import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze.ts';
import { sentenceCertainty } from './certainty.ts';
import { splitSentences } from './sentences.ts';

const text = (t: string, spans: { start: number; end: number }[]) =>
  spans.map((s) => t.slice(s.start, s.end));

describe('analysis', () => {
  it('splits sentences but not after abbreviations or initials', () => {
    const t =
      'Dr. Ana Vale met U.S. officials on Jan. 5 in Geneva. They agreed. "It went well," she said.\nA new paragraph';
    assert.deepEqual(text(t, splitSentences(t)), [
      'Dr. Ana Vale met U.S. officials on Jan. 5 in Geneva.',
      'They agreed.',
      '"It went well," she said.',
      'A new paragraph',
    ]);
  });

  it('reads certainty from cue words, strongest first', () => {
    assert.equal(sentenceCertainty('The ministers signed the compact.').level, 'certain');
    assert.equal(sentenceCertainty('The ministers are expected to sign the compact.').level, 'likely');
    assert.equal(sentenceCertainty('The ministers are considering whether to sign.').level, 'possible');
    assert.equal(sentenceCertainty('The compact was signed, officials said.').level, 'attributed');
    assert.equal(
      sentenceCertainty('The ministry denied that any draft was agreed, an official said.').level,
      'denied',
    );
    assert.equal(sentenceCertainty('The talks ended on May 21.').level, 'certain');
  });

  it('anchors relative dates on the publication date, weekdays in the past', () => {
    const a = analyze({
      id: 'x',
      text: 'Talks ended on Thursday. The first round was held last month, on May 20.',
      publishedAt: '2025-06-14T10:00:00Z',
    });
    const byText = Object.fromEntries(a.times.map((t) => [t.text, t.value.start.slice(0, 10)]));
    assert.equal(byText['on Thursday'], '2025-06-12');
    assert.equal(byText['May 20'], '2025-05-20');
    assert.ok(
      a.times.some(
        (t) => t.text === 'last month' && t.precision === 'month' && t.value.start.startsWith('2025-05'),
      ),
    );
  });

  it('keeps a weekday in the future when the sentence looks ahead', () => {
    const a = analyze({
      id: 'x',
      text: 'Delegations are expected to meet on Tuesday in Geneva.',
      publishedAt: '2025-05-18T10:00:00Z',
    });
    assert.equal(a.times[0]?.value.start.slice(0, 10), '2025-05-20');
  });

  it('finds entities, linking a bare surname to the full name', () => {
    const a = analyze({
      id: 'x',
      text: 'Union leader Marek Zielinski spoke in Gdańsk on Monday. Later, Zielinski met the Port Authority of Gdańsk.',
      publishedAt: '2025-03-11T10:00:00Z',
    });
    const person = a.entities.filter((e) => e.type === 'PERSON');
    assert.deepEqual(
      person.map((e) => e.text),
      ['Marek Zielinski', 'Zielinski'],
    );
    assert.equal(person[0]?.entityId, person[1]?.entityId);
    assert.ok(a.entities.some((e) => e.type === 'ORG' && e.text === 'Port Authority of Gdańsk'));
    assert.ok(a.entities.some((e) => e.type === 'LOCATION' && e.text === 'Gdańsk'));
  });

  it("links a bare surname to a full name that ends in a generation ('Jr.', 'III')", () => {
    for (const full of ['Tomas Okafor Jr.', 'Tomas Okafor III']) {
      const a = analyze({
        id: 'x',
        text: `Guards said ${full}, 52, walked out of the clinic on Monday. Okafor was seen later near the quay.`,
        publishedAt: '2025-03-11T10:00:00Z',
      });
      const person = a.entities.filter((e) => e.type === 'PERSON');
      const bare = person.find((e) => e.text === 'Okafor');
      assert.ok(bare, `${full}: ${person.map((e) => e.text).join(', ')}`);
      assert.equal(bare.entityId, person.find((e) => e.text.startsWith('Tomas'))?.entityId, full);
    }
  });

  it('finds numbers with the nouns they count, not years or days', () => {
    const a = analyze({
      id: 'x',
      text: 'About 3,000 of its members struck on 11 March 2025, while the port put the figure at 1,800 workers and 12.5% of berths.',
      publishedAt: null,
    });
    assert.deepEqual(
      a.numbers.map((n) => [n.value, n.unit]),
      [
        [3000, 'members'],
        [1800, 'workers'],
        [12.5, '%'],
      ],
    );
  });

  it('finds direct quotes and their speakers', () => {
    const a = analyze({
      id: 'x',
      text: '"We will not reopen it until every cable is tested," said Ines Duarte. Earlier, Mayor Rui Costa said: "The city acted quickly today."',
      publishedAt: null,
    });
    assert.deepEqual(
      a.quotes.map((q) => q.speaker?.text),
      ['Ines Duarte', 'Rui Costa'],
    );
    assert.equal(a.quotes[0]?.verb, 'said');
  });

  it('marks approximate figures and reads vague quantities as ranges', () => {
    const a = analyze({
      id: 'x',
      text: 'About 35 countries sent several thousand troops, and more than 2,000 people fled up to 40% of the farmland.',
      publishedAt: null,
    });
    assert.deepEqual(
      a.numbers.map((n) => [n.text, n.value, n.unit, n.approx ?? null, n.range ?? null]),
      [
        ['35', 35, 'countries', 'about', null],
        ['several thousand', 3000, 'troops', 'about', { min: 3000, max: 9999 }],
        ['2,000', 2000, 'people', 'more-than', null],
        ['40%', 40, '%', 'up-to', null],
      ],
    );
  });
});
