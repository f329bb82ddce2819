/** What the analyze stage finds in an article: sentences, entities, times, quotes, numbers. */

/** How sure the outlet's own language is (DESIGN.md, "Source tone"). */
export type CertaintyLevel = 'certain' | 'likely' | 'possible' | 'attributed' | 'denied';

export interface Span {
  /** UTF-16 code-unit offsets into the article text (JavaScript string indices). */
  start: number;
  end: number;
}

export interface Sentence extends Span {
  certainty: { level: CertaintyLevel; cues: string[] };
}

export type EntityType = 'PERSON' | 'ORG' | 'LOCATION' | 'NORP';

/** One mention of an entity in one article. */
export interface EntityMention extends Span {
  text: string;
  type: EntityType;
  /** Id of the Entity the mention is linked to (stable across articles). */
  entityId: string;
  canonical: string;
  /** For a place linked to the gazetteer: its country (ISO 3166 alpha-2), coordinates and precision. */
  place?: LinkedPlace;
  /** The title or role the report gives a person here ("French President", "the union's chairman"), true as of the report's date. */
  role?: string;
}

/** A gazetteer entry a place mention is linked to. */
export interface LinkedPlace {
  country: string;
  lat: number | null;
  lon: number | null;
  precision: 'country' | 'region' | 'city';
  /** For a region: its ISO 3166-2 code ("FR-31"). */
  region?: string;
}

/** An entity linked across articles (a person, organisation, place or group). */
export interface Entity {
  id: string;
  type: EntityType;
  canonical: string;
  aliases: string[];
}

export type TimePrecision = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** A time expression anchored to the calendar. */
export interface TimeExpression extends Span {
  text: string;
  value: { start: string; end: string };
  precision: TimePrecision;
}

/** A quotation with its speaker when one is found. */
export interface Quote extends Span {
  text: string;
  speaker: { text: string; entityId: string | null } | null;
  verb: string | null;
  direct: boolean;
}

export interface NumberMention extends Span {
  text: string;
  value: number;
  /** The counted noun or unit that follows ("workers", "hectares", "%"), lower-cased. */
  unit: string | null;
  /** How the text qualifies the figure ("about 35", "more than 2,000", "up to 40"). */
  approx?: 'about' | 'more-than' | 'at-least' | 'less-than' | 'up-to';
  /** For a vague quantity ("several thousand", "dozens of"), the span of values it allows; `value` is its lower end. */
  range?: { min: number; max: number };
  /** What happened to the people counted, when the sentence says ("eight people were killed" → deaths). */
  counts?: CountKind;
}

/** Kinds of count of what happened to people, however the report words them. */
export type CountKind = 'deaths' | 'injured' | 'arrests' | 'displaced' | 'missing';

/** The analyze stage's result for one article (the `analyze --json` shape). */
export interface Analysis {
  id: string;
  sentences: Sentence[];
  entities: EntityMention[];
  times: TimeExpression[];
  quotes: Quote[];
  numbers: NumberMention[];
}

/* What stretch of time a figure counts (read by pipeline/assess/figure-scope.ts), kept with the assessment. */

/** A day a figure is scoped to: its date when the text fixes it, else its weekday (0 = Sunday) or the word. */
export interface DayRef {
  date?: string;
  weekday?: number;
  word?: string;
}

/** What a figure counts over, when its words or its sentence say (pipeline/assess/figure-scope.ts). */
export type FigureScope =
  | { kind: 'day'; day: DayRef; cue: string }
  | { kind: 'span'; span: string; cue: string }
  | { kind: 'total'; cue: string }
  | { kind: 'increment'; cue: string };

/** The day a report's figures stand at: the event day it states, else its publication day. */
export interface ReportMoment {
  day: string;
  stated: boolean;
}

/** A figure with its scope and its report's moment, where known. */
export interface ScopedFigure extends NumberMention {
  scope?: FigureScope;
  moment?: ReportMoment;
}
