/** Where a report came from: its outlet, whether it copies another, whom it credits or cites. */

/** A link from one report to its origin, with the evidence that shows it. */
export type Lineage =
  | { kind: 'copy'; ofArticleId: string; similarity: number; evidence: string }
  | { kind: 'credit'; source: string; ofArticleId: string | null; evidence: string }
  | {
      kind: 'citation';
      outlet: string;
      evidence: string;
      /** The page labels a claim with the outlet on a line of its own ("Outlet → …", "Source: Outlet"). */
      labelled?: boolean;
    };

export interface Provenance {
  articleId: string;
  outletId: string | null;
  canonicalUrl: string;
  contentHash: string;
  lineage: Lineage[];
}

/** A compact fingerprint of a stored article, so provenance can find copies without storage. */
export interface ArticleFingerprint {
  articleId: string;
  outletId: string | null;
  publishedAt: string | null;
  /** Hashes of word shingles, sorted and de-duplicated. */
  shingles: number[];
}
