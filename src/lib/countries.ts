/** Country names and demonyms from the world-countries data package (no network at run time). */
import worldCountries, { type Country } from 'world-countries';

/** The package is CommonJS; under Node's ESM loader its array may arrive as `default`. */
const countries: Country[] = ((worldCountries as unknown as { default?: Country[] }).default ??
  worldCountries) as Country[];

export interface CountryEntry {
  code: string;
  name: string;
}

/** Lower-cased country name or alternative spelling → country. */
export const COUNTRY_BY_NAME: ReadonlyMap<string, CountryEntry> = buildCountries();
/** Lower-cased demonym ("polish", "kenyan") → country. */
export const COUNTRY_BY_DEMONYM: ReadonlyMap<string, CountryEntry> = buildDemonyms();
/** Lower-cased capital city → country. */
export const COUNTRY_BY_CAPITAL: ReadonlyMap<string, CountryEntry> = buildCapitals();

function buildCountries(): Map<string, CountryEntry> {
  const m = new Map<string, CountryEntry>();
  for (const c of countries) {
    const entry = { code: c.cca2, name: c.name.common };
    for (const n of [c.name.common, c.name.official, ...c.altSpellings.filter((a) => a.length > 3)])
      m.set(n.toLowerCase(), entry);
  }
  for (const [alias, code] of [
    ['britain', 'GB'],
    ['great britain', 'GB'],
    ['the uk', 'GB'],
    ['uk', 'GB'],
    ['us', 'US'],
    ['usa', 'US'],
    ['the united states', 'US'],
    ['holland', 'NL'],
  ] as const) {
    const c = countries.find((x) => x.cca2 === code);
    if (c) m.set(alias, { code, name: c.name.common });
  }
  return m;
}

function buildDemonyms(): Map<string, CountryEntry> {
  const m = new Map<string, CountryEntry>();
  for (const c of countries) {
    const d = c.demonyms?.eng;
    if (!d) continue;
    for (const n of [d.m, d.f]) {
      if (!n) continue;
      // A demonym a territory shares with a state is the state's ("Indian" is India, not the British
      // Indian Ocean Territory; "Norwegian" is Norway, not Svalbard).
      const key = n.toLowerCase();
      const have = m.get(key);
      if (have && !c.unMember && countries.find((x) => x.cca2 === have.code)?.unMember) continue;
      m.set(key, { code: c.cca2, name: c.name.common });
    }
  }
  return m;
}

function buildCapitals(): Map<string, CountryEntry> {
  const m = new Map<string, CountryEntry>();
  for (const c of countries)
    for (const cap of c.capital ?? []) m.set(cap.toLowerCase(), { code: c.cca2, name: c.name.common });
  return m;
}
