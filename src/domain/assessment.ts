/** How established an event is: independent sources, confidence level, disputes. */
import type { ScopedFigure } from './analysis.ts';
import type { OutletTier } from './outlet.ts';
import type { Lineage } from './provenance.ts';

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
  /**
   * What the level rests on, kept so that a reader's source policy can be applied without the report
   * texts (pipeline/assess/reader-level.ts). Absent from assessments stored before it was kept.
   */
  support?: AssessmentSupport;
}

/** One report's part in its event's level: what the assess stage read from its text, no text kept. */
export interface ReportSupport {
  articleId: string;
  outletId: string;
  /** Its copies, credits and citations (independence reads them). */
  lineage: Lineage[];
  /** True when its lead only attributes its account to a cited outlet. */
  citesOnly: boolean;
  /** The calendar day its lead writes out for the event, or null. */
  day: string | null;
  /** Where its lead says the event happened, with the other places of the event its text also names. */
  place: { name: string; lat: number; lon: number; alsoNames: string[] } | null;
  /** Its figures that can dispute another report's (disputes.ts). */
  figures: ScopedFigure[];
}

/** Everything an event's level rests on, by report. */
export interface AssessmentSupport {
  /** Reports of the event that were assessed (active, of a known outlet). */
  reports: ReportSupport[];
  /** Its other member reports (withdrawn, or of an unknown outlet): they decide whether it is Retracted. */
  others: { articleId: string; outletId: string | null; status: string }[];
  /** Editors' settlements of its disputes in force when it was assessed. */
  resolutions: DisputeResolution[];
}
