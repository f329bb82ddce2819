/**
 * Where a report puts its event: its dateline, else the place its lead puts the event in ("in Paris", "on
 * Mount Etna"), else a place it only names, a place the tagger missed, or its actors' nation
 * (report-place-missed.ts). Companies, facilities and outlets named after places are not places.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import type { EventPlace } from '../../domain/event.ts';
import { COUNTRY_BY_CAPITAL, COUNTRY_BY_NAME } from '../../lib/countries.ts';
import { readsAsFacility } from '../../lib/facility-names.ts';
import { landmarkOf } from '../../lib/landmarks.ts';
import { datelineOf, datelinePlace } from './report-place-dateline.ts';
import { landmarkMentions, nationOf, untaggedPlace } from './report-place-missed.ts';
import type { Entity } from './types.ts';

/**
 * A facility a place name only modifies ("at the Weser terminals", "the Riverside plant"): the scene is
 * the facility, which is no place of the gazetteer's, so the name does not stand for where it happened.
 */
const FACILITY_AFTER =
  /^\s+(?:terminals?|port|plant|factory|refinery|shipyards?|docks?|quay(?:side)?s?|airport|station|mine|warehouses?|depot|pipeline)\b/i;

/**
 * A place that is part of a news outlet's name ("France 24 reported", "the Jakarta Post", "BBC Scotland",
 * "Times of India"): where the outlet is, not where its story happened.
 */
const OUTLET_AFTER =
  /^\s+(?:24|Times|Post|Herald|Tribune|Journal|Daily|News|Gazette|Chronicle|Star|Sun|Telegraph|Observer|Examiner|Standard|Mirror|Express|Courier|Inquirer|Dispatch|Press|Today|Mail|Sentinel|Enquirer|Monitor|Advertiser|Statesman|Radio|TV|Television|Broadcasting)\b/;
const OUTLET_BEFORE = /\b(?:BBC|ABC|CBS|NBC|CNN|Sky|Radio|TV|Voice of|Times of|Radio Free)\s+$/;

/** Whether a place is part of an outlet's name written around it (OUTLET_AFTER, OUTLET_BEFORE). */
function inOutletName(text: string, e: Entity): boolean {
  return (
    OUTLET_AFTER.test(text.slice(e.end, e.end + 20)) ||
    OUTLET_BEFORE.test(text.slice(Math.max(0, e.start - 14), e.start))
  );
}

/** A locative preposition right before a place name. */
const LOCATIVE = /\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$/i;

/** How news puts an event on a mountain, an island or a lake ("died on Everest", "sank off Crete"). */
const LANDMARK_LOCATIVE =
  /\b(?:on|off|atop|up|climbing|climb|summit of|slopes? of|foot of|shores? of|banks? of)\s+(?:the\s+)?$/i;

/** Whether the words right before a place put the event there ("in Paris", "on Mount Etna"). */
function isLocative(text: string, e: Entity): boolean {
  const before = text.slice(Math.max(0, e.start - 20), e.start);
  return LOCATIVE.test(before) || (!!landmarkOf(e.canonical) && LANDMARK_LOCATIVE.test(before));
}

/**
 * Where it happened: the dateline's place when there is one (report-place-dateline.ts), else where the
 * lead puts it (leadPlace); a dateline of no known country only when the lead gives no country either.
 */
export function placeOf(rec: ArticleRecord, leadEnd: number, leadSentences: number): EventPlace | null {
  const dateline = datelineOf(rec);
  // The same place named in the text and linked there to the gazetteer gives its country and coordinates.
  const linked = (name: string) =>
    rec.analysis.entities.find(
      (e) => e.place?.precision === 'city' && e.canonical.toLowerCase() === name.toLowerCase(),
    )?.place;
  const filed = dateline
    ? { ...datelinePlace(dateline, linked), role: 'dateline' as const, precision: 'city' as const }
    : null;
  if (filed?.country) return filed;
  // A dateline of no known country: where the lead puts the event, when that has a country.
  const read = leadPlace(rec, leadEnd, leadSentences);
  return filed && !read?.country ? filed : read;
}

/**
 * Where the lead puts the event: the first place it puts it in ("in Paris", "at the port of …"), else the
 * first place named in the lead, else a place of the next sentences, a place the tagger missed or the
 * nation of the lead's actors.
 */
