/**
 * Article → event, incrementally: a report joins the best-matching existing event when
 *   1. it copies a report already placed (the copy follows its origin), or
 *   2. their dates are close (a look-alike months apart never joins) — a report without a date joins a
 *      dated event only when a year it writes fits the event's, or, writing none, on strong content
 *      evidence alone (`undatedFit`), and
 *   3. content terms and names, weighted by rarity across events, agree above a threshold;
 * otherwise it founds a new event.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import type { Event, EventProfile, ReportFrame } from '../../domain/event.ts';
import { readsAsFacility } from '../../lib/facility-names.ts';
import { stableId } from '../../lib/hash.ts';
import { categoryOf } from './category.ts';
import { asHeadline, headlineOf, statedLead, titleOf } from './event-title.ts';
import type { EventIndex } from './event-index.ts';
import type { EventCandidate, ReportFeatures, ResolveOptions, Resolution } from './types.ts';

export { cutAtWord } from './event-title.ts';

const DAY_MS = 86_400_000;

/** Share of the score given to content terms; the rest goes to shared names. */
const TERM_WEIGHT = 0.55;

/**
 * Returns where a report belongs: an existing event (with the match score) or a new one. Only the
 * events the index lists under one of the report's names or terms are compared; rarity weights come
 * from the index. Events in `exclude` are never joined (an editor has set the report apart from them).
 */
export function resolveReport(
  f: ReportFeatures,
  copyOfEventId: string | null,
  index: EventIndex,
  opts: ResolveOptions,
  exclude?: ReadonlySet<string>,
): Resolution {
  if (copyOfEventId && !exclude?.has(copyOfEventId))
    return { kind: 'join', eventId: copyOfEventId, score: 1 };
  // Rarity weights, each computed once for this report (the candidates' profiles share many terms).
  const weights = new Map<string, number>();
  const idf = (key: string) => {
    let w = weights.get(key);
    if (w === undefined) weights.set(key, (w = index.idf(key)));
    return w;
  };
  let best: Resolution = { kind: 'new' };
  let bestScore = opts.joinThreshold;
  // In id order, so a tie goes the same way whatever order the index lists them in.
  const close = (c: EventCandidate) =>
    dayGap(f.eventDate, c.profile) <= opts.maxDayGap &&
    undatedFit(f, c.profile) !== 'other-year' &&
    !exclude?.has(c.event.id);
  for (const c of index.candidates(f, close, idf).sort((a, b) => (a.event.id < b.event.id ? -1 : 1))) {
    const s = matchScore(f, c.profile, idf, index.termNorm(c));
    if (s < UNDATED_JOIN_SCORE && undatedFit(f, c.profile) === 'unplaced') continue;
    if (s >= bestScore) [best, bestScore] = [{ kind: 'join', eventId: c.event.id, score: round(s) }, s];
  }
  return best;
}

/**
 * Returns the similarity (0..1) of a report to an event profile, terms and names weighted by rarity.
 * `profileNorm` is the length of the profile's weighted term vector, when the caller keeps it.
 */
export function matchScore(
  f: ReportFeatures,
  p: EventProfile,
  idf: (t: string) => number,
  profileNorm?: number,
): number {
  let dot = 0;
  let na = 0;
  for (const t in f.terms) {
    const i = idf(t);
    const x = (f.terms[t] as number) * i;
    na += x * x;
    const y = p.terms[t];
    if (y) dot += x * y * i;
  }
  let nb = profileNorm === undefined ? 0 : profileNorm * profileNorm;
  if (profileNorm === undefined) for (const t in p.terms) nb += ((p.terms[t] as number) * idf(t)) ** 2;
  const cos = na && nb ? dot / Math.sqrt(na * nb) : 0;
  let shared = 0;
  let all = 0;
  // A name counts as shared by the share of the event's reports that name it (in full from half of
  // them): an event that has gathered every name in passing must not match every report.
  for (const n of f.names) {
    const w = idf(`#${n}`);
    all += w;
    const count = p.names[n];
    if (count) shared += w * Math.min(1, (2 * count) / Math.max(1, p.articleCount));
  }
  const names = all ? shared / all : 0;
  const score = TERM_WEIGHT * cos + (1 - TERM_WEIGHT) * names;
  return actorsConflict(f, p) ? score * ACTOR_CONFLICT : score;
}

