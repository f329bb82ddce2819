import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describesItsOwnRating, isHeadingLine, notAStatement } from './sentence-kind.ts';

describe('notAStatement', () => {
  it('passes statements, quoted questions and quoted second persons', () => {
    for (const s of [
      'Ferry crews in Zadar walked off the job on Tuesday, halting crossings to the islands.',
      '"Will you stand with us?" the union leader asked the crowd outside the port.',
      'The minister said: “You cannot negotiate with a gun to your head.”',
      'Organisers said the march drew 8,000 people; the prefecture put the figure lower.',
    ])
      assert.equal(notAStatement(s), null, s);
  });
  it('names questions, list items, headings, reader address and interface lines', () => {
    const cases: [string, string][] = [
      ['Why did the talks in Vienna collapse?', 'question'],
      ['- Who pays for the new flood barriers?', 'list-item'],
      ['• The council votes in September.', 'list-item'],
      ['Background and reactions', 'heading'],
      ['What happens next', 'heading'],
      ['If you missed the match, here is how it went.', 'reader-address'],
      ['Sign in to your account to keep reading this story.', 'reader-address'],
      ['More outlets would be needed to raise this rating.', 'interface'],
      ['All tips are reviewed by an editor before they are published.', 'interface'],
      ['The claim is rated unconfirmed until a second outlet reports it.', 'interface'],
    ];
    for (const [s, kind] of cases) assert.equal(notAStatement(s), kind, s);
  });
  it('reads a short unpunctuated line as a heading, a sentence as none', () => {
    assert.ok(isHeadingLine('Northern front'));
    assert.ok(!isHeadingLine('The bridge reopened on Friday.'));
  });
});

describe('describesItsOwnRating', () => {
  it("finds a page's notes on its own rating, not news that mentions an assessment", () => {
    assert.ok(describesItsOwnRating('A third outlet would raise this rating to confirmed.'));
    assert.ok(describesItsOwnRating('Sources readers send in improve our ratings over time.'));
    assert.ok(!describesItsOwnRating('Economists disputed this assessment of the budget on Monday.'));
    assert.ok(!describesItsOwnRating('The committee voted to submit it to parliament next week.'));
    assert.ok(!describesItsOwnRating('The storm is rated Category 4 by forecasters.'));
  });
});

describe('addresses as lines', () => {
  it('names a URL line, plain or tokenised', () => {
    assert.equal(notAStatement('https://example.org/news/2024/harbour-strike'), 'url');
    assert.equal(notAStatement('http: / / www. example. org / news / harbour - strike - ends'), 'url');
  });
});
