/**
 * The polite, guarded fetcher. Fetching is where the product meets the hostile internet, so every
 * request is bounded in time (connect, headers, body silence and a whole-request deadline), in size
 * (a byte cap that also applies after decompression, so gzip and brotli bombs stop at the cap), and
 * in reach (the SSRF guard on every hop, against the address actually connected to; at most N
 * redirects). It keeps no cookies, names itself and a contact URL, honours robots.txt (cached per
 * host), sends one request at a time per host with a pause between them, and caps requests in flight.
 *
 * Every failure is sorted once, here, into a FetchErrorKind with a message; nothing is thrown.
 */
import { isIP } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import type { FetchConfig } from '../../config/config.ts';
import { CorroborateError } from '../../domain/errors.ts';
import type { FetchErrorKind } from '../../domain/feed.ts';
import {
  addressPolicy,
  blockedReason,
  guardedLookup,
  hostAllowed,
  type AddressPolicy,
} from './address-guard.ts';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, robotsAllow, type RobotsRules } from './robots.ts';

/** What the fetcher needs: the fetch section of the configuration (limits, politeness, allow-list). */
export type FetcherOptions = Readonly<FetchConfig>;

/** One request: the URL and, for feeds, the validators of the last copy seen. */
export interface FetchRequest {
  url: string;
  accept?: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchFailure {
  kind: FetchErrorKind;
  message: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Seconds the server asked us to wait (Retry-After on 429 and 503). */
  retryAfterSeconds?: number;
}

export type FetchOutcome =
  | {
      kind: 'ok';
      url: string;
      /** The address after redirects. */
      finalUrl: string;
      status: number;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      body: Buffer;
    }
  | {
      kind: 'not-modified';
      url: string;
      finalUrl: string;
      status: 304;
      etag: string | null;
      lastModified: string | null;
    }
  | { kind: 'failed'; url: string; failure: FetchFailure };

/** A failure raised inside the fetcher and returned as a FetchFailure. */
class Failure extends Error {
  constructor(readonly failure: FetchFailure) {
    super(failure.message);
  }
}

const fail = (kind: FetchErrorKind, message: string, extra: Partial<FetchFailure> = {}): Failure =>
  new Failure({ kind, message, ...extra });

/** Robots.txt is small; a bigger one is read up to this size (RFC 9309 asks for at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512 * 1024;
/** The longest Crawl-delay honoured, so one site cannot stall a poll round. */
const MAX_CRAWL_DELAY_MS = 60_000;
/** Error codes of a connection closed before any answer came. */
const CLOSED_BEFORE_ANSWER = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface HostState {
  /** The end of the last request queued for this host. */
  tail: Promise<void>;
  /** When the last request to this host finished (ms since epoch). */
  lastDoneAt: number;
  robots: { rules: RobotsRules; expiresAt: number } | null;
}

export class Fetcher {
  private readonly policy: AddressPolicy;
  private readonly agent: Agent;
  private readonly hosts = new Map<string, HostState>();
  private readonly headers: Record<string, string>;
  private readonly productToken: string;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: FetcherOptions) {
    try {
      this.policy = addressPolicy(opts.allowHosts);
    } catch (err) {
      throw new CorroborateError(
        'usage',
        (err as Error).message,
        'allowed hosts (CORROBORATE_ALLOW_HOSTS or fetch.allowHosts)',
      );
    }
    this.agent = new Agent({
      connect: { lookup: guardedLookup(this.policy), timeout: opts.connectTimeoutMs },
      headersTimeout: opts.headersTimeoutMs,
      bodyTimeout: opts.bodyTimeoutMs,
      connections: 2,
      pipelining: 1,
    });
    this.productToken = opts.userAgent.split(/[/\s]/)[0] || 'Corroborate';
    this.headers = {
      'user-agent': `${opts.userAgent} (+${opts.contactUrl})`,
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': '*',
    };
  }

  /** Fetches one URL politely; never throws. */
  async fetch(req: FetchRequest): Promise<FetchOutcome> {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return {
        kind: 'failed',
        url: req.url,
        failure: { kind: 'not-article', message: `not a URL: ${req.url}` },
      };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return {
        kind: 'failed',
        url: req.url,
        failure: { kind: 'blocked-address', message: `only http and https are fetched, not ${url.protocol}` },
      };
    }
    const deadline = AbortSignal.timeout(this.opts.totalTimeoutMs);
    try {
      return await this.onHost(url.host, async (state) => {
        const robots = await this.robotsFor(url, state, deadline);
        if (!robotsAllow(robots, url.pathname + url.search))
          throw fail('robots-disallowed', `robots.txt of ${url.host} disallows ${url.pathname}`);
        const delay =
          robots.crawlDelaySeconds !== null
            ? Math.min(robots.crawlDelaySeconds * 1000, MAX_CRAWL_DELAY_MS)
            : 0;
        await this.politePause(state, Math.max(delay, this.opts.politenessDelayMs), deadline);
        return await this.withSlot(() => this.get(url, req, this.opts.maxBytes, deadline));
      });
    } catch (err) {
      return { kind: 'failed', url: req.url, failure: classify(err, deadline) };
    }
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Runs `work` when the host's earlier requests are done: one request at a time per host. */
  private async onHost<T>(host: string, work: (state: HostState) => Promise<T>): Promise<T> {
    let state = this.hosts.get(host);
    if (!state) {
      state = { tail: Promise.resolve(), lastDoneAt: 0, robots: null };
      this.hosts.set(host, state);
    }
    const s = state;
    const previous = s.tail;
    let release!: () => void;
    s.tail = new Promise<void>((r) => (release = r));
    await previous;
    try {
      return await work(s);
    } finally {
      s.lastDoneAt = Date.now();
      release();
    }
  }

