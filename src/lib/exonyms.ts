/**
 * English names of cities that the gazetteer spells in their own language ("Munich" for München, "Cologne"
 * for Köln, "Lisbon" for Lisboa): data/gazetteers/exonyms.json.gz, from WordNet's place instances, written
 * by scripts/build-gazetteer.ts. Each resolves to the gazetteer's city under the English name.
 */
import { dataFile } from './data-file.ts';
import { citiesByName, type CityEntry } from './lexicons.ts';

let exonyms: Map<string, CityEntry[]> | null = null;

/** Lower-case English name → the gazetteer cities it names (renamed to it), most populous first. */
export function citiesByEnglishName(): Map<string, CityEntry[]> {
  if (!exonyms) {
    const { rows } = dataFile<{ rows: [string, string, string][] }>('gazetteers/exonyms.json.gz');
    exonyms = new Map();
    for (const [english, country, local] of rows) {
      const city = citiesByName()
        .get(local.toLowerCase())
        ?.find((c) => c.country === country);
      if (!city) continue;
      const key = english.toLowerCase();
      const list = exonyms.get(key) ?? [];
      list.push({ ...city, name: english });
      exonyms.set(
        key,
        list.sort((a, b) => b.population - a.population),
      );
    }
  }
  return exonyms;
}
