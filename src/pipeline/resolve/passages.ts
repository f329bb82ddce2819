/**
 * Reports of several events: daily round-ups, live blogs, situation reports. Such a report is a run of
 * headed sections ("Kharkiv", "10:32 GMT", "Northern front") telling of different things in different
 * places; it is split into passages, each resolved on its own, so the report backs each event for the
 * passage that tells of it. A report whose sections tell of one event ("What happens next",
 * "Background") stays whole: sections are merged unless they name different places and are unalike.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import type { Span } from '../../domain/analysis.ts';
import type { ReportFrame } from '../../domain/event.ts';
import { wordTokens } from '../../lib/text-normalize.ts';
import type { EventIndex } from './event-index.ts';
import { reportFeatures } from './report-features.ts';
import { foundEvent, joinEvent, reportFrame, resolveReport } from './resolve-event.ts';
import type { EventCandidate, ReportFeatures, ResolveOptions } from './types.ts';

/** A part of a report's text, with the heading that opens it (null for a text without headings). */
export interface Passage {
  start: number;
  end: number;
  heading: string | null;
}

/** A heading: a short paragraph without closing punctuation, starting with a capital or a digit. */
const MAX_HEADING_WORDS = 10;

/** Consecutive sections more alike than this (cosine of their terms) tell of one event. */
const SAME_EVENT = 0.3;

/** Fewest words of a sentence that tells something (a section without one is a title line, a time stamp). */
const MIN_SENTENCE_WORDS = 8;