  /** Waits out the politeness delay since the host's last request (or until the deadline). */
  private async politePause(state: HostState, delayMs: number, deadline: AbortSignal): Promise<void> {
    const wait = state.lastDoneAt + delayMs - Date.now();
    if (wait <= 0 || state.lastDoneAt === 0) return;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, wait);
      deadline.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          reject(deadline.reason);
        },
        { once: true },
      );
    });
  }

  /** Runs `work` within the global concurrency limit. */
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.opts.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  /**
   * The host's robots.txt rules, cached. Missing (4xx) means allow all; a server error means disallow
   * all (RFC 9309); an unreachable host fails the page with the same kind, since the page would too.
   */
  private async robotsFor(url: URL, state: HostState, deadline: AbortSignal): Promise<RobotsRules> {
    if (state.robots && state.robots.expiresAt > Date.now()) return state.robots.rules;
    const robotsUrl = new URL('/robots.txt', url);
    const got = await this.withSlot(() =>
      this.get(robotsUrl, { url: robotsUrl.href, accept: 'text/plain' }, ROBOTS_MAX_BYTES, deadline).catch(
        (err: unknown) => {
          const f = classify(err, deadline);
          if (
            f.kind === 'http-4xx' ||
            f.kind === 'too-large' ||
            f.kind === 'decode' ||
            f.kind === 'too-many-redirects'
          )
            return null;
          if (f.kind === 'http-5xx') return 'server-error' as const;
          throw err;
        },
      ),
    );
    state.lastDoneAt = Date.now();
    const rules =
      got === null
        ? ALLOW_ALL
        : got === 'server-error'
          ? DISALLOW_ALL
          : got.kind === 'ok'
            ? parseRobots(got.body.toString('utf8'), this.productToken)
            : ALLOW_ALL;
    state.robots = { rules, expiresAt: Date.now() + this.opts.robotsTtlMs };
    return rules;
  }

  /**
   * One request. A connection the server closed before answering ("socket hang up", a reset) is tried
   * once more on a new one, as browsers do: a kept-alive connection may be closed by the server just as
   * it is reused, and a GET may be repeated safely.
   */
  private async request(url: URL, headers: Record<string, string>, deadline: AbortSignal) {
    const once = () => request(url, { method: 'GET', headers, signal: deadline, dispatcher: this.agent });
    try {
      return await once();
    } catch (err) {
      if (deadline.aborted || !CLOSED_BEFORE_ANSWER.has(String((err as { code?: unknown }).code))) throw err;
      return once();
    }
  }

  /** One GET with manual redirects, each hop checked; throws Failure. */
  private async get(
    start: URL,
    req: FetchRequest,
    maxBytes: number,
    deadline: AbortSignal,
  ): Promise<FetchOutcome> {
    let url = start;
    for (let hop = 0; ; hop++) {
      this.checkLiteralAddress(url);
      const headers: Record<string, string> = {
        ...this.headers,
        accept: req.accept ?? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      };
      if (hop === 0 && req.etag) headers['if-none-match'] = req.etag;
      if (hop === 0 && req.lastModified) headers['if-modified-since'] = req.lastModified;
      const res = await this.request(url, headers, deadline);
      const header = (name: string): string | null => {
        const v = res.headers[name];
        return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
      };
      if (REDIRECT_STATUSES.has(res.statusCode) && header('location')) {
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (hop >= this.opts.maxRedirects)
          throw fail(
            'too-many-redirects',
            `more than ${this.opts.maxRedirects} redirects from ${start.href}`,
            { status: res.statusCode },
          );
        let next: URL;
        try {
          next = new URL(header('location') as string, url);
        } catch {
          throw fail('http-4xx', `redirect to a malformed address: ${header('location')}`, {
            status: res.statusCode,
          });
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
          throw fail('blocked-address', `redirect to ${next.protocol} refused`);
        url = next;
        continue;
      }
      const base = {
        url: req.url,
        finalUrl: url.href,
        etag: header('etag'),
        lastModified: header('last-modified'),
      };
      if (res.statusCode === 304) {
        await res.body.dump().catch(() => undefined);
        return { kind: 'not-modified', ...base, status: 304 };
      }
      if (res.statusCode >= 400) {
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        const retryAfterSeconds = parseRetryAfter(header('retry-after'));
        const kind = res.statusCode >= 500 ? 'http-5xx' : 'http-4xx';
        throw fail(kind, `HTTP ${res.statusCode} from ${url.href}`, {
          status: res.statusCode,
          ...(retryAfterSeconds !== null ? { retryAfterSeconds } : {}),
        });
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        throw fail('http-4xx', `unexpected HTTP ${res.statusCode} from ${url.href}`, {
          status: res.statusCode,
        });
      }
      const declared = Number(header('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        throw fail('too-large', `${url.href} declares ${declared} bytes, over the cap of ${maxBytes}`);
      }
      const body = await readCapped(res.body, header('content-encoding'), maxBytes, deadline, url.href);
      return { kind: 'ok', ...base, status: res.statusCode, contentType: header('content-type'), body };
    }
  }

  /** Host names are checked by the socket's lookup; literal addresses never reach it, so are checked here. */
  private checkLiteralAddress(url: URL): void {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!isIP(host) || hostAllowed(host, this.policy)) return;
    const reason = blockedReason(host, this.policy);
    if (reason) throw fail('blocked-address', `refused ${url.host}: ${reason}`);
  }
}

