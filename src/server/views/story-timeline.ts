/**
 * A story's events on a vertical SVG timeline, drawn on the server: a mark a dated event on one axis,
 * placed by its date (kept apart enough for its label), its date on the left and its title on the right,
 * each mark a link to the event. The same events follow as a list, for readers the SVG does not serve.
 */
import type { EventHeadline } from '../../pipeline/brief/event-card.ts';
import { formatDate } from './format.ts';
import { html, type SafeHtml } from './html.ts';

/** What the timeline needs of an event. */
export interface TimelineEvent extends Pick<EventHeadline, 'title' | 'date' | 'level'> {
  id: string;
}

/** The drawing's width in its own units; on a phone it scales down to about 0.8 of that (text stays at 12 px or more). */
const WIDTH = 400;
const AXIS_X = 96;
const TEXT_X = 112;
/** Characters of a title on one line of the label, and lines at most (the full title is in <title>). */
const LINE_CHARS = 34;
const MAX_LINES = 3;
const LINE_HEIGHT = 19;
const GAP = 14;
/** How much taller than the labels alone the axis is, so that the time between events shows. */
const STRETCH = 1.6;
const DAY_MS = 86_400_000;

/** Returns the SVG timeline of the dated events (earliest at the top), or nothing when none is dated. */
export function storyTimeline(events: TimelineEvent[], label: string): SafeHtml {
  const dated = events
    .filter((e): e is TimelineEvent & { date: NonNullable<TimelineEvent['date']> } => !!e.date)
    .map((e) => ({ e, t: Date.parse(e.date.start.slice(0, 10)), lines: wrap(e.title) }))
    .sort((a, b) => a.t - b.t);
  if (!dated.length) return html``;
  const heights = dated.map((d) => Math.max(d.lines.length * LINE_HEIGHT, 22) + GAP);
  const total = heights.reduce((a, b) => a + b, 0) * STRETCH;
  const t0 = dated[0]!.t;
  const span = Math.max(dated.at(-1)!.t - t0, DAY_MS);
  const ys: number[] = [];
  dated.forEach((d, i) => {
    const wanted = 20 + ((d.t - t0) / span) * (total - heights.at(-1)!);
    ys.push(i ? Math.max(wanted, ys[i - 1]! + heights[i - 1]!) : 20);
  });
  const height = Math.ceil(ys.at(-1)! + heights.at(-1)!);
  const first = formatDate(dated[0]!.e.date);
  const last = formatDate(dated.at(-1)!.e.date);
  return html`<figure class="chart timeline-chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="group" aria-labelledby="tl-title" aria-describedby="tl-desc">
<title id="tl-title">Timeline: ${label}</title>
<desc id="tl-desc">${dated.length} dated ${dated.length === 1 ? 'event' : 'events'} from ${first} to ${last}, earliest at the top; each mark links to its event.</desc>
<line class="tl-axis" x1="${AXIS_X}" y1="${ys[0]! - 10}" x2="${AXIS_X}" y2="${height - GAP}"/>
${dated.map(({ e, lines }, i) => {
  const y = ys[i]!;
  return html`<a href="/events/${encodeURIComponent(e.id)}"><title>${formatDate(e.date)}: ${e.title}${e.level ? ` (${e.level})` : ''}</title>
<circle class="tl-mark tl-${e.level ?? 'none'}" cx="${AXIS_X}" cy="${y}" r="7"/>
<text class="tl-tick" x="${AXIS_X - 14}" y="${y + 4}" text-anchor="end">${formatDate(e.date).replace(/ – .*/, '')}</text>
<text class="tl-label" x="${TEXT_X}" y="${y + 4}">${lines.map((l, k) => html`<tspan x="${TEXT_X}" dy="${k ? LINE_HEIGHT : 0}">${l}</tspan>`)}</text></a>`;
})}
</svg><figcaption>Each mark is an event, placed by its date; its colour is its confidence level. The list below has the same events.</figcaption></figure>`;
}

/** Returns a title cut into lines of at most LINE_CHARS at spaces (MAX_LINES, the last one ellipsised). */
function wrap(title: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/)) {
    if (line && line.length + 1 + word.length > LINE_CHARS) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${kept[MAX_LINES - 1]!.slice(0, LINE_CHARS - 1)}…`;
  return kept;
}
