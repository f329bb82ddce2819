/**
 * Place linking: a place name to the most likely place of the gazetteers, weighing prominence (a national
 * capital, population) against the evidence of the report (the countries, regions and cities it names,
 * the dateline among them). A small town that shares a famous name is chosen only when the report points
 * at it: "Paris" is the French capital in a report on talks that also names the United States, and the
 * Texan town when the report names Texas.
 */
import type { LinkedPlace } from '../../domain/analysis.ts';
import { COUNTRY_BY_NAME } from '../../lib/countries.ts';
import { citiesByEnglishName } from '../../lib/exonyms.ts';
import { readsAsFacility } from '../../lib/facility-names.ts';
import { landmarkOf, type Landmark } from '../../lib/landmarks.ts';
import {
  capitalCities,
  citiesByName,
  englishWords,
  properNameKinds,
  regionsByName,
  type CityEntry,
  type RegionEntry,
} from '../../lib/lexicons.ts';

/** What a report says about where it is: the countries (ISO 3166-1 alpha-2) and divisions it names. */
export interface PlaceEvidence {
  countries: ReadonlySet<string>;
  /** First-level divisions the report names (ISO 3166-2: "US-TX" from "Texas"). */
  divisions: ReadonlySet<string>;
  /** The place written right after the name, after a comma ("Paris, Texas"; "London, Ontario"). */
  qualifier?: LinkedPlace;
}

export interface LinkedName {
  name: string;
  place: LinkedPlace;
}

const NO_EVIDENCE: PlaceEvidence = { countries: new Set(), divisions: new Set() };

/**
 * A town is a minor homonym of the prominent place of its name when it has under this share of that
 * place's people: Paris, Texas (25,000) against Paris (2.1 million), London, Ontario (347,000) against
 * London (7.6 million). A place of comparable size (Birmingham, Alabama at a fifth of Birmingham, England)
 * is a real rival, and the report's countries decide between them.
 */
const MINOR_SHARE = 0.1;

/** Cities this large win an ambiguous name over a region of it ("New York"). */
const LARGE_CITY = 100_000;

/**
 * A name that WordNet knows as a place but that the gazetteer holds only as towns under this size is
 * most likely a famous place the gazetteer spells in its own language ("Munich" is "München" there, and
 * only American Munichs answer to the English name): such a town is chosen only when the report names
 * its state.
 */
const EXONYM_TOWN = 50_000;

/** Compass words that make a part of a country or region ("Western Greece", "southern Texas"). */
const COMPASS_PART =
  /^(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|north-?east|north-?west|south-?east|south-?west)\s+(.+)$/i;

/** A compass word alone, which some countries use as a region's name. */
const BARE_COMPASS =
  /^(?:north|south|east|west|central|centre|center|north-?east|north-?west|south-?east|south-?west|northern|southern|eastern|western)$/;

/**
 * Parts of a continent that share a word with a country's name: "America" alone is the United States in
 * news copy ("jobs in America"), "North America" no part of it.
 */
const CONTINENT_PARTS = /^(?:north|south|central|latin)\s+america$/;

/**
 * Links a place name to the gazetteer: a country (any of its names) with precision 'country'; else a
 * city of 15,000 people or more with its coordinates and region, or a region (ISO 3166-2 subdivision)
 * with its code, or a compass part of a country or region ("Western Greece") with its country. An
 * ambiguous name goes to the place the report's evidence points at, else to the prominent place of the
 * name (see pickCity). Null for places the gazetteers lack.
 */
export function linkPlace(name: string, evidence: PlaceEvidence = NO_EVIDENCE): LinkedName | null {
  const key = placeKey(name);
  if (CONTINENT_PARTS.test(key)) return null;
  const country =
    COUNTRY_BY_NAME.get(key) ?? (key === 'america' ? COUNTRY_BY_NAME.get('united states') : undefined);
  const qualified = !country && !evidence.qualifier ? qualifiedName(name, evidence) : null;
  if (qualified) return qualified;
  if (country)
    return {
      name: country.name,
      place: { country: country.code, lat: null, lon: null, precision: 'country' },
    };
  // 1. The candidates: cities and regions of the name (as written, else without diacritics).
  const cities = cityCandidates(key);
  const regions = regionsByName().get(key) ?? foldedRegions().get(foldKey(key)) ?? [];
  if (!cities.length && !regions.length) {
    const feature = landmarkOf(name);
    if (feature) return asLandmark(feature, evidence);
    return compassPart(name, key) ?? placedByReport(name, evidence);
  }
  // 2. A city of a named division, or one of a named country that the prominence rules allow.
  const local = pickCity(key, cities, evidence);
  if (local) return asCity(local);
  // 3. A region in a named country.
  const localRegion = regions.find((r) => evidence.countries.has(r.country));
  if (localRegion) return asRegion(localRegion);
  // A region named only by a compass word ("North", "the East", "Centre") is that country's only when
  // the report names the country (step 3): alone it is a part of whatever country the report is about.
  if (BARE_COMPASS.test(key)) return null;
  // 4. The prominent city when large or when no region shares the name; else the region.
  const prominent = prominentCity(cities);
  if (prominent && isExonymTrap(key, cities) && !regions.length) return null;
  if (prominent && (prominent.population >= LARGE_CITY || prominent.capital || !regions.length))
    return asCity(prominent);
  const region = regions[0];
  return region ? asRegion(region) : prominent ? asCity(prominent) : null;
}

