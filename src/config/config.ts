/**
 * The one configuration schema: defaults, then an optional JSON file, then environment
 * variables, then command-line overrides. Parsed once at start-up; stages receive typed slices.
 */
import { CorroborateError } from '../domain/errors.ts';

export interface ConfidenceConfig {
  /** Independent sources needed for "Likely". */
  likelySources: number;
  /** Independent sources needed for "Verified". */
  verifiedSources: number;
  /** Of those, how many must be trusted-tier or primary (official). */
  verifiedTrusted: number;
  /**
   * Who settles a dispute besides an editor: 'none', or 'trusted-majority' — a value backed by at
   * least two trusted or primary independent sources while no other value has any.
   */
  disputeRule: 'none' | 'trusted-majority';
}

export interface ResolveConfig {
  /** Least similarity (0..1) for a report to join an existing event. */
  joinThreshold: number;
  /** Reports whose dates lie further apart than this (days) never join one event. */
  maxDayGap: number;
  /** Least similarity between two events' profiles to thread them into one story. */
  storyThreshold: number;
}

export interface ProvenanceConfig {
  /** Share of word shingles two reports must have in common to count as copies. */
  copySimilarity: number;
  /** Whether reports from outlets the store does not hold are matched against the shipped registry (data/outlets/registry.json). */
  shippedRegistry: boolean;
}

export interface LimitsConfig {
  /** Largest input file read (bytes). */
  maxFileBytes: number;
  /** Largest article text or HTML accepted (characters). */
  maxArticleChars: number;
  /** Most HTML elements a page may have. */
  maxElements: number;
  /** Deepest HTML element nesting a page may have. */
  maxDepth: number;
}

/** The limits the extract stage takes, from the configuration's. */
export function extractLimits(limits: LimitsConfig): {
  maxChars: number;
  maxElements: number;
  maxDepth: number;
} {
  return { maxChars: limits.maxArticleChars, maxElements: limits.maxElements, maxDepth: limits.maxDepth };
}

export interface ServerConfig {
  host: string;
  port: number;
  /**
   * The absolute http(s) address readers reach the server at (e.g. https://news.example.org/), from which
   * every absolute link the server writes (Atom feeds) is built — never from a request's Host header.
   * Empty in a file means the default: http://<host>:<port>/ (env CORROBORATE_PUBLIC_URL).
   */
  publicUrl: string;
}

export interface FetchConfig {
  /** Product token sent as User-Agent (the contact URL is appended). */
  userAgent: string;
  /** Where site owners can reach the operator; sent in the User-Agent. */
  contactUrl: string;
  /** Hosts or CIDRs the fetcher may reach despite the SSRF guard (CORROBORATE_ALLOW_HOSTS). */
  allowHosts: string[];
  /** Time to open a connection (ms). */
  connectTimeoutMs: number;
  /** Time from request sent to response headers (ms). */
  headersTimeoutMs: number;
  /** Longest silence while the body streams (ms). */
  bodyTimeoutMs: number;
  /** Whole-request deadline, redirects included: a slow drip ends here (ms). */
  totalTimeoutMs: number;
  /** Largest response body kept, counted after decompression (bytes). */
  maxBytes: number;
  /** Most redirects followed for one request. */
  maxRedirects: number;
  /** Pause between two requests to the same host (ms); a longer robots.txt Crawl-delay wins (capped at 60 s). */
  politenessDelayMs: number;
  /** Requests in flight at once across all hosts (one per host at a time). */
  concurrency: number;
  /** How long a host's robots.txt is cached (ms). */
  robotsTtlMs: number;
}

/** Reader submissions and editors' logins: the bounds that keep the public form from being abused. */
export interface EditorialConfig {
  /** Pending submissions past which new ones are refused (the review queue's bound). */
  maxPending: number;
  /** Submissions one client may make a minute, and all clients together. */
  submitsPerClientMinute: number;
  submitsPerMinute: number;
  /** Login attempts one client may make in ten minutes (the per-account lock-out is separate). */
  loginsPerClient: number;
}

export interface Config {
  db: string;
  server: ServerConfig;
  editorial: EditorialConfig;
  fetch: FetchConfig;
  confidence: ConfidenceConfig;
  resolve: ResolveConfig;
  provenance: ProvenanceConfig;
  limits: LimitsConfig;
  brief: BriefConfig;
  queue: QueueConfig;
}