function leadPlace(rec: ArticleRecord, leadEnd: number, leadSentences: number): EventPlace | null {
  const text = rec.article.text;
  // A name the tagger also reads as an organisation in the report ("Apple … Apple said") is a company;
  // a name the gazetteers lack that shares a word with one ("the Nordlinie Aurora" beside "Nordlinie
  // Shipping") is the company's ship, plant or brand.
  const orgNames = rec.analysis.entities
    .filter((e) => e.type === 'ORG')
    .map((e) => e.canonical.toLowerCase());
  const orgs = new Set(orgNames);
  const orgWords = new Set(orgNames.flatMap((n) => n.split(/\s+/)).filter((w) => w.length >= 4));
  const ofAnOrg = (e: Entity) =>
    orgs.has(e.canonical.toLowerCase()) ||
    (!inGazetteer(e) &&
      e.canonical
        .toLowerCase()
        .split(/\s+/)
        .some((w) => orgWords.has(w)));
  const landmarks = landmarkMentions(rec, leadEnd);
  const inLead = [
    ...rec.analysis.entities.filter(
      (e) =>
        e.type === 'LOCATION' &&
        e.start < leadEnd &&
        !landmarks.some((l) => l.start < e.end && l.end > e.start) &&
        !ofAnOrg(e),
    ),
    ...landmarks,
  ]
    .filter(
      (e) =>
        !FACILITY_AFTER.test(text.slice(e.end, e.end + 24)) &&
        !readsAsFacility(e.canonical) &&
        !inOutletName(text, e),
    )
    .sort((a, b) => a.start - b.start);
  // Where it happened is the place the lead puts it "in" or "at" ("met in Lisbon"); a place only
  // named ("35 countries including Ukraine") is a participant or a topic, not the scene.
  const scene = inLead.find((e) => isLocative(text, e)) ?? inLead.find((e) => inGazetteer(e)) ?? inLead[0];
  // "in the Netherlands" with Rotterdam named too: the city in that country is the more precise scene.
  const loc =
    scene?.place?.precision === 'country'
      ? (inLead.find((e) => e.place?.precision === 'city' && e.place.country === scene.place?.country) ??
        scene)
      : scene;
  const found = loc ? asPlace(loc, isLocative(text, loc) ? 'occurred' : 'mentioned') : null;
  if (found?.country) return found;
  // A scene of no country ("in the EU", "in North America") or none: where the report gives a country.
  const locative = (e: Entity) => isLocative(text, e);
  const followEnd =
    rec.analysis.sentences[leadSentences + FOLLOW_SENTENCES - 1]?.end ?? rec.article.text.length;
  const next = rec.analysis.entities.filter(
    (e) =>
      e.type === 'LOCATION' &&
      e.start >= leadEnd &&
      e.start < followEnd &&
      !!e.place?.country &&
      locative(e) &&
      !FACILITY_AFTER.test(text.slice(e.end, e.end + 24)) &&
      !inOutletName(text, e) &&
      !ofAnOrg(e),
  );
  const placed =
    inLead.find((e) => !!e.place?.country && locative(e)) ??
    inLead.find((e) => !!e.place?.country) ??
    next[0];
  return (
    (placed && asPlace(placed, locative(placed) ? 'occurred' : 'mentioned')) ??
    untaggedPlace(rec, leadEnd) ??
    nationOf(rec, leadEnd) ??
    found
  );
}

/** Sentences after the lead read for "in <place>" when the lead puts the event nowhere with a country. */
const FOLLOW_SENTENCES = 3;

export function asPlace(loc: Entity, role: EventPlace['role']): EventPlace {
  if (loc.place)
    return {
      name: loc.canonical,
      country: loc.place.country,
      lat: loc.place.lat,
      lon: loc.place.lon,
      role,
      precision: loc.place.precision,
    };
  const country = COUNTRY_BY_NAME.get(loc.canonical.toLowerCase());
  return {
    name: loc.canonical,
    country: country?.code ?? COUNTRY_BY_CAPITAL.get(loc.canonical.toLowerCase())?.code ?? null,
    lat: null,
    lon: null,
    role,
    precision: country ? 'country' : 'city',
  };
}

/**
 * A place the gazetteers hold (a country, a region, a city with coordinates, a landmark), not one only
 * placed by its report.
 */
function inGazetteer(e: Entity): boolean {
  const place = e.place;
  return !!place && (place.precision !== 'city' || place.lat !== null || !!landmarkOf(e.canonical));
}
