/**
 * An editor's edit of an event's title, category, date or place. Each field is given as an editor types
 * it (the form and the API send the same text); a field given as it stands changes nothing. The value
 * set stays in force over what later reports make of the field until the edit is undone, which puts the
 * pipeline's value back. The event is re-assessed and its pages rebuilt, and each changed field is written
 * to the audit log (before → after, with the editor's note), which the event's page shows readers.
 */
import { CorroborateError } from '../domain/errors.ts';
import {
  EDITABLE_FIELDS,
  EVENT_CATEGORIES,
  type EditableField,
  type EditableValues,
  type Event,
  type EventCategory,
  type EventDate,
  type EventPlace,
} from '../domain/event.ts';
import { COUNTRY_BY_NAME } from '../lib/countries.ts';
import { linkPlace } from '../pipeline/analyze/place-link.ts';
import type { RunDeps } from './ingest.ts';
import { recordEditorial } from './editorial-record.ts';
import { existingEvent } from './regroup.ts';
import { settleEvents } from './settle-events.ts';

export const MAX_TITLE_LENGTH = 300;
export const MAX_PLACE_LENGTH = 200;
export const MAX_EDIT_NOTE_LENGTH = 500;

/** What an editor asks for: fields as typed ("" clears a category, date or place), and fields to undo. */
export interface EventEditRequest {
  title?: string;
  category?: string;
  date?: string;
  place?: string;
  undo?: string[];
  note?: string | null;
}

/** One field changed: its value before and after, as shown to readers. */
export interface FieldChange {
  field: EditableField;
  before: string;
  after: string;
  undone: boolean;
}

/** Applies an editor's edit of an event; returns the fields that changed (none when all stood as given). */
export async function editEvent(
  deps: RunDeps,
  eventId: string,
  req: EventEditRequest,
): Promise<{ event: Event; changes: FieldChange[] }> {
  const { store, clock } = deps;
  const event = await existingEvent(store, eventId);
  const note = (req.note ?? '').trim() || null;
  if (note && [...note].length > MAX_EDIT_NOTE_LENGTH)
    throw new CorroborateError('usage', `a note has at most ${MAX_EDIT_NOTE_LENGTH} characters`, 'note');
  const undo = new Set<EditableField>();
  for (const f of req.undo ?? []) {
    if (!isEditable(f))
      throw new CorroborateError('usage', `only ${EDITABLE_FIELDS.join(', ')} can be undone`, 'undo');
    undo.add(f);
  }
  // Every field is read before anything is written: one bad field changes nothing.
  const set = new Map<EditableField, EditableValues[EditableField]>();
  for (const field of EDITABLE_FIELDS) {
    const typed = req[field];
    if (typed === undefined || undo.has(field)) continue;
    if (typed.trim() === editText(field, event[field])) continue;
    const value = parseField(field, typed);
    if (editText(field, value) !== editText(field, event[field])) set.set(field, value);
  }
  const edits = new Map((await store.events.edits(eventId)).map((e) => [e.field, e]));
  const undoing = [...undo].filter((f) => edits.has(f));
  if (!set.size && !undoing.length) return { event, changes: [] };
  const now = clock.now();
  const actor = deps.actor ?? 'editor';
  const changes: FieldChange[] = [];
  await store.transaction(async (repos) => {
    for (const [field, value] of set) {
      await repos.events.setEdit({ eventId, field, value, decidedBy: actor, note, at: now });
      changes.push({
        field,
        before: shownText(field, event[field]),
        after: shownText(field, value),
        undone: false,
      });
    }
    for (const field of undoing) {
      const done = await repos.events.undoEdit(eventId, field, now);
      if (done)
        changes.push({
          field,
          before: shownText(field, event[field]),
          after: shownText(field, done.computed),
          undone: true,
        });
    }
    await repos.events.markPending([eventId], now);
  });
  await settleEvents(store, deps.config, now);
  for (const c of changes)
    await recordEditorial(
      store,
      {
        at: now,
        actor,
        action: c.undone ? 'event-edit-undo' : 'event-edit',
        subject: { kind: 'event', id: eventId },
        detail: { field: c.field, before: c.before, after: c.after, note },
      },
      [eventId],
    );
  return { event: (await store.events.get(eventId)) ?? event, changes };
}

