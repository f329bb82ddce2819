/** Small formatting for pages: dates, levels, places. */
import type { EventJson } from '../../run/event-views.ts';
import { html, type SafeHtml } from './html.ts';

// One formatter each, built once: toLocaleString builds a new one on every call (about 1 ms each).
const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const COUNT = new Intl.NumberFormat('en-GB');

/** Returns "14 Apr 2025" (or a range) for an event date, or "date unknown". */
export function formatDate(d: EventJson['date']): string {
  if (!d) return 'date unknown';
  const f = (s: string) => DAY.format(new Date(`${s.slice(0, 10)}T00:00:00Z`));
  return d.start.slice(0, 10) === d.end.slice(0, 10) ? f(d.start) : `${f(d.start)} – ${f(d.end)}`;
}

/** Returns the badge of a confidence level. */
export function levelBadge(level: string | null): SafeHtml {
  return level
    ? html`<span class="level level-${level}">${level}</span>`
    : html`<span class="level">Not assessed</span>`;
}

/** Returns "Porto, PT" or "" for an event place. */
export function formatPlace(p: Pick<NonNullable<EventJson['place']>, 'name' | 'country'> | null): string {
  return p ? [p.name, p.country].filter(Boolean).join(', ') : '';
}

/** Returns "1 report", "3 reports", "1 independent source" (a noun with an irregular plural passes it). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${COUNT.format(n)} ${n === 1 ? one : many}`;
}
