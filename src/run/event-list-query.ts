/**
 * Pages of the events and stories lists, read from the list rows (run/event-list.ts): the query a page
 * or an API call asks (filters, order, a keyset cursor, a limit), checked at the door, and one page of at
 * most `limit` rows with the cursors of the pages beside it. No request reads more than a page of rows.
 */
import type { ConfidenceLevel } from '../domain/assessment.ts';
import { CorroborateError } from '../domain/errors.ts';
import { EVENT_CATEGORIES, type EventCategory } from '../domain/event.ts';
import { COUNTRY_BY_NAME } from '../lib/countries.ts';
import type { EventListFilter, ListCursor, StoryListRow } from '../storage/event-list-repository.ts';
import type { Store } from '../storage/store.ts';
import { ensureEventList, listItem, type EventListItem } from './event-list.ts';

/** Rows a page holds unless asked otherwise, and at most. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const LEVELS: readonly ConfidenceLevel[] = ['Unconfirmed', 'Likely', 'Verified', 'Disputed', 'Retracted'];
const SORTS = ['newest', 'corroborated'] as const;
/** Longest text a filter takes (a place, an entity key, an outlet id); longer is no real value. */
const MAX_TEXT = 300;

/** What a list of events asks for, checked. */
export interface EventListQuery {
  category?: EventCategory;
  level?: ConfidenceLevel;
  from?: string;
  to?: string;
  place?: string;
  entity?: string;
  outlet?: string;
  sort: (typeof SORTS)[number];
  after?: string;
  before?: string;
  limit: number;
}

/** One page of a list, with the cursors of the next (older) and previous (newer) pages, or null at an end. */
export interface ListPage<T> {
  items: T[];
  next: string | null;
  prev: string | null;
}

/** Returns the events-list query in these request parameters; a bad one is a usage error naming it. */
export function parseEventListQuery(raw: Record<string, unknown>): EventListQuery {
  const q: EventListQuery = { sort: 'newest', limit: parseLimit(raw) };
  const sort = text(raw, 'sort');
  if (sort !== undefined) {
    if (!(SORTS as readonly string[]).includes(sort))
      throw usage('sort', `must be one of ${SORTS.join(', ')}`);
    q.sort = sort as EventListQuery['sort'];
  }
  const category = text(raw, 'category');
  if (category !== undefined) {
    const c = EVENT_CATEGORIES.find((x) => x.toLowerCase() === category.toLowerCase());
    if (!c) throw usage('category', `must be one of ${EVENT_CATEGORIES.join(', ')}`);
    q.category = c;
  }
  const level = text(raw, 'level');
  if (level !== undefined) {
    const l = LEVELS.find((x) => x.toLowerCase() === level.toLowerCase());
    if (!l) throw usage('level', `must be one of ${LEVELS.join(', ')}`);
    q.level = l;
  }
  for (const k of ['from', 'to'] as const) {
    const d = text(raw, k);
    if (d !== undefined) q[k] = parseDay(d, k);
  }
  if (q.from && q.to && q.from > q.to) throw usage('to', 'must not be before from');
  for (const k of ['place', 'entity', 'outlet'] as const) q[k] = text(raw, k);
  for (const k of ['after', 'before'] as const) q[k] = text(raw, k);
  if (q.after && q.before) throw usage('before', 'give after or before, not both');
  for (const k of ['after', 'before'] as const) {
    const c = q[k];
    if (c !== undefined) decodeCursor(c, k, q.sort);
  }
  return q;
}

