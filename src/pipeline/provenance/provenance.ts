/**
 * The provenance stage: who published a report, and whether it copies, credits or cites another.
 *   1. fingerprint the text (word shingles) and hash its content;
 *   2. find the earlier stored report it copies, if any (shingle containment over a threshold);
 *   3. read its credit lines (wire credits, "appeared first on") into credits of known outlets;
 *   4. find the outlets it cites ("according to X").
 */
import type { ExtractedArticle } from '../../domain/article.ts';
import type { Outlet } from '../../domain/outlet.ts';
import type { ArticleFingerprint, Lineage, Provenance } from '../../domain/provenance.ts';
import { sha256 } from '../../lib/hash.ts';
import { findCitations } from './citations.ts';
import { findOutletByName } from './resolve-outlet.ts';
import { containment, shingleHashes } from './shingles.ts';

export interface ProvenanceInput {
  articleId: string;
  extracted: ExtractedArticle;
  outlet: Outlet;
  /** Fingerprints of stored reports to compare with (the orchestrator finds them in the copy index). */
  candidates: ArticleFingerprint[];
  knownOutlets: Outlet[];
  /** The text's shingle hashes when the caller already has them. */
  shingles?: number[];
}

export interface ProvenanceOptions {
  copySimilarity: number;
}

export interface ProvenanceResult {
  provenance: Provenance;
  shingles: number[];
}

/** Returns the report's lineage and its fingerprint. */
export function traceProvenance(input: ProvenanceInput, opts: ProvenanceOptions): ProvenanceResult {
  const { extracted, outlet } = input;
  const shingles = input.shingles ?? shingleHashes(extracted.text);
  const lineage: Lineage[] = [];
  const copy = findCopyOrigin(input, shingles, opts.copySimilarity);
  if (copy) lineage.push(copy);
  for (const s of extracted.syndication) {
    const credited = findOutletByName(s.source, input.knownOutlets);
    if (credited?.id === outlet.id) continue;
    // "Additional reporting by …" names people as often as agencies: only a known outlet is a credit.
    if (!credited && (s.kind === 'contributed' || !namesAnOutlet(s.source))) continue;
    const of =
      copy && input.candidates.find((c) => c.articleId === copy.ofArticleId && c.outletId === credited?.id);
    lineage.push({
      kind: 'credit',
      source: credited?.name ?? s.source,
      ofArticleId: of ? of.articleId : null,
      evidence: s.line,
    });
  }
  for (const c of findCitations(extracted.text, input.knownOutlets, outlet)) {
    // An agency of the report's own group named in it ("a Harbour Wire correspondent said" on a Harbour
    // group site): the report carries its group's agency copy, a credit.
    if (c.outlet?.kind === 'wire' && outlet.ownerGroup && c.outlet.ownerGroup === outlet.ownerGroup) {
      if (!lineage.some((l) => l.kind === 'credit' && l.source === c.outlet?.name))
        lineage.push({ kind: 'credit', source: c.outlet.name, ofArticleId: null, evidence: c.evidence });
      continue;
    }
    lineage.push({
      kind: 'citation',
      outlet: c.name,
      evidence: c.evidence,
      ...(c.labelled ? { labelled: true } : {}),
    });
  }
  return {
    provenance: {
      articleId: input.articleId,
      outletId: outlet.id,
      canonicalUrl: extracted.canonicalUrl,
      contentHash: contentHash(extracted),
      lineage,
    },
    shingles,
  };
}

/** A credit's source that could be an outlet's name: words, not a date or a time ("05/03/2013 at 10:20"). */
function namesAnOutlet(source: string): boolean {
  return /^[\p{L}(]/u.test(source.trim()) && /\p{L}{2}/u.test(source);
}

/** Returns the identity hash of an extracted article: its title and text. */
export function contentHash(a: Pick<ExtractedArticle, 'title' | 'text'>): string {
  return sha256(`${a.title ?? ''}\n${a.text}`);
}

/**
 * The origin of a copy: of the earlier reports the text is (nearly) contained in or contains, the
 * earliest published (a reprint of a reprint goes back to the first), the most similar on a tie.
 */
function findCopyOrigin(
  input: ProvenanceInput,
  shingles: number[],
  threshold: number,
): Extract<Lineage, { kind: 'copy' }> | null {
  const mine = input.extracted.publishedAt;
  let best: { c: ArticleFingerprint; sim: number } | null = null;
  for (const c of input.candidates) {
    if (c.articleId === input.articleId) continue;
    if (mine && c.publishedAt && c.publishedAt > mine) continue; // a later report cannot be the origin
    const sim = containment(shingles, c.shingles);
    if (sim < threshold) continue;
    const earlier = best && c.publishedAt && best.c.publishedAt ? c.publishedAt < best.c.publishedAt : false;
    const same = best && c.publishedAt === best.c.publishedAt;
    if (!best || earlier || (same && sim > best.sim)) best = { c, sim };
  }
  if (!best) return null;
  return {
    kind: 'copy',
    ofArticleId: best.c.articleId,
    similarity: Math.round(best.sim * 1000) / 1000,
    evidence: `${Math.round(best.sim * 100)}% of 5-word shingles shared`,
  };
}
