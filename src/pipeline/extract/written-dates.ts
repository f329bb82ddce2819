/**
 * Dates written where a reader sees them (bylines, datelines, the lines around the headline), with their
 * time of day and zone when given: chrono-node in the page's language, else the month-name lexicon of
 * src/lib (languages chrono lacks, numeric dates in the language's order).
 */
import * as chrono from 'chrono-node';
import { findCalendarDates } from '../../lib/calendar-dates.ts';

/**
 * Placeholders that CMSs write when they have no date: year 1 (0001-01-01), the Unix epoch, and
 * anything before 1900 (no news page was published then).
 */
export function plausible(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && !iso.startsWith('1970-01-01T00:00:00');
}

/** A date as written on the page, with its time of day and zone when given. */
export interface WrittenDate {
  day: string;
  hour: number | null;
  minute: number | null;
  /** Minutes east of UTC, from a zone written with the time ("9:24 pm ET"). */
  offsetMinutes: number | null;
  /** Introduced as an update ("Updated …"), not the first publication. */
  updated: boolean;
  text: string;
}

/** Locales chrono reads, by language subtag; English pages from these countries write day before month. */
const CHRONO_BY_LANGUAGE: Record<string, chrono.Chrono> = {
  de: chrono.de.strict,
  fr: chrono.fr.strict,
  ja: chrono.ja.strict,
  pt: chrono.pt.strict,
  nl: chrono.nl.strict,
  zh: chrono.zh.strict,
  ru: chrono.ru.strict,
  es: chrono.es.strict,
  uk: chrono.uk.strict,
  it: chrono.it.strict,
  sv: chrono.sv.strict,
};
const DAY_FIRST_ENGLISH = /^en[-_](gb|au|nz|ie|in|za|sg|ng|ke|pk)/i;
const UPDATE_CUE =
  /(?<![\p{L}])(updated?|modified|edited|aktualisiert|mis à jour|actualizad[oa]|atualizad[oa]|aggiornat[oa]|bijgewerkt|zaktualizowano|aktualizacja|обновлено|обновлен[оа]?|оновлено|güncellendi|güncelleme|آخر تحديث|기사수정|更新)(?![\p{L}])[^\d]{0,20}$/iu;

/** Dates written in a short visible text, in order, read in the page's language (English as a fallback). */
export function writtenDates(text: string, language: string | null): WrittenDate[] {
  const sample = text.replace(/\s+/g, ' ').slice(0, 400);
  const windows = yearWindows(sample);
  if (!windows.length) return [];
  const lang = (language ?? '').toLowerCase();
  const fromLexicon = (): WrittenDate[] =>
    findCalendarDates(sample, lang || null)
      .map((d) => ({
        day: d.day,
        hour: null,
        minute: null,
        offsetMinutes: null,
        updated: UPDATE_CUE.test(sample.slice(Math.max(0, d.start - 30), d.start)),
        text: d.text,
      }))
      .filter((d) => plausible(d.day));
  // A language chrono does not read (Polish, Turkish, Arabic…): the month-name lexicon first, as chrono's
  // English reading would take "12.03.2024" month first.
  if (lang && !lang.startsWith('en') && !CHRONO_BY_LANGUAGE[lang.slice(0, 2)]) {
    const own = fromLexicon();
    if (own.length) return own;
  }
  const parsers = [
    CHRONO_BY_LANGUAGE[lang.slice(0, 2)],
    DAY_FIRST_ENGLISH.test(lang) ? chrono.en.GB : chrono.strict,
  ].filter((p): p is chrono.Chrono => !!p);
  for (const parser of parsers) {
    const out: WrittenDate[] = [];
    for (const [from, to] of windows) {
      for (const r of parser.parse(sample.slice(from, to))) {
        const c = r.start;
        if (!c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) continue;
        const hasTime = c.isCertain('hour');
        const at = from + r.index;
        out.push({
          day: `${c.get('year')}-${pad(c.get('month'))}-${pad(c.get('day'))}`,
          hour: hasTime ? c.get('hour') : null,
          minute: hasTime ? (c.get('minute') ?? 0) : null,
          offsetMinutes: c.isCertain('timezoneOffset') ? c.get('timezoneOffset') : null,
          updated: UPDATE_CUE.test(sample.slice(Math.max(0, at - 30), at)),
          text: r.text,
        });
      }
    }
    if (out.length) return out.filter((d) => plausible(d.day));
  }
  return fromLexicon();
}

/** How far around a year a written date with its time and zone may reach ("11:26 pm EST, Tuesday, November 19, 2019"). */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 40;

/**
 * Stretches of the text around each year (every date kept has one), merged where they overlap; the
 * date parser reads only these, which keeps it cheap on long bylines.
 */
function yearWindows(sample: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of sample.matchAll(/(?:19|20)\d\d|\d\s*年/g)) {
    const from = Math.max(0, m.index - WINDOW_BEFORE);
    const to = Math.min(sample.length, m.index + m[0].length + WINDOW_AFTER);
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else out.push([from, to]);
  }
  return out;
}

const pad = (n: number | null): string => String(n ?? 0).padStart(2, '0');
