/**
 * A report's dateline and the place it names. The dateline is the strongest evidence of where a report's
 * event is: extraction lifts the wire forms it knows off the first body line; the other forms are read
 * here at the start of the body text (a dateline after a headline or page furniture, a title-case place
 * with an outlet and desk in brackets, a place alone on its line). A page's time stamp ("Updated Nov 19",
 * "Published 3:05 PM") is no dateline.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import { COUNTRY_BY_CAPITAL, COUNTRY_BY_NAME } from '../../lib/countries.ts';
import { capitalCities, citiesByName, regionsByName, type CityEntry } from '../../lib/lexicons.ts';

/** A dateline as written: its place and what qualifies it ("BUFFALO, N.Y." → Buffalo, N.Y.). */
export interface Dateline {
  city: string;
  region: string | undefined;
}

/** A dateline's place with its country (null when neither the dateline nor the gazetteers give one). */
export interface DatelinePlace {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

/**
 * US states as the AP stylebook abbreviates them in datelines, with their postal codes (which are also
 * their ISO 3166-2 codes). Datelines also use the postal codes themselves (POSTAL_CODE).
 */
const AP_STATES: ReadonlyMap<string, string> = new Map([
  ['ala.', 'AL'],
  ['ariz.', 'AZ'],
  ['ark.', 'AR'],
  ['calif.', 'CA'],
  ['cal.', 'CA'],
  ['colo.', 'CO'],
  ['conn.', 'CT'],
  ['del.', 'DE'],
  ['d.c.', 'DC'],
  ['fla.', 'FL'],
  ['ga.', 'GA'],
  ['ill.', 'IL'],
  ['ind.', 'IN'],
  ['kan.', 'KS'],
  ['kans.', 'KS'],
  ['ky.', 'KY'],
  ['la.', 'LA'],
  ['md.', 'MD'],
  ['mass.', 'MA'],
  ['mich.', 'MI'],
  ['minn.', 'MN'],
  ['miss.', 'MS'],
  ['mo.', 'MO'],
  ['mont.', 'MT'],
  ['neb.', 'NE'],
  ['nebr.', 'NE'],
  ['nev.', 'NV'],
  ['n.h.', 'NH'],
  ['n.j.', 'NJ'],
  ['n.m.', 'NM'],
  ['n.y.', 'NY'],
  ['n.c.', 'NC'],
  ['n.d.', 'ND'],
  ['okla.', 'OK'],
  ['ore.', 'OR'],
  ['pa.', 'PA'],
  ['r.i.', 'RI'],
  ['s.c.', 'SC'],
  ['s.d.', 'SD'],
  ['tenn.', 'TN'],
  ['tex.', 'TX'],
  ['vt.', 'VT'],
  ['va.', 'VA'],
  ['wash.', 'WA'],
  ['w.va.', 'WV'],
  ['w. va.', 'WV'],
  ['wis.', 'WI'],
  ['wyo.', 'WY'],
]);

/** The US postal codes of the states and D.C. ("NY", "IL"), as some datelines write the state. */
const POSTAL_CODE =
  /^(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)$/;

/** Words that open a page's time stamp, which pages may mark up like a dateline. */
const TIME_STAMP = /^(?:last\s+)?(?:updated|published|posted|modified|edited|created|first published)\b/i;

/** A month as datelines write it ("Nov.", "November", "Sept."). */
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?`;
/** A date written into a dateline: ", Nov. 5", ", Nov 5, 2019", " 5 November", " (Nov. 5)". */
const DATE = String.raw`(?:,?\s+\(?(?:${MONTH}\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+${MONTH}(?:\s+\d{4})?)\)?)`;
/** The dash forms that end a dateline: "—", "–", "-", "--", "_", ":". */
const DASH = String.raw`(?:[—–_:]|--?)`;
/** An agency or outlet with an optional desk in brackets: "(AP)", "(CNN Business)", "(Reuters)". */
const OUTLET = String.raw`\((?:\p{Lu}[\p{L}&.'’/-]*)(?:\s+\p{Lu}[\p{L}&.'’/-]*){0,3}\)`;

/** A place in capitals, and what qualifies it: "HANOI, Vietnam", "BAAR, SWITZERLAND", "BUFFALO, N.Y.". */
const CAPITALS_PLACE = String.raw`(\p{Lu}[\p{Lu}'’.\- ]{1,40}?)(?:,\s+(\p{Lu}[\p{L}.'’\- ]{0,30}?))?`;
/** A place in title case, and what qualifies it: "Hong Kong", "Dayton, Ohio". */
const TITLE_PLACE = String.raw`(\p{Lu}\p{Ll}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2})(?:,\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}))?`;

/**
 * The dateline forms read at a paragraph's start, strongest first. Capitals with a dash or an outlet
 * ("HANOI, Vietnam (AP) —", "BAAR, SWITZERLAND, Nov. 5 —"); capitals alone on their line ("BAAR,
 * SWITZERLAND"); title case with an outlet ("Hong Kong (CNN Business)", text may follow without a space)
 * or with a dash ("Dayton, Ohio —"). The forms without a dash or an outlet count only when the gazetteers
 * know the place (see readDateline).
 */
const DATELINE_FORMS: readonly { re: RegExp; known: boolean }[] = [
  { re: new RegExp(String.raw`^${CAPITALS_PLACE}${DATE}?\s*(?:${OUTLET})?\s*${DASH}\s`, 'u'), known: false },
  { re: new RegExp(String.raw`^${CAPITALS_PLACE}${DATE}?\s*${OUTLET}\s*(?=\p{Lu})`, 'u'), known: false },
  { re: new RegExp(String.raw`^${CAPITALS_PLACE}${DATE}?\s*$`, 'u'), known: true },
  {
    re: new RegExp(String.raw`^${TITLE_PLACE}${DATE}?\s*${OUTLET}\s*(?:${DASH}\s|(?=\p{Lu}))`, 'u'),
    known: true,
  },
  { re: new RegExp(String.raw`^${TITLE_PLACE}${DATE}?\s*${DASH}\s`, 'u'), known: true },
];

/** How many paragraphs at the body's start may hold its dateline (a headline and page furniture may come first). */
const DATELINE_PARAGRAPHS = 6;
/** A paragraph this long with no dateline is the body's prose: a dateline after it is no report's own. */
const PROSE_PARAGRAPH = 160;

/**
 * The report's dateline: the first one extraction lifted off that reads as a place (not a time stamp),
 * else one at the start of a paragraph at the body's start.
 */
export function datelineOf(rec: ArticleRecord): Dateline | null {
  for (const e of rec.extracted.embedded)
    if (e.kind === 'dateline' && readsAsPlace(e.text)) {
      const [city, region] = e.text.split(',').map((s) => s.trim());
      if (city && city.length <= 40) return { city, region: region || undefined };
    }
  return bodyDateline(rec.article.text);
}

/** A dateline at the start of one of the body's first paragraphs (DATELINE_FORMS), or null. */
export function bodyDateline(text: string): Dateline | null {
  const paragraphs = text
    .slice(0, 4000)
    .split(/\n\s*\n|\n/)
    .slice(0, DATELINE_PARAGRAPHS);
  for (const raw of paragraphs) {
    const p = raw.trim();
    if (!p || TIME_STAMP.test(p)) continue;
    for (const { re, known } of DATELINE_FORMS) {
      const m = re.exec(p);
      if (!m) continue;
      const dateline = { city: (m[1] as string).trim(), region: m[2]?.trim() || undefined };
      if (!readsAsPlace(dateline.city)) continue;
      if (known && !datelinePlace(dateline, () => undefined).country) continue;
      return dateline;
    }
    if (p.length >= PROSE_PARAGRAPH) break;
  }
  return null;
}

/** Whether a dateline's text can be a place: no time stamp, no clock time or figures. */
function readsAsPlace(text: string): boolean {
  return !TIME_STAMP.test(text.trim()) && !/\d/.test(text);
}

/**
 * The place a dateline names, with its country: (1) the country it writes after the city ("HANOI,
 * Vietnam"); (2) a US state, abbreviated (AP_STATES, POSTAL_CODE) or in full ("Dayton, Ohio"), with the
 * city of that state; (3) the city itself, as the report links it (`linked`), a national capital, or the
 * prominent city of its name; (4) a country alone ("SWITZERLAND —").
 */
export function datelinePlace(
  d: Dateline,
  linked: (name: string) => { country: string; lat: number | null; lon: number | null } | undefined,
): DatelinePlace {
  const name = titleCase(d.city);
  const key = name.toLowerCase();
  const cities = citiesByName().get(key) ?? [];
  const region = d.region?.trim();
  if (region) {
    const country = COUNTRY_BY_NAME.get(region.toLowerCase());
    if (country) {
      const city = cities.find((c) => c.country === country.code);
      return { name, country: country.code, lat: city?.lat ?? null, lon: city?.lon ?? null };
    }
    const state = usState(region, cities);
    if (state) {
      const city = cities.find((c) => c.country === 'US' && c.admin === state);
      return { name, country: 'US', lat: city?.lat ?? null, lon: city?.lon ?? null };
    }
    const regions = regionsByName().get(region.toLowerCase()) ?? [];
    const inRegion = regions.length
      ? (regions.find((r) => cities.some((c) => `${c.country}-${c.admin}` === r.code)) ??
        regions.find((r) => cities.some((c) => c.country === r.country)) ??
        regions[0])
      : undefined;
    if (inRegion) {
      const city =
        cities.find((c) => `${c.country}-${c.admin}` === inRegion.code) ??
        cities.find((c) => c.country === inRegion.country);
      return { name, country: inRegion.country, lat: city?.lat ?? null, lon: city?.lon ?? null };
    }
  }
  const link = linked(name);
  if (link) return { name, country: link.country, lat: link.lat, lon: link.lon };
  const city: CityEntry | undefined = capitalCities().get(key) ?? cities[0];
  const country =
    COUNTRY_BY_CAPITAL.get(key)?.code ?? city?.country ?? COUNTRY_BY_NAME.get(key)?.code ?? null;
  return { name, country, lat: city?.lat ?? null, lon: city?.lon ?? null };
}

/**
 * The postal code of a US state a dateline writes after its city: an AP abbreviation ("N.Y.", "Ill.")
 * always; a bare postal code ("NY") only when the gazetteer has the city in that state or does not know
 * the city at all ("PERTH, WA" is Western Australia's Perth).
 */
function usState(region: string, cities: readonly CityEntry[]): string | undefined {
  const ap = AP_STATES.get(region.toLowerCase());
  if (ap) return ap;
  if (!POSTAL_CODE.test(region)) return undefined;
  return !cities.length || cities.some((c) => c.country === 'US' && c.admin === region) ? region : undefined;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}
