/**
 * Acquisition runs, each ending with counts of new, updated, unchanged and failed items:
 *   - ingestUrls: pages fetched politely, ingested in batches;
 *   - pollFeeds: due feeds fetched conditionally, their new items' pages fetched (the feed's own
 *     content when the page cannot be), ingested, and only then the feed's state moved on — so a run
 *     killed at any moment is repeated from the feed's last completed poll, and ingest's identity
 *     rules (same URL, same site and content) keep anything from being stored twice;
 *   - importWarc: response records streamed from a WARC 1.0/1.1 file (gzipped or not), in batches.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import type { Feed, FeedItem, FetchErrorKind } from '../domain/feed.ts';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import { decodeHtml } from '../pipeline/acquire/decode.ts';
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
const BATCH = 50;
/** A feed's new items are stored in smaller batches, so a stopped poll has kept most of its work. */
const FEED_BATCH = 10;

/** Accept header for feeds (servers that negotiate get a feed; the rest send what they have). */
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** A feed item whose page cannot be fetched is read from the feed when it carries this much text. */
const MIN_FEED_CONTENT_CHARS = 400;

/** Longest wait after repeated errors. */
const MAX_BACKOFF_SECONDS = 24 * 3600;

function fail(
  result: AcquireResult,
  source: string,
  f: FetchFailure | { kind: FetchErrorKind; message: string },
): void {
  result.failed++;
  result.failures.push({ source, kind: f.kind, message: f.message });
}

