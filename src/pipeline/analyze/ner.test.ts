import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze.ts';
import { linkPlace } from './entities.ts';
import { gazetteerMarks, shape } from './ner-features.ts';
import { dataFile } from '../../lib/data-file.ts';
import { legalTag, NerTagger, spansOf } from './ner-tagger.ts';
import { wordCluster } from '../../lib/lexicons.ts';
import { tokenize } from './ner-tokens.ts';
import { AveragedPerceptron, PerceptronScorer, type PackedModel } from './perceptron.ts';

describe('entity tagger', () => {
  it('tokenizes with offsets, splitting possessives and keeping abbreviations whole', () => {
    const text = 'Zelensky’s aides met U.S. envoys in Kyiv.';
    const tokens = tokenize(text);
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['Zelensky', '’s', 'aides', 'met', 'U.S.', 'envoys', 'in', 'Kyiv', '.'],
    );
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it('reads shapes and gazetteer spans', () => {
    assert.deepEqual(['Kyiv', 'NATO', '2026', 'U.S.', 'McCain'].map(shape), ['Xx', 'X', 'd', 'X.X.', 'XxXx']);
    assert.deepEqual(gazetteerMarks(tokenize('Talks in the United Kingdom with Polish envoys')), [
      '',
      '',
      '',
      'B-country B-wL',
      'I-country I-wL',
      '',
      'B-demonym',
      '',
    ]);
    // A region (ISO 3166-2) and WordNet's kinds: a person (also a town's name), a body (also in the list of well-known organisations).
    assert.deepEqual(gazetteerMarks(tokenize('Plato spoke in Haute-Garonne to NATO')), [
      'B-city B-wP',
      '',
      '',
      'B-region',
      '',
      'B-wO B-org',
    ]);
  });

  it('knows a word by its group of meaning, and unseen names still tagged from it', () => {
    assert.ok(wordCluster('monday'));
    assert.equal(wordCluster('monday'), wordCluster('thursday'));
    assert.equal(wordCluster('not-a-word-xyz'), undefined);
    // Names absent from the training data, tagged from their groups, shapes and context.
    const found = (text: string) =>
      analyze({ id: 'x', text, publishedAt: null }).entities.map((e) => `${e.text}/${e.type}`);
    assert.deepEqual(found('"The plan is sound," said Guilbeault.'), ['Guilbeault/PERSON']);
    assert.deepEqual(found('Officials at Huawei declined to comment.'), ['Huawei/ORG']);
  });

  it('keeps BIO sequences well formed and turns them into spans', () => {
    assert.equal(legalTag('I-PER', 'O'), 'B-PER');
    assert.equal(legalTag('I-PER', 'B-ORG'), 'B-PER');
    assert.equal(legalTag('I-ORG', 'B-ORG'), 'I-ORG');
    const tokens = tokenize('Ana Vale visited Porto');
    assert.deepEqual(spansOf(tokens, ['B-PER', 'I-PER', 'O', 'B-LOC']), [
      { start: 0, end: 8, label: 'PER' },
      { start: 17, end: 22, label: 'LOC' },
    ]);
  });

  it('learns from examples and keeps the averaged weights', () => {
    const p = new AveragedPerceptron(['O', 'NAME']);
    for (let epoch = 0; epoch < 5; epoch++) {
      for (const [features, truth] of [
        [['cap', 'w=ana'], 1],
        [['low', 'w=the'], 0],
        [['cap', 'w=vale'], 1],
        [['low', 'w=met'], 0],
      ] as const) {
        const s = p.scores([...features]);
        p.update(truth, (s[1] as number) > (s[0] as number) ? 1 : 0, [...features]);
      }
    }
    const scorer = new PerceptronScorer(p.averaged());
    const out = scorer.scores(['cap', 'w=unseen'], new Float64Array(2));
    assert.ok((out[1] as number) > (out[0] as number), 'an unseen capitalised word reads as a name');
  });

  it('tags the same with cached feature groups as with whole feature lists', () => {
    const tagger = new NerTagger(dataFile<PackedModel>('models/ner-en.json.gz', false));
    for (const text of [
      'Prime Minister Ana Vale of Portugal met officials from the World Bank in Lisbon.',
      'GDAŃSK, Poland — Dockworkers at the Port of Gdańsk walked out.',
      'the talks ended. Nobody said anything in Paris or New York City',
    ]) {
      const tokens = tokenize(text);
      assert.deepEqual(tagger.tag(tokens), tagger.tagPlain(tokens), text);
    }
  });

  it('tags names in news text with the shipped model, titles split off, groups and surnames linked', () => {
    const a = analyze({
      id: 'x',
      text: 'Ukrainian President Volodymyr Zelensky met NATO Secretary General Mark Rutte in Brussels on Thursday. Western allies pledged more support. Later, Zelensky flew to Warsaw.',
      publishedAt: null,
    });
    const got = a.entities.map((e) => `${e.text}/${e.type}`);
    for (const want of [
      'Ukrainian/NORP',
      'Volodymyr Zelensky/PERSON',
      'NATO/ORG',
      'Mark Rutte/PERSON',
      'Brussels/LOCATION',
      'Western allies/NORP',
      'Zelensky/PERSON',
      'Warsaw/LOCATION',
    ]) {
      assert.ok(got.includes(want), `${want} in ${got.join(', ')}`);
    }
    const zel = a.entities.filter((e) => e.canonical === 'Volodymyr Zelensky');
    assert.equal(new Set(zel.map((e) => e.entityId)).size, 1);
  });

  it('links transliteration variants of one name and reads an all-caps headline', () => {
    const text =
      'ZELENSKY MEETS MACRON IN PARIS AS ALLIES WEIGH GUARANTEES\n\nUkrainian President Volodymyr Zelenskyy met French President Emmanuel Macron in Paris on Thursday. Zelenskiy said talks would continue. President Zelensky thanked the hosts.';
    const a = analyze({ id: 'x', text, publishedAt: null });
    const zel = a.entities.filter((e) => /zelensk/i.test(e.text));
    assert.deepEqual(
      zel.map((e) => e.text),
      ['ZELENSKY', 'Volodymyr Zelenskyy', 'Zelenskiy', 'Zelensky'],
    );
    assert.equal(new Set(zel.map((e) => e.entityId)).size, 1, 'one entity for every spelling');
    const headline = a.entities.filter((e) => e.end <= text.indexOf('\n'));
    assert.deepEqual(
      headline.map((e) => `${e.text}/${e.type}`),
      ['ZELENSKY/PERSON', 'MACRON/PERSON', 'PARIS/LOCATION'],
    );
    assert.equal(headline[2]?.entityId, a.entities.find((e) => e.text === 'Paris')?.entityId);
  });

  it('links places to the gazetteer: countries, and cities with coordinates chosen by the countries the report names', () => {
    const a = analyze({
      id: 'x',
      text: 'Officials from Portugal met in Porto. Others flew to London, Ontario, in Canada.',
      publishedAt: null,
    });
    const place = (name: string) => a.entities.find((e) => e.text === name)?.place;
    assert.deepEqual(place('Portugal'), { country: 'PT', lat: null, lon: null, precision: 'country' });
    assert.equal(place('Porto')?.country, 'PT');
    assert.equal(place('Porto')?.precision, 'city');
    assert.ok(Math.abs((place('Porto')?.lat ?? 0) - 41.15) < 0.1);
    // "London" in a report about Canada is London, Ontario, not the larger London.
    assert.equal(place('London')?.country, 'CA');
    const other = analyze({ id: 'y', text: 'Officials met in London on Monday.', publishedAt: null });
    assert.equal(other.entities.find((e) => e.text === 'London')?.place?.country, 'GB');
    assert.notEqual(
      other.entities.find((e) => e.text === 'London')?.entityId,
      a.entities.find((e) => e.text === 'London')?.entityId,
    );
    // Regions: ISO 3166-2 subdivisions, with their code.
    assert.deepEqual(place('Ontario'), {
      country: 'CA',
      lat: null,
      lon: null,
      precision: 'region',
      region: 'CA-ON',
    });
    const regions = analyze({
      id: 'z',
      text: 'Floods hit Texas on Monday, and storms reached Haute-Garonne in France.',
      publishedAt: null,
    });
    const region = (name: string) => regions.entities.find((e) => e.text === name)?.place;
    assert.equal(region('Texas')?.region, 'US-TX');
    assert.equal(region('Haute-Garonne')?.region, 'FR-31');
    assert.deepEqual(linkPlace('Madrid, Comunidad de')?.name, 'Comunidad de Madrid');
  });

  it('links an acronym to the organisation named in full in the report', () => {
    const a = analyze({
      id: 'x',
      text: 'The North Atlantic Treaty Organization met on Monday. NATO officials said the alliance would respond.',
      publishedAt: null,
    });
    const full = a.entities.find((e) => e.text === 'North Atlantic Treaty Organization');
    const short = a.entities.find((e) => e.text === 'NATO');
    assert.equal(short?.canonical, 'North Atlantic Treaty Organization');
    assert.equal(short?.entityId, full?.entityId);
  });

  it('keeps the title or role a report gives a person, split off the name', () => {
    const a = analyze({
      id: 'x',
      text: "French President Emmanuel Macron met Ukrainian President Volodymyr Zelensky. Marek Sobieralski, the union's chairman, said talks failed. Foreign Ministry spokeswoman Maria Vale disagreed.",
      publishedAt: null,
    });
    assert.deepEqual(
      a.entities.filter((e) => e.type === 'PERSON').map((e) => [e.text, e.role]),
      [
        ['Emmanuel Macron', 'French President'],
        ['Volodymyr Zelensky', 'Ukrainian President'],
        ['Marek Sobieralski', "the union's chairman"],
        ['Maria Vale', 'Foreign Ministry spokeswoman'],
      ],
    );
  });
});