function isEditable(f: string): f is EditableField {
  return (EDITABLE_FIELDS as readonly string[]).includes(f);
}

/** A field's value as the edit form shows it, and as an editor types it back unchanged. */
export function editText(field: EditableField, value: EditableValues[EditableField]): string {
  if (value === null) return '';
  switch (field) {
    case 'date': {
      const d = value as EventDate;
      return d.start === d.end ? d.start : `${d.start} to ${d.end}`;
    }
    case 'place':
      return (value as EventPlace).name;
    default:
      return value as string;
  }
}

/** A field's value as readers read it in the record of changes. */
function shownText(field: EditableField, value: EditableValues[EditableField]): string {
  if (value === null) return 'none';
  if (field === 'place') {
    const p = value as EventPlace;
    return p.country && p.precision !== 'country' ? `${p.name}, ${p.country}` : p.name;
  }
  return editText(field, value);
}

/** Reads a field as an editor typed it, or a usage error naming the field and what it takes. */
export function parseField(field: EditableField, typed: string): EditableValues[EditableField] {
  const text = typed.trim().replace(/\s+/g, ' ');
  switch (field) {
    case 'title':
      if (!text) throw new CorroborateError('usage', 'an event needs a title', 'title');
      if ([...text].length > MAX_TITLE_LENGTH)
        throw new CorroborateError('usage', `a title has at most ${MAX_TITLE_LENGTH} characters`, 'title');
      return text;
    case 'category': {
      if (!text) return null;
      const found = EVENT_CATEGORIES.find((c) => c.toLowerCase() === text.toLowerCase());
      if (!found)
        throw new CorroborateError(
          'usage',
          `a category is one of ${EVENT_CATEGORIES.join(', ')}`,
          'category',
        );
      return found satisfies EventCategory;
    }
    case 'date':
      return text ? parseDate(text) : null;
    case 'place':
      return text ? parsePlace(text) : null;
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-01-06", or a span "2025-01-06 to 2025-01-07" (also with "/", "–" or "-" between the days). */
function parseDate(text: string): EventDate {
  const parts = text.split(/\s+to\s+|\s*\/\s*|\s+[–—-]\s+|\s*[–—]\s*/i);
  const days = parts.map((p) => p.trim());
  if (days.length > 2 || !days.every(isDay))
    throw new CorroborateError(
      'usage',
      'give a day as YYYY-MM-DD, or a span as "YYYY-MM-DD to YYYY-MM-DD"',
      'date',
    );
  const [start, end = start] = days as [string, string?];
  if ((end as string) < start)
    throw new CorroborateError('usage', 'a span ends on or after the day it starts', 'date');
  return { start, end: end as string, precision: 'day' };
}

function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && Number(m[1]) >= 1000;
}

/**
 * A place as an editor names it, linked to the gazetteer as the pipeline links places ("Paris, Texas"
 * is the one in Texas); a place the gazetteer lacks keeps its name and, when written after a comma, its
 * country, without a position on the map.
 */
function parsePlace(text: string): EventPlace {
  if ([...text].length > MAX_PLACE_LENGTH)
    throw new CorroborateError('usage', `a place has at most ${MAX_PLACE_LENGTH} characters`, 'place');
  const linked = linkPlace(text);
  if (linked) {
    const comma = text.indexOf(',');
    // "Paris, Texas" links to Paris; the editor's own wording of the name is kept.
    const name =
      comma > 0 && linked.place.precision !== 'country' ? text.slice(0, comma).trim() : linked.name;
    return {
      name,
      country: linked.place.country,
      lat: linked.place.lat,
      lon: linked.place.lon,
      role: 'occurred',
      precision: linked.place.precision,
    };
  }
  const [name, country] = text.split(/\s*,\s*(?=[^,]+$)/);
  const code = country ? COUNTRY_BY_NAME.get(country.toLowerCase())?.code : undefined;
  return {
    name: code ? (name as string) : text,
    country: code ?? null,
    lat: null,
    lon: null,
    role: 'occurred',
    precision: 'city',
  };
}
