import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleRecord } from '../../domain/article.ts';
import { asHeadline, cutAtWord, isFurnitureLine, isTitleShaped, titleOf } from './event-title.ts';

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

describe('event titles: page furniture, labels and site names are refused, the next candidate taken', () => {
  it('reads the furniture pages carry as furniture, and headlines and leads as text', () => {
    for (const line of [
      'Advertisement',
      'Share this article',
      'Sign up for our morning briefing',
      'Photo: Lena Marsh / Harbour Wire',
      '(Image credit: Tomas Berg)',
      'Image copyright Coastal Photo Agency',
      'Read more: Ferry timetable changes',
      'Listen to this article',
      '4 min read',
      'We use cookies to improve your experience on our website.',
      'Breaking News',
      'Follow us on Instagram',
      'Reporting by Ana Silva; Editing by Tom Reed',
      '© 2024 Valley Media Group. All rights reserved.',
      'Image 2 of 7',
      'By JANE OKORO and PAUL GRANT, Staff Writers',
      'By Ravi Menon | Coastal Herald',
      '6:10 AM PST 3/14/2024 by',
    ])
      assert.ok(isFurnitureLine(line), line);
    for (const line of [
      'Council Approves New Tram Line',
      'By the river, a new park opens',
      'By Monday the council had voted to close the pier.',
      'Bakery owners share recipes for the harvest fair',
      'Read the full report before the vote, council told',
      'Photographers gather in the old port for the regatta',
      'Subscribers lose access as the regional paper closes its website',
      'Police hold 3 of 5 suspects after the raid',
    ])
      assert.ok(!isFurnitureLine(line), line);
  });

  it('refuses a one-word title, a section label, a site name alone or an address as a title', () => {
    for (const line of [
      'Politics',
      'Top Stories',
      'Related articles',
      'The Valley Herald',
      'Harbour Daily News',
      'www.example.org/news',
    ])
      assert.ok(!isTitleShaped(line), line);
    for (const line of [
      'Ferry Service Resumes After Storm',
      'Valley mill reopens',
      'Herald staff strike over pay',
      'Markets rally today',
      'Ferry Service Back Online Today',
    ])
      assert.ok(isTitleShaped(line), line);
  });

  it("drops a site's name after a headline, and keeps a dash that belongs to the headline", () => {
    assert.equal(
      asHeadline('Dockworkers end strike after pay deal | Coastal Herald'),
      'Dockworkers end strike after pay deal',
    );
    assert.equal(
      asHeadline('Dockworkers end strike after pay deal | Business | Coastal Herald'),
      'Dockworkers end strike after pay deal',
    );
    assert.equal(
      asHeadline('Dockworkers end strike after pay deal - Valley Daily News'),
      'Dockworkers end strike after pay deal',
    );
    assert.equal(
      asHeadline('Dockworkers end strike after pay deal - KVAL 4'),
      'Dockworkers end strike after pay deal',
    );
    const barred = 'Ferry timetable | What changes for commuters from Monday on';
    assert.equal(asHeadline(barred), barred);
    const review = 'Lighthouse opera review - a storm of voices that lifts the roof';
    assert.equal(asHeadline(review), review);
    const names = 'Port board signs deal with shipping group - Harbour Master Lines';
    assert.equal(asHeadline(names), names);
  });

  it('takes the next candidate when the headline or the first line is furniture', () => {
    assert.equal(
      titleOf(plain('The ferry service resumed on Monday after the storm.', 'Advertisement')),
      'The ferry service resumed on Monday after the storm.',
    );
    assert.equal(
      titleOf(plain('The ferry service resumed on Monday after the storm.', 'Coastal Herald')),
      'The ferry service resumed on Monday after the storm.',
    );
    const text = [
      'Advertisement',
      'Share this article',
      'Ferry Service Resumes Between the Islands After Storm',
      'The ferry service resumed on Monday.',
    ].join('\n');
    assert.equal(titleOf(plain(text)), 'Ferry Service Resumes Between the Islands After Storm');
    const lead = [
      'Listen to this article',
      'Photo: Lena Marsh.',
      'The ferry service resumed on Monday after the storm.',
    ].join('\n');
    assert.equal(titleOf(plain(lead)), 'The ferry service resumed on Monday after the storm.');
  });

  it('drops the last word of a headline the page cut short, keeping one the text holds whole', () => {
    const text = 'Crews repaired the pier overnight.';
    assert.equal(
      asHeadline('Storm damage closes the harbour pier for repa…', text),
      'Storm damage closes the harbour pier for…',
    );
    assert.equal(
      asHeadline('Storm damage closes the harbour pier overnight...', text),
      'Storm damage closes the harbour pier overnight...',
    );
  });

  it('cuts a long lead at a space even when its last word is long', () => {
    const lead = `The regional assembly approved ${'x'.repeat(40)} and then ${'counterproposals'.repeat(5)} afterwards`;
    const t = cutAtWord(lead, 120);
    assert.ok(t.length <= 120, t);
    assert.match(t, /^The regional assembly approved x+ and then…$/);
  });
});
