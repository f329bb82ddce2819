/**
 * Acquisition runs, each ending with counts of new, updated, unchanged and failed items:
 *   - ingestUrls: pages fetched politely, ingested in batches;
 *   - pollFeeds: due feeds fetched conditionally, their new items' pages fetched (the feed's own
 *     content when the page cannot be), ingested, and only then the feed's state moved on — so a run
 *     killed at any moment is repeated from the feed's last completed poll, and ingest's identity
 *     rules (same URL, same site and content) keep anything from being stored twice;
   (importWarc, in import-warc.ts, streams a WARC file's response records the same way.)
 */
import type { ArticleInput } from '../domain/article.ts';
import type { Feed, FeedEntry, FetchErrorKind } from '../domain/feed.ts';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import { cleanArticleInput } from '../pipeline/acquire/strip-controls.ts';
import { fetchPage } from '../pipeline/acquire/fetch-page.ts';
import { parseFeed } from '../pipeline/acquire/feed-parse.ts';
import type { Fetcher, FetchFailure } from '../pipeline/acquire/fetcher.ts';
import { ingest, type IngestSummary, type RunDeps } from './ingest.ts';
import { silentProgress } from './progress.ts';

export interface AcquireFailure {
  /** The URL, feed or record at fault. */
  source: string;
  kind: FetchErrorKind;
  message: string;
}

export interface AcquireResult {
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Records or items that are not articles to read (WARC requests, images, redirects…). */
  skipped: number;
  eventsCreated: number;
  storiesCreated: number;
  failures: AcquireFailure[];
}

export function emptyResult(): AcquireResult {
  return {
    new: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    eventsCreated: 0,
    storiesCreated: 0,
    failures: [],
  };
}

/** Pages ingested together: bounded memory, one context load per batch. */
export const BATCH = 50;
/** A feed's new items are stored in smaller batches, so a stopped poll has kept most of its work. */
const FEED_BATCH = 10;

/** Accept header for feeds (servers that negotiate get a feed; the rest send what they have). */
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** A feed item whose page cannot be fetched is read from the feed when it carries this much text. */
const MIN_FEED_CONTENT_CHARS = 400;

/** Longest wait after repeated errors. */
const MAX_BACKOFF_SECONDS = 24 * 3600;

export function fail(
  result: AcquireResult,
  source: string,
  f: FetchFailure | { kind: FetchErrorKind; message: string },
): void {
  result.failed++;
  result.failures.push({ source, kind: f.kind, message: f.message });
}