/** Ingests prepared inputs, counting what extraction rejects as failed (`not-article`). */
async function ingestCounted(deps: RunDeps, inputs: SourcedInput[], result: AcquireResult): Promise<void> {
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
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
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

/** Serialises store writes between feeds fetched at the same time. */
function exclusive(): <T>(work: () => Promise<T>) => Promise<T> {
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
  write: ReturnType<typeof exclusive>,
): Promise<void> {
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
    return;
  }
  if (got.kind === 'not-modified') {
    await write(() =>
      store.feeds.put(
        afterSuccess(feed, 304, got.etag ?? feed.etag, got.lastModified ?? feed.lastModified, clock.now()),
        clock.now(),
      ),
    );
    return;
  }
  const parsed = parseFeed(got.body, got.contentType, got.finalUrl);
  if (parsed.kind === 'refused') {
    const failure = {
      kind: (parsed.reason === 'decode' ? 'decode' : 'not-article') as FetchErrorKind,
      message: `${feed.url}: ${parsed.message}`,
    };
    fail(result, feed.url, failure);
    await write(() => store.feeds.put(afterError(feed, failure, clock.now()), clock.now()));
    return;
  }
  const items = parsed.feed.items.filter((i): i is FeedItem & { url: string } => !!i.url);
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
  for (let i = 0; i < todo.length; i += FEED_BATCH) {
    const inputs: SourcedInput[] = [];
    for (const item of todo.slice(i, i + FEED_BATCH)) {
      const page = await fetchPage(fetcher, item.url);
      const input = page.kind === 'ok' ? page.input : fromFeedContent(item);
      if (input)
        inputs.push({
          input: outletName ? { ...input, outlet: outletName } : input,
          origin: { file: item.url, line: null },
        });
      else if (page.kind === 'failed') fail(result, item.url, page.failure);
    }
    await write(() => ingestCounted(deps, inputs, result));
  }
  // Only now, with every item stored, does the feed move on: a run killed before this point polls it again.
  const polled = afterSuccess(feed, got.status, got.etag, got.lastModified, clock.now());
  await write(() => store.feeds.put(withItemFailures(polled, result.failures, todo.length), clock.now()));
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
function fromFeedContent(item: FeedItem & { url: string }): SourcedInput['input'] | null {
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

/** Streams a WARC file's HTML responses into the store; an archive cut short is a `truncated` failure. */
export async function importWarc(deps: RunDeps, path: string): Promise<AcquireResult> {
  const result = emptyResult();
  const progress = deps.progress ?? silentProgress();
  const maxBytes = deps.config.fetch.maxBytes;
  const total = statSync(path).size;
  const MB = 1024 * 1024;
  const stream = warcStream(path);
  const parser = new WARCParser(stream.source);
  progress.start(Math.max(1, Math.ceil(total / MB)), 'MB');
  let batch: SourcedInput[] = [];
  let n = 0;
  let truncated: string | null = null;
  let corrupt = false;
  let lastEnd = 0;
  let lastFromRecord = 0;
  let whole = 0;
  try {
    for await (const record of parser) {
      n++;
      lastEnd = recordEnd(parser, record);
      const input = await warcInput(record, `${path} record ${n}`, maxBytes, result);
      whole = n;
      if (!input) continue;
      // Stored a batch at a time, the newest record held back: if it turns out cut short, it is dropped.
      if (batch.length >= BATCH) {
        await ingestCounted(deps, batch, result);
        batch = [];
        progress.tick(Math.floor(stream.read() / MB));
      }
      batch.push(input);
      lastFromRecord = n;
    }
    const left = stream.fed() - lastEnd;
    if (left < RECORD_TRAILER_BYTES) {
      truncated = `record ${n} is cut short; ${n - 1} records read before it`;
      if (lastFromRecord === n) batch.pop();
    } else if (left > RECORD_TRAILER_BYTES)
      truncated = `${left} bytes after record ${n} are not a whole record; ${n} records read before them`;
  } catch (err) {
    // An error of the gzip stream is the archive's fault: cut short, or corrupt from some point on.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!stream.failed() && !code.startsWith('Z_')) throw err;
    const cutShort = code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((err as Error).message);
    corrupt = !cutShort;
    truncated = `the gzip stream is ${cutShort ? 'cut short' : 'corrupt'} after ${whole} whole records (${(err as Error).message})`;
  }
  // The records read before the cut are kept; the archive itself is failed, and named as cut short.
  await ingestCounted(deps, batch, result);
  if (truncated)
    fail(result, path, {
      kind: corrupt ? 'decode' : 'truncated',
      message: `${corrupt ? 'corrupt' : 'truncated'} archive: ${truncated}`,
    });
  progress.tick(Math.ceil(total / MB));
  progress.stop();
  return result;
}

/** One WARC record as an article input, or null when it is not one (counted skipped or failed). */
async function warcInput(
  record: WARCRecord,
  where: string,
  maxBytes: number,
  result: AcquireResult,
): Promise<SourcedInput | null> {
  if (record.warcType !== 'response' || !record.httpHeaders) {
    result.skipped++;
    return null;
  }
  const url = record.warcTargetURI ?? '';
  const status = Number(record.httpHeaders.statusCode);
  const type = record.httpHeaders.headers.get('content-type') ?? '';
  if (status !== 200 || !/^https?:/i.test(url) || !/html|xhtml/i.test(type)) {
    result.skipped++;
    return null;
  }
  const bytes = await readCapped(record, maxBytes);
  if (!bytes) {
    fail(result, `${where} (${url})`, {
      kind: 'too-large',
      message: `the response is over ${maxBytes} bytes`,
    });
    return null;
  }
  const decoded = decodeHtml(bytes, type);
  if (decoded.kind === 'rejected') {
    fail(result, `${where} (${url})`, { kind: decoded.reason, message: decoded.message });
    return null;
  }
  return { input: cleanArticleInput({ url, html: decoded.text }), origin: { file: url, line: null } };
}

/**
 * The archive's bytes as the parser reads them: unpacked here when gzipped (so that a gzip stream cut
 * short is an error, which warcio alone passes over in silence), with counts of the bytes read from
 * the file and fed to the parser.
 */
function warcStream(path: string): {
  source: Readable;
  read: () => number;
  fed: () => number;
  failed: () => boolean;
} {
  let read = 0;
  let fed = 0;
  let failed = false;
  const count = (add: (n: number) => void) =>
    new Transform({
      transform(chunk: Buffer, _e, cb) {
        add(chunk.length);
        cb(null, chunk);
      },
    });
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  const gzipped = readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  closeSync(fd);
  const stages: (Readable | Transform)[] = [
    createReadStream(path, { highWaterMark: 256 * 1024 }),
    count((n) => (read += n)),
    ...(gzipped ? [createGunzip()] : []),
    count((n) => (fed += n)),
  ];
  const source = pipeline(stages as unknown as [Readable, Transform], (err) => {
    if (err) failed = true;
  }) as unknown as Readable;
  return { source, read: () => read, fed: () => fed, failed: () => failed };
}

/** A record ends with two line breaks ("\r\n\r\n") after its stated length. */
const RECORD_TRAILER_BYTES = 4;

/**
 * Where the record should end in the unpacked archive: warcio ends a record cut short without a word,
 * so its offset of the record's headers' end (a field it keeps for indexing) plus the record's stated
 * length is compared with the bytes there were.
 */
function recordEnd(parser: WARCParser, record: WARCRecord): number {
  const headersEnd = (parser as unknown as { _warcHeadersLength: number })._warcHeadersLength;
  return headersEnd + record.warcContentLength;
}

/** A record's decoded content, or null when it is over the cap (the rest is skipped unread). */
async function readCapped(record: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
