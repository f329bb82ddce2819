/** How established an event is: independent sources, confidence level, disputes. */
import type { OutletTier } from './outlet.ts';

/** The confidence ladder (DESIGN.md); Retracted when every report behind the event was withdrawn. */
export type ConfidenceLevel = 'Unconfirmed' | 'Likely' | 'Verified' | 'Disputed' | 'Retracted';

/** A core fact on which independent sources disagree, with who says what. */
export interface Dispute {
  field: string;
  values: { value: string; articleIds: string[]; outlets: string[] }[];
  /** Set once settled — by an editor, or by the configured rule — with the value that stands. */
  resolved?: { value: string; by: 'editor' | 'rule'; who: string | null; note: string | null };
}

/** An editor's settlement of a dispute over one field of an event. */
export interface DisputeResolution {
  eventId: string;
  field: string;
  value: string;
  decidedBy: string;
  note: string | null;
  at: string;
}

/** One independent source: the outlets and reports that collapse into it. */
export interface IndependentSource {
  /** Name shown for the source (the origin outlet). */
  label: string;
  outletIds: string[];
  articleIds: string[];
  tier: OutletTier;
}

/** A source denying the event in its opening sentence, with the sentence and the words that deny. */
export interface Denial {
  articleId: string;
  outlet: string;
  sentence: string;
  cues: string[];
}

export interface Assessment {
  eventId: string;
  level: ConfidenceLevel;
  sources: IndependentSource[];
  disputes: Dispute[];
  /** Reports whose opening sentence denies the event, shown beside those that report it (not a dispute by itself). */
  denials?: Denial[];
  /** The sentence shown beside the level (DESIGN.md, "Confidence ladder"). */
  explanation: string;
  /** What would raise the level, when something would. */
  next: string | null;
  computedAt: string;
}
