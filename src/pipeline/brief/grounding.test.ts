import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groundingProblems, wordOverlap, type Citation, type NamedPerson } from './grounding.ts';

const cite = (text: string, articleId = 'a1'): Citation => ({ articleId, start: 0, end: text.length, text });

/** Report sentences (invented for the test) and, for each, sentences a writer might make of them. */
const SOURCES = {
  ferry:
    'The ferry operator Nordlicht Lines said on Tuesday that 412 passengers were taken off the stranded vessel near Ystad.',
  council:
    'Councillor Amaya Ortiz told reporters that the vote was "a turning point for the harbour district" and promised a second ballot in March.',
  flood:
    'Heavy rain flooded about 1,200 homes in the valley overnight, and eleven people were taken to hospital, the regional authority said.',
  talks:
    'Delegates from 14 countries met in Valletta on 3 June 2024 to discuss fishing quotas, according to the Maritime Herald.',
  budget:
    "The finance ministry's draft allots €2.4 billion to rail maintenance, up from €1.9 billion last year.",
  strike:
    'Teachers in Tarnów walked out yesterday after talks with the education board broke down, union leader Piotr Zając said.',
  court:
    "Judge Helen Marsh said the company had shown 'a reckless disregard for public safety' and fined it $3.5m.",
  quake:
    'A magnitude 5.8 earthquake struck off the coast of Sivas Province at 04:12 local time on Sunday, the seismological institute reported.',
} as const;

/** [grounded original, ungrounded variant, what the checker must find, cited source]. */
const CASES: [string, string, string, keyof typeof SOURCES][] = [
  // changed numbers
  [
    'Nordlicht Lines said 412 passengers were taken off the vessel.',
    'Nordlicht Lines said 421 passengers were taken off the vessel.',
    'number',
    'ferry',
  ],
  [
    'About 1,200 homes in the valley were flooded.',
    'About 12,000 homes in the valley were flooded.',
    'number',
    'flood',
  ],
  ['Eleven people were taken to hospital.', 'Twelve people were taken to hospital.', 'number', 'flood'],
  [
    'Eleven people were taken to hospital.',
    '11 people were taken to hospital, and 3 more were missing.',
    'number',
    'flood',
  ],
  [
    'Delegates from 14 countries met in Valletta.',
    'Delegates from 41 countries met in Valletta.',
    'number',
    'talks',
  ],
  [
    'The draft allots €2.4 billion to rail maintenance.',
    'The draft allots €4.2 billion to rail maintenance.',
    'number',
    'budget',
  ],
  [
    'The draft allots €2.4 billion to rail maintenance, up from €1.9 billion.',
    'The draft allots €2.4 billion to rail maintenance, up from €1.5 billion.',
    'number',
    'budget',
  ],
  [
    'A magnitude 5.8 earthquake struck off the coast of Sivas Province.',
    'A magnitude 6.8 earthquake struck off the coast of Sivas Province.',
    'number',
    'quake',
  ],
  ['The judge fined the company $3.5m.', 'The judge fined the company $35m.', 'number', 'court'],
  [
    'Delegates from 14 countries met in Valletta.',
    'Delegates from fourteen countries met in Valletta with two observers.',
    'number',
    'talks',
  ],
  // swapped or invented names
  [
    'Nordlicht Lines said 412 passengers were taken off the vessel.',
    'Baltic Star Lines said 412 passengers were taken off the vessel.',
    'name',
    'ferry',
  ],
  [
    'The passengers were taken off near Ystad.',
    'The passengers were taken off near Trelleborg.',
    'name',
    'ferry',
  ],
  [
    'Councillor Amaya Ortiz promised a second ballot.',
    'Councillor Amaya Ruiz promised a second ballot.',
    'name',
    'council',
  ],
  [
    'Delegates met in Valletta to discuss fishing quotas.',
    'Delegates met in Nicosia to discuss fishing quotas.',
    'name',
    'talks',
  ],
  [
    'Teachers in Tarnów walked out after talks broke down.',
    'Teachers in Kraków walked out after talks broke down.',
    'name',
    'strike',
  ],
  [
    'Union leader Piotr Zając said teachers walked out.',
    'Union leader Piotr Nowicki said teachers walked out.',
    'name',
    'strike',
  ],
  [
    'Judge Helen Marsh fined the company.',
    'Judge Helen Marsh and the Attorney General fined the company.',
    'name',
    'court',
  ],
  [
    'The earthquake struck off the coast of Sivas Province.',
    'The earthquake struck off the coast of Sivas Province, the Red Cross said.',
    'name',
    'quake',
  ],
  // wrong dates
  [
    'Nordlicht Lines said on Tuesday that the passengers were safe.',
    'Nordlicht Lines said on Wednesday that the passengers were safe.',
    'date',
    'ferry',
  ],
  ['Ortiz promised a second ballot in March.', 'Ortiz promised a second ballot in April.', 'date', 'council'],
  ['Delegates met in Valletta on 3 June 2024.', 'Delegates met in Valletta on 3 June 2023.', 'date', 'talks'],
  ['Delegates met in Valletta on 3 June 2024.', 'Delegates met in Valletta on 3 July 2024.', 'date', 'talks'],
  ['Teachers in Tarnów walked out yesterday.', 'Teachers in Tarnów walked out last week.', 'date', 'strike'],
  [
    'The earthquake struck at 04:12 local time on Sunday.',
    'The earthquake struck at 04:12 local time on Saturday.',
    'date',
    'quake',
  ],
  ['Heavy rain flooded the valley overnight.', 'Heavy rain flooded the valley yesterday.', 'date', 'flood'],
  [
    'The earthquake struck at 04:12 local time.',
    'The earthquake struck at 05:12 local time.',
    'number',
    'quake',
  ],
  // invented or altered quotes
  [
    'Ortiz called the vote "a turning point for the harbour district".',
    'Ortiz called the vote "a turning point for the whole harbour district".',
    'quote',
    'council',
  ],
  [
    'Ortiz called the vote "a turning point for the harbour district".',
    'Ortiz called the vote "a disaster for the harbour district".',
    'quote',
    'council',
  ],
  [
    'Ortiz called the vote “a turning point for the harbour district”.',
    'Ortiz said the vote was "historic".',
    'quote',
    'council',
  ],
  [
    "Marsh said the company had shown 'a reckless disregard for public safety'.",
    "Marsh said the company had shown 'a reckless disregard for safety'.",
    'quote',
    'court',
  ],
  [
    'Marsh said the company had shown “a reckless disregard for public safety”.',
    'Marsh said the company had shown "a careless disregard for public safety".',
    'quote',
    'court',
  ],
  [
    'The finance ministry allots €2.4 billion to rail maintenance.',
    'The finance ministry said the plan was "the largest rail investment in a generation".',
    'quote',
    'budget',
  ],
  [
    'Ortiz told reporters the vote was "a turning point for the harbour district".',
    'Ortiz told reporters the vote was "A turning point for the harbour district".',
    'quote',
    'council',
  ],
];