/** The job queue of a PostgreSQL deployment (storage/job-queue.ts): its workers' batches and retries. */
export interface QueueConfig {
  /** Reports a worker takes at once: extracted and analysed together, then placed under one lock. */
  batchSize: number;
  /** Times a failed job is tried again before it moves to the dead-letter list. */
  retryLimit: number;
  /** Seconds before the first retry; each next one waits about twice as long. */
  retryDelaySeconds: number;
  /** Seconds a job may stay taken: a worker that died holding it loses it then, and it is retried. */
  expireSeconds: number;
  /** Seconds an idle worker waits before it asks the queue again. */
  pollSeconds: number;
  /** Seconds between the queue's upkeep (expiring stale jobs, archiving finished ones). */
  maintenanceSeconds: number;
  /**
   * Seconds a story's briefing waits after a worker changed the story before it is rebuilt: changes meanwhile
   * are rebuilt with it. A reader asking for it sooner gets it rebuilt then.
   */
  briefDelaySeconds: number;
}

/** The optional language-model writer of briefings (off while `modelUrl` is empty). */
export interface BriefConfig {
  /** An OpenAI-compatible chat-completions address, e.g. http://127.0.0.1:8000/v1/chat/completions. */
  modelUrl: string;
  model: string;
  /** Bearer token; better given as CORROBORATE_MODEL_KEY than in the file. */
  modelKey: string;
  modelTimeoutMs: number;
}

/** The defaults; every threshold here is documented in the README. */
export const DEFAULT_CONFIG: Config = {
  db: './corroborate.db',
  server: { host: '127.0.0.1', port: 8080, publicUrl: '' },
  editorial: { maxPending: 1000, submitsPerClientMinute: 5, submitsPerMinute: 120, loginsPerClient: 20 },
  fetch: {
    userAgent: 'Corroborate/0.1',
    contactUrl: 'http://localhost/contact',
    allowHosts: [],
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 15_000,
    bodyTimeoutMs: 15_000,
    totalTimeoutMs: 30_000,
    maxBytes: 10 * 1024 * 1024,
    maxRedirects: 5,
    politenessDelayMs: 1_000,
    concurrency: 8,
    robotsTtlMs: 3_600_000,
  },
  confidence: { likelySources: 2, verifiedSources: 3, verifiedTrusted: 2, disputeRule: 'none' },
  // Calibrated on the demo corpus gold (data/demo/gold.json); see bench/demo-events.ts.
  resolve: { joinThreshold: 0.2, maxDayGap: 6, storyThreshold: 0.1 },
  // Reprints keep most 5-word shingles; distinct reports of one event share well under a fifth.
  provenance: { copySimilarity: 0.5, shippedRegistry: true },
  brief: { modelUrl: '', model: '', modelKey: '', modelTimeoutMs: 30_000 },
  queue: {
    batchSize: 20,
    retryLimit: 3,
    retryDelaySeconds: 30,
    expireSeconds: 900,
    pollSeconds: 2,
    maintenanceSeconds: 60,
    briefDelaySeconds: 10,
  },
  limits: {
    maxFileBytes: 200 * 1024 * 1024,
    maxArticleChars: 10_000_000,
    maxElements: 250_000,
    maxDepth: 512,
  },
};

type Json = Record<string, unknown>;