/** Returns a list's `limit` parameter (1..MAX_LIMIT, default DEFAULT_LIMIT). */
export function parseLimit(raw: Record<string, unknown>): number {
  const v = text(raw, 'limit');
  if (v === undefined) return DEFAULT_LIMIT;
  if (!/^\d{1,4}$/.test(v) || Number(v) < 1 || Number(v) > MAX_LIMIT)
    throw usage('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
  return Number(v);
}

/** Returns one page of events as lists show them. */
export async function pageEvents(store: Store, q: EventListQuery): Promise<ListPage<EventListItem>> {
  await ensureEventList(store);
  const tag = q.sort === 'newest' ? 'n' : 'c';
  const cursor = q.after ?? q.before;
  const rows = await store.eventList.page({
    ...filterOf(q),
    sort: q.sort,
    ...(cursor ? { cursor: decodeCursor(cursor, q.after ? 'after' : 'before', q.sort) } : {}),
    backwards: q.before !== undefined,
    limit: q.limit + 1,
  });
  const key = (r: (typeof rows)[number]) =>
    encodeCursor(tag, { sortDate: r.sortDate, id: r.id, independentSources: r.independentSources });
  return pageOf(rows, q, key, listItem);
}

/** Returns the storage filter of a query: a place is a country (by code or name) or a place's name. */
export function filterOf(q: EventListQuery): EventListFilter {
  const f: EventListFilter = {};
  if (q.category) f.category = q.category;
  if (q.level) f.level = q.level;
  if (q.from) f.from = q.from;
  if (q.to) f.toExclusive = dayAfter(q.to);
  if (q.entity) f.entity = q.entity;
  if (q.outlet) f.outlet = q.outlet;
  if (q.place) {
    const p = q.place.trim();
    const country = /^[a-z]{2}$/i.test(p) ? p.toUpperCase() : COUNTRY_BY_NAME.get(p.toLowerCase())?.code;
    f.place = { key: p.toLowerCase(), ...(country ? { country } : {}) };
  }
  return f;
}

/** One story as the stories list shows it (its events are in the story's own route). */
export type StoryListItem = Omit<StoryListRow, 'sortDate'>;

/** Returns one page of stories, the one with the latest event first. */
export async function pageStories(
  store: Store,
  q: { after?: string; before?: string; limit: number },
): Promise<ListPage<StoryListItem>> {
  await ensureEventList(store);
  const cursor = q.after ?? q.before;
  const rows = await store.eventList.storyPage({
    ...(cursor ? { cursor: decodeCursor(cursor, q.after ? 'after' : 'before', 'stories') } : {}),
    backwards: q.before !== undefined,
    limit: q.limit + 1,
  });
  return pageOf(
    rows,
    q,
    (r) => encodeCursor('s', { sortDate: r.sortDate, id: r.id }),
    ({ sortDate: _s, ...item }) => item,
  );
}

/** Returns the stories-list query in these request parameters (limit, after, before). */
export function parseStoryListQuery(raw: Record<string, unknown>): {
  after?: string;
  before?: string;
  limit: number;
} {
  const q = { limit: parseLimit(raw), after: text(raw, 'after'), before: text(raw, 'before') };
  if (q.after && q.before) throw usage('before', 'give after or before, not both');
  if (q.after) decodeCursor(q.after, 'after', 'stories');
  if (q.before) decodeCursor(q.before, 'before', 'stories');
  return q;
}

/** Trims the extra row asked for and sets the cursors beside the page. */
function pageOf<R, T>(
  rows: R[],
  q: { after?: string; before?: string; limit: number },
  key: (r: R) => string,
  item: (r: R) => T,
): ListPage<T> {
  const more = rows.length > q.limit;
  const page = q.before !== undefined ? rows.slice(more ? 1 : 0) : rows.slice(0, q.limit);
  const first = page[0];
  const last = page.at(-1);
  const next = q.before !== undefined ? (last ? key(last) : null) : more && last ? key(last) : null;
  const prev =
    q.before !== undefined ? (more && first ? key(first) : null) : q.after && first ? key(first) : null;
  return { items: page.map(item), next, prev };
}

type CursorTag = 'n' | 'c' | 's';

/** An opaque cursor: base64url of the sort order and the sort keys of the row a page goes on from. */
function encodeCursor(tag: CursorTag, c: ListCursor): string {
  const keys = tag === 'c' ? [tag, c.independentSources ?? 0, c.sortDate, c.id] : [tag, c.sortDate, c.id];
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

function decodeCursor(raw: string, param: string, order: EventListQuery['sort'] | 'stories'): ListCursor {
  const tag: CursorTag = order === 'newest' ? 'n' : order === 'corroborated' ? 'c' : 's';
  let v: unknown;
  try {
    if (raw.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error('not base64url');
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw usage(param, 'is not a cursor this list gave');
  }
  const a = Array.isArray(v) ? (v as unknown[]) : [];
  const str = (x: unknown) => typeof x === 'string' && x.length <= 500;
  if (a[0] !== tag && (a[0] === 'n' || a[0] === 'c' || a[0] === 's'))
    throw usage(param, 'is a cursor of another sort order');
  if (tag === 'c' && a.length === 4 && Number.isInteger(a[1]) && str(a[2]) && str(a[3]))
    return { independentSources: a[1] as number, sortDate: a[2] as string, id: a[3] as string };
  if (tag !== 'c' && a.length === 3 && str(a[1]) && str(a[2]))
    return { sortDate: a[1] as string, id: a[2] as string };
  throw usage(param, 'is not a cursor this list gave');
}

/** A parameter's one value, trimmed; an empty value (a form's blank field) is no value. */
function text(raw: Record<string, unknown>, key: string): string | undefined {
  const v = raw[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw usage(key, 'must be given once');
  const t = v.trim();
  if (t.length > MAX_TEXT) throw usage(key, `is longer than ${MAX_TEXT} characters`);
  return t === '' ? undefined : t;
}

function parseDay(v: string, param: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(`${v}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
    throw usage(param, 'must be a date as YYYY-MM-DD');
  return v;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function usage(param: string, message: string): CorroborateError {
  return new CorroborateError('usage', message, param);
}
