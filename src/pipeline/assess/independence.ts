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
  provenance: Provenance;
  /** True when every sentence of the report's lead attributes its facts to a cited outlet. */
  citesOnly: boolean;
}

const TIER_RANK: Record<OutletTier, number> = { primary: 4, trusted: 3, standard: 2, unrated: 1, low: 0 };

/** Returns the independent sources behind a set of reports (outlets known to the caller by id and name). */
export function independentSources(
  reports: ReportForAssessment[],
  outletsByName: Map<string, Outlet>,
): IndependentSource[] {
  const uf = new UnionFind();
  const byArticle = new Map(reports.map((r) => [r.articleId, r]));
  const originOutlet = new Map<string, Outlet>(); // source key → the outlet it speaks for
  for (const r of reports) {
    const key = sourceKey(r, byArticle, outletsByName);
    uf.add(r.articleId);
    uf.add(key.id);
    uf.union(r.articleId, key.id);
    if (!originOutlet.has(key.id)) originOutlet.set(key.id, key.outlet);
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
  for (const r of reports) {
    const root = uf.find(r.articleId);
    const g = groups.get(root) ?? { label: '', outletIds: [], articleIds: [], tier: 'low' as OutletTier };
    g.articleIds.push(r.articleId);
    if (!g.outletIds.includes(r.outlet.id)) g.outletIds.push(r.outlet.id);
    groups.set(root, g);
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

/** The source a report speaks for: its copy origin's, its credited outlet's, the cited outlet's, or its own. */
function sourceKey(
  r: ReportForAssessment,
  byArticle: Map<string, ReportForAssessment>,
  outletsByName: Map<string, Outlet>,
): { id: string; outlet: Outlet } {
  for (const l of r.provenance.lineage) {
    if (l.kind === 'copy') {
      const origin = byArticle.get(l.ofArticleId);
      if (origin)
        return sourceKey(origin, new Map([...byArticle].filter(([k]) => k !== r.articleId)), outletsByName);
      // Copies of one origin outside these reports are still one source.
      return { id: `article:${l.ofArticleId}`, outlet: r.outlet };
    }
  }
  for (const l of r.provenance.lineage) {
    if (l.kind === 'credit') {
      const o = outletsByName.get(l.source.toLowerCase());
      if (o) return { id: `outlet:${o.id}`, outlet: o };
    }
  }
  if (r.citesOnly) {
    const cite = r.provenance.lineage.find((l) => l.kind === 'citation');
    const o = cite?.kind === 'citation' ? outletsByName.get(cite.outlet.toLowerCase()) : undefined;
    if (o) return { id: `outlet:${o.id}`, outlet: o };
  }
  return { id: `outlet:${r.outlet.id}`, outlet: r.outlet };
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
