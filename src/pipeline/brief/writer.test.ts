import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis, EntityMention } from '../../domain/analysis.ts';
import { groundingProblems } from './grounding.ts';
import { papersSay } from './sections.ts';
import { antecedent, BriefingText, compressSentence, type BriefReport } from './writer.ts';

/**
 * A report made of the given sentences (invented for the test), with the people named in it marked
 * as the analyze stage would mark them: each [text, canonical name] found in the text.
 */
function report(
  sentences: string[],
  people: [string, string][],
  quotes: Analysis['quotes'] = [],
): BriefReport {
  const text = sentences.join(' ');
  let at = 0;
  const spans = sentences.map((s) => {
    const start = text.indexOf(s, at);
    at = start + s.length;
    return { start, end: at, certainty: { level: 'certain' as const, cues: [] } };
  });
  const entities: EntityMention[] = [];
  for (const [name, canonical] of people) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      // A shorter name inside a longer one already marked is that mention, not another.
      if (entities.some((e) => i >= e.start && i < e.end)) continue;
      entities.push({
        text: name,
        type: 'PERSON',
        entityId: canonical,
        canonical,
        start: i,
        end: i + name.length,
      });
    }
  }
  entities.sort((a, b) => a.start - b.start);
  const analysis: Analysis = { id: 'r1', sentences: spans, entities, times: [], quotes, numbers: [] };
  return {
    articleId: 'r1',
    outlet: 'Harbour Gazette',
    outletId: 'o1',
    url: 'https://example.org/r1',
    title: null,
    publishedAt: '2026-01-01T00:00:00Z',
    text,
    offset: 0,
    analysis,
    tone: 'certain',
  };
}

