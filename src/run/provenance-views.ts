/**
 * Read models of provenance: one report's lineage (what it derives from, what derives from it, its
 * outlet and owner) and the lineage graph of an event's reports, for the CLI and the API.
 */
import type { Lineage } from '../domain/provenance.ts';
import type { Outlet } from '../domain/outlet.ts';
import type { Store } from '../storage/store.ts';

/** One edge of a lineage graph: `from` derives from `to` (a report id, or an outlet for credits and citations). */
export interface LineageEdge {
  from: string;
  kind: Lineage['kind'];
  /** The report it derives from, when stored. */
  toArticle: string | null;
  /** The outlet it credits or cites (by name). */
  toOutlet: string | null;
  similarity: number | null;
  evidence: string;
}

export interface ReportLineage {
  article: { id: string; title: string | null; url: string; publishedAt: string | null };
  outlet: Pick<Outlet, 'id' | 'name' | 'kind' | 'tier' | 'ownerGroup' | 'country'> | null;
  /** What this report copies, credits or cites. */
  derivesFrom: LineageEdge[];
  /** The first report of its copy chain (itself when it copies nothing). */
  origin: string;
  /** Stored reports that copy or credit this one. */
  derivedBy: LineageEdge[];
}

/** Turns a report's lineage into edges. */
export function lineageEdges(articleId: string, lineage: Lineage[]): LineageEdge[] {
  return lineage.map((l) => ({
    from: articleId,
    kind: l.kind,
    toArticle: l.kind === 'citation' ? null : l.ofArticleId,
    toOutlet: l.kind === 'credit' ? l.source : l.kind === 'citation' ? l.outlet : null,
    similarity: l.kind === 'copy' ? l.similarity : null,
    evidence: l.evidence,
  }));
}

/** Returns a stored report's lineage, or undefined when no report has this id. */
export async function reportLineage(store: Store, id: string): Promise<ReportLineage | undefined> {
  const [rec] = await store.articles.records([id]);
  if (!rec) return undefined;
  const outlet = rec.article.outletId ? await store.outlets.get(rec.article.outletId) : undefined;
  // The copy chain back to its first report (bounded: a chain never revisits a report).
  let origin = id;
  const seen = new Set([id]);
  for (let current = rec.provenance; ; ) {
    const copy = current.lineage.find((l) => l.kind === 'copy');
    if (copy?.kind !== 'copy' || seen.has(copy.ofArticleId)) break;
    const [next] = await store.articles.provenances([copy.ofArticleId]);
    if (!next) break;
    origin = next.articleId;
    seen.add(origin);
    current = next;
  }
  // Reports deriving from it share its copy-index bands.
  const near = await store.articles.copyCandidates(rec.shingles, id);
  const derived = await store.articles.provenances(near.map((n) => n.articleId));
  const derivedBy = derived.flatMap((d) =>
    lineageEdges(d.articleId, d.lineage).filter((e) => e.toArticle === id),
  );
  return {
    article: { id, title: rec.article.title, url: rec.article.url, publishedAt: rec.article.publishedAt },
    outlet: outlet
      ? {
          id: outlet.id,
          name: outlet.name,
          kind: outlet.kind,
          tier: outlet.tier,
          ownerGroup: outlet.ownerGroup,
          country: outlet.country,
        }
      : null,
    derivesFrom: lineageEdges(id, rec.provenance.lineage),
    origin,
    derivedBy,
  };
}