/** Returns the configuration from defaults, an optional parsed file, the environment and overrides. */
export function parseConfig(
  opts: {
    env?: NodeJS.ProcessEnv;
    file?: Json | null;
    overrides?: Partial<Pick<Config, 'db'>> & { port?: number };
  } = {},
): Config {
  const env = opts.env ?? {};
  const file = opts.file ?? {};
  const c: Config = structuredClone(DEFAULT_CONFIG);
  mergeSection(c, file, 'config file');
  if (!['none', 'trusted-majority'].includes(c.confidence.disputeRule))
    throw new CorroborateError(
      'usage',
      'expected "none" or "trusted-majority"',
      'config file: confidence: disputeRule',
    );
  if (c.brief.modelUrl && !/^https?:\/\//i.test(c.brief.modelUrl))
    throw new CorroborateError(
      'usage',
      `expected an http(s) address: ${JSON.stringify(c.brief.modelUrl)}`,
      'config file: brief: modelUrl',
    );
  for (const [key, value] of Object.entries(c.queue))
    if (!Number.isInteger(value) || value < (key === 'retryLimit' ? 0 : 1))
      throw new CorroborateError(
        'usage',
        `expected a whole number of at least ${key === 'retryLimit' ? 0 : 1}`,
        `config file: queue: ${key}`,
      );
  if (env.CORROBORATE_MODEL_KEY) c.brief.modelKey = env.CORROBORATE_MODEL_KEY;
  if (env.CORROBORATE_DB) c.db = env.CORROBORATE_DB;
  if (env.CORROBORATE_PORT) c.server.port = port(env.CORROBORATE_PORT, 'CORROBORATE_PORT');
  if (env.CORROBORATE_HOST) c.server.host = env.CORROBORATE_HOST;
  if (env.CORROBORATE_ALLOW_HOSTS) c.fetch.allowHosts = splitList(env.CORROBORATE_ALLOW_HOSTS);
  if (env.CORROBORATE_USER_AGENT) c.fetch.userAgent = env.CORROBORATE_USER_AGENT;
  if (env.CORROBORATE_CONTACT_URL) c.fetch.contactUrl = env.CORROBORATE_CONTACT_URL;
  if (opts.overrides?.db) c.db = opts.overrides.db;
  if (opts.overrides?.port !== undefined) c.server.port = opts.overrides.port;
  if (env.CORROBORATE_PUBLIC_URL)
    c.server.publicUrl = publicUrl(env.CORROBORATE_PUBLIC_URL, 'CORROBORATE_PUBLIC_URL');
  else if (c.server.publicUrl)
    c.server.publicUrl = publicUrl(c.server.publicUrl, 'config file: server: publicUrl');
  else c.server.publicUrl = defaultPublicUrl(c.server);
  return c;
}

/**
 * Returns an absolute http(s) address with a trailing slash (so paths join under it), or throws a usage
 * error naming the setting: links in feeds are read by other programs, so a relative or odd address is refused.
 */
export function publicUrl(raw: string, where: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CorroborateError(
      'usage',
      `expected an absolute http(s) address: ${JSON.stringify(raw)}`,
      where,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CorroborateError(
      'usage',
      `expected an absolute http(s) address: ${JSON.stringify(raw)}`,
      where,
    );
  if (url.username || url.password || url.search || url.hash)
    throw new CorroborateError(
      'usage',
      `expected an address without credentials, query or fragment: ${JSON.stringify(raw)}`,
      where,
    );
  return url.pathname.endsWith('/') ? url.href : `${url.href}/`;
}

/** The address the server listens at, as a reader on this machine reaches it (a wildcard address is localhost). */
export function defaultPublicUrl(server: Pick<ServerConfig, 'host' | 'port'>): string {
  const wildcard = server.host === '0.0.0.0' || server.host === '::' || server.host === '';
  const host = wildcard ? 'localhost' : server.host.includes(':') ? `[${server.host}]` : server.host;
  return `http://${host}:${server.port}/`;
}

/** Returns a TCP port parsed from text, or throws a usage error naming the setting. */
export function port(raw: string, where: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CorroborateError('usage', `not a port number: ${JSON.stringify(raw)}`, where);
  return n;
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Copies known keys from a parsed config file over the defaults, checking each value's type. */
function mergeSection(target: Json | Config, source: Json, where: string): void {
  const t = target as Json;
  for (const [key, value] of Object.entries(source)) {
    const path = `${where}: ${key}`;
    if (!(key in t)) throw new CorroborateError('usage', 'unknown setting', path);
    const current = t[key];
    if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new CorroborateError('usage', 'expected an object', path);
      mergeSection(current as Json, value as Json, path);
    } else if (Array.isArray(current)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        throw new CorroborateError('usage', 'expected a list of strings', path);
      t[key] = value;
    } else {
      if (typeof value !== typeof current)
        throw new CorroborateError('usage', `expected a ${typeof current}`, path);
      t[key] = value;
    }
  }
}
