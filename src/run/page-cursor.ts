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