/** Reads a body through its decompressor, stopping at `maxBytes` both before and after decompression. */
async function readCapped(
  body: NodeJS.ReadableStream,
  encoding: string | null,
  maxBytes: number,
  deadline: AbortSignal,
  where: string,
): Promise<Buffer> {
  const enc = (encoding ?? '').trim().toLowerCase();
  const decoder =
    enc === '' || enc === 'identity'
      ? null
      : enc === 'gzip' || enc === 'x-gzip'
        ? createGunzip()
        : enc === 'deflate'
          ? createInflate()
          : enc === 'br'
            ? createBrotliDecompress()
            : undefined;
  if (decoder === undefined) {
    (body as unknown as { destroy(): void }).destroy();
    throw fail('decode', `unsupported content-encoding "${enc}" from ${where}`);
  }
  // The first cap hit is remembered: tearing the pipeline down may surface as a generic abort.
  let capped: Failure | null = null;
  let raw = 0;
  const rawCap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      raw += chunk.length;
      if (raw > maxBytes) cb((capped = fail('too-large', `${where} sent more than ${maxBytes} bytes`)));
      else cb(null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes)
        throw (capped = fail('too-large', `${where} unpacks to more than ${maxBytes} bytes`));
      chunks.push(chunk);
    }
  };
  try {
    if (decoder) await pipeline(body, rawCap, decoder, collect, { signal: deadline });
    else await pipeline(body, rawCap, collect, { signal: deadline });
  } catch (err) {
    throw capped ?? err;
  }
  return Buffer.concat(chunks, size);
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
]);

/** Sorts any error from a fetch into one failure kind, once. */
export function classify(err: unknown, deadline?: AbortSignal): FetchFailure {
  if (err instanceof Failure) return err.failure;
  const chain: Record<string, unknown>[] = [];
  for (
    let e: unknown = err;
    e && typeof e === 'object' && chain.length < 5;
    e = (e as { cause?: unknown }).cause
  )
    chain.push(e as Record<string, unknown>);
  const failure = chain.find((e): e is Record<string, unknown> & Failure => e instanceof Failure);
  if (failure) return failure.failure;
  const codes = chain.map((e) => String(e.code ?? ''));
  const names = chain.map((e) => String(e.name ?? ''));
  const message =
    chain
      .map((e) => String(e.message ?? ''))
      .filter(Boolean)
      .join(': ') || String(err);
  if (codes.includes('EBLOCKEDADDRESS')) return { kind: 'blocked-address', message };
  if (
    deadline?.aborted ||
    names.includes('TimeoutError') ||
    names.includes('AbortError') ||
    codes.some((c) => TIMEOUT_CODES.has(c))
  ) {
    return {
      kind: 'timeout',
      message: deadline?.aborted ? `no complete answer within the deadline (${message})` : message,
    };
  }
  if (codes.some((c) => DNS_CODES.has(c))) return { kind: 'dns', message };
  if (
    codes.some(
      (c) =>
        c.startsWith('ERR_TLS') ||
        c.startsWith('ERR_SSL') ||
        c.includes('CERT') ||
        c.includes('SELF_SIGNED') ||
        c === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ) ||
    /\b(ssl|tls)\b/i.test(message)
  ) {
    return { kind: 'tls', message };
  }
  // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR, …) and brotli's: the body would not unpack.
  if (codes.some((c) => c.startsWith('Z_') || c.includes('BROTLI'))) return { kind: 'decode', message };
  return { kind: 'connect', message };
}