/**
 * The city of a name the report's evidence points at, or undefined: (a) the largest of a division the
 * report names ("Paris" with "Texas"); (b) the largest in a country the report names, where a minor
 * homonym (MINOR_SHARE, not a capital) counts only when the prominent place is no national capital and
 * its country is not named too. A name that is English for a foreign city goes to that city unless (a).
 */
function pickCity(key: string, cities: readonly CityEntry[], evidence: PlaceEvidence): CityEntry | undefined {
  const q = evidence.qualifier;
  if (q) {
    const qualified =
      cities.find((c) => q.region !== undefined && divisionOf(c) === q.region) ??
      cities.find((c) => c.country === q.country);
    if (qualified) return qualified;
  }
  const inDivision = cities.find((c) => evidence.divisions.has(divisionOf(c)));
  if (inDivision) return inDivision;
  if (isExonymTrap(key, cities)) return undefined;
  // A name English has for a foreign city ("Munich") means that city: its homonyms need their state named.
  const english = citiesByEnglishName().get(key)?.[0];
  if (english && english === prominentCity(cities)) return english;
  const prominent = prominentCity(cities);
  if (!prominent) return undefined;
  const minorAllowed = !prominent.capital && !evidence.countries.has(prominent.country);
  return cities.find((c) => evidence.countries.has(c.country) && (!isMinor(c, prominent) || minorAllowed));
}

/** The prominent place of a name: its national capital when one has the name, else its most populous city. */
function prominentCity(cities: readonly CityEntry[]): CityEntry | undefined {
  return cities.find((c) => c.capital) ?? cities[0];
}

function isMinor(c: CityEntry, prominent: CityEntry): boolean {
  return c !== prominent && !c.capital && c.population < prominent.population * MINOR_SHARE;
}

/** A WordNet place name that the gazetteer holds only as small towns (see EXONYM_TOWN). */
function isExonymTrap(key: string, cities: readonly CityEntry[]): boolean {
  return (
    cities.length > 0 &&
    cities.every((c) => !c.capital && c.population < EXONYM_TOWN) &&
    (properNameKinds().get(key) ?? '').includes('L')
  );
}

/**
 * The cities of a name, with a national capital the gazetteer files under a longer name added
 * ("Washington" is "Washington, D.C." there), and the cities the name is English for ("Munich" for
 * München), most populous first.
 */
function cityCandidates(key: string): CityEntry[] {
  const own = citiesByName().get(key) ?? foldedCities().get(foldKey(key)) ?? [];
  const english = citiesByEnglishName().get(key);
  const cities = english ? [...own, ...english].sort((a, b) => b.population - a.population) : own;
  const capital = capitalCities().get(key);
  return capital && !cities.includes(capital) ? [capital, ...cities] : cities;
}

/**
 * A place the gazetteers lack (a small town, a district, a camp) in the region or country written right
 * after it ("Oakbury, Vermont") or, when every other place the report names lies in one country, in that
 * country, unless it is a common English word: the name is kept as written, without coordinates. A name that reads as a company, a port or a
 * facility (readsAsFacility) or that is no capitalised name is left unlinked.
 */
function placedByReport(name: string, evidence: PlaceEvidence): LinkedName | null {
  if (readsAsFacility(name) || !/^\p{Lu}/u.test(name)) return null;
  // A headline's capitals are not the name's spelling ("KIBWEZI" → "Kibwezi").
  if (name === name.toUpperCase())
    name = name
      .toLowerCase()
      .replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
  const q = evidence.qualifier;
  if (q) return { name, place: { country: q.country, lat: null, lon: null, precision: 'city' } };
  // A common word written with a capital ("Apple", "Center") is more often a company or a part of a name.
  if (evidence.countries.size !== 1 || englishWords().has(name.toLowerCase())) return null;
  const [country] = evidence.countries;
  return { name, place: { country: country as string, lat: null, lon: null, precision: 'city' } };
}

/** A name written with its region or country after a comma, as one mention ("Paris, Texas"). */
function qualifiedName(name: string, evidence: PlaceEvidence): LinkedName | null {
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (!comma) return null;
  const qualifier = linkPlace(comma[2] as string, evidence)?.place;
  if (!qualifier || qualifier.precision === 'city') return null;
  const linked = linkPlace(comma[1] as string, { ...evidence, qualifier });
  return linked && linked.place.country === qualifier.country ? linked : null;
}

/** The gazetteer's spelling of a place name, for a name left unlinked but written in capitals ("LISBON" → "Lisbon"). */
export function placeSpelling(name: string): string | undefined {
  const key = placeKey(name);
  return citiesByName().get(key)?.[0]?.name ?? regionsByName().get(key)?.[0]?.name;
}

/** A city's first-level division as the evidence names it ("US-TX"). */
export function divisionOf(c: CityEntry): string {
  return `${c.country}-${c.admin}`;
}

