import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CountKind, NumberMention, TimeExpression } from '../../domain/analysis.ts';
import { comparableFigures, figureScope, type ScopedFigure, type ScopeInput } from './figure-scope.ts';

/** A report of sentences written for these tests, its sentences split at full stops. */
function report(text: string, over: Partial<ScopeInput> = {}, times: TimeExpression[] = []): ScopeInput {
  const sentences = [...text.matchAll(/[^.!?]+[.!?]?\s*/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].trimEnd().length,
    certainty: { level: 'certain' as const, cues: [] },
  }));
  return { text, publishedAt: null, analysis: { sentences, times }, ...over };
}

/** The figure written as `figure` (its first occurrence, or the nth), counting `counts`. */
function at(r: ScopeInput, figure: string, counts: CountKind, nth = 0): NumberMention {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = r.text.indexOf(figure, start + 1);
  assert.ok(start >= 0, `no "${figure}" in the sentence`);
  return { start, end: start + figure.length, text: figure, value: Number(figure) || 0, unit: null, counts };
}

/** A day the time reader fixed, over the words `words` of the text. */
function day(text: string, words: string, date: string): TimeExpression {
  const start = text.indexOf(words);
  return {
    start,
    end: start + words.length,
    text: words,
    value: { start: `${date}T00:00:00Z`, end: `${date}T23:59:59Z` },
    precision: 'day',
  };
}

/** The scope of a figure as a short string: "day weekday 6", "span weekend", "total", "increment", "none". */
function scopeOf(
  text: string,
  figure: string,
  counts: CountKind,
  over: Partial<ScopeInput> = {},
  nth = 0,
): string {
  const r = report(text, over);
  const s = figureScope(r, at(r, figure, counts, nth));
  if (!s) return 'none';
  if (s.kind === 'day') return `day ${Object.entries(s.day)[0]?.join(' ')}`;
  if (s.kind === 'span') return `span ${s.span}`;
  return s.kind;
}

