/**
 * The provenance stage: who published a report, and whether it copies, credits or cites another.
 *   1. fingerprint the text (word shingles) and hash its content;
 *   2. find the earlier stored report it copies, if any (shingle containment over a threshold);
 *   3. read its credit lines (wire credits, "appeared first on") into credits of known outlets;
 *   4. find the outlets it cites ("according to X").
 */
import type { ExtractedArticle, SyndicationLine } from '../../domain/article.ts';
import { NEWS_KINDS, outletKey, type Outlet, type OutletKind } from '../../domain/outlet.ts';
import type { ArticleFingerprint, Lineage, Provenance } from '../../domain/provenance.ts';
import { sha256 } from '../../lib/hash.ts';
import { findCitations } from './citations.ts';

import { allOf, outletDirectory } from './outlet-directory.ts';
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
  for (const line of extracted.syndication)
    for (const s of jointCredit(line, input.knownOutlets)) {
      const credited = creditedOutlet(s.source, input.knownOutlets);
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
  // An author that is an agency ("By The Meridian Press", "Meridian Press Staff"): the report is its copy.
  for (const author of extracted.authors) {
    const agency = creditedOutlet(author, input.knownOutlets);
    if (!agency || agency.id === outlet.id || !AGENCY_KINDS.has(agency.kind)) continue;
    // A person's name that happens to spell an agency's site ("Amna" for amna.example) is not the agency.
    if (!spellsName(author, agency)) continue;
    if (!lineage.some((l) => l.kind === 'credit' && l.source === agency.name))
      lineage.push({ kind: 'credit', source: agency.name, ofArticleId: null, evidence: `By ${author}` });
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

/** A credit naming two agencies ("Sapa-AFP", "AFP/Reuters") as one credit for each, when both are known. */
function jointCredit(line: SyndicationLine, known: Outlet[]): SyndicationLine[] {
  if (findOutletByName(line.source, known)) return [line];
  const parts = line.source.split(/\s*\/\s*|\s*-\s*/);
  if (parts.length < 2 || !parts.every((p) => findOutletByName(p, known))) return [line];
  return parts.map((source) => ({ ...line, source }));
}

/** Kinds of outlet whose name as a report's author makes the report their copy: news agencies. */
const AGENCY_KINDS: ReadonlySet<OutletKind> = new Set<OutletKind>(['wire', 'state-media']);

/**
 * Whether a credit's words are the outlet's name or one of its aliases, whole: not its site's name, nor
 * its name without "News Agency" ("Amna" and "Athens" are a person and a city).
 */
function spellsName(words: string, o: Outlet): boolean {
  const forms = [words.trim(), STAFF_AFTER_NAME.exec(words.trim())?.[1]?.trim() ?? ''].filter(Boolean);
  return [o.name, ...(o.aliases ?? [])].some((n) => {
    // Initials only as written, in capitals ("Amna" is a name, AMNA an agency).
    if (/^[A-Z]{2,5}$/.test(n)) return forms.includes(n);
    const key = outletKey(n.replace(/\s*\([^)]*\)$/, ''));
    return forms.some((f) => outletKey(f) === key);
  });
}

/** Staff words after an outlet's name in a credit: "Meridian Press writer Ana Reis contributed". */
const STAFF_AFTER_NAME =
  /^(.+?)\s+(?:staff\s+)?(?:writers?|correspondents?|reporters?|staff|photographers?|journalists?)\b/iu;

/**
 * The known outlet a credit names: by its name; by the outlet before a staff word ("Meridian Press
 * writer Ana Reis"); or by its owner group when the group has one news outlet, an agency ("© Meridian
 * Group" for the Meridian Press Agency the group owns).
 */
function creditedOutlet(source: string, known: Outlet[]): Outlet | null {
  const byName = findOutletByName(source, known);
  if (byName) return byName;
  const staff = STAFF_AFTER_NAME.exec(source.trim());
  const byStaff = staff ? findOutletByName(staff[1] as string, known) : null;
  if (byStaff) return byStaff;
  const group = allOf([outletDirectory(known).ownerGroup, outletKey(source)]).filter((o) =>
    NEWS_KINDS.has(o.kind),
  );
  return group.length === 1 && group[0]?.kind === 'wire' ? group[0] : null;
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