/** Whether a section holds a sentence: a line, other than its heading, of enough words ending a sentence. */
function tellsSomething(section: string): boolean {
  return section
    .split('\n')
    .slice(1)
    .some((line) => /[.!?"”]\s*$/.test(line) && line.trim().split(/\s+/).length >= MIN_SENTENCE_WORDS);
}

/**
 * Returns the passages of a report that tells of several events (two or more), or [] for a report
 * of one event. The text before the first heading (an introduction) goes with the first section.
 */
export function reportPassages(rec: ArticleRecord): Passage[] {
  const sections = headedSections(rec);
  if (sections.length < 2) return [];
  const merged: { passage: Passage; features: ReportFeatures }[] = [];
  // A section too short to tell of an event (a title line, a time stamp) goes with the one after it.
  const long: Passage[] = [];
  let pending: number | null = null;
  for (const s of sections) {
    const start: number = pending ?? s.start;
    if (!tellsSomething(rec.article.text.slice(s.start, s.end))) pending = start;
    else {
      long.push({ ...s, start });
      pending = null;
    }
  }
  if (pending !== null && long.length)
    long[long.length - 1] = { ...(long.at(-1) as Passage), end: rec.article.text.length };
  for (const s of long) {
    const features = reportFeatures(passageRecord(rec, s));
    const last = merged.at(-1);
    if (
      last &&
      sameEvent(
        last.features,
        features,
        rec.article.text.slice(last.passage.start, last.passage.end),
        rec.article.text.slice(s.start, s.end),
      )
    ) {
      last.passage = { ...last.passage, end: s.end };
      last.features = reportFeatures(passageRecord(rec, last.passage));
    } else merged.push({ passage: s, features });
  }
  return merged.length >= 2 ? merged.map((m) => m.passage) : [];
}

/**
 * Returns the report as if it held only the passage: its text, the passage's heading as its title,
 * and the analysis of that stretch (offsets moved to the passage's start). The article keeps its id,
 * outlet and publication time.
 */
export function passageRecord(
  rec: ArticleRecord,
  p: Pick<Passage, 'start' | 'end'> & { heading?: string | null },
): ArticleRecord {
  const text = rec.article.text.slice(p.start, p.end);
  const within = <T extends Span>(xs: T[]): T[] =>
    xs
      .filter((x) => x.start >= p.start && x.end <= p.end)
      .map((x) => ({ ...x, start: x.start - p.start, end: x.end - p.start }));
  const a = rec.analysis;
  return {
    ...rec,
    // A section heading is no headline: the passage's event takes its title from what the passage states.
    article: { ...rec.article, text, title: p.start === 0 ? rec.article.title : null },
    // A dateline opens the article, not a later passage.
    extracted: { ...rec.extracted, text, embedded: p.start === 0 ? rec.extracted.embedded : [] },
    analysis: {
      ...a,
      sentences: within(a.sentences),
      entities: within(a.entities),
      times: within(a.times),
      quotes: within(a.quotes),
      numbers: within(a.numbers),
    },
  };
}

/**
 * Whether two sections tell of one event: unless each names where it happened, neither names the
 * other's place (nor a word of it), and their words are unlike, they do (a report is split
 * only on clear evidence).
 */
function sameEvent(a: ReportFeatures, b: ReportFeatures, aText: string, bText: string): boolean {
  if (!a.place || !b.place) return true;
  // A place is named in the other section when any of its words is ("Banda Aceh" names "Indonesia Aceh").
  const named = (place: string, text: string) =>
    wordTokens(place).some((w) => w.length > 3 && wordTokens(text).includes(w));
  if (named(a.place.name, `${b.place.name} ${bText}`) || named(b.place.name, `${a.place.name} ${aText}`))
    return true;
  let dot = 0;
  for (const t in b.terms) dot += (a.terms[t] ?? 0) * (b.terms[t] as number);
  return dot >= SAME_EVENT;
}

/**
 * The report's sections, each from a locating heading to the next; [] when it has fewer than two.
 * Only a heading that says where or when ("Kharkiv", "10:32 GMT", "Northern Gaza") can open the
 * account of another event: the section headings of one story ("What happens next", "Forecast and
 * implications", "Diplomatic tensions") name neither, and never split it.
 */
function headedSections(rec: ArticleRecord): Passage[] {
  const text = rec.article.text;
  const paras: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) paras.push({ start: m.index, end: m.index + m[0].length });
  const headings = paras.filter(
    (p, i) => i + 1 < paras.length && isHeading(text.slice(p.start, p.end)) && locates(rec, p),
  );
  if (headings.length < 2) return [];
  return headings.map((h, i) => ({
    start: i === 0 ? 0 : h.start,
    end: i + 1 < headings.length ? (headings[i + 1] as { start: number }).start : text.length,
    heading: text.slice(h.start, h.end).trim(),
  }));
}

/** Whether a heading names a place or a time: a place or time the analysis found within it. */
function locates(rec: ArticleRecord, p: { start: number; end: number }): boolean {
  const inside = (x: { start: number; end: number }) => x.start >= p.start && x.end <= p.end;
  return (
    rec.analysis.entities.some((e) => e.type === 'LOCATION' && inside(e)) ||
    rec.analysis.times.some(inside) ||
    /\b\d{1,2}[:.]\d{2}\b/.test(rec.article.text.slice(p.start, p.end))
  );
}

function isHeading(line: string): boolean {
  const s = line.trim();
  const words = s.split(/\s+/).length;
  return words <= MAX_HEADING_WORDS && /^[\p{Lu}\d]/u.test(s) && !/[.!?,;:"”’')]$/.test(s);
}

/** How a passage beyond a report's first backs an event. */
export interface PassageLink {
  eventId: string;
  start: number;
  end: number;
  score: number;
  /** The passage's own reading of its event. */
  frame: ReportFrame;
}

/**
 * Resolves the passages of a report of several events beyond the first (the first is resolved as the
 * report itself): each joins the best-matching event or founds one (named after the report and the
 * passage's position), never the event of another passage of the same report. The index is updated as
 * it goes; returns the events made or grown and the passages' links.
 */
export function resolvePassages(
  rec: ArticleRecord,
  passages: Passage[],
  firstEventId: string,
  index: EventIndex,
  opts: ResolveOptions,
  now: string,
): { events: EventCandidate[]; links: PassageLink[] } {
  const events: EventCandidate[] = [];
  const links: PassageLink[] = [];
  const taken = new Set([firstEventId]);
  for (const p of passages.slice(1)) {
    const part = passageRecord(rec, p);
    const f = reportFeatures(part);
    const r = resolveReport(f, null, index, opts, taken);
    const current = r.kind === 'join' ? index.get(r.eventId) : undefined;
    const next = current
      ? joinEvent(current, f, now)
      : foundEvent({ ...part, article: { ...part.article, id: passageId(rec.article.id, p) } }, f, now);
    index.put(next);
    events.push(next);
    taken.add(next.event.id);
    links.push({
      eventId: next.event.id,
      start: p.start,
      end: p.end,
      score: r.kind === 'join' ? r.score : 1,
      frame: reportFrame(part, f),
    });
  }
  return { events, links };
}

/** The id a passage founds its event under: the report's id and where the passage starts. */
function passageId(articleId: string, p: Passage): string {
  return `${articleId}@${p.start}`;
}
