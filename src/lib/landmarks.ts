/**
 * Natural features and landmarks (mountains, volcanoes, lakes, islands, national parks, bridges, towers…)
 * with the countries they lie in: data/gazetteers/landmarks.json.gz, from WordNet's named instances,
 * written by scripts/build-gazetteer.ts. A feature of no one country (a continent, an ocean, a sea, a
 * range through many countries) has none.
 */
import { dataFile } from './data-file.ts';

export interface Landmark {
  name: string;
  /** ISO 3166-1 alpha-2 codes, the first the one it is most often placed in; empty for no one country. */
  countries: string[];
}

let landmarks: Map<string, Landmark> | null = null;

/** The landmark of a name ("Mount Everest", "Mt. Everest", "the Grand Canyon"), or undefined. */
export function landmarkOf(name: string): Landmark | undefined {
  if (!landmarks) {
    const { rows } = dataFile<{ rows: [string, string][] }>('gazetteers/landmarks.json.gz');
    landmarks = new Map();
    // Rows are in name order: of two spellings with one key ("Mount Everest", "Mt. Everest") the first names it.
    for (const [n, countries] of rows)
      if (!landmarks.has(landmarkKey(n)))
        landmarks.set(landmarkKey(n), { name: n, countries: countries.split(' ').filter(Boolean) });
  }
  return landmarks.get(landmarkKey(name));
}

/** Lower case, without a leading "the", with "Mt." read as "Mount". */
function landmarkKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/^mt\.?\s+/, 'mount ')
    .replace(/\s+/g, ' ');
}