describe('figure scope', () => {
  it('reads a day or night: a weekday, its night, its possessive, "overnight" and "yesterday"', () => {
    assert.equal(
      scopeOf('Officers detained 35 youths on Saturday night near the depot.', '35', 'arrests'),
      'day weekday 6',
    );
    assert.equal(
      scopeOf('Ferry staff said 14 passengers were hurt on Monday.', '14', 'injured'),
      'day weekday 1',
    );
    assert.equal(scopeOf("Thursday's clashes left 9 marchers injured.", '9', 'injured'), 'day weekday 4');
    assert.equal(
      scopeOf('Some 60 people were arrested overnight in the old town.', '60', 'arrests'),
      'day word overnight',
    );
    assert.equal(
      scopeOf('Some 60 people were arrested overnight.', '60', 'arrests', {
        publishedAt: '2031-04-08T07:00:00Z',
      }),
      'day date 2031-04-07',
    );
    assert.equal(
      scopeOf('Rangers rescued 12 climbers yesterday; 12 were hurt.', '12', 'injured', {}, 1),
      'day word yesterday',
    );
  });

  it('reads the nth day or night of a run, and a night the story names', () => {
    assert.equal(
      scopeOf('On the third night of unrest police detained 52 people.', '52', 'arrests'),
      'day word third night',
    );
    assert.equal(
      scopeOf('A 2nd consecutive night of clashes left 16 officers hurt.', '16', 'injured'),
      'day word 2nd night',
    );
    assert.equal(scopeOf('Nine more were held during the night.', 'Nine', 'arrests'), 'increment');
    assert.equal(scopeOf('Nine were held during the night.', 'Nine', 'arrests'), 'day word during the night');
    assert.equal(
      scopeOf('The day before, 25 had been detained.', '25', 'arrests'),
      'day word the day before',
    );
    assert.equal(scopeOf('That night 7 people were hurt.', '7', 'injured'), 'day word that night');
  });

  it("reads a calendar date the time reader fixed, and drops a day that is the report's own event day", () => {
    const text = 'Nineteen were arrested at the stadium on 4 May.';
    const r = report(text, {}, [day(text, '4 May', '2031-05-04')]);
    const n = { ...at(r, 'Nineteen', 'arrests'), value: 19 };
    assert.deepEqual(figureScope(r, n), { kind: 'day', day: { date: '2031-05-04' }, cue: '4 May' });
    // The report tells of 4 May: its "on 4 May" says no more than the report does.
    assert.equal(figureScope({ ...r, statedDay: '2031-05-04' }, n), undefined);
    // A weekday that is the weekday of the report's own day is that day too (4 May 2031 is a Sunday).
    const sunday = report('Rescuers found 8 walkers dead on Sunday.', { statedDay: '2031-05-04' });
    assert.equal(figureScope(sunday, at(sunday, '8', 'deaths')), undefined);
    // "Today" is the report's own day, known or not.
    assert.equal(scopeOf('Guards detained 17 fans today.', '17', 'arrests'), 'none');
  });

  it('reads no day from a verb of saying: the day dates the statement, not the count', () => {
    assert.equal(
      scopeOf('Forty people were injured, the hospital said on Tuesday.', 'Forty', 'injured'),
      'none',
    );
    assert.equal(
      scopeOf('Eleven were detained, police told reporters on Friday.', 'Eleven', 'arrests'),
      'none',
    );
  });

  it('reads spans: "since Friday", "over the weekend", "in the past week", "a week of"', () => {
    assert.equal(
      scopeOf('Police have arrested 140 people since Friday.', '140', 'arrests'),
      'span since friday',
    );
    assert.equal(
      scopeOf('Over the weekend 75 demonstrators were detained.', '75', 'arrests'),
      'span weekend',
    );
    assert.equal(scopeOf('At the weekend 75 demonstrators were detained.', '75', 'arrests'), 'span weekend');
    assert.equal(
      scopeOf('In the past week 320 people fled the valley.', '320', 'displaced'),
      'span past week',
    );
    assert.equal(
      scopeOf('After a week of unrest, 500 had been arrested.', '500', 'arrests'),
      'span a week of',
    );
    assert.equal(
      scopeOf('Three nights of rioting left 48 officers hurt.', '48', 'injured'),
      'span three nights of',
    );
  });

  it('reads running totals: "so far", "in total", "bringing the total to", "the toll rose to"', () => {
    assert.equal(scopeOf('So far 27 bodies have been recovered.', '27', 'deaths'), 'total');
    assert.equal(scopeOf('In total 212 people were arrested.', '212', 'arrests'), 'total');
    assert.equal(scopeOf('Two more died in hospital, bringing the total to 15.', '15', 'deaths'), 'total');
    assert.equal(scopeOf('The toll rose to 31 by evening.', '31', 'deaths'), 'total');
    assert.equal(scopeOf('Fourteen climbers died in all.', 'Fourteen', 'deaths'), 'total');
    assert.equal(scopeOf('Police held 40 people in all parts of the city.', '40', 'arrests'), 'none');
    // "So far" after a superlative ranks the event; it does not total a count.
    assert.equal(scopeOf('It was the deadliest blast so far and killed 13 people.', '13', 'deaths'), 'none');
  });

  it('reads increments: "another", "a further", "an additional", "20 more"', () => {
    assert.equal(scopeOf('Another 20 protesters were arrested.', '20', 'arrests'), 'increment');
    assert.equal(scopeOf('A further 15 were detained at the port.', '15', 'arrests'), 'increment');
    assert.equal(scopeOf('An additional 40 families were evacuated.', '40', 'displaced'), 'increment');
    assert.equal(scopeOf('Police said 30 more were detained.', '30', 'arrests'), 'increment');
    assert.equal(scopeOf('Storms killed 6 campers, bringing the toll to 19.', '6', 'deaths'), 'increment');
    assert.equal(scopeOf('Storms killed 6 campers, bringing the toll to 19.', '19', 'deaths'), 'total');
    // "More" after a figure of another kind than the one before it means "others".
    const crash = report('The crash killed 3 and injured 12 more.');
    const killed = at(crash, '3', 'deaths');
    assert.equal(figureScope(crash, at(crash, '12', 'injured'), [killed]), undefined);
    // After a figure of its own kind, "more" adds to it.
    const twice = report('Police held 40 on Friday and 12 more were detained.');
    assert.equal(
      figureScope(twice, at(twice, '12', 'arrests'), [at(twice, '40', 'arrests')])?.kind,
      'increment',
    );
    // "more than" qualifies; it adds nothing.
    assert.equal(scopeOf('Police said 30 more than expected came.', '30', 'arrests'), 'none');
  });

  it('gives each figure of a sentence its nearest cue', () => {
    const text = 'Police held 86 people on Saturday night, bringing the total since Thursday to 310.';
    assert.equal(scopeOf(text, '86', 'arrests'), 'day weekday 6');
    assert.equal(scopeOf(text, '310', 'arrests'), 'total');
    assert.equal(scopeOf('Nine miners were rescued and 4 died.', '4', 'deaths'), 'none');
  });
});

