/**
 * Search over reports and events: the reader's words become quoted terms (no character of a query is
 * search syntax), matching events come first (on the first page), then reports, best first, in pages
 * with an opaque cursor. Highlights are parts of text, each marked or not (lib/highlight); the page and the
 * API escape them, so a report's text never becomes markup.
 */
import { CorroborateError } from '../domain/errors.ts';
import { ensureEventList } from './event-list.ts';
import { Highlighter, type TextPart } from '../lib/highlight.ts';
import type { SearchCursor, SearchTerm } from '../storage/search-repository.ts';
import type { Store } from '../storage/store.ts';

/** Longest query accepted (characters); a longer one is refused, naming `q`. */
export const MAX_QUERY_LENGTH = 200;
/** Terms a query is cut to: each term is one more index lookup, and more narrow nothing further in practice. */
export const MAX_TERMS = 12;
/** Reports per page, unless asked otherwise; at most MAX_LIMIT. */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;
/** Matching events shown above the reports on the first page. */
export const EVENT_RESULTS = 10;

/** Words of a report's text shown around its matches. */
const PASSAGE_WORDS = 24;

export type { TextPart };

export interface EventResult {
  id: string;
  title: TextPart[];
  dateStart: string | null;
  level: string | null;
  reportCount: number;
}

export interface ReportResult {
  articleId: string;
  url: string;
  title: TextPart[];
  snippet: TextPart[];
  publishedAt: string | null;
  outlet: { id: string; name: string } | null;
  event: { id: string; title: string } | null;
}

export interface SearchResults {
  query: string;
  events: EventResult[];
  reports: ReportResult[];
  /** The cursor of the next page of reports, or null on the last. */
  next: string | null;
}

/** A search request as checked at the door. */
export interface SearchRequest {
  q: string;
  limit: number;
  after: SearchCursor | null;
}

/** Returns the request a query string asks for; throws a usage error naming `q`, `limit` or `after`. */
export function parseSearchRequest(raw: Record<string, unknown>): SearchRequest {
  const q = typeof raw.q === 'string' ? raw.q.trim() : '';
  if (raw.q !== undefined && typeof raw.q !== 'string')
    throw new CorroborateError('usage', 'give one query', 'q');
  if (q.length > MAX_QUERY_LENGTH)
    throw new CorroborateError('usage', `query longer than ${MAX_QUERY_LENGTH} characters`, 'q');
  let limit = DEFAULT_LIMIT;
  if (raw.limit !== undefined && raw.limit !== '') {
    const n = typeof raw.limit === 'string' && /^\d{1,4}$/.test(raw.limit) ? Number(raw.limit) : NaN;
    if (!(n >= 1 && n <= MAX_LIMIT))
      throw new CorroborateError('usage', `must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
    limit = n;
  }
  const after = raw.after === undefined || raw.after === '' ? null : decodeCursor(raw.after);
  return { q, limit, after };
}

/**
 * Returns the terms of a query: each "quoted phrase" and each other word, as the reader typed them
 * (the database folds case and accents); a word ending in * is a prefix. Parts with no letter or digit
 * (operators, brackets, stray quotes) are dropped.
 */
export function searchTerms(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (const m of q.matchAll(pattern)) {
    const phrase = m[1];
    const word = m[2];
    if (phrase !== undefined) {
      const text = phrase.replace(/\s+/g, ' ').trim();
      if (/[\p{L}\p{N}]/u.test(text)) terms.push({ text, prefix: false });
      continue;
    }
    const bare = (word ?? '').replace(/"/g, '');
    const prefix = /^[\p{L}\p{N}]{2,}\*+$/u.test(bare);
    const text = prefix ? bare.replace(/\*+$/, '') : bare.replace(/\*/g, '');
    if (/[\p{L}\p{N}]/u.test(text)) terms.push({ text, prefix });
  }
  return terms.slice(0, MAX_TERMS);
}

/** Answers kept, over all queries; and how long one is kept at most (a removal alone moves no version). */
const CACHED_ANSWERS = 500;
const ANSWER_TTL_MS = 60_000;
const answers = new WeakMap<Store, Map<string, { at: number; value: Promise<SearchResults> }>>();

/**
 * Returns the matching events (first page only) and a page of matching reports. An answer is kept while
 * the index and the assessments stand (the search version keys it), a minute at most: a query asked again
 * costs one read of that version instead of ranking its matches afresh.
 */
export async function search(store: Store, req: SearchRequest): Promise<SearchResults> {
  const terms = searchTerms(req.q);
  if (!terms.length) return { query: req.q, events: [], reports: [], next: null };
  const key = JSON.stringify([await searchVersion(store), terms, req.limit, req.after ?? null]);
  let cache = answers.get(store);
  if (!cache) answers.set(store, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && performance.now() - hit.at < ANSWER_TTL_MS) return hit.value;
  const value = answer(store, req, terms);
  cache.delete(key);
  cache.set(key, { at: performance.now(), value });
  while (cache.size > CACHED_ANSWERS) cache.delete(cache.keys().next().value as string);
  value.catch(() => cache.delete(key));
  return value;
}

/** A read of the search version under way, per store. */
const versionReads = new WeakMap<Store, Promise<string>>();

/**
 * The search version, read once for every search that asks while a read is under way: under load the
 * searches of a moment share one read (a round trip to the database each) instead of queueing for it.
 * A read already under way when a write commits may miss it, as it would had the search come first.
 */
function searchVersion(store: Store): Promise<string> {
  let read = versionReads.get(store);
  if (!read) {
    read = store.search.version().finally(() => versionReads.delete(store));
    versionReads.set(store, read);
  }
  return read;
}

async function answer(store: Store, req: SearchRequest, terms: SearchTerm[]): Promise<SearchResults> {
  await ensureEventList(store); // matching events are shown from their list rows
  // One more report than the page, to know whether another page follows.
  const [events, matches] = await Promise.all([
    req.after ? Promise.resolve([]) : store.search.events(terms, EVENT_RESULTS),
    store.search.reports(terms, req.limit + 1, req.after ?? undefined),
  ]);
  const page = matches.slice(0, req.limit);
  const last = page.at(-1);
  const marks = new Highlighter(terms);
  return {
    query: req.q,
    events: events.map((e) => ({
      id: e.eventId,
      title: marks.all(e.title),
      dateStart: e.dateStart,
      level: e.level,
      reportCount: e.reportCount,
    })),
    reports: page.map((r) => ({
      articleId: r.articleId,
      url: r.url,
      title: marks.all(r.title),
      snippet: marks.passage(r.text, PASSAGE_WORDS),
      publishedAt: r.publishedAt,
      outlet: r.outlet,
      event: r.event,
    })),
    next: matches.length > req.limit && last ? encodeCursor({ score: last.score, key: last.key }) : null,
  };
}

/** Returns the plain text of parts. */
export function plainText(parts: readonly TextPart[]): string {
  return parts.map((p) => p.text).join('');
}

function encodeCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([c.score, c.key])).toString('base64url');
}

function decodeCursor(raw: unknown): SearchCursor {
  const bad = new CorroborateError('usage', 'not a cursor this search gave', 'after');
  if (typeof raw !== 'string' || raw.length > 100 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw bad;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && Number.isFinite(v[0]) && Number.isSafeInteger(v[1]))
      return { score: v[0] as number, key: v[1] as number };
  } catch {
    // falls through to the usage error
  }
  throw bad;
}
