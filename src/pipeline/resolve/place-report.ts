/**
 * The one way a report finds its event, for ingest, reprocess and a submission's projection alike:
 * 1. its first passage (the whole report, unless it tells of several events) is matched: a report stored
 *    in an event already stays there; else it goes with the report an editor kept it with, when that one
 *    is placed, else with the report it copies, else to the best-matching candidate event — never into
 *    an event holding a report an editor set it apart from — or it founds an event;
 * 2. its background passages (sentences recalling earlier days) are linked to the earlier events they
 *    recall;
 * 3. its further passages (a round-up's) each join or found their own event.
 * It reads the stored state only through what it is given, and writes nothing: the caller stores what
 * it returns. The index it is given is kept current (the report's event and its passages' events are put
 * in it), so that the next report is matched against them.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import type { EventLineageEntry, ReportFrame } from '../../domain/event.ts';
import { backgroundPassages, linkBackground, type BackgroundLink } from './background.ts';
import type { EventIndex } from './event-index.ts';
import { passageRecord, reportPassages, resolvePassages, type PassageLink } from './passages.ts';
import { reportFeatures } from './report-features.ts';
import { foundEvent, joinEvent, reportFrame, resolveReport } from './resolve-event.ts';
import type { EventCandidate, ReportFeatures, ResolveOptions } from './types.ts';

/** What editors decided, as constraints on reports: reports kept together, and reports kept apart. */
export interface Constraints {
  /** Report → the group of reports it is kept with (itself included). */
  together: Map<string, string[]>;
  apart: Map<string, Set<string>>;
}

/** What placing a report reads of the stored state. */
export interface PlacementState {
  /** The candidate events, by their terms and names (and by id). */
  index: EventIndex;
  /** The event a stored report is in, if any. */
  eventOf: (articleId: string) => string | undefined;
  /** Editors' merges and splits, as constraints (none when absent). */
  constraints?: Constraints;
}

/** Where a report goes, and what to store for it. */
export interface Placement {
  /** What its first passage was matched on. */
  features: ReportFeatures;
  /** Its first passage's own reading of its event, to store with it for assessment. */
  frame: ReportFrame;
  /** Its event, as it stands with the report in it. */
  event: EventCandidate;
  /** Whether the report stayed in the event it was stored in, joined one, or founded its event. */
  how: 'stayed' | 'joined' | 'founded';
  /** The match score of a join (1 when it stayed or founded). */
  score: number;
  /** Its background passages' links to the earlier events they recall. */
  background: BackgroundLink[];
  /** The events its further passages joined or founded, and the passages' links to them. */
  passages: { events: EventCandidate[]; links: PassageLink[] };
}

/** Places one report (see the module's comment); puts its events in `state.index`. */
export function placeReport(
  rec: ArticleRecord,
  state: PlacementState,
  opts: ResolveOptions,
  now: string,
): Placement {
  const id = rec.article.id;
  const passages = reportPassages(rec);
  const first = passages[0] ? passageRecord(rec, passages[0]) : rec;
  const features = reportFeatures(first);
  const stored = state.eventOf(id);
  const storedEvent = stored === undefined ? undefined : state.index.get(stored);
  let placed: { event: EventCandidate; how: Placement['how']; score: number };
  if (storedEvent) placed = { event: storedEvent, how: 'stayed', score: 1 };
  else {
    const c = state.constraints;
    const exclude = new Set([...(c?.apart.get(id) ?? [])].flatMap((a) => state.eventOf(a) ?? []));
    const partner = (c?.together.get(id) ?? [])
      .map((a) => (a === id ? undefined : state.eventOf(a)))
      .find((e) => e && !exclude.has(e));
    // A copy follows its origin's event — unless it tells of several events: then each passage finds its own.
    const copy = passages.length ? undefined : rec.provenance.lineage.find((l) => l.kind === 'copy');
    const copyOf = partner ?? (copy?.kind === 'copy' ? (state.eventOf(copy.ofArticleId) ?? null) : null);
    const r = resolveReport(features, copyOf, state.index, opts, exclude);
    const current = r.kind === 'join' ? state.index.get(r.eventId) : undefined;
    placed = current
      ? { event: joinEvent(current, features, now), how: 'joined', score: r.kind === 'join' ? r.score : 1 }
      : { event: foundEvent(first, features, now), how: 'founded', score: 1 };
  }
  const background = linkBackground(
    rec,
    backgroundPassages(rec, features),
    placed.event.event.id,
    state.index,
    opts.joinThreshold,
  );
  state.index.put(placed.event);
  const more = resolvePassages(rec, passages, placed.event.event.id, state.index, opts, now);
  return { features, frame: reportFrame(first, features), ...placed, background, passages: more };
}

/**
 * Turns editors' merges and splits into constraints: a merge keeps the merged reports with those of
 * the event they joined; a split keeps the reports that left together and apart from those that
 * stayed. A later decision about a report overrides the earlier ones about it.
 */
export function editorialConstraints(decisions: readonly EventLineageEntry[]): Constraints {
  const c: Constraints = { together: new Map(), apart: new Map() };
  const claimed = new Set<string>();
  for (const d of [...decisions].reverse()) {
    const moved = d.articleIds.filter((a) => !claimed.has(a));
    const other = d.counterpartIds.filter((a) => !claimed.has(a));
    const group = d.kind === 'merge' ? [...other, ...moved] : moved;
    if (group.length > 1) for (const a of group) c.together.set(a, group);
    if (d.kind === 'split') {
      for (const a of moved) {
        for (const b of other) {
          c.apart.set(a, (c.apart.get(a) ?? new Set()).add(b));
          c.apart.set(b, (c.apart.get(b) ?? new Set()).add(a));
        }
      }
    }
    for (const a of [...moved, ...other]) claimed.add(a);
  }
  return c;
}
