/**
 * The resolver's index of events: how many events hold each term and name (for rarity weights, kept
 * up to date as events grow) and which events hold it (for candidates). A report is compared only with
 * the events that share a name or a term with it, not with every event, so the cost per report stays
 * flat as events accumulate; events whose dates lie far behind the stream can be retired from it.
 */
import type { EventCandidate, ReportFeatures } from './types.ts';

/**
 * A term or name held by more events than this share (and at least MIN_COMMON of them) finds no
 * candidates: it is too common to tell events apart (its weight is near zero anyway), and its list
 * of events would make every report cost as much as a scan.
 */
const COMMON_SHARE = 0.02;
const MIN_COMMON = 100;

/**
 * Terms of a report that look up candidates: its SEED_TERMS heaviest by weight × rarity. The rest
 * still count in the full comparison; looking them all up made candidate search cost grow with the
 * number of events a day holds (every middling-common term lists hundreds).
 */
const SEED_TERMS = 12;

/** How many of `events` events may hold a term or name that looks up events (COMMON_SHARE). */
export function commonBound(events: number): number {
  return Math.max(MIN_COMMON, events * COMMON_SHARE);
}

function seedTerms(f: ReportFeatures, idf: (key: string) => number): [string, number][] {
  const all: [string, number, number][] = [];
  for (const t in f.terms) {
    const w = f.terms[t] as number;
    all.push([t, w, w * idf(t)]);
  }
  if (all.length > SEED_TERMS) all.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1)).length = SEED_TERMS;
  return all.map(([t, w]) => [t, w]);
}

/** Events compared in full per report: the ones sharing the most rarity-weighted names and terms. */
const MAX_CANDIDATES = 10;

export class EventIndex {
  private readonly events = new Map<string, EventCandidate>();
  /** Key ("term" or "#name") → ids of the events holding it. */
  private readonly postings = new Map<string, Set<string>>();
  /** Event id → the keys it is listed under. */
  private readonly keysOf = new Map<string, Set<string>>();
  /**
   * Event id → the length of its rarity-weighted term vector, and the version of the index it was computed
   * at. Kept while the index stays as it is (the passages of one report look up the same events), no
   * longer: kept until the weights had drifted by a tenth, a norm depended on when it was first computed,
   * so an index read afresh (a worker restarted after a crash) and one kept since placed reports
   * differently.
   */
  private readonly norms = new Map<string, { norm: number; version: number }>();
  /** Changes with every event put or retired. */
  private version = 0;

  constructor(events: Iterable<EventCandidate> = []) {
    for (const e of events) this.put(e);
  }

  get size(): number {
    return this.events.size;
  }

  /** Adds an event, or replaces it after it grew (its new terms and names are listed; none is lost). */
  put(c: EventCandidate): void {
    const id = c.event.id;
    let keys = this.keysOf.get(id);
    if (!keys) this.keysOf.set(id, (keys = new Set()));
    const list = (k: string) => {
      if (keys.has(k)) return;
      keys.add(k);
      let ids = this.postings.get(k);
      if (!ids) this.postings.set(k, (ids = new Set()));
      ids.add(id);
    };
    for (const t in c.profile.terms) list(t);
    for (const n in c.profile.names) list(`#${n}`);
    this.events.set(id, c);
    this.version++;
  }

  /** Replaces an event by a copy read again: listed under its terms and names now, and no others. */
  replace(c: EventCandidate): void {
    this.retire(c.event.id);
    this.put(c);
  }

  /** The length of an event's term vector weighted by rarity (kept while the index stays: see `norms`). */
  termNorm(c: EventCandidate): number {
    const cached = this.norms.get(c.event.id);
    if (cached?.version === this.version) return cached.norm;
    let sum = 0;
    for (const t in c.profile.terms) sum += ((c.profile.terms[t] as number) * this.idf(t)) ** 2;
    const norm = Math.sqrt(sum);
    this.norms.set(c.event.id, { norm, version: this.version });
    return norm;
  }

  /** Removes an event from the index (it stays stored). */
  retire(id: string): void {
    for (const k of this.keysOf.get(id) ?? []) {
      const list = this.postings.get(k);
      list?.delete(id);
      if (list && !list.size) this.postings.delete(k);
    }
    this.keysOf.delete(id);
    this.events.delete(id);
    this.version++;
  }

  /** Retires the events whose latest date is before `day` (ISO date); undated events stay. */
  retireBefore(day: string): number {
    let n = 0;
    for (const [id, c] of this.events) {
      if (c.profile.lastDate && c.profile.lastDate < day) {
        this.retire(id);
        n++;
      }
    }
    return n;
  }

  /**
   * Whether a term or name is held by too many events to look any up (see COMMON_SHARE): it still weighs
   * in comparisons, with its small weight.
   */
  readonly isCommon = (key: string): boolean =>
    (this.postings.get(key)?.size ?? 0) > commonBound(this.events.size);

  /** How rare a term or name ("#name") is across the indexed events: log((n + 1) / (df + 1)) + 1. */
  readonly idf = (key: string): number =>
    Math.log((this.events.size + 1) / ((this.postings.get(key)?.size ?? 0) + 1)) + 1;

  /**
   * The events most likely to match the report: those sharing its names and terms, ranked by the
   * rarity-weighted mass they share (a cheap first pass over the postings), the best MAX_CANDIDATES
   * of those `admissible` (dates close enough) kept for the full comparison. `idf` may be a caller's
   * memo of this index's weights.
   */
  candidates(
    f: ReportFeatures,
    admissible: (c: EventCandidate) => boolean = () => true,
    idf: (key: string) => number = this.idf,
  ): EventCandidate[] {
    const common = commonBound(this.events.size);
    const shared = new Map<string, number>();
    const collect = (key: string, weight: number) => {
      const list = this.postings.get(key);
      if (!list || list.size > common) return;
      const w = weight * idf(key);
      for (const id of list) shared.set(id, (shared.get(id) ?? 0) + w);
    };
    for (const n of f.names) collect(`#${n}`, 1);
    for (const [t, w] of seedTerms(f, idf)) collect(t, w);
    // The admissible ones first (most events sharing a term lie on other days), then the best of those.
    const ranked: [EventCandidate, number][] = [];
    for (const [id, w] of shared) {
      const c = this.events.get(id) as EventCandidate;
      if (admissible(c)) ranked.push([c, w]);
    }
    ranked.sort((a, b) => b[1] - a[1] || (a[0].event.id < b[0].event.id ? -1 : 1));
    return ranked.slice(0, MAX_CANDIDATES).map(([c]) => c);
  }

  /** The events listed under a term or a name ("#name"). */
  *holding(key: string): Iterable<EventCandidate> {
    for (const id of this.postings.get(key) ?? []) yield this.events.get(id) as EventCandidate;
  }

  /** The indexed event with this id. */
  get(id: string): EventCandidate | undefined {
    return this.events.get(id);
  }

  /** Every indexed event. */
  all(): EventCandidate[] {
    return [...this.events.values()];
  }
}