/** "Western Greece" → Greece; "southern Texas" → Texas's country and code. */
function compassPart(name: string, key: string): LinkedName | null {
  const part = COMPASS_PART.exec(key)?.[1];
  if (!part) return null;
  const country = COUNTRY_BY_NAME.get(part);
  if (country) return { name, place: { country: country.code, lat: null, lon: null, precision: 'region' } };
  const region = regionsByName().get(part)?.[0];
  return region
    ? {
        name,
        place: { country: region.country, lat: null, lon: null, precision: 'region', region: region.code },
      }
    : null;
}

/** The evidence a report's place names give (the dateline's among them): each linked without evidence, its country and region kept. */
export function placeEvidence(names: readonly string[]): Map<string, PlaceEvidenceItem> {
  const out = new Map<string, PlaceEvidenceItem>();
  for (const name of names) {
    const key = placeKey(name);
    if (out.has(key)) continue;
    const linked = linkPlace(name);
    if (!linked) continue;
    const { place } = linked;
    // A city gives its country only: a dateline in New York is no evidence that "Rome" is Rome, New York.
    // Nor is a region that shares its name with a city ("NEW YORK —", the gazetteer's "New York City", is
    // a dateline in the city, not a pointer to the state's towns).
    const cityToo =
      cityCandidates(key).length > 0 ||
      (citiesByName().get(`${key} city`)?.[0]?.population ?? 0) >= LARGE_CITY;
    const division = place.precision === 'region' && !cityToo ? place.region : undefined;
    out.set(key, { country: place.country, division });
  }
  return out;
}

export interface PlaceEvidenceItem {
  country: string;
  division: string | undefined;
}

/** The evidence of a report for linking one of its names: all the others' countries and divisions. */
export function evidenceFor(name: string, items: ReadonlyMap<string, PlaceEvidenceItem>): PlaceEvidence {
  const self = placeKey(name);
  const countries = new Set<string>();
  const divisions = new Set<string>();
  for (const [key, item] of items) {
    if (key === self) continue;
    countries.add(item.country);
    if (item.division) divisions.add(item.division);
  }
  return { countries, divisions };
}

/**
 * A natural feature or a landmark ("Mount Everest", "Lake Geneva", "the Golden Gate Bridge") in its country,
 * without coordinates; one on a border goes to the country the report names. A place of no one country
 * (a continent, an ocean, a sea) is not linked: it is no country's, not even the report's.
 */
function asLandmark(feature: Landmark, evidence: PlaceEvidence): LinkedName | null {
  const country = feature.countries.find((c) => evidence.countries.has(c)) ?? feature.countries[0];
  return country ? { name: feature.name, place: { country, lat: null, lon: null, precision: 'city' } } : null;
}

function asCity(c: CityEntry): LinkedName {
  return { name: c.name, place: { country: c.country, lat: c.lat, lon: c.lon, precision: 'city' } };
}

function asRegion(r: RegionEntry): LinkedName {
  return {
    name: regionName(r.name),
    place: { country: r.country, lat: null, lon: null, precision: 'region', region: r.code },
  };
}

/** A region's name in reading order: ISO lists some as "Madrid, Comunidad de". */
function regionName(name: string): string {
  const comma = /^([^,]+), (.+)$/.exec(name);
  return comma ? `${comma[2]} ${comma[1]}` : name;
}

function placeKey(name: string): string {
  const key = name.toLowerCase().replace(/^the\s+/, '');
  // An abbreviation written with stops is the same name ("U.K." is "UK", "U.S." is "US"), also as
  // tokenised text spaces it ("U. S.", "U. S").
  return /^(?:\p{L}\.\s?)+\p{L}\.?$/u.test(key) ? key.replace(/[.\s]/g, '') : key;
}

/** Lower case without diacritics ("zürich" → "zurich"). */
function foldKey(key: string): string {
  return key.normalize('NFKD').replace(/\p{M}/gu, '');
}

let folded: { cities: Map<string, CityEntry[]>; regions: Map<string, RegionEntry[]> } | null = null;
function foldedCities(): Map<string, CityEntry[]> {
  return foldedMaps().cities;
}

function foldedRegions(): Map<string, RegionEntry[]> {
  return foldedMaps().regions;
}

/** The gazetteers keyed without diacritics, for names written without them ("Zurich", "Sao Paulo"). */
function foldedMaps(): { cities: Map<string, CityEntry[]>; regions: Map<string, RegionEntry[]> } {
  if (!folded) {
    folded = { cities: new Map(), regions: new Map() };
    for (const [source, target] of [
      [citiesByName(), folded.cities],
      [regionsByName(), folded.regions],
    ] as const)
      for (const [key, list] of source) {
        const f = foldKey(key);
        if (f === key) continue;
        const have = (target as Map<string, unknown[]>).get(f);
        if (!have) (target as Map<string, unknown[]>).set(f, [...list]);
        else for (const e of list) if (!have.includes(e)) have.push(e);
      }
    for (const list of folded.cities.values()) list.sort((a, b) => b.population - a.population);
  }
  return folded;
}
