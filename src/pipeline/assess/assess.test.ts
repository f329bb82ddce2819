import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../domain/analysis.ts';
import type { Outlet } from '../../domain/outlet.ts';
import type { Lineage } from '../../domain/provenance.ts';
import { assessEvent, type AssessReport } from './assess.ts';

const o = (id: string, over: Partial<Outlet> = {}): Outlet => ({
  id,
  name: id,
  domain: id,
  kind: 'newspaper',
  ownerGroup: null,
  country: null,
  tier: 'standard',
  ...over,
});
const ladder = { likelySources: 2, verifiedSources: 3, verifiedTrusted: 2 };
const empty: Analysis = {
  id: '',
  sentences: [{ start: 0, end: 20, certainty: { level: 'certain', cues: [] } }],
  entities: [],
  times: [],
  quotes: [],
  numbers: [],
};
const report = (
  articleId: string,
  outlet: Outlet,
  lineage: Lineage[] = [],
  analysis: Analysis = empty,
  text = 'Something happened.',
): AssessReport => ({
  articleId,
  publishedAt: '2025-05-05T10:00:00Z',
  outlet,
  analysis,
  text,
  provenance: { articleId, outletId: outlet.id, canonicalUrl: articleId, contentHash: articleId, lineage },
});

describe('assessment', () => {
  const wire = o('wire', { kind: 'wire', tier: 'trusted' });
  it('counts a wire report and its reprints as one source: Unconfirmed', () => {
    const r = assessEvent(
      'e',
      [
        report('w1', wire),
        report('r1', o('paper1'), [{ kind: 'copy', ofArticleId: 'w1', similarity: 0.95, evidence: '' }]),
        report('r2', o('paper2'), [
          { kind: 'credit', source: 'wire', ofArticleId: null, evidence: '(wire) —' },
        ]),
      ],
      [wire],
      ladder,
      'now',
    );
    assert.equal(r.assessment.sources.length, 1);
    assert.equal(r.assessment.level, 'Unconfirmed');
    assert.deepEqual(r.assessment.sources[0]?.articleIds.sort(), ['r1', 'r2', 'w1']);
  });

  it('counts two copies of one origin the event does not hold as one source', () => {
    const r = assessEvent(
      'e',
      [
        report('r1', o('paper1'), [
          { kind: 'copy', ofArticleId: 'elsewhere', similarity: 0.8, evidence: '' },
        ]),
        report('r2', o('paper2'), [
          { kind: 'copy', ofArticleId: 'elsewhere', similarity: 0.7, evidence: '' },
        ]),
        report('r3', o('paper3')),
      ],
      [],
      ladder,
      'now',
    );
    assert.deepEqual(r.assessment.sources.map((s) => s.articleIds.sort()).sort(), [['r1', 'r2'], ['r3']]);
  });

  it('counts outlets of one owner once, and a citing blog for the outlet it cites', () => {
    const a = o('a', { ownerGroup: 'Group', tier: 'trusted' });
    const b = o('b', { ownerGroup: 'Group' });
    const c = o('c', { tier: 'trusted' });
    const blogText = 'According to c, it happened.';
    const r = assessEvent(
      'e',
      [
        report('1', a),
        report('2', b),
        report('3', c),
        report(
          '4',
          o('blog', { tier: 'low' }),
          [{ kind: 'citation', outlet: 'c', evidence: 'According to c' }],
          {
            ...empty,
            sentences: [{ start: 0, end: blogText.length, certainty: { level: 'attributed', cues: [] } }],
          },
          blogText,
        ),
      ],
      [a, b, c],
      ladder,
      'now',
    );
    assert.equal(r.assessment.sources.length, 2);
    assert.equal(r.assessment.level, 'Likely');
    assert.match(
      r.assessment.explanation,
      /^Reported by 2 independent sources \((a, c|c, a)\)\./,
      'the explanation names the sources',
    );
    assert.match(r.assessment.next ?? '', /could elevate it to verified/);
  });

  it('verifies three independent sources with two trusted, and explains by name', () => {
    const r = assessEvent(
      'e',
      [
        report('1', wire),
        report('2', o('gov', { kind: 'government', tier: 'primary' })),
        report('3', o('paper')),
      ],
      [],
      ladder,
      'now',
    );
    assert.equal(r.assessment.level, 'Verified');
    assert.match(r.assessment.explanation, /3 independent sources, including gov, wire/);
  });

  it('marks a dispute over a core count between independent sources', () => {
    const text = 'Some 3,000 workers struck.';
    const num = (v: number, unit: string): Analysis => ({
      ...empty,
      sentences: [{ start: 0, end: text.length, certainty: { level: 'certain', cues: [] } }],
      numbers: [{ start: 5, end: 10, text: String(v), value: v, unit }],
    });
    const r = assessEvent(
      'e',
      [
        report('1', wire, [], num(3000, 'workers'), text),
        report('2', o('gov', { tier: 'primary' }), [], num(1800, 'workers'), text),
        report('3', o('p'), [], num(3000, 'members'), text),
      ],
      [],
      ladder,
      'now',
    );
    assert.equal(r.assessment.level, 'Disputed');
    assert.equal(r.assessment.disputes[0]?.field, 'participants');
    assert.deepEqual(r.assessment.disputes[0]?.values.map((v) => v.value).sort(), ['1,800', '3,000']);
  });

  it('marks a dispute over the date written out by independent sources, not over a day apart or a weekday', () => {
    // The analysis stage's reading of "on <day>": the day as written, anchored to the calendar.
    const at = (id: string, outlet: Outlet, text: string): AssessReport => {
      const written = /on (.+?),/.exec(text) as RegExpExecArray;
      const day = written[1] as string;
      const iso = /Friday/.test(day) ? '2025-11-14' : `2025-11-${/\d+/.exec(day)?.[0]?.padStart(2, '0')}`;
      const start = written.index + 3;
      const analysis: Analysis = {
        ...empty,
        sentences: [{ start: 0, end: text.length, certainty: { level: 'certain', cues: [] } }],
        times: [
          {
            start,
            end: start + day.length,
            text: day,
            value: { start: `${iso}T00:00:00Z`, end: `${iso}T23:59:59Z` },
            precision: 'day',
          },
        ],
      };
      return { ...report(id, outlet, [], analysis, text), publishedAt: '2025-11-15T12:00:00Z' };
    };
    const a = o('a', { tier: 'trusted' });
    const b = o('b', { tier: 'trusted' });
    const c = o('c');
    const on = (day: string) =>
      `The two delegations signed the river accord in the capital on ${day}, officials said.`;
    const disputed = assessEvent(
      'e',
      [at('1', a, on('12 November')), at('2', b, on('November 12')), at('3', c, on('14 November'))],
      [a, b, c],
      ladder,
      'now',
    ).assessment;
    assert.equal(disputed.level, 'Disputed');
    assert.equal(disputed.disputes[0]?.field, 'date');
    assert.deepEqual(
      disputed.disputes[0]?.values.map((v) => [v.value, v.outlets]),
      [
        ['2025-11-12', ['a', 'b']],
        ['2025-11-14', ['c']],
      ],
    );
    assert.match(disputed.explanation, /on date: 2025-11-12 \(a, b\) vs 2025-11-14 \(c\)/);
    // A day apart is the same event told from another time zone; a weekday may be misread, so it disputes nothing.
    assert.equal(
      assessEvent(
        'e',
        [at('1', a, on('12 November')), at('2', b, on('13 November')), at('3', c, on('12 November'))],
        [a, b, c],
        ladder,
        'now',
      ).assessment.level,
      'Verified',
    );
    assert.equal(
      assessEvent(
        'e',
        [at('1', a, on('12 November')), at('2', b, on('12 November')), at('3', c, on('Friday'))],
        [a, b, c],
        ladder,
        'now',
      ).assessment.level,
      'Verified',
    );
    // A date a week or more before publication is background, not the event's date.
    assert.equal(
      assessEvent(
        'e',
        [at('1', a, on('12 November')), at('2', b, on('12 November')), at('3', c, on('1 November'))],
        [a, b, c],
        ladder,
        'now',
      ).assessment.level,
      'Verified',
    );
  });

  it('marks a dispute over where it happened between towns far apart, not towns side by side or a dateline', () => {
    const town = (name: string, lat: number, lon: number, role: 'occurred' | 'dateline' = 'occurred') => ({
      date: null,
      place: name,
      where: { name, country: null, lat, lon, role, precision: 'city' as const },
      category: null,
    });
    const at = (
      id: string,
      outlet: Outlet,
      where: ReturnType<typeof town>,
      text = `A warehouse burned down in ${where.place}.`,
    ): AssessReport => ({
      ...report(
        id,
        outlet,
        [],
        { ...empty, sentences: [{ start: 0, end: text.length, certainty: { level: 'certain', cues: [] } }] },
        text,
      ),
      frame: where,
    });
    const a = o('a', { tier: 'trusted' });
    const b = o('b', { tier: 'trusted' });
    const c = o('c');
    const north = town('Northtown', 52.0, 5.0);
    const beside = town('Millbrook', 52.3, 5.2); // about 37 km away
    const far = town('Southport', 50.0, 5.0); // about 222 km away
    const disputed = assessEvent(
      'e',
      [at('1', a, north), at('2', b, north), at('3', c, far)],
      [a, b, c],
      ladder,
      'now',
    ).assessment;
    assert.equal(disputed.level, 'Disputed');
    assert.deepEqual(
      disputed.disputes.map((d) => [d.field, d.values.map((v) => v.value)]),
      [['place', ['Northtown', 'Southport']]],
    );
    assert.equal(
      assessEvent('e', [at('1', a, north), at('2', b, north), at('3', c, beside)], [a, b, c], ladder, 'now')
        .assessment.level,
      'Verified',
    );
    assert.equal(
      assessEvent(
        'e',
        [at('1', a, north), at('2', b, north), at('3', c, town('Southport', 50.0, 5.0, 'dateline'))],
        [a, b, c],
        ladder,
        'now',
      ).assessment.level,
      'Verified',
    );
    // A report whose lead names both towns tells of both: it contradicts neither.
    const both = at(
      '3',
      c,
      far,
      'Fire crews from Southport were sent to Northtown, where a warehouse burned down.',
    );
    assert.equal(
      assessEvent('e', [at('1', a, north), at('2', b, north), both], [a, b, c], ladder, 'now').assessment
        .level,
      'Verified',
    );
    // Nor does one naming the other town further down: it knows of both ("the coach came from Southport").
    const story = [
      'A warehouse burned down in Southport.',
      'Crews fought the blaze for six hours.',
      'No one was inside.',
      'Its owner moved the business from Northtown in 2020.',
    ];
    const text = story.join(' ');
    const later: AssessReport = {
      ...at('3', c, far, text),
      analysis: {
        ...empty,
        sentences: story.map((x) => ({
          start: text.indexOf(x),
          end: text.indexOf(x) + x.length,
          certainty: { level: 'certain' as const, cues: [] },
        })),
      },
    };
    assert.equal(
      assessEvent('e', [at('1', a, north), at('2', b, north), later], [a, b, c], ladder, 'now').assessment
        .level,
      'Verified',
    );
  });

  it('lets an editor settle a dispute, or the trusted-majority rule when configured', () => {
    const count = (n: number, text: string): Analysis => ({
      ...empty,
      sentences: [{ start: 0, end: text.length, certainty: { level: 'certain', cues: [] } }],
      numbers: [{ start: 0, end: 5, text: String(n), value: n, unit: 'workers' }],
    });
    const t = (n: number) => `${n} workers walked out.`;
    const a = o('a', { tier: 'trusted' });
    const b = o('b', { tier: 'trusted' });
    const c = o('c');
    const reports = [
      report('1', a, [], count(3000, t(3000)), t(3000)),
      report('2', b, [], count(3000, t(3000)), t(3000)),
      report('3', c, [], count(1800, t(1800)), t(1800)),
    ];
    assert.equal(assessEvent('e', reports, [a, b, c], ladder, 'now').assessment.level, 'Disputed');
    const ruled = assessEvent(
      'e',
      reports,
      [a, b, c],
      { ...ladder, disputeRule: 'trusted-majority' },
      'now',
    ).assessment;
    assert.equal(ruled.level, 'Verified');
    assert.equal(ruled.disputes[0]?.resolved?.by, 'rule');
    assert.match(ruled.explanation, /settled by the rule in force .*: 3,000/);
    const edited = assessEvent('e', reports, [a, b, c], ladder, 'now', [
      {
        eventId: 'e',
        field: 'participants',
        value: '1,800',
        decidedBy: 'desk',
        note: 'union figure',
        at: 'now',
      },
    ]).assessment;
    assert.equal(edited.level, 'Verified');
    assert.deepEqual(edited.disputes[0]?.resolved, {
      value: '1,800',
      by: 'editor',
      who: 'desk',
      note: 'union figure',
    });
    // A rule needs a clear majority: one trusted source a side settles nothing.
    const even = [
      report('1', a, [], count(3000, t(3000)), t(3000)),
      report('2', b, [], count(1800, t(1800)), t(1800)),
    ];
    assert.equal(
      assessEvent('e', even, [a, b], { ...ladder, disputeRule: 'trusted-majority' }, 'now').assessment.level,
      'Disputed',
    );
  });

  it('shows a denial beside the reports of the event, with the words that deny, without calling it a dispute', () => {
    const said = (text: string, level: 'certain' | 'denied', cues: string[]): Analysis => ({
      ...empty,
      sentences: [{ start: 0, end: text.length, certainty: { level, cues } }],
    });
    const crossed = 'Troops crossed the border near the river crossing on Monday night.';
    const denied = 'The defence ministry denied that any troops had crossed the border.';
    const r = assessEvent(
      'e',
      [
        report('1', o('a'), [], said(crossed, 'certain', []), crossed),
        report('2', o('b'), [], said(crossed, 'certain', []), crossed.replace('Monday night', 'Monday')),
        report(
          '3',
          o('ministry', { kind: 'government', tier: 'primary' }),
          [],
          said(denied, 'denied', ['denied']),
          denied,
        ),
      ],
      [],
      ladder,
      'now',
    );
    assert.deepEqual(r.assessment.denials, [
      { articleId: '3', outlet: 'ministry', sentence: denied, cues: ['denied'] },
    ]);
    assert.equal(r.tones.get('3'), 'denied');
    assert.equal(r.assessment.disputes.length, 0);
  });

  it('counts "23 people were arrested" as arrests, not as the crowd, and villages apart from homes', () => {
    const said = (text: string, numbers: Analysis['numbers']): Analysis => ({
      ...empty,
      sentences: [{ start: 0, end: text.length, certainty: { level: 'certain', cues: [] } }],
      numbers,
    });
    const crowd = 'About 5,000 people marched.';
    const held = 'Police said 23 people were arrested.';
    const homes = 'The fire destroyed 14 homes.';
    const villages = 'The fire reached 3 villages.';
    const r = assessEvent(
      'e',
      [
        report(
          '1',
          o('a'),
          [],
          said(crowd, [{ start: 6, end: 11, text: '5,000', value: 5000, unit: 'people', approx: 'about' }]),
          crowd,
        ),
        report(
          '2',
          o('b'),
          [],
          said(held, [{ start: 12, end: 14, text: '23', value: 23, unit: 'people' }]),
          held,
        ),
        report(
          '3',
          o('c'),
          [],
          said(homes, [{ start: 19, end: 21, text: '14', value: 14, unit: 'homes' }]),
          homes,
        ),
        report(
          '4',
          o('d'),
          [],
          said(villages, [{ start: 17, end: 18, text: '3', value: 3, unit: 'villages' }]),
          villages,
        ),
      ],
      [],
      ladder,
      'now',
    );
    assert.deepEqual(r.assessment.disputes, []);
    assert.deepEqual(Object.keys(r.fields.numbers).sort(), [
      'arrests',
      'buildings',
      'participants',
      'villages',
    ]);
  });

  it('ignores rates and figures from sentences about earlier dates', () => {
    const text = 'The bridge carries 6,000 people a day. On April 14, another collapse injured 11 people.';
    const analysis: Analysis = {
      ...empty,
      sentences: [
        { start: 0, end: 38, certainty: { level: 'certain', cues: [] } },
        { start: 39, end: text.length, certainty: { level: 'certain', cues: [] } },
      ],
      times: [
        {
          start: 42,
          end: 50,
          text: 'April 14',
          value: { start: '2025-04-14T00:00:00Z', end: '2025-04-15T00:00:00Z' },
          precision: 'day',
        },
      ],
      numbers: [
        { start: 20, end: 25, text: '6,000', value: 6000, unit: 'people' },
        { start: 78, end: 80, text: '11', value: 11, unit: 'people' },
      ],
    };
    const plain = {
      ...empty,
      sentences: [{ start: 0, end: 20, certainty: { level: 'certain' as const, cues: [] } }],
      numbers: [{ start: 0, end: 2, text: '40', value: 40, unit: 'people' }],
    };
    const r = assessEvent(
      'e',
      [report('1', wire, [], analysis, text), report('2', o('p'), [], plain, '40 people were hurt.')],
      [],
      ladder,
      'now',
    );
    assert.deepEqual(r.assessment.disputes, []);
  });

  it("reads each report's tone from its lead (a denial counting when it denies the event's claim)", () => {
    const text = 'Rebels seized the port, a spokesman said. Officials denied the port was seized.';
    const denied: Analysis = {
      ...empty,
      sentences: [
        { start: 0, end: 41, certainty: { level: 'attributed', cues: [] } },
        { start: 42, end: text.length, certainty: { level: 'denied', cues: ['denied'] } },
      ],
    };
    const r = assessEvent('e', [report('1', wire), report('2', o('x'), [], denied, text)], [], ladder, 'now');
    assert.equal(r.tones.get('1'), 'certain');
    assert.equal(r.tones.get('2'), 'denied');
  });
});