/** Ingests prepared inputs, counting what extraction rejects as failed (`not-article`). */
export async function ingestCounted(
  deps: RunDeps,
  inputs: SourcedInput[],
  result: AcquireResult,
): Promise<void> {
  if (!inputs.length) return;
  const summary: IngestSummary = await ingest({ ...deps, progress: silentProgress() }, inputs, {
    onRejected: (where, reason, message) =>
      fail(result, where, { kind: 'not-article', message: `${reason}: ${message}` }),
    onFailed: (where, message) => fail(result, where, { kind: 'ingest', message }),
  });
  result.new += summary.inserted;
  result.updated += summary.updated;
  result.unchanged += summary.unchanged;
  result.eventsCreated += summary.eventsCreated;
  result.storiesCreated += summary.storiesCreated;
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** Fetches and ingests pages by URL. */
export async function ingestUrls(deps: RunDeps, fetcher: Fetcher, urls: string[]): Promise<AcquireResult> {
  const result = emptyResult();
  const progress = deps.progress ?? silentProgress();
  progress.start(urls.length, 'pages');
  for (let i = 0; i < urls.length; i += BATCH) {
    const inputs: SourcedInput[] = [];
    await eachLimited(urls.slice(i, i + BATCH), deps.config.fetch.concurrency, async (url) => {
      const got = await fetchPage(fetcher, url);
      if (got.kind === 'ok') inputs.push({ input: got.input, origin: { file: url, line: null } });
      else if (got.kind === 'failed') fail(result, url, got.failure);
      progress.tick();
    });
    await ingestCounted(deps, inputs, result);
  }
  progress.stop();
  return result;
}

/** Adds one run's counts and failures to another's. */
export function addResult(total: AcquireResult, part: AcquireResult): void {
  for (const k of [
    'new',
    'updated',
    'unchanged',
    'failed',
    'skipped',
    'eventsCreated',
    'storiesCreated',
  ] as const)
    total[k] += part[k];
  total.failures.push(...part.failures);
}

/** Runs store writes one after another. */
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/** Serialises store writes between feeds fetched at the same time. */
export function exclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Polls every due feed once. */
export async function pollFeeds(
  deps: RunDeps,
  fetcher: Fetcher,
  signal?: AbortSignal,
): Promise<AcquireResult> {
  const { store, clock } = deps;
  const result = emptyResult();
  const progress = deps.progress ?? silentProgress();
  const due = await store.feeds.due(clock.now());
  const outlets = new Map((await store.outlets.list()).map((o) => [o.id, o.name]));
  const write = exclusive();
  progress.start(due.length, 'feeds');
  await eachLimited(due, deps.config.fetch.concurrency, async (feed) => {
    if (signal?.aborted) return; // stopping: feeds not started wait for the next run
    const mine = emptyResult();
    try {
      await pollFeed(deps, fetcher, feed, outlets.get(feed.outletId ?? '') ?? undefined, mine, write);
    } catch (err) {
      // Whatever went wrong is this feed's error, recorded on it; the other feeds are polled on.
      const failure = { kind: 'ingest' as const, message: `${feed.url}: ${(err as Error).message}` };
      fail(mine, feed.url, failure);
      await write(() => store.feeds.put(afterError(feed, failure, clock.now()), clock.now())).catch(
        () => undefined,
      );
    }
    addResult(result, mine);
    progress.tick();
  });
  progress.stop();
  return result;
}

async function pollFeed(
  deps: RunDeps,
  fetcher: Fetcher,
  feed: Feed,
  outletName: string | undefined,
  result: AcquireResult,
  write: Exclusive,
): Promise<void> {
  const read = await readFeed(deps, fetcher, feed, result, write);
  if (read.kind === 'done') return;
  const { todo } = read;
  for (let i = 0; i < todo.length; i += FEED_BATCH) {
    const inputs: SourcedInput[] = [];
    for (const item of todo.slice(i, i + FEED_BATCH)) {
      const got = await itemInput(fetcher, item, outletName ?? null);
      if ('input' in got) inputs.push({ input: got.input, origin: { file: item.url, line: null } });
      else if (got.failure) fail(result, item.url, got.failure);
    }
    await write(() => ingestCounted(deps, inputs, result));
  }
  // Only now, with every item stored, does the feed move on: a run killed before this point polls it again.
  await write(() =>
    deps.store.feeds.put(withItemFailures(read.polled, result.failures, todo.length), deps.clock.now()),
  );
}

/** What a feed's poll found: nothing more to do (its state written), or items to fetch. */
export type FeedRead =
  | { kind: 'done' }
  | {
      kind: 'items';
      /** Items not stored yet, or changed (the feed says) since they were. */
      todo: FeedEntry[];
      /** The feed's state to write once its items are taken care of. */
      polled: Feed;
    };

/**
 * Fetches a feed (conditionally) and finds the items to fetch. A failure, a 304 or a body that is not a
 * feed is written on the feed here, and ends its poll; items without an address are counted skipped, items
 * stored and unchanged unchanged.
 */
export async function readFeed(
  deps: RunDeps,
  fetcher: Fetcher,
  feed: Feed,
  result: AcquireResult,
  write: Exclusive,
): Promise<FeedRead> {
  const { store, clock } = deps;
  const got = await fetcher.fetch({
    url: feed.url,
    accept: FEED_ACCEPT,
    etag: feed.etag,
    lastModified: feed.lastModified,
  });
  if (got.kind === 'failed') {
    fail(result, feed.url, got.failure);
    await write(() => store.feeds.put(afterError(feed, got.failure, clock.now()), clock.now()));
    return { kind: 'done' };
  }
  if (got.kind === 'not-modified') {
    await write(() =>
      store.feeds.put(
        afterSuccess(feed, 304, got.etag ?? feed.etag, got.lastModified ?? feed.lastModified, clock.now()),
        clock.now(),
      ),
    );
    return { kind: 'done' };
  }
  const parsed = parseFeed(got.body, got.contentType, got.finalUrl);
  if (parsed.kind === 'refused') {
    const failure = {
      kind: (parsed.reason === 'decode' ? 'decode' : 'not-article') as FetchErrorKind,
      message: `${feed.url}: ${parsed.message}`,
    };
    fail(result, feed.url, failure);
    await write(() => store.feeds.put(afterError(feed, failure, clock.now()), clock.now()));
    return { kind: 'done' };
  }
  const items = parsed.feed.items.filter((i): i is FeedEntry => !!i.url);
  result.skipped += parsed.feed.items.length - items.length;
  const seen = await store.articles.findSeen({ urls: items.map((i) => i.url) });
  const byUrl = new Map(
    seen.flatMap(
      (s) =>
        [
          [s.url, s],
          [s.canonicalUrl, s],
          [s.id, s],
        ] as const,
    ),
  );
  const todo = items.filter((i) => {
    const s = byUrl.get(i.url);
    // A stored item is fetched again only when the feed says it changed after we stored it.
    return !s || (i.updatedAt !== null && Date.parse(i.updatedAt) > Date.parse(s.updatedAt));
  });
  result.unchanged += items.length - todo.length;
  return {
    kind: 'items',
    todo,
    polled: afterSuccess(feed, got.status, got.etag, got.lastModified, clock.now()),
  };
}

/**
 * An item's article: its page, or the feed's own content when the page cannot be fetched and the feed
 * carries the article; otherwise the page's failure (none when the page was not modified).
 */
export async function itemInput(
  fetcher: Fetcher,
  item: FeedEntry,
  outletName: string | null,
): Promise<{ input: ArticleInput } | { failure: FetchFailure | null }> {
  const page = await fetchPage(fetcher, item.url);
  const input = page.kind === 'ok' ? page.input : fromFeedContent(item);
  if (input) return { input: outletName ? { ...input, outlet: outletName } : input };
  return { failure: page.kind === 'failed' ? page.failure : null };
}

/**
 * The feed's state with its items' failures recorded as its last error (the feed itself answered, so
 * its interval is not stretched; the failed items are not stored, so the next poll tries them again).
 */
function withItemFailures(feed: Feed, failures: AcquireFailure[], items: number): Feed {
  const first = failures[0];
  if (!first) return feed;
  const count = failures.length === 1 ? 'an item' : `${failures.length} of ${items} items`;
  return {
    ...feed,
    lastError: { kind: first.kind, message: `${count} failed; ${first.source}: ${first.message}` },
  };
}

/** An article input made from the feed's own content, when it carries the article. */
function fromFeedContent(item: FeedEntry): SourcedInput['input'] | null {
  if (!item.contentHtml || item.contentHtml.replace(/<[^>]*>/g, '').length < MIN_FEED_CONTENT_CHARS)
    return null;
  const title = item.title ? `<title>${item.title.replace(/</g, '&lt;')}</title>` : '';
  return cleanArticleInput({
    url: item.url,
    html: `<html><head>${title}</head><body><article>${item.contentHtml}</article></body></html>`,
    ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
  });
}

function addSeconds(now: string, s: number): string {
  return new Date(Date.parse(now) + s * 1000).toISOString();
}

/** The feed's state after a good poll: errors cleared, validators kept, next poll one interval away. */
export function afterSuccess(
  feed: Feed,
  status: number,
  etag: string | null,
  lastModified: string | null,
  now: string,
): Feed {
  return {
    ...feed,
    etag,
    lastModified,
    lastStatus: status,
    consecutiveErrors: 0,
    lastError: null,
    nextPollAt: addSeconds(now, feed.pollIntervalSeconds),
  };
}

/** The feed's state after a failed poll: the interval doubled per consecutive error (up to a day), or longer if the server asked. */
export function afterError(feed: Feed, failure: FetchFailure, now: string): Feed {
  const errors = feed.consecutiveErrors + 1;
  const backoff = Math.min(feed.pollIntervalSeconds * 2 ** Math.min(errors - 1, 16), MAX_BACKOFF_SECONDS);
  const wait = Math.max(backoff, failure.retryAfterSeconds ?? 0);
  return {
    ...feed,
    lastStatus: failure.status ?? null,
    consecutiveErrors: errors,
    lastError: { kind: failure.kind, message: failure.message },
    nextPollAt: addSeconds(now, wait),
  };
}
