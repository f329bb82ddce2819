/**
 * The publication date of a page from its signals, strongest first: JSON-LD, article meta tags,
 * microdata, <time> in the article, the URL path, then dates written where a reader sees them (the
 * lines around the headline, bylines, datelines; written-dates.ts), last the text's own date line near
 * its top (src/lib/own-date-line.ts). Each value is normalised to ISO 8601, keeping the time zone when
 * the page gives one; the evidence names the step that gave it.
 *
 * A machine timestamp in UTC names the right instant but often the wrong calendar day for the reader:
 * "Nov. 19, 2019 5:50 PM" in Los Angeles is 01:50 on the 20th in UTC, and "Thursday" in that report
 * means the Thursday before the 19th. So a UTC stamp is re-expressed in the publisher's own offset when
 * the page shows it: another stamp of the same instant with an offset, or a visible date and time of
 * the same instant (with its zone, or to the minute).
 */
import * as chrono from 'chrono-node';
import { monthNumber } from '../../lib/month-names.ts';
import { ownDateLine } from '../../lib/own-date-line.ts';
import { plausible, writtenDates, type WrittenDate } from './written-dates.ts';

/** Meta tags that carry a publication date, by their lower-cased name or property. */
export const DATE_META_NAMES = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.date',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'ptime',
  'citation_publication_date',
  'cxenseparse:recs:publishtime',
  'originalpublicationdate',
  // Further names CMSs and publishers' templates write (Open Graph variants, Dublin Core, rNews, and
  // the plain names of home-made templates); each is a publication date by its name.
  'og:published_time',
  'article:published_date',
  'pub_date',
  'pdate',
  'published_date',
  'published-date',
  'date_published',
  'publication-date',
  'dcterms.issued',
  'dc.date.created',
  'dc.created',
  'rnews:datepublished',
  'article_date_original',
];