describe('grounding checker', () => {
  it(`passes the grounded originals and catches every one of ${CASES.length} ungrounded variants`, () => {
    assert.ok(CASES.length >= 30);
    for (const [original, variant, kind, source] of CASES) {
      const cited = [cite(SOURCES[source])];
      assert.deepEqual(groundingProblems(original, cited), [], `grounded: ${original}`);
      const found = groundingProblems(variant, cited);
      assert.ok(
        found.some((p) => p.kind === kind),
        `${kind} not caught in: ${variant} (found ${JSON.stringify(found)})`,
      );
    }
  });

  it('refuses a sentence with no citation', () => {
    assert.deepEqual(
      groundingProblems('Something happened.', []).map((p) => p.kind),
      ['uncited'],
    );
  });

  it('accepts a figure in words where the report has digits and the reverse, and quote marks of another style', () => {
    assert.deepEqual(groundingProblems('11 people were taken to hospital.', [cite(SOURCES.flood)]), []);
    assert.deepEqual(
      groundingProblems("Ortiz called it 'a turning point for the harbour district'.", [
        cite(SOURCES.council),
      ]),
      [],
    );
  });

  it('allows the names of the cited outlets, and a capitalised first word the report has in lower case', () => {
    assert.deepEqual(
      groundingProblems(
        'Maritime Herald reports that delegates from 14 countries met in Valletta.',
        [cite(SOURCES.talks)],
        ['Maritime Herald'],
      ),
      [],
    );
    assert.deepEqual(groundingProblems('Heavy rain flooded about 1,200 homes.', [cite(SOURCES.flood)]), []);
    assert.ok(
      groundingProblems(
        'Reuters reports that heavy rain flooded about 1,200 homes.',
        [cite(SOURCES.flood)],
        ['Maritime Herald'],
      ).some((p) => p.text === 'Reuters'),
    );
  });

  it('grounds a sentence in several cited sentences together', () => {
    const both = [cite(SOURCES.ferry, 'a1'), cite(SOURCES.quake, 'a2')];
    assert.deepEqual(
      groundingProblems(
        'Nordlicht Lines took 412 passengers off on Tuesday, and a magnitude 5.8 earthquake struck on Sunday.',
        both,
      ),
      [],
    );
  });

  it('measures how much two sentences repeat each other', () => {
    assert.equal(
      wordOverlap('Teachers walked out in Tarnów.', 'Teachers walked out in Tarnów yesterday after talks.'),
      1,
    );
    assert.ok(wordOverlap(SOURCES.ferry, SOURCES.quake) < 0.3);
  });

  describe('a name put where the report has a pronoun', () => {
    /** A sentence cited for the person a "he"/"she" of the next cited sentence stands for. */
    const before = (text: string, pronoun: 'he' | 'she', people: NamedPerson[]): Citation => ({
      ...cite(text),
      antecedent: { pronoun, people },
    });
    /** The pronoun's own sentence, later in the same report. */
    const later = (text: string): Citation => ({ ...cite(text), start: 500, end: 500 + text.length });
    const man = (name: string): NamedPerson => ({ name, kind: 'man' });
    const woman = (name: string): NamedPerson => ({ name, kind: 'woman' });
    const names = (sentence: string, citations: Citation[]) =>
      groundingProblems(sentence, citations)
        .filter((p) => p.kind === 'name')
        .map((p) => p.text);

    it('refuses either name when two men are named before "He"', () => {
      const cited = [
        before('Defence minister Daniel Osei met envoy Mark Tillman in Ystad on Monday.', 'he', [
          man('Daniel Osei'),
          man('Mark Tillman'),
        ]),
        later('He said the talks would resume in spring.'),
      ];
      assert.deepEqual(names('Tillman said the talks would resume in spring.', cited), ['Tillman']);
      assert.deepEqual(names('Osei said the talks would resume in spring.', cited), ['Osei']);
      assert.deepEqual(groundingProblems('He said the talks would resume in spring.', cited), []);
    });

    it('refuses the one man named before "He" when a man is also mentioned there without a name', () => {
      const cited = [
        before('The frustrated prosecutor had turned down an offer from Tillman last spring.', 'he', [
          man('Tillman'),
        ]),
        later('He said he would ask the assembly to change the law on jury votes.'),
      ];
      assert.deepEqual(
        names('Tillman said he would ask the assembly to change the law on jury votes.', cited),
        ['Tillman'],
      );
      const named = [
        before('Prosecutor Mark Tillman turned down an offer from the defence last spring.', 'he', [
          man('Mark Tillman'),
        ]),
        later('He said he would ask the assembly to change the law on jury votes.'),
      ];
      assert.deepEqual(
        names('Mark Tillman said he would ask the assembly to change the law on jury votes.', named),
        [],
      );
    });

    it('accepts the woman for "She" when one man and one woman are named before, and refuses the man', () => {
      const cited = [
        before('Mayor Helen Varga thanked fire chief Robert Kell for the rescue.', 'she', [
          woman('Helen Varga'),
          man('Robert Kell'),
        ]),
        later('She said the bridge would reopen within a month.'),
      ];
      assert.deepEqual(
        groundingProblems('Helen Varga said the bridge would reopen within a month.', cited),
        [],
      );
      assert.deepEqual(names('Robert Kell said the bridge would reopen within a month.', cited), [
        'Robert',
        'Kell',
      ]);
    });

    it('refuses the object of the sentence before as well as its subject when both are men', () => {
      // The report's "He" is the subject (Osei); the envoy is only named inside the sentence.
      const cited = [
        before('Prime Minister Daniel Osei welcomed envoy Mark Tillman to the capital.', 'he', [
          man('Daniel Osei'),
          man('Mark Tillman'),
        ]),
        later('He also reiterated his stance that the border would stay closed.'),
      ];
      assert.deepEqual(
        names('Tillman also reiterated his stance that the border would stay closed.', cited),
        ['Tillman'],
      );
      assert.deepEqual(names('Osei also reiterated his stance that the border would stay closed.', cited), [
        'Osei',
      ]);
    });

    it('counts a person whose name does not tell a man or a woman as a candidate for either pronoun', () => {
      const cited = [
        before('Helen Varga spoke after Kell left the hall.', 'she', [
          woman('Helen Varga'),
          { name: 'Kell', kind: 'unknown' },
        ]),
        later('She said the vote would go ahead.'),
      ];
      assert.deepEqual(names('Varga said the vote would go ahead.', cited), ['Varga']);
    });

    it('accepts the single person named before, under either of their names', () => {
      const cited = [
        before('Envoy Mark Tillman arrived in the capital on Monday.', 'he', [man('Mark Tillman')]),
        before('Tillman met harbour officials in the afternoon.', 'he', [man('Tillman')]),
        later('He said the talks would go on.'),
      ];
      assert.deepEqual(groundingProblems('Tillman said the talks would go on.', cited), []);
      assert.deepEqual(groundingProblems('Mark Tillman said the talks would go on.', cited), []);
    });

    it('refuses a replacement when the pronoun is not in the sentence, the people listed are not named there, or the antecedent is another report’s', () => {
      const one = (people: NamedPerson[]) => [
        before('Envoy Mark Tillman arrived in the capital on Monday.', 'he', people),
        later('The talks would go on, officials said.'),
      ];
      assert.deepEqual(names('Tillman said the talks would go on.', one([man('Mark Tillman')])), ['Tillman']);
      const hidden = [
        before('Envoy Mark Tillman arrived in the capital on Monday.', 'he', [man('Daniel Osei')]),
        later('He said the talks would go on.'),
      ];
      assert.deepEqual(names('Tillman said the talks would go on.', hidden), ['Tillman']);
      const elsewhere = [
        {
          ...before('Envoy Mark Tillman arrived in the capital on Monday.', 'he', [man('Mark Tillman')]),
          articleId: 'a2',
        },
        later('He said the talks would go on.'),
      ];
      assert.deepEqual(names('Tillman said the talks would go on.', elsewhere), ['Tillman']);
    });
  });
});