describe('comparable figures', () => {
  const f = (over: Partial<ScopedFigure> = {}): ScopedFigure => ({
    start: 0,
    end: 1,
    text: '1',
    value: 1,
    unit: null,
    counts: 'arrests',
    ...over,
  });
  const sat = { kind: 'day', day: { weekday: 6 }, cue: 'Saturday' } as const;
  const sun = { kind: 'day', day: { weekday: 0 }, cue: 'Sunday' } as const;

  it('compares figures of one scope, or of none; never a day with no day, nor an increment', () => {
    assert.ok(comparableFigures(f(), f()));
    assert.ok(comparableFigures(f({ scope: sat }), f({ scope: sat })));
    assert.ok(!comparableFigures(f({ scope: sat }), f({ scope: sun })));
    assert.ok(!comparableFigures(f({ scope: sat }), f()));
    // A date and a weekday agree when the date falls on it (3 May 2031 is a Saturday).
    assert.ok(
      comparableFigures(
        f({ scope: sat }),
        f({ scope: { kind: 'day', day: { date: '2031-05-03' }, cue: '3 May' } }),
      ),
    );
    assert.ok(
      comparableFigures(
        f({ scope: { kind: 'total', cue: 'so far' } }),
        f({ scope: { kind: 'total', cue: 'in total' } }),
      ),
    );
    assert.ok(!comparableFigures(f({ scope: { kind: 'total', cue: 'so far' } }), f()));
    assert.ok(
      !comparableFigures(
        f({ scope: { kind: 'span', span: 'weekend', cue: '' } }),
        f({ scope: { kind: 'span', span: 'past week', cue: '' } }),
      ),
    );
    assert.ok(
      !comparableFigures(
        f({ scope: { kind: 'increment', cue: 'another' } }),
        f({ scope: { kind: 'increment', cue: 'another' } }),
      ),
    );
  });

  it('never compares reports of different moments: stated days that differ, or publication days more than a day apart', () => {
    const stated = (day: string) => ({ moment: { day, stated: true } });
    const published = (day: string) => ({ moment: { day, stated: false } });
    assert.ok(comparableFigures(f(stated('2031-05-03')), f(stated('2031-05-03'))));
    assert.ok(!comparableFigures(f(stated('2031-05-03')), f(stated('2031-05-04'))));
    // Published the morning after the evening it tells of: the same moment.
    assert.ok(comparableFigures(f(stated('2031-05-03')), f(published('2031-05-04'))));
    assert.ok(!comparableFigures(f(published('2031-05-03')), f(published('2031-05-06'))));
    // A report of unknown date is compared by its scopes alone.
    assert.ok(comparableFigures(f(), f(published('2031-05-06'))));
  });
});
