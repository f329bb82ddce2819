import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze.ts';
import { gazetteerMarks, runHeadFeatures, runHeads } from './ner-features.ts';
import { decode, NER_CLASSES, spansOf } from './ner-tagger.ts';
import { tokenize } from './ner-tokens.ts';

const found = (text: string) =>
  analyze({ id: 'x', text, publishedAt: null }).entities.map((e) => `${e.text}/${e.type}`);

describe('entity tagger on news', () => {
  it('decodes the best path of tags, never an I- tag after a tag of another type', () => {
    const tokens = tokenize('Fundo Azul Holdings said');
    // A scorer that prefers a place for the first word alone, but an organisation for the three together.
    const prefer: Record<number, Record<string, number>> = {
      0: { 'B-LOC': 2, 'B-ORG': 1.5 },
      1: { 'I-ORG': 3, 'I-LOC': 0, 'B-ORG': 1 },
      2: { 'I-ORG': 3 },
    };
    const score = (i: number) =>
      Float64Array.from(NER_CLASSES, (c) => (c === 'O' ? 0 : (prefer[i]?.[c] ?? -5)));
    const tags = decode(tokens, score, NER_CLASSES, 4);
    assert.deepEqual(tags, ['B-ORG', 'I-ORG', 'I-ORG', 'O']);
    // Greedy (a beam of one) takes the place and then cannot continue it as an organisation.
    const greedy = decode(tokens, score, NER_CLASSES, 1);
    assert.equal(greedy[0], 'B-LOC');
    assert.notEqual(greedy[1], 'I-ORG');
  });

  it('reads two names of one type side by side as one name', () => {
    const tokens = tokenize('Brisa Lines flies');
    assert.deepEqual(spansOf(tokens, ['B-ORG', 'B-ORG', 'O']), [{ start: 0, end: 11, label: 'ORG' }]);
    // A comma between them keeps them apart.
    const listed = tokenize('Brisa, Lines');
    assert.equal(spansOf(listed, ['B-ORG', 'O', 'B-ORG']).length, 2);
  });

  it("marks a capitalised run by its head word and an acronym after it, whatever the run's names", () => {
    const marks = gazetteerMarks(tokenize('the Valmora Harbour Workers Union (HWUV) met'));
    assert.deepEqual(
      marks.map((m) => m.split(' ').filter((x) => x.startsWith('R-'))),
      [[], ...Array.from({ length: 4 }, () => ['R-org', 'R-acr']), [], [], [], []],
    );
    assert.ok(gazetteerMarks(tokenize('near Kettle River today'))[1]?.includes('R-place'));
  });

  it('marks well-known organisations, an acronym only in its capitals', () => {
    const marks = gazetteerMarks(tokenize('Who told Reuters that the WHO and Procter & Gamble had agreed?'));
    const org = marks.map((m) => m.split(' ').filter((x) => x.endsWith('-org') && !x.startsWith('R-')));
    assert.deepEqual(org, [
      [],
      [],
      ['B-org'],
      [],
      [],
      ['B-org'],
      [],
      ['B-org'],
      ['I-org'],
      ['I-org'],
      [],
      [],
      [],
    ]);
  });

  it("marks a run that opens with a place's name and goes on past it, and gives each word of a run its head", () => {
    const tokens = tokenize('Lisbon Chamber Orchestra players and Oslo Ferry Workers met in New Zealand');
    const marks = gazetteerMarks(tokens);
    const placeFirst = marks.map((m) => m.includes('R-placefirst'));
    assert.deepEqual(placeFirst, [
      true,
      true,
      true,
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    // A run that is the place's name alone is not marked.
    assert.ok(!marks.slice(-2).some((m) => m.includes('R-placefirst')));
    assert.deepEqual(
      runHeads(
        tokens,
        tokens.map((t) => t.text.toLowerCase()),
      ).slice(0, 4),
      ['orchestra', 'orchestra', 'orchestra', ''],
    );
    assert.deepEqual(runHeadFeatures(''), []);
  });

  it('tags an organisation named after its place and head word, and a well-known company alone', () => {
    assert.deepEqual(found('Tickets for the Lisbon Chamber Orchestra sold out within a day.'), [
      'Lisbon Chamber Orchestra/ORG',
    ]);
    assert.deepEqual(found('Shares of Google rose after the results were published.'), ['Google/ORG']);
  });

  it("reads a body's head word before 'of' as one organisation, even after a word that is also a first name", () => {
    assert.deepEqual(found('Ana Costa said the Port Authority of Valmora would reopen the quay.'), [
      'Ana Costa/PERSON',
      'Port Authority of Valmora/ORG',
    ]);
    // Only capitalised words stand before the head word: a run joined by "and" is not one body's name.
    const joined = found(
      'The Danish and Dutch-led Council of Elders and Finnish Minister Aino Virtanen met in Oslo.',
    );
    assert.ok(!joined.some((e) => e.includes('Virtanen') && e.endsWith('/ORG')), joined.join(', '));
  });

  it('reads a name followed by its initials in brackets as a body, and the initials as its short form', () => {
    assert.deepEqual(
      found(
        'Members of the Valmora Ferry Workers Union (VFWU) walked out, and the VFWU said talks had failed.',
      ),
      ['Valmora Ferry Workers Union/ORG', 'VFWU/ORG', 'VFWU/ORG'],
    );
    // Initials that do not match leave the tagger's reading alone, and a thing's initials make it no body.
    assert.ok(!found('Ana Costa (AB) spoke in Porto.').includes('Ana Costa/ORG'));
    assert.ok(
      !found('The Northwind Software Development Kit (NSDK) ships today.').some((e) => e.endsWith('/ORG')),
    );
  });

  it('finds the names in a headline written in capitals, and no words of it as names', () => {
    const text =
      'NORTHWIND AIRWAYS CUTS 400 JOBS AS FUEL COSTS RISE IN OSLO\n\n' +
      'Northwind Airways said on Monday it would cut 400 jobs as fuel costs rise. ' +
      'The airline, based in Oslo, blamed the costs of fuel.';
    const a = analyze({ id: 'x', text, publishedAt: null });
    const headline = a.entities.filter((e) => e.end <= text.indexOf('\n'));
    assert.deepEqual(
      headline.map((e) => `${e.text}/${e.type}`),
      ['NORTHWIND AIRWAYS/ORG', 'OSLO/LOCATION'],
    );
    // The headline's organisation is the body's.
    assert.equal(headline[0]?.entityId, a.entities.find((e) => e.text === 'Northwind Airways')?.entityId);
  });

  it('tags organisations as news introduces them', () => {
    const got = found(
      'Workers at Calder Freight Services walked out on Tuesday, a spokesman for the Harbour Workers Union said.',
    );
    assert.ok(got.includes('Calder Freight Services/ORG'), got.join(', '));
    assert.ok(got.includes('Harbour Workers Union/ORG'), got.join(', '));
  });

  it('reads a body named "<head> of <name>" as one organisation, and a place naming an agreement as no place', () => {
    const got = found('The Ministry of Fisheries in Valmora said the Tarn water compact would be signed.');
    assert.ok(got.includes('Ministry of Fisheries/ORG'), got.join(', '));
    assert.ok(got.includes('Valmora/LOCATION'), got.join(', '));
    assert.ok(!got.some((g) => g.startsWith('Tarn')), got.join(', '));
  });

  it('never ends a name on a joining word', () => {
    const tokens = tokenize('the Region of Lakes');
    assert.deepEqual(spansOf(tokens, ['O', 'B-ORG', 'I-ORG', 'O']), [{ start: 4, end: 10, label: 'ORG' }]);
  });
});