/** Dates in URL paths: /2019/11/19/, /2019-11-19, -2019-11-19-, /20191119/, -20191119.html. */
const URL_DATE =
  /[/_-]((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)|[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/;
/** A month written as a word in a URL path: /2013/may/27/, /2024/mar/12/. */
const URL_MONTH_DATE = /\/((?:19|20)\d\d)\/([a-z]{3,9})\/(0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/i;

export interface DateCandidate {
  source: string;
  value: string | null | undefined;
}

/** Returns the first candidate that reads as a plausible date, normalised, with its source; or null. */
export function firstDate(candidates: DateCandidate[]): { value: string; source: string } | null {
  for (const c of candidates) {
    const v = c.value ? normaliseDate(c.value) : null;
    if (v && plausible(v)) return { value: v, source: c.source };
  }
  return null;
}

const pad = (n: number | null): string => String(n ?? 0).padStart(2, '0');

/** The signals of one page, strongest first within each kind. */
export interface DateSignals {
  machine: DateCandidate[];
  url: string | null;
  /** Visible texts that may carry the date: the lines around the headline, bylines, datelines. */
  visible: { source: string; text: string }[];
  language: string | null;
  /** The report's text, whose own date line near its top is the last resort (src/lib/own-date-line.ts). */
  text?: string | null;
  /** The page's address, whose year (when its path has one) a written date must agree with. */
  pageUrl?: string | null;
}

/** How far apart two stamps of "the same instant" may be (a page's stamps are often rounded differently). */
const SAME_INSTANT_MS = 15 * 60_000;
/** A wall time read to the minute against a UTC stamp: the stamp's seconds are cut, nothing more. */
const SAME_MINUTE_MS = 2 * 60_000;
const MAX_OFFSET_MINUTES = 14 * 60;

/** Decides the publication date from all signals; null when the page gives none. */
export function decidePublished(signals: DateSignals): { value: string; source: string } | null {
  // Reading visible text is the costly part, so it is done only when a decision needs it.
  const firstPublished = (): (WrittenDate & { source: string })[] => {
    const visible = signals.visible.flatMap((v) =>
      writtenDates(v.text, signals.language)
        .filter((d) => !inRunningProse(v.text, d.text))
        .map((d) => ({ ...d, source: v.source })),
    );
    return [...visible.filter((d) => !d.updated), ...visible.filter((d) => d.updated)];
  };
  const machine = firstDate(signals.machine);
  if (machine) return inLocalTime(machine, signals, firstPublished);
  if (signals.url) return { value: signals.url, source: 'url' };
  // A URL that files the page under a year ("/2010/politics/…") rules out a written date of another
  // year: that is a date the article tells of ("signed on August 14, 1935").
  const year = signals.pageUrl ? yearInUrl(signals.pageUrl) : null;
  const ofYear = (day: string) => year === null || day.startsWith(year);
  const seen = firstPublished().find((d) => ofYear(d.day));
  if (seen) return { value: seen.day, source: `text:${seen.source}` };
  const own = signals.text ? ownDateLine(signals.text, signals.language) : null;
  return own && ofYear(own.day) ? { value: own.day, source: `text:own-${own.why}` } : null;
}

/** Words of a sentence before a date that make it prose ("…signed the act into law on August 14, 1935"). */
const PROSE_WORDS_BEFORE = 6;

/**
 * Whether a written date sits inside running prose — a lower-case word right before it, and a sentence
 * of several words leading up to it — where it is what the article tells of, not when it was published.
 * Bylines and datelines put a date after a name, a comma, a bar or a cue ("Published", "Updated").
 */
export function inRunningProse(text: string, date: string): boolean {
  const sample = text.replace(/\s+/g, ' ');
  const at = sample.indexOf(date);
  if (at < 0) return false;
  const sentence =
    sample
      .slice(0, at)
      .split(/[.!?|•·]\s+|\n/)
      .pop() ?? '';
  const words = sentence.trim().split(/\s+/).filter(Boolean);
  const before = words.at(-1) ?? '';
  return words.length >= PROSE_WORDS_BEFORE && /^\p{Ll}+$/u.test(before) && !UPDATE_OR_CUE.test(before);
}

/** Lower-case words that introduce a page's own date, not an event in prose. */
const UPDATE_OR_CUE = /^(?:published|posted|updated|modified|le|am|el|em|il|op|dnia|от)$/iu;

/** The year a URL's path files the page under (a whole path segment), or null. */
export function yearInUrl(url: string): string | null {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  return /\/((?:19|20)\d\d)(?:\/|$)/.exec(path)?.[1] ?? null;
}

/** A stamp as normaliseDate writes it (zone as Z or ±HH:MM). */
const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Minutes east of UTC of a stamp's zone; 0 for Z; null when the stamp has none. */
function stampOffset(zone: string | undefined): number | null {
  if (!zone) return null;
  if (zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone) as RegExpExecArray;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * A UTC (or zone-less) stamp re-expressed in the publisher's offset when the page shows it, in order:
 *   1. another machine stamp of the same instant with its offset, or a zone-less wall time of it
 *      ("Monday, November 18, 2019, 08:19 PM" beside 2019-11-19T01:19Z);
 *   2. a visible date and time of the same instant (with its zone, or to the minute).
 * A date without a time that another stamp with an offset puts one day away is that stamp's local day.
 */
function inLocalTime(
  chosen: { value: string; source: string },
  signals: DateSignals,
  readVisible: () => (WrittenDate & { source: string })[],
): { value: string; source: string } {
  const m = STAMP.exec(chosen.value);
  if (!m) return localDayOfDateOnly(chosen, signals.machine) ?? chosen;
  const own = stampOffset(m[7]);
  if (own !== null && own !== 0) return chosen;
  const instant = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`);
  if (Number.isNaN(instant)) return chosen;
  const zoned = (offset: number, from: string) => ({
    value: withOffset(instant, offset),
    source: `${chosen.source} (zone from ${from})`,
  });
  for (const c of signals.machine) {
    const v = c.value ? normaliseDate(c.value) : null;
    const other = v ? STAMP.exec(v) : null;
    if (!other || c.source === chosen.source) continue;
    const offset = stampOffset(other[7]);
    if (offset) {
      if (Math.abs(Date.parse(v as string) - instant) <= SAME_INSTANT_MS) return zoned(offset, c.source);
    } else if (offset === null) {
      const wall = Date.parse(`${(v as string).slice(0, 16)}Z`);
      const found = offsetOfWallTime(wall, instant);
      if (found !== null) return zoned(found, c.source);
    }
  }
  for (const d of readVisible()) {
    if (d.hour === null) continue;
    const [y, mo, da] = d.day.split('-').map(Number) as [number, number, number];
    const wall = Date.UTC(y, mo - 1, da, d.hour, d.minute ?? 0);
    if (d.offsetMinutes !== null) {
      if (Math.abs(wall - d.offsetMinutes * 60_000 - instant) <= SAME_INSTANT_MS)
        return zoned(d.offsetMinutes, `text:${d.source}`);
      continue;
    }
    if (d.updated) continue;
    const found = offsetOfWallTime(wall, instant);
    if (found !== null) return zoned(found, `text:${d.source}`);
  }
  return chosen;
}

/** The offset (minutes east of UTC) at which `wall` is the local time of `instant`, to the minute; or null. */
function offsetOfWallTime(wall: number, instant: number): number | null {
  const diff = (wall - instant) / 60_000;
  const offset = Math.round(diff / 15) * 15;
  return Math.abs(diff - offset) * 60_000 <= SAME_MINUTE_MS &&
    Math.abs(offset) <= MAX_OFFSET_MINUTES &&
    offset !== 0
    ? offset
    : null;
}

/** A date without a time one day away from another stamp's local day: that stamp's day (it has the zone). */
function localDayOfDateOnly(
  chosen: { value: string; source: string },
  machine: DateCandidate[],
): { value: string; source: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(chosen.value)) return null;
  for (const c of machine) {
    const v = c.value ? normaliseDate(c.value) : null;
    const m = v ? STAMP.exec(v) : null;
    if (!m || !stampOffset(m[7])) continue;
    const days = Math.abs(
      Date.parse(`${v?.slice(0, 10)}T00:00:00Z`) - Date.parse(`${chosen.value}T00:00:00Z`),
    );
    if (days === 86_400_000)
      return { value: v as string, source: `${c.source} (local day; ${chosen.source} is UTC's)` };
  }
  return null;
}

/** An instant written as local time at `offset` minutes east of UTC. */
function withOffset(instant: number, offset: number): string {
  return `${new Date(instant + offset * 60_000).toISOString().slice(0, 19)}${offsetText(offset)}`;
}

/** Returns an ISO 8601 form of a date written in markup or prose, or null when it is not one. */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  const iso =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$/i.exec(
      s,
    );
  if (iso) return iso[2] ? `${iso[1]}T${iso[2]}${zone(iso[3])}` : (iso[1] as string);
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString(); // Unix seconds
  if (/^\d{13}$/.test(s)) return new Date(Number(s)).toISOString();
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  for (const parsed of chrono.strict.parse(s)) {
    const c = parsed.start;
    if (!c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) continue;
    const day = `${c.get('year')}-${pad(c.get('month'))}-${pad(c.get('day'))}`;
    if (!c.isCertain('hour')) return day;
    const time = `${day}T${pad(c.get('hour'))}:${pad(c.get('minute'))}:${pad(c.get('second'))}`;
    return c.isCertain('timezoneOffset') ? `${time}${offsetText(c.get('timezoneOffset') ?? 0)}` : time;
  }
  return null;
}

/** A stamp's zone written the ISO way: Z, or ±HH:MM. */
function zone(raw: string | undefined): string {
  if (!raw) return '';
  if (/^(z|utc|gmt)$/i.test(raw)) return 'Z';
  return raw.includes(':') ? raw : `${raw.slice(0, 3)}:${raw.slice(3)}`;
}

/** Minutes east of UTC written as ±HH:MM. */
function offsetText(offset: number): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Returns the date written in a URL's path, or null. */
export function dateInUrl(url: string): string | null {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  const m = URL_DATE.exec(path);
  if (m) {
    const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  const w = URL_MONTH_DATE.exec(path);
  const month = w ? monthNumber(w[2] as string) : null;
  return w && month ? `${w[1]}-${pad(month)}-${pad(Number(w[3]))}` : null;
}
