import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze.ts';

/** Each quote's text and its speaker's canonical name (or null). */
function quotes(text: string): [string, string | null, boolean][] {
  const a = analyze({ id: 'x', text, publishedAt: '2025-06-02T12:00:00Z' });
  return a.quotes.map((q) => [
    q.text,
    q.speaker?.entityId
      ? (a.entities.find((e) => e.entityId === q.speaker?.entityId)?.canonical ?? null)
      : null,
    q.direct,
  ]);
}

describe('quotes', () => {
  it('keeps direct quotes verbatim with the speaker after or before them', () => {
    const text =
      '"We will not reopen it until every cable is tested," said Ines Duarte. Earlier, Mayor Rui Costa said: "The city acted quickly today."';
    const got = quotes(text);
    assert.deepEqual(
      got.filter((q) => q[2]).map((q) => [q[0], q[1]]),
      [
        ['We will not reopen it until every cable is tested', 'Ines Duarte'],
        ['The city acted quickly today.', 'Rui Costa'],
      ],
    );
    for (const q of analyze({ id: 'x', text, publishedAt: null }).quotes)
      assert.equal(text.slice(q.start, q.end), q.text);
  });

  it('resolves a pronoun and a role back to the person named before', () => {
    const got = quotes(
      'Port director Ana Vale visited the quay on Monday. "The repairs are on schedule," she said. The director said the cranes would return by July.',
    );
    assert.deepEqual(
      got.map((q) => [q[0], q[1]]),
      [
        ['The repairs are on schedule', 'Ana Vale'],
        ['the cranes would return by July', 'Ana Vale'],
      ],
    );
  });

  it('reads indirect speech: "X said that …", "…, X said", "according to X, …"', () => {
    const got = quotes(
      'The Harbour Workers Union said that 3,000 members had joined the strike. About 1,800 workers stayed away, the Port Authority said. According to Marta Lis, the talks will resume on Friday.',
    );
    assert.deepEqual(
      got.map((q) => [q[0], q[1], q[2]]),
      [
        ['3,000 members had joined the strike', 'Harbour Workers Union', false],
        ['About 1,800 workers stayed away', 'Port Authority', false],
        ['the talks will resume on Friday', 'Marta Lis', false],
      ],
    );
  });

  it('carries a speaker across a quote that spans sentences and one that continues it', () => {
    const got = quotes(
      '"Nobody is against new cranes. We are against being thrown away," union leader Marek Zielinski said. "We will be back."',
    );
    assert.deepEqual(
      got.map((q) => q[1]),
      ['Marek Zielinski', 'Marek Zielinski'],
    );
    assert.equal(got[0]?.[0], 'Nobody is against new cranes. We are against being thrown away');
  });

  it('finds a speaker named only in the next sentence', () => {
    const got = quotes(
      'The crowd fell silent. "We will rebuild every house." Those were the words of Governor Elena Petrou, who told reporters she had seen the damage.',
    );
    assert.equal(got.find((q) => q[2])?.[1], 'Elena Petrou');
  });

  it("gives a quote closing a reported clause to that clause's speaker, and a relative pronoun to the name before it", () => {
    const got = quotes(
      'Mira Stavrou, the regional deputy, said the evacuation had gone "without a single serious incident" and thanked the crews.',
    );
    assert.equal(got.find((q) => q[2])?.[1], 'Mira Stavrou');
    const rel = quotes(
      'The quay was built by Tessaro Holdings, which said in a statement that it would cooperate fully with the inquiry.',
    );
    assert.deepEqual(
      rel.map((q) => q[1]),
      ['Tessaro Holdings'],
    );
  });

  it("names no one for a description of people by their place, and never takes a direct quote's attribution for reported speech", () => {
    const got = quotes(
      'Fruit growers on the lower Vantre said on Thursday that the new formula could make summer supplies more predictable.',
    );
    assert.deepEqual(
      got.map((q) => q[1]),
      [null],
    );
    const attributed = quotes(
      '"I want to thank the volunteers of all three villages," said the Deputy Governor for Civil Protection, Mira Stavrou.',
    );
    assert.deepEqual(
      attributed.map((q) => [q[2], q[1]]),
      [[true, 'Mira Stavrou']],
    );
  });
});