describe('default writer: pronouns', () => {
  it('keeps a "He" sentence out when two men are named in the sentences before', () => {
    const r = report(
      [
        'Defence minister Daniel Osei met envoy Mark Tillman in Ystad on Monday for a second round of talks.',
        'He said the talks would resume in spring after the harbour elections.',
      ],
      [
        ['Daniel Osei', 'Daniel Osei'],
        ['Mark Tillman', 'Mark Tillman'],
      ],
    );
    assert.deepEqual(antecedent(r, 1, 'he'), { kind: 'unresolved', reason: 'several-people' });
    assert.equal(compressSentence(r, 1), null);
  });

  it('keeps the object of the sentence before from standing for "He" (the subject is a man too)', () => {
    const r = report(
      [
        'Prime Minister Daniel Osei welcomed envoy Tillman to the capital for talks on the border.',
        'He also reiterated his stance that the border would stay closed to freight until March.',
      ],
      [
        ['Daniel Osei', 'Daniel Osei'],
        ['Tillman', 'Tillman'],
      ],
    );
    assert.equal(compressSentence(r, 1), null);
  });

  it('puts the woman for "She" when a man and a woman are named before, citing the sentence that names them', () => {
    const r = report(
      [
        'Mayor Helen Varga thanked fire chief Robert Kell for the rescue on the old bridge.',
        'She said the bridge would reopen to traffic within a month of the repairs.',
      ],
      [
        ['Helen Varga', 'Helen Varga'],
        ['Robert Kell', 'Robert Kell'],
      ],
    );
    const s = compressSentence(r, 1);
    assert.equal(
      s?.text,
      'Helen Varga said the bridge would reopen to traffic within a month of the repairs.',
    );
    assert.equal(s?.citations.length, 2);
    assert.deepEqual(s?.citations[0]?.antecedent?.people, [
      { name: 'Helen Varga', kind: 'woman' },
      { name: 'Robert Kell', kind: 'man' },
    ]);
    assert.deepEqual(groundingProblems(s?.text ?? '', s?.citations ?? []), []);
  });

  it('counts a bare surname as a possible man or woman, and one person named twice as one', () => {
    const twice = report(
      [
        'Envoy Mark Tillman arrived in the capital on Monday with a small delegation.',
        'Tillman met harbour officials and union leaders in the afternoon.',
        'He said the talks on the harbour would go on through the week.',
      ],
      [
        ['Mark Tillman', 'Mark Tillman'],
        ['Tillman', 'Mark Tillman'],
      ],
    );
    assert.equal(
      compressSentence(twice, 2)?.text,
      'Tillman said the talks on the harbour would go on through the week.',
    );
    const bare = report(
      [
        'Mayor Helen Varga spoke after Kell left the council chamber on Tuesday evening.',
        'She said the vote on the bridge would go ahead next month as planned.',
      ],
      [
        ['Helen Varga', 'Helen Varga'],
        ['Kell', 'Kell'],
      ],
    );
    assert.equal(compressSentence(bare, 1), null);
  });

  it('keeps "He" out when a sentence before mentions a person without naming them ("the prosecutor")', () => {
    const r = report(
      [
        'Defence lawyer Mark Tillman asked the court for a shorter term on Friday.',
        'The frustrated prosecutor had turned down an offer from Tillman last spring.',
        'He said he would ask the assembly to change the law on jury votes.',
      ],
      [['Mark Tillman', 'Mark Tillman']],
    );
    assert.deepEqual(antecedent(r, 2, 'he'), { kind: 'unresolved', reason: 'several-people' });
    assert.equal(compressSentence(r, 2), null);
    const ours = report(
      [
        'Harbour workers waited for news outside the offices of Daniel Osei on Monday.',
        'Our reporter says he reached the quay as the second shift walked out.',
        'He says the crowd grew quiet when the manager came out to speak.',
      ],
      [['Daniel Osei', 'Daniel Osei']],
    );
    assert.equal(compressSentence(ours, 2), null);
  });

  it('still names the one person when a role word comes with the name ("the coach, Ana Reyes")', () => {
    const r = report(
      [
        'The club named the coach, Ana Reyes, to lead the team into the new season.',
        'She said the squad would train twice a day through the summer break.',
      ],
      [['Ana Reyes', 'Ana Reyes']],
    );
    assert.equal(
      compressSentence(r, 1)?.text,
      'Ana Reyes said the squad would train twice a day through the summer break.',
    );
  });

  it('never names a "person" the tagger also reads as a place elsewhere in the report', () => {
    const r = report(
      [
        'Rebels crossed from Upper Lerin into the valley on Tuesday, officials in the capital said.',
        'He said the crossing had been expected for a week by the border posts.',
      ],
      [['Upper Lerin', 'Upper Lerin']],
    );
    r.text += ' Aid convoys reached Upper Lerin late on Wednesday night.';
    const at = r.text.lastIndexOf('Upper Lerin');
    r.analysis.entities.push({
      text: 'Upper Lerin',
      type: 'LOCATION',
      entityId: 'place:upper-lerin',
      canonical: 'Upper Lerin',
      start: at,
      end: at + 'Upper Lerin'.length,
    });
    assert.deepEqual(antecedent(r, 1, 'he'), { kind: 'unresolved', reason: 'unnamed' });
    assert.equal(compressSentence(r, 1), null);
  });

  it('names the speaker of a quote ("…," he said) only when one man is named before', () => {
    const sentences = [
      'The envoy Mark Tillman and minister Daniel Osei spent the day at the harbour offices.',
      '“We have made real progress on the freight question today,” he said.',
    ];
    const quote = (r: BriefReport) => {
      const start = r.text.indexOf('“');
      return [
        {
          start,
          end: r.text.indexOf('”') + 1,
          text: 'We have made real progress on the freight question today',
          speaker: { text: 'he', entityId: null },
          verb: 'said',
          direct: true,
        },
      ];
    };
    const two = report(sentences, [
      ['Mark Tillman', 'Mark Tillman'],
      ['Daniel Osei', 'Daniel Osei'],
    ]);
    two.analysis.quotes = quote(two);
    const source = {
      label: 'Harbour Gazette',
      outletIds: ['o1'],
      articleIds: ['r1'],
      tier: 'standard' as const,
    };
    const said = (r: BriefReport) =>
      papersSay(new BriefingText(), [source], [r], () => 'Harbour Gazette').flatMap((p) =>
        p.sentences.map((s) => s.text),
      );
    assert.ok(!said(two).some((t) => /Tillman said|Osei said/.test(t)), said(two).join(' | '));
    const one = report(
      [
        'The envoy Mark Tillman spent the day at the harbour offices with union leaders.',
        sentences[1] as string,
      ],
      [['Mark Tillman', 'Mark Tillman']],
    );
    one.analysis.quotes = quote(one);
    assert.ok(
      said(one).some((t) => t.includes('Mark Tillman said.')),
      said(one).join(' | '),
    );
  });
});
