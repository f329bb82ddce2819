/** Real-world events, the reports that cover them, and the stories that thread them. */
import type { CertaintyLevel } from './analysis.ts';

export type EventCategory =
  | 'Diplomatic'
  | 'Military'
  | 'Political'
  | 'Legal'
  | 'Economic'
  | 'Humanitarian'
  | 'Security'
  | 'Protest'
  | 'Disaster'
  | 'Statement';

/**
 * CAMEO root codes each category maps to, for interchange with GDELT-style tools.
 * CAMEO codes what actors do to each other, so natural disasters have no root (null).
 */
export const CAMEO_ROOTS: Readonly<Record<EventCategory, string | null>> = {
  Statement: '01',
  Diplomatic: '04',
  Economic: '06',
  Humanitarian: '07',
  Political: '10',
  Legal: '11',
  Protest: '14',
  Security: '17',
  Military: '19',
  Disaster: null,
};

export const EVENT_CATEGORIES = Object.keys(CAMEO_ROOTS) as EventCategory[];

export type DatePrecision = 'day' | 'week' | 'month' | 'year';

export interface EventDate {
  start: string;
  end: string;
  precision: DatePrecision;
}

/** Whether a place is where it happened, the dateline, or merely mentioned. */
export type PlaceRole = 'occurred' | 'dateline' | 'mentioned';

export interface EventPlace {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  role: PlaceRole;
  precision: 'point' | 'city' | 'region' | 'country';
}

/** The fields of an event an editor may set over what the pipeline made of them. */
export const EDITABLE_FIELDS = ['title', 'category', 'date', 'place'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type EditableValues = Pick<Event, EditableField>;

/** An editor's value for one field of an event: in force until undone, whatever later reports say. */
export interface EventEdit<F extends EditableField = EditableField> {
  eventId: string;
  field: F;
  value: EditableValues[F];
  /** What the pipeline last made of the field; undoing the edit restores it. */
  computed: EditableValues[F];
  decidedBy: string;
  note: string | null;
  at: string;
}

/** Source tone of one report about its event: the certainty of the outlet's own language. */
export type SourceTone = CertaintyLevel;

/** One article's membership of one event. */
export interface ReportOfEvent {
  eventId: string;
  articleId: string;
  /** How strongly the resolver matched the article to the event (0..1). */
  score: number;
  tone: SourceTone | null;
  joinedAt: string;
  /** The report's own reading of its event, as the resolver made it (absent: not stored; read it again). */
  frame?: ReportFrame | null;
}

/** A report's own reading of its event, from the resolver: what assessment compares across reports. */
export interface ReportFrame {
  /** The event's day as this report gives it (ISO date), or null. */
  date: string | null;
  /** Where it happened (or the dateline), by name, or null. */
  place: string | null;
  /** The place with its role and coordinates where the gazetteer has them. */
  where?: EventPlace | null;
  category: EventCategory | null;
}

export interface Event {
  id: string;
  title: string;
  category: EventCategory | null;
  date: EventDate | null;
  place: EventPlace | null;
  storyId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A thread of events over weeks or months. */
export interface Story {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The resolver's running summary of an event, kept with it so that new reports can be
 * matched without re-reading every member: summed term weights, entity counts, date window.
 */
export interface EventProfile {
  /** Summed, length-normalised term frequencies of member reports (content words). */
  terms: Record<string, number>;
  /** How many member reports mention each linked entity or proper name. */
  names: Record<string, number>;
  /** How many member reports put the event at each place (lower-cased name), with the place as first given. */
  places?: Record<string, { place: EventPlace; count: number }>;
  /** How many member reports name each actor (surnames of the people their leads name). */
  actors?: Record<string, number>;
  /** Earliest and latest event-time estimates of member reports (ISO dates). */
  firstDate: string | null;
  lastDate: string | null;
  /** Votes for the event's day: a date stated in a report's lead counts 2, a publication day 1. */
  dateVotes?: Record<string, number>;
  /** For a day reports state as the first of a span ("January 6-7"), the latest last day they give. */
  dateLastDays?: Record<string, string>;
  /** Where the event's title came from: the report's publication time. */
  titlePublishedAt?: string | null;
  articleCount: number;
}

/** One value of an event field and the reports that give it. */
export interface FieldValue {
  value: string;
  articleIds: string[];
}

/**
 * A field-level event: for each field, every value its reports give and which reports give it, so
 * support can be counted and disputes found per field (a count is keyed by what it counts).
 */
export interface EventFields {
  date: FieldValue[];
  place: FieldValue[];
  participants: FieldValue[];
  category: FieldValue[];
  numbers: Record<string, FieldValue[]>;
}

/** A recorded change of an event's identity: a merge (the from event is gone) or a split. */
export interface EventLineageEntry {
  fromId: string;
  toId: string;
  kind: 'merge' | 'split';
  reason: string;
  /** The reports that moved. */
  articleIds: string[];
  /** The reports on the other side at the time: those of the event merged into, or those that stayed. */
  counterpartIds: string[];
  /** Who decided, for an editor's decision (reprocessing keeps to it); null when the pipeline regrouped. */
  decidedBy: string | null;
  /** For a merge: the title and verification history of the event that is gone. */
  detail: { title: string; levels: { level: string; computedAt: string }[] } | null;
  at: string;
}
