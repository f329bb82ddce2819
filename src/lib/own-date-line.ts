/**
 * The date a report gives itself near its top: a line that is essentially only a date ("4 de septiembre
 * de 2008", "Tuesday, 12. März 2024, 10:45"), a date after a "date"/"published" cue ("Fecha: 3/4/2008",
 * "Publié le 3 janvier 2025"), or a dateline ("PARIS, 3 janvier 2025 —"). A date inside a sentence or a
 * headline is what the report tells of, not when it was written, and is not taken.
 */
import { findCalendarDates, type CalendarDate } from './calendar-dates.ts';

/** How many non-empty lines from the top are read: title, standfirst, byline and date sit there. */
export const OWN_DATE_LINES = 5;
/** A date line is short: a sentence that holds a date is longer than this. */
const MAX_DATE_LINE_CHARS = 90;
/** Words besides the date a date line may hold: a weekday, "Published", a time zone, a place. */
const MAX_OTHER_WORDS = 4;
/** Cues that introduce a report's own date, in the languages of month-names.ts. */
const DATE_CUE =
  /^(?:date|dated|datum|fecha|data|published(?: on)?|posted(?: on)?|publié(?: le)?|publiée?(?: le)?|veröffentlicht(?: am)?|publicado(?: el| em)?|pubblicato(?: il)?|gepubliceerd(?: op)?|opublikowano|опубликовано|опубліковано|yayınlanma(?: tarihi)?|yayın tarihi)\s*:?\s*$/iu;
/** A dateline's place: one to four capitalised words before a comma ("SAN JOSÉ, Costa Rica,"). */
const DATELINE_PLACE = /^\p{Lu}[\p{L}.'’ -]{1,40},(?:\s*\p{Lu}[\p{L}.'’ -]{1,30},)?\s*$/u;
/** A line that introduces a later version, not the first one. */
const UPDATE_CUE = /^(?:updated|last updated|modified|aktualisiert|mis à jour|actualizado|aggiornato)\b/iu;

export interface OwnDate {
  /** YYYY-MM-DD. */
  day: string;
  /** The line's index among the text's lines, and the date as written. */
  line: number;
  text: string;
  why: 'date-line' | 'date-cue' | 'dateline';
}

/** Returns the report's own date from its first lines, or null when it gives none. */
export function ownDateLine(text: string, language: string | null = null): OwnDate | null {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length && seen < OWN_DATE_LINES; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    seen++;
    if (line.length > MAX_DATE_LINE_CHARS * 3 || UPDATE_CUE.test(line)) continue;
    const dates = findCalendarDates(line.slice(0, MAX_DATE_LINE_CHARS * 3), language);
    const first = dates[0];
    if (!first) continue;
    const why = ownDateKind(line, first);
    if (why) return { day: first.day, line: i, text: first.text, why };
  }
  return null;
}

/** Why a line's first date is the report's own, or null when it is a date the report tells of. */
function ownDateKind(line: string, date: CalendarDate): OwnDate['why'] | null {
  const before = line.slice(0, date.start);
  if (DATE_CUE.test(before.trim())) return 'date-cue';
  if (
    DATELINE_PLACE.test(before) &&
    /^\s*(?:\(|[—–-]|$)/.test(line.slice(date.end).replace(/^[\s,]*\d{1,2}[:.h]\d\d\s*/, ''))
  )
    return 'dateline';
  if (line.length > MAX_DATE_LINE_CHARS) return null;
  const rest = `${before} ${line.slice(date.end)}`;
  const words = rest.match(/\p{L}{2,}/gu) ?? [];
  return words.length <= MAX_OTHER_WORDS ? 'date-line' : null;
}