/**
 * What a match is worth when the report's actors and the event's are different people: half. Set on
 * the ECB+ development half (0.3–0.7 all score within 0.005; 0.5 took B-cubed F1 0.842 → 0.847 by
 * keeping apart look-alikes such as two players of one team arrested weeks apart).
 */
const ACTOR_CONFLICT = 0.5;

/**
 * Whether the report is about other people than the event: both name actors in their leads (the
 * event's are those named by at least a third of its reports) and none is shared.
 */
function actorsConflict(f: ReportFeatures, p: EventProfile): boolean {
  if (!f.actors?.length || !p.actors) return false;
  const min = Math.max(1, p.articleCount / 3);
  let eventHas = false;
  for (const a in p.actors) {
    if ((p.actors[a] as number) < min) continue;
    eventHas = true;
    break;
  }
  if (!eventHas) return false;
  return !f.actors.some((a) => p.actors?.[a]);
}

/**
 * How a report without a date (no publication date, no day stated in its lead) stands to a dated
 * event. Two dated reports of look-alike events (another crash at the same place, another star in
 * rehab) are kept apart by their dates; a report without one passes every date gate, and once a batch
 * is ordered by time it meets the dated events before it could meet its own. So it must bring evidence
 * of its time as well as of its content:
 *   - 'fits': the report is dated, the event is not, or a year the report writes is within YEAR_SLACK
 *     of the event's window;
 *   - 'other-year': it writes years, none near the event's (it is not compared with the event);
 *   - 'unplaced': it writes no year (it joins only at UNDATED_JOIN_SCORE).
 */
export function undatedFit(f: ReportFeatures, p: EventProfile): 'fits' | 'other-year' | 'unplaced' {
  if (f.eventDate) return 'fits';
  const window = dateWindow(p);
  if (!window) return 'fits';
  const years = f.years ?? [];
  if (!years.length) return 'unplaced';
  const from = new Date(window.from).getUTCFullYear() - YEAR_SLACK;
  const to = new Date(window.to).getUTCFullYear() + YEAR_SLACK;
  return years.some((y) => y >= from && y <= to) ? 'fits' : 'other-year';
}

/**
 * Years a written year may stand from a dated event's and still place a report there: a report of a
 * late-December event written in January, or one naming last year's season. (ECB+ development half:
 * 0, 1 and 2 years score 0.886, 0.890 and 0.881.)
 */
const YEAR_SLACK = 1;

/**
 * The match score an undated report that writes no year needs to join a dated event (3.5 times the
 * join threshold). Set on the ECB+ development half, whose older reports have no date: without the
 * year rule and this bar, B-cubed F1 fell 0.847 → 0.817 once the newer ones were dated (look-alikes
 * years apart merged); the year rule with a report writing no year joining as any other 0.829, never
 * joining 0.885; bars of 0.6–0.8 all score 0.885–0.891 in file order (0.7: 0.890).
 */
const UNDATED_JOIN_SCORE = 0.7;

/**
 * Days between a report's date and the event's date window (0 inside it; 0 when either is unknown).
 * The window is the span of its reports' dates, cut to SPAN_DAYS either side of the event's day (the
 * day most reports put it on): a span free to widen with each joining report would let an event
 * chain on from week to week and swallow its look-alikes.
 */
export function dayGap(date: string | null, p: EventProfile): number {
  const window = dateWindow(p);
  if (!date || !window) return 0;
  const d = Date.parse(date);
  return Math.max(0, window.from - d, d - window.to) / DAY_MS;
}

/** An event's date window in ms, computed once per profile (a joining report makes a new profile). */
const windows = new WeakMap<EventProfile, { from: number; to: number } | null>();
export function dateWindow(p: EventProfile): { from: number; to: number } | null {
  let w = windows.get(p);
  if (w !== undefined) return w;
  const day = votedDay(p);
  if (!day || !p.firstDate || !p.lastDate) w = null;
  else {
    const centre = Date.parse(day);
    w = {
      from: Math.max(Date.parse(p.firstDate), centre - SPAN_DAYS * DAY_MS),
      to: Math.min(Date.parse(p.lastDate), centre + SPAN_DAYS * DAY_MS),
    };
  }
  windows.set(p, w);
  return w;
}

