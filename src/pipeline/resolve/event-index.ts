/**
 * The resolver's index of events: how many events hold each term and name (for rarity weights, kept
 * up to date as events grow) and which events hold it (for candidates). A report is compared only with
 * the events that share a name or a term with it, not with every event, so the cost per report stays
 * flat as events accumulate; events whose dates lie far behind the stream can be retired from it.
 */
import type { ReportFeatures } from './report-features.ts';
import type { EventCandidate } from './resolve-event.ts';

/**
 * A term or name held by more events than this share (and at least MIN_COMMON of them) finds no
 * candidates: it is too common to tell events apart (its weight is near zero anyway), and its list
 * of events would make every report cost as much as a scan.
 */
const COMMON_SHARE = 0.05;
const MIN_COMMON = 200;

/** Events compared in full per report: the ones sharing the most rarity-weighted names and terms. */
const MAX_CANDIDATES = 20;

export class EventIndex {
  private readonly events = new Map<string, EventCandidate>();
  /** Key ("term" or "#name") → ids of the events holding it. */
  private readonly postings = new Map<string, Set<string>>();
  /** Event id → the keys it is listed under. */
  private readonly keysOf = new Map<string, string[]>();

  constructor(events: Iterable<EventCandidate> = []) {
    for (const e of events) this.put(e);
  }

  get size(): number {
    return this.events.size;
  }

  /** Adds an event, or replaces it after it grew (its new terms and names are listed; none is lost). */
  put(c: EventCandidate): void {
    const id = c.event.id;
    const old = new Set(this.keysOf.get(id) ?? []);
    const keys = [...Object.keys(c.profile.terms), ...Object.keys(c.profile.names).map((n) => `#${n}`)];
    for (const k of keys) {
      if (old.has(k)) continue;
      let list = this.postings.get(k);
      if (!list) this.postings.set(k, (list = new Set()));
      list.add(id);
    }
    this.keysOf.set(id, keys);
    this.events.set(id, c);
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

  /** How rare a term or name ("#name") is across the indexed events: log((n + 1) / (df + 1)) + 1. */
  readonly idf = (key: string): number => Math.log((this.events.size + 1) / ((this.postings.get(key)?.size ?? 0) + 1)) + 1;

  /**
   * The events most likely to match the report: those sharing its names and terms, ranked by the
   * rarity-weighted mass they share (a cheap first pass over the postings), the best MAX_CANDIDATES
   * of those `admissible` (dates close enough) kept for the full comparison.
   */
  candidates(f: ReportFeatures, admissible: (c: EventCandidate) => boolean = () => true): EventCandidate[] {
    const common = Math.max(MIN_COMMON, this.events.size * COMMON_SHARE);
    const shared = new Map<string, number>();
    const collect = (key: string, weight: number) => {
      const list = this.postings.get(key);
      if (!list || list.size > common) return;
      const w = weight * this.idf(key);
      for (const id of list) shared.set(id, (shared.get(id) ?? 0) + w);
    };
    for (const n of f.names) collect(`#${n}`, 1);
    for (const [t, w] of Object.entries(f.terms)) collect(t, w);
    const ranked = [...shared].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const out: EventCandidate[] = [];
    for (const [id] of ranked) {
      const c = this.events.get(id) as EventCandidate;
      if (!admissible(c)) continue;
      out.push(c);
      if (out.length === MAX_CANDIDATES) break;
    }
    return out;
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
