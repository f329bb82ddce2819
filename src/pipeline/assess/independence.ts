/**
 * Independent sources of an event: reports collapse into one source when they are copies of
 * one another, credit the same origin, come from outlets of one owner, or merely cite another
 * outlet ("according to X" counts for X, not for the citer).
 */
import type { IndependentSource } from '../../domain/assessment.ts';
import type { Outlet, OutletTier } from '../../domain/outlet.ts';
import type { Provenance } from '../../domain/provenance.ts';

export interface ReportForAssessment {
  articleId: string;
  outlet: Outlet;
  /** Its copies, credits and citations (the rest of its provenance is not read here). */
  provenance: Partial<Provenance> & Pick<Provenance, 'lineage'>;
  /** True when every sentence of the report's lead attributes its facts to a cited outlet. */
  citesOnly: boolean;
}

const TIER_RANK: Record<OutletTier, number> = { primary: 4, trusted: 3, standard: 2, unrated: 1, low: 0 };

/**
 * A page that speaks only for the outlets it relays: an aggregator by kind, or a page of an outlet the
 * registry does not know as a newsroom that cites at least this many outlets (a briefing of "what the
 * papers say", a round-up of others' reports). Calibrated on the tune half of the real-news labels:
 * reports doing their own reporting cite four outlets at most (one in 242), the one briefing seven. A
 * known newspaper or broadcaster is never a relay by count.
 */
const RELAY_MIN_CITED = 5;
/** Or that labels its claims with this many outlets on source lines of their own ("Outlet → …"). */
const RELAY_MIN_LABELLED = 2;
const UNREGISTERED_KINDS = new Set(['unknown', 'aggregator', 'blog', 'social']);

/** Returns the independent sources behind a set of reports (outlets known to the caller by id and name). */
export function independentSources(
  reports: ReportForAssessment[],
  outletsByName: ReadonlyMap<string, Outlet>,
): IndependentSource[] {
  const uf = new UnionFind();
  const byArticle = new Map(reports.map((r) => [r.articleId, r]));
  const originOutlet = new Map<string, Outlet>(); // source key → the outlet it speaks for
  const keysOf = new Map<string, string[]>(); // article → the source keys it speaks for
  for (const r of reports) {
    const keys = sourceKeys(r, byArticle, outletsByName);
    uf.add(r.articleId);
    for (const key of keys) {
      uf.add(key.id);
      if (!originOutlet.has(key.id)) originOutlet.set(key.id, key.outlet);
    }
    // A report of one source joins it; a relay of several stands beside each, joining none to another.
    if (keys.length === 1) uf.union(r.articleId, (keys[0] as SourceKey).id);
    keysOf.set(
      r.articleId,
      keys.map((k) => k.id),
    );
  }
  // Outlets of one owner group are one source.
  const byOwner = new Map<string, string>();
  for (const [id, o] of originOutlet) {
    if (!o.ownerGroup) continue;
    const first = byOwner.get(o.ownerGroup);
    if (first) uf.union(first, id);
    else byOwner.set(o.ownerGroup, id);
  }
  const groups = new Map<string, IndependentSource>();
  const join = (root: string, r: ReportForAssessment) => {
    const g = groups.get(root) ?? { label: '', outletIds: [], articleIds: [], tier: 'low' as OutletTier };
    if (!g.articleIds.includes(r.articleId)) g.articleIds.push(r.articleId);
    if (!g.outletIds.includes(r.outlet.id)) g.outletIds.push(r.outlet.id);
    groups.set(root, g);
  };
  for (const r of reports) {
    const keys = keysOf.get(r.articleId) ?? [];
    if (keys.length > 1) for (const k of keys) join(uf.find(k), r);
    else join(uf.find(r.articleId), r);
  }
  for (const [id, o] of originOutlet) {
    const g = groups.get(uf.find(id));
    if (!g) continue;
    if (!g.outletIds.includes(o.id)) g.outletIds.unshift(o.id);
    if (!g.label || TIER_RANK[o.tier] > TIER_RANK[g.tier]) {
      g.tier = o.tier;
      g.label = o.name;
    }
  }
  return [...groups.values()].sort(
    (a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier] || a.label.localeCompare(b.label),
  );
}

interface SourceKey {
  id: string;
  outlet: Outlet;
}

/**
 * The sources a report speaks for: its copy origin's; the outlets it credits (known or not); for a relay
 * page, every outlet it cites; the outlet it cites when its lead only cites; else its own.
 */
function sourceKeys(
  r: ReportForAssessment,
  byArticle: Map<string, ReportForAssessment>,
  outletsByName: ReadonlyMap<string, Outlet>,
): SourceKey[] {
  for (const l of r.provenance.lineage) {
    if (l.kind === 'copy') {
      const origin = byArticle.get(l.ofArticleId);
      if (origin)
        return sourceKeys(origin, new Map([...byArticle].filter(([k]) => k !== r.articleId)), outletsByName);
      // Copies of one origin outside these reports are still one source.
      return [{ id: `article:${l.ofArticleId}`, outlet: r.outlet }];
    }
  }
  const credited = distinct(
    r.provenance.lineage.flatMap((l) => (l.kind === 'credit' ? [namedOutlet(l.source, outletsByName)] : [])),
  ).filter((o) => o.id !== r.outlet.id);
  const cited = distinct(
    r.provenance.lineage.flatMap((l) =>
      l.kind === 'citation' ? [namedOutlet(l.outlet, outletsByName)] : [],
    ),
  ).filter((o) => o.id !== r.outlet.id);
  // A credited copy speaks for its credited outlets only: whom they cite is their own affair.
  if (credited.length) return credited.map((o) => ({ id: `outlet:${o.id}`, outlet: o }));
  const labelled = new Set(
    r.provenance.lineage.flatMap((l) => (l.kind === 'citation' && l.labelled ? [l.outlet] : [])),
  );
  const relay =
    r.outlet.kind === 'aggregator' ||
    (UNREGISTERED_KINDS.has(r.outlet.kind) &&
      (cited.length >= RELAY_MIN_CITED || labelled.size >= RELAY_MIN_LABELLED));
  if (relay && cited.length) return cited.map((o) => ({ id: `outlet:${o.id}`, outlet: o }));
  if (r.citesOnly && cited[0]) return [{ id: `outlet:${cited[0].id}`, outlet: cited[0] }];
  return [{ id: `outlet:${r.outlet.id}`, outlet: r.outlet }];
}

/** The outlet a credit or citation names: a known one, else one known only by that name. */
function namedOutlet(name: string, outletsByName: ReadonlyMap<string, Outlet>): Outlet {
  return (
    outletsByName.get(name.toLowerCase()) ?? {
      id: `name:${name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')}`,
      name,
      domain: null,
      kind: 'unknown',
      ownerGroup: null,
      country: null,
      tier: 'unrated',
    }
  );
}

function distinct(outlets: Outlet[]): Outlet[] {
  return [...new Map(outlets.map((o) => [o.id, o])).values()];
}

class UnionFind {
  private parent = new Map<string, string>();
  add(x: string): void {
    if (!this.parent.has(x)) this.parent.set(x, x);
  }
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    while (p !== (this.parent.get(p) ?? p)) p = this.parent.get(p) ?? p;
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}