/** The event's date: its voted day, through the last day its reports give when they state a span from it. */
function dateOf(day: string, p: EventProfile): NonNullable<Event['date']> {
  return { start: day, end: p.dateLastDays?.[day] ?? day, precision: 'day' };
}

/** How far an event's date window may reach either side of its day. */
const SPAN_DAYS = 7;

/** Returns a new event founded by one report, with its profile. */
export function foundEvent(rec: ArticleRecord, f: ReportFeatures, now: string): EventCandidate {
  const profile = { ...addToProfile(emptyProfile(), f), titlePublishedAt: f.publishedAt };
  const event: Event = {
    id: stableId('evt', rec.article.id),
    title: titleOf(rec),
    category: reportCategory(rec),
    date: f.eventDate ? dateOf(f.eventDate, profile) : null,
    place: f.place,
    storyId: null,
    createdAt: now,
    updatedAt: now,
  };
  return { event, profile };
}

/**
 * Returns the event updated by a joining report (`c` is spent: its profile tables are reused): profile summed, date window widened, the day
 * re-voted; a title taken from a preview published before the event gives way to a report after it.
 */
export function joinEvent(c: EventCandidate, f: ReportFeatures, now: string): EventCandidate {
  const profile = addToProfile(c.profile, f);
  const event: Event = { ...c.event, place: votedPlace(profile) ?? c.event.place ?? f.place, updatedAt: now };
  const day = votedDay(profile);
  if (day) event.date = dateOf(day, profile);
  const titleFrom = c.profile.titlePublishedAt ?? null;
  const title = f.title ? asHeadline(f.title) : null;
  if (
    day &&
    title &&
    f.publishedAt &&
    titleFrom &&
    titleFrom.slice(0, 10) < day &&
    f.publishedAt.slice(0, 10) >= day
  ) {
    event.title = title;
    profile.titlePublishedAt = f.publishedAt;
  }
  return { event, profile };
}

/**
 * Where most reports put the event (a dateline, else the first place their lead names; a place only
 * named counts less, MENTIONED_VOTE); a tie keeps the place named first. One report's stray place (a river, a region, a company read as a place) no
 * longer stands for the event: on the demo corpus 13 of 15 places right instead of 11.
 */
function votedPlace(p: EventProfile): Event['place'] {
  let best: { place: NonNullable<Event['place']>; count: number } | null = null;
  const countries = new Set<string>();
  for (const name in p.places) {
    const v = p.places[name] as { place: NonNullable<Event['place']>; count: number };
    if (v.place.country) countries.add(v.place.country);
    if (!best || v.count > best.count) best = v;
  }
  // A place no report could link ("Oakvale" in reports that name no state) is in the one country the
  // event's other places lie in, when they agree on one.
  if (best && !best.place.country && countries.size === 1 && !readsAsFacility(best.place.name))
    return { ...best.place, country: [...countries][0] as string };
  return best?.place ?? null;
}

/**
 * What a report's place counts in the vote when the report only names it (no "in", no dateline: "a
 * Leeds climber dies", "the Portuguese airline"): less than half of one that puts the event there, so
 * two reports naming a climber's home town do not outvote one that says where the climber fell; three do.
 */
const MENTIONED_VOTE = 0.4;

/** The day most reports put the event on (stated dates count double); ties go to the earlier day. */
function votedDay(p: EventProfile): string | null {
  let best: string | null = null;
  let bestVotes = 0;
  for (const d in p.dateVotes) {
    const v = p.dateVotes[d] as number;
    if (v > bestVotes || (v === bestVotes && best !== null && d < best)) [best, bestVotes] = [d, v];
  }
  return best ?? p.firstDate;
}

function emptyProfile(): EventProfile {
  return { terms: {}, names: {}, firstDate: null, lastDate: null, articleCount: 0 };
}

/**
 * Returns the profile with the report added. The term, name and vote tables are updated in place
 * (copying an event's whole vocabulary per joining report was a third of the resolver's time), so the
 * profile passed in must not be used afterwards.
 */
