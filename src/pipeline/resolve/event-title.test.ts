import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import { isFurnitureLine, titleOf } from './event-title.ts';

/** A plain report as the analysis gives it: one sentence a line. */
const plain = (text: string, title: string | null = null) =>
  ({
    article: { id: 'p', title, text },
    analysis: {
      sentences: [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
      entities: [],
    },
  }) as unknown as ArticleRecord;

describe('event titles: a whole headline, never an address, a time stamp or a label', () => {
  it('passes over a source address and a time stamp at the top of a plain report', () => {
    const text = [
      'http: / / www. example. net / news / harbour - cranes - idle',
      'Posted: March 4, 2024 6: 15 PM',
      'Harbour Cranes Stand Idle as Crane Operators Walk Out',
      'Crane operators at the harbour stopped work on Monday.',
    ].join('\n');
    assert.equal(titleOf(plain(text)), 'Harbour Cranes Stand Idle as Crane Operators Walk Out');
    const dateFirst =
      'May 9, 2024, 10: 40 AM\nCouncil Approves New Tram Line After Long Debate\nThe council voted.';
    assert.equal(titleOf(plain(dateFirst)), 'Council Approves New Tram Line After Long Debate');
  });

  it('reads time stamps, bylines and bare dates as furniture, and headlines as headlines', () => {
    for (const line of [
      'Updated: June 2, 2024, 3: 23 PM ET',
      'PUBLISHED: 22: 07 GMT, 7 July 2023',
      'Last updated at 13: 59 GMT',
      'By Maria Okafor',
      '11 / 30 / 09 05: 40 PM ET',
      'Tuesday, April 2nd, 2024',
    ])
      assert.ok(isFurnitureLine(line), line);
    for (const line of ['Council Approves New Tram Line', 'By the river, a new park opens'])
      assert.ok(!isFurnitureLine(line), line);
  });

  it("drops a page's label before a headline", () => {
    const r = plain('The ferry service resumed.', 'Breaking News: Ferry Service Resumes After Storm');
    assert.equal(titleOf(r), 'Ferry Service Resumes After Storm');
  });

  it('never ends a title from a long lead inside a word', () => {
    const lead =
      'Volunteers from eleven neighbouring villages spent the whole weekend rebuilding the footbridge that the spring floods had carried away from the old mill';
    const t = titleOf(plain(lead));
    assert.ok(t.length <= 120, t);
    const last = /(\p{L}+)\W*…?$/u.exec(t)?.[1] as string;
    assert.match(lead, new RegExp(`\\b${last}\\b`), `"${t}" ends inside a word`);
  });
});

describe('event titles from a lead: what happened, not its opening circumstance', () => {
  it('leaves out an opening circumstance set off by a comma', () => {
    assert.equal(
      titleOf(
        plain('With a week left before the recess, the council approved the new harbour budget on Friday.'),
      ),
      'The council approved the new harbour budget on Friday.',
    );
    assert.equal(
      titleOf(
        plain('Two days after the storm, engineers reopened the coastal railway between the two towns.'),
      ),
      'Engineers reopened the coastal railway between the two towns.',
    );
    // A subject that runs on past "after" is kept.
    const kept = 'The court ruled after a long hearing, and the tenants may stay in their flats.';
    assert.equal(titleOf(plain(kept)), kept);
  });

  it("writes a lead's first word set in capitals as a word, an acronym as it is", () => {
    assert.equal(
      titleOf(plain('TWELVE fishing boats were damaged when the storm reached the harbour overnight.')),
      'Twelve fishing boats were damaged when the storm reached the harbour overnight.',
    );
    const acronym = 'UNHCR staff reopened the clinic at the border crossing on Monday.';
    assert.equal(titleOf(plain(acronym)), acronym);
  });
});
