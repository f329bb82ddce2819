import type { Analysis } from './analysis.ts';
import type { Provenance } from './provenance.ts';

/** Articles as they enter (ArticleInput), as extracted, and as stored with their versions. */

/** One line of the JSONL interchange format (DESIGN.md, "Article input format"). */
export interface ArticleInput {
  url: string;
  outlet?: string;
  publishedAt?: string;
  title?: string;
  text?: string;
  html?: string;
  id?: string;
}

/** Where an input came from, so bad input can be named by file and line. */
export interface InputOrigin {
  file: string;
  line: number | null;
}

/** An input's origin as messages name it: `file`, or `file:line`. */
export function describeOrigin(o: InputOrigin): string {
  return o.line === null ? o.file : `${o.file}:${o.line}`;
}

/** A line that says the text came from elsewhere ("appeared first on", wire credits). */
export interface SyndicationLine {
  kind:
    | 'appeared-first'
    | 'authored-via'
    | 'originally-appeared'
    | 'wire-credit'
    | 'credit'
    | 'contributed'
    | 'via';
  /** The outlet or wire named in the line. */
  source: string;
  /** The line as it stood in the input. */
  line: string;
}

/** Content set apart from the outlet's own words (social posts, captions, pull quotes). */
export interface EmbeddedBlock {
  kind: 'social-post' | 'caption' | 'pull-quote' | 'byline' | 'dateline';
  text: string;
}

/** Which signal a metadata field was taken from. */
export interface FieldEvidence {
  field: string;
  source: string;
  value: string;
}

/** Output of the extract stage: the article's own text and its metadata. */
export interface ExtractedArticle {
  url: string;
  canonicalUrl: string;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  outlet: string | null;
  language: string | null;
  description: string | null;
  text: string;
  syndication: SyndicationLine[];
  embedded: EmbeddedBlock[];
  evidence: FieldEvidence[];
}

/** A stored article's lifecycle state; withdrawn articles leave the assessments. */
export type ArticleStatus = 'active' | 'withdrawn';

/** One immutable version of an article's text (corrections add versions). */
export interface ArticleVersion {
  articleId: string;
  version: number;
  contentHash: string;
  title: string | null;
  text: string;
  createdAt: string;
}

/** A stored article: identity, metadata and its current version's text. */
export interface Article {
  /** The input `id`, else its URL (DESIGN.md, "Article id"). */
  id: string;
  url: string;
  canonicalUrl: string;
  outletId: string | null;
  title: string | null;
  publishedAt: string | null;
  language: string | null;
  status: ArticleStatus;
  version: number;
  contentHash: string;
  text: string;
  ingestedAt: string;
}

/** Everything the pipeline knows about one article version: text, metadata, lineage, analysis. */
export interface ArticleRecord {
  article: Article;
  extracted: ExtractedArticle;
  provenance: Provenance;
  analysis: Analysis;
  /** Word-shingle fingerprint used for copy detection. */
  shingles: number[];
}
