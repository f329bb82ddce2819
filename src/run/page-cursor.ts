/**
 * Keyset pagination for the entity, outlet and report lists: a page size read from `limit` and an opaque
 * `after` cursor (base64url of the last row's sort key and id). Bad input is a usage error naming it.
 */
import { CorroborateError } from '../domain/errors.ts';

/** Page sizes a request may ask for, and the size when it asks none. */
export const PAGE_LIMIT = { min: 1, max: 200, default: 50 } as const;

/** Returns the page size `raw` asks for (the default when absent); throws a usage error on anything else. */
export function pageLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return PAGE_LIMIT.default;
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= PAGE_LIMIT.min && n <= PAGE_LIMIT.max))
    throw new CorroborateError(
      'usage',
      `must be a whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}`,
      'limit',
    );
  return n;
}

/** Returns the cursor of a row: its sort key and id. */
export function encodeCursor(sort: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sort, id]), 'utf8').toString('base64url');
}

/** Returns the sort key and id an `after` cursor holds (undefined when absent); throws a usage error on a bad one. */
export function decodeCursor<S extends 'string' | 'number'>(
  raw: unknown,
  sortType: S,
): { sort: S extends 'string' ? string : number; id: string } | undefined {
  if (raw === undefined || raw === '') return undefined;
  const bad = () => new CorroborateError('usage', 'not a cursor this list gave', 'after');
  if (typeof raw !== 'string' || raw.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw bad();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== sortType || typeof v[1] !== 'string')
    throw bad();
  return { sort: v[0] as S extends 'string' ? string : number, id: v[1] };
}

/**
 * The position a request asks for: `after` a cursor (older), `before` one (newer; read backwards), or
 * the first page. Both at once is a usage error.
 */
export function pagePosition<S extends 'string' | 'number'>(
  query: { after?: unknown; before?: unknown },
  sortType: S,
): { at: { sort: S extends 'string' ? string : number; id: string } | undefined; back: boolean } {
  if (query.after && query.before)
    throw new CorroborateError('usage', 'give after or before, not both', 'before');
  const back = !!query.before;
  return { at: decodeCursor(back ? query.before : query.after, sortType), back };
}

/**
 * A page from `limit + 1` rows read forwards (or, `back`, backwards from the cursor, nearest first), in
 * list order, with the cursors of the pages after it (`next`) and before it (`prev`; null on the first).
 */
export function keysetWindow<T>(
  rows: T[],
  limit: number,
  pos: { at: unknown; back: boolean },
  cursorOf: (row: T) => string,
): { items: T[]; next: string | null; prev: string | null } {
  const more = rows.length > limit;
  const items = pos.back ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  const first = items[0];
  const last = items.at(-1);
  if (pos.back)
    return {
      items,
      next: last === undefined ? null : cursorOf(last),
      prev: more && first ? cursorOf(first) : null,
    };
  return {
    items,
    next: more && last !== undefined ? cursorOf(last) : null,
    prev: pos.at !== undefined && first !== undefined ? cursorOf(first) : null,
  };
}

/** Splits `limit + 1` rows into the page and the cursor of the next page (null on the last). */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => string,
): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** The address unchanged when it is http(s), else "" (a javascript: or data: address is never served). */
export function linkableUrl(url: string | null | undefined): string {
  return url && /^https?:\/\//i.test(url) ? url : '';
}