function addToProfile(p: EventProfile, f: ReportFeatures): EventProfile {
  const terms = p.terms;
  for (const t in f.terms) terms[t] = (terms[t] ?? 0) + (f.terms[t] as number);
  const names = p.names;
  for (const n of f.names) names[n] = (names[n] ?? 0) + 1;
  const actors = p.actors ?? {};
  for (const a of f.actors ?? []) actors[a] = (actors[a] ?? 0) + 1;
  const places = p.places ?? {};
  if (f.place) {
    const key = f.place.name.toLowerCase();
    const v = places[key];
    // A report that links the name to a country speaks for the reports that could not ("Oakvale" alone).
    const place = v && (v.place.country || !f.place.country) ? v.place : f.place;
    places[key] = { place, count: (v?.count ?? 0) + (f.place.role === 'mentioned' ? MENTIONED_VOTE : 1) };
  }
  const d = f.eventDate;
  const dateVotes = p.dateVotes ?? {};
  if (d) dateVotes[d] = (dateVotes[d] ?? 0) + (f.dateStated ? 2 : 1);
  const dateLastDays = p.dateLastDays ?? {};
  const last = d && f.eventDateLast;
  if (last && last > (dateLastDays[d] ?? d)) dateLastDays[d] = last;
  return {
    ...p,
    terms,
    names,
    actors,
    places,
    dateVotes,
    ...(Object.keys(dateLastDays).length ? { dateLastDays } : {}),
    firstDate: d && (!p.firstDate || d < p.firstDate) ? d : p.firstDate,
    lastDate: d && (!p.lastDate || d > p.lastDate) ? d : p.lastDate,
    articleCount: p.articleCount + 1,
  };
}

/**
 * A report's own reading of its event, from what it was matched on: the day only where the report states
 * one (not its publication day), its place, its category. Stored with the report for assessment.
 */
export function reportFrame(rec: ArticleRecord, f: ReportFeatures): ReportFrame {
  return {
    date: f.dateStated ? f.eventDate : null,
    place: f.place?.name ?? null,
    where: f.place,
    category: reportCategory(rec),
  };
}

/** The category of the event a report tells of, read from its headline and its first stated sentence. */
export function reportCategory(rec: ArticleRecord): Event['category'] {
  const lead = statedLead(rec);
  const leadEnd = lead?.end ?? rec.analysis.sentences[0]?.end ?? 300;
  const namesState = rec.analysis.entities.some(
    (e) => e.start < leadEnd && (e.type === 'NORP' || e.place?.precision === 'country'),
  );
  return categoryOf(
    `${headlineOf(rec) ?? ''}\n${uncut(rec, lead?.text ?? leadText(rec), leadEnd)}`,
    namesState,
  );
}

/**
 * A lead cut at a decimal point ("Dozens hurt as 6." + "1-magnitude quake hits …") with the sentence that
 * goes on with the number: the kind of event most often comes after the figure.
 */
function uncut(rec: ArticleRecord, lead: string, leadEnd: number): string {
  if (!/\d\.\s*$/.test(lead)) return lead;
  const next = rec.analysis.sentences.find((s) => s.start >= leadEnd);
  const rest = next ? rec.article.text.slice(next.start, next.end) : '';
  return /^\d/.test(rest) ? `${lead}${rest}` : lead;
}

function leadText(rec: ArticleRecord): string {
  const s = rec.analysis.sentences[0];
  return s ? rec.article.text.slice(s.start, s.end) : rec.article.text.slice(0, 300);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Returns an event rebuilt from its reports (in the order they are read) under a given id: how a
 * merge, a split or a reprocess recomputes an event's profile, date and place. The stored event, when
 * there is one, keeps its creation time and story.
 */
export function rebuildEvent(
  id: string,
  reports: { rec: ArticleRecord; features: ReportFeatures }[],
  now: string,
  stored?: Event,
): EventCandidate {
  const [first, ...rest] = reports;
  if (!first) throw new Error(`event ${id} would have no reports`);
  let c = foundEvent(first.rec, first.features, now);
  for (const r of rest) c = joinEvent(c, r.features, now);
  return {
    ...c,
    event: { ...c.event, id, storyId: stored?.storyId ?? null, createdAt: stored?.createdAt ?? now },
  };
}
