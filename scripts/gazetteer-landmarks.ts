/**
 * Natural features and landmarks for data/gazetteers/landmarks.json.gz (see scripts/build-gazetteer.ts):
 * WordNet 3.1's named mountains, volcanoes, lakes, islands, national parks, waterfalls, deserts, canyons,
 * bridges, towers, palaces, dams and the like (instances in noun.location, noun.object and noun.artifact),
 * each with the countries it lies in — from its part-of links (Everest: part of Nepal and of Tibet, in
 * China), else from the places its gloss names ("a mountain peak in southwestern Colorado"). Continents,
 * oceans and seas are written with no country: places of no one country, never to be placed in the
 * country of the report that names them. A feature that neither its links nor its gloss place is left out.
 */
import { COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../src/lib/countries.ts';

interface Synset {
  lemmas: string[];
  file: number;
  isA: string[];
  hypernyms: string[];
  partOf: string[];
  gloss: string;
}

/** Kinds of feature and landmark kept (a lemma among the instance's hypernyms, at any depth). */
const FEATURE = new Set([
  'natural elevation',
  'mountain',
  'mountain peak',
  'volcano',
  'hill',
  'ridge',
  'range',
  'lake',
  'waterfall',
  'national park',
  'park',
  'island',
  'archipelago',
  'atoll',
  'desert',
  'canyon',
  'gorge',
  'glacier',
  'valley',
  'cape',
  'peninsula',
  'promontory',
  'tableland',
  'plain',
  'forest',
  'reef',
  'geyser',
  'cave',
  'beach',
  'bay',
  'gulf',
  'inlet',
  'strait',
  'channel',
  'sea',
  'ocean',
  'river',
  'continent',
  'bridge',
  'tower',
  'palace',
  'temple',
  'memorial',
  'monument',
  'stadium',
  'dam',
  'skyscraper',
  'fortress',
  'castle',
  'cathedral',
  'church',
  'mosque',
  'shrine',
  'canal',
  'wall',
  'amphitheater',
  'citadel',
  'mausoleum',
  'arena',
  'square',
]);

/** Kinds the other gazetteers hold (settlements, countries, divisions) or that are no place on earth. */
const NOT_A_FEATURE = new Set([
  'city',
  'town',
  'port',
  'national capital',
  'state capital',
  'provincial capital',
  'country',
  'state',
  'province',
  'administrative district',
  'celestial body',
  'constellation',
  'star',
  'planet',
  'satellite',
  'asteroid',
]);

/** A feature in more countries than this (the Andes, the Danube) is no one country's. */
const MAX_COUNTRIES = 2;

/** Features of no one country by their kind: water bodies and land masses shared by many. */
const NO_COUNTRY = new Set(['continent', 'ocean', 'sea']);

/**
 * Rows [name, countries (ISO alpha-2, space-separated; empty for a place of no one country)] for every
 * name of every feature. `keepName` decides whether a one-word name is kept (not a person's name or an
 * everyday word: "Adams" is left out, "Mount Adams" kept).
 */
export function landmarkRows(nounData: string, keepName: (name: string) => boolean): [string, string][] {
  const synsets = parse(nounData);
  const byLemma = new Map<string, string[]>();
  for (const [id, s] of synsets)
    if (s.file === 15 || s.file === 17)
      for (const l of s.lemmas) byLemma.set(l.toLowerCase(), [...(byLemma.get(l.toLowerCase()) ?? []), id]);
  const ancestorMemo = new Map<string, Set<string>>();
  const ancestors = (id: string, depth = 0): Set<string> => {
    const hit = ancestorMemo.get(id);
    if (hit) return hit;
    const s = synsets.get(id);
    const out = new Set<string>(s?.lemmas ?? []);
    if (s && depth < 12) for (const h of s.hypernyms) for (const a of ancestors(h, depth + 1)) out.add(a);
    ancestorMemo.set(id, out);
    return out;
  };
  // A place's country: by its part-of links first (the state of Georgia is part of the United States),
  // else by its own name when that is a country's.
  const countryOf = (id: string, depth: number): string | undefined => {
    const s = synsets.get(id);
    if (!s || depth > 5) return undefined;
    const up = s.partOf.map((p) => countryOf(p, depth + 1)).find(Boolean);
    return up ?? s.lemmas.map((l) => COUNTRY_BY_NAME.get(l.toLowerCase())?.code).find(Boolean);
  };
  const rows: [string, string][] = [];
  for (const [id, s] of synsets) {
    if (![6, 15, 17].includes(s.file) || !s.isA.length) continue;
    const kinds = new Set(s.isA.flatMap((h) => [...ancestors(h)]));
    if (![...kinds].some((k) => FEATURE.has(k)) || [...kinds].some((k) => NOT_A_FEATURE.has(k))) continue;
    let shared = [...kinds].some((k) => NO_COUNTRY.has(k));
    const placed = shared ? [] : placeCountries(id, s, synsets, byLemma, countryOf);
    // A range or a river through more than two countries is no one country's either.
    const countries = placed.length > MAX_COUNTRIES ? [] : placed;
    if (placed.length > MAX_COUNTRIES) shared = true;
    // A feature nothing places in a country is left out (it says nothing); a shared one is kept, countryless.
    if (!shared && !countries.length) continue;
    for (const name of s.lemmas) {
      if (!/^\p{Lu}/u.test(name) || COUNTRY_BY_DEMONYM.has(name.toLowerCase())) continue;
      // Abbreviations ("GB", "WTC") stand for too many other things.
      if (/^[\p{Lu}\d.]+$/u.test(name)) continue;
      if (!/\s/.test(name) && !keepName(name)) continue;
      if (!rows.some((r) => r[0] === name)) rows.push([name, countries.join(' ')]);
    }
  }
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The countries of a feature: those of its part-of links, else of the places its gloss puts it in. */
function placeCountries(
  id: string,
  s: Synset,
  synsets: Map<string, Synset>,
  byLemma: Map<string, string[]>,
  countryOf: (id: string, depth: number) => string | undefined,
): string[] {
  // An island that is a country under one of its names ("Ceylon") is that country.
  const own = s.lemmas.map((l) => COUNTRY_BY_NAME.get(l.toLowerCase())?.code).find(Boolean);
  if (own) return [own];
  // The countries and divisions it is part of before the ranges and seas it belongs to (Everest is part
  // of the Himalayas, of Nepal and of Tibet: Nepal and China, not every country of the Himalayas).
  const isFeature = (p: string) => synsets.get(p)?.file === 17;
  for (const holonyms of [s.partOf.filter((p) => !isFeature(p)), s.partOf.filter(isFeature)]) {
    const linked = new Set(holonyms.map((p) => countryOf(p, 1)).filter((c): c is string => !!c));
    if (linked.size) return [...linked];
  }
  const glossed = new Set<string>();
  const re =
    /\b(?:in|on)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?((?:\p{Lu}[\p{L}.'-]*\s?){1,3})/gu;
  for (const m of s.gloss.matchAll(re)) {
    const name = (m[1] as string).trim().toLowerCase();
    const code =
      COUNTRY_BY_NAME.get(name)?.code ??
      (byLemma.get(name) ?? [])
        .filter((other) => other !== id && synsets.get(other)?.file === 15)
        .map((other) => countryOf(other, 1))
        .find(Boolean);
    if (code) glossed.add(code);
    if (glossed.size) break;
  }
  return [...glossed];
}

function parse(data: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of data.split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const parts = line.split(' ');
    const count = parseInt(parts[3] as string, 16);
    const lemmas = [];
    for (let k = 0; k < count; k++)
      lemmas.push((parts[4 + 2 * k] as string).replace(/\(.*\)$/, '').replace(/_/g, ' '));
    const isA: string[] = [];
    const hypernyms: string[] = [];
    const partOf: string[] = [];
    for (let i = 5 + 2 * count; i + 1 < parts.length && parts[i] !== '|'; i += 4) {
      if (parts[i] === '@i') isA.push(parts[i + 1] as string);
      if (parts[i] === '@') hypernyms.push(parts[i + 1] as string);
      if (parts[i] === '#p') partOf.push(parts[i + 1] as string);
    }
    const gloss = line.slice(line.indexOf(' | ') + 3);
    synsets.set(parts[0] as string, { lemmas, file: Number(parts[1]), isA, hypernyms, partOf, gloss });
  }
  return synsets;
}
