/**
 * The job queue of a PostgreSQL deployment (pg-boss, in a schema of its own beside the store's): reports
 * queued by `corroborate ingest --queue` (or any producer) wait there until a `corroborate worker` places
 * them.
 *
 * - **Idempotent.** A job's id is derived from the report's address and content: queueing the same report
 *   again while its job is on the queue (waiting, running, or finished within the last 12 hours) adds
 *   nothing; queued after that, it is placed again and changes nothing (ingest skips a report it holds
 *   unchanged).
 * - **In time order.** Jobs are taken earliest published first (the job's priority), the order one ingest
 *   places reports in, so copies find their originals.
 * - **Retried, then dead.** A job that fails is retried with backoff (`queue.retryLimit` times, the first
 *   after `queue.retryDelaySeconds`); then it moves to the dead-letter list, which `corroborate jobs`
 *   shows and retries.
 * - **Crash-safe.** A job taken by a worker that dies stays active until it expires
 *   (`queue.expireSeconds`), then is retried; its report's transaction either landed (the retry finds it
 *   unchanged) or did not.
 */
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { QueueConfig } from '../config/config.ts';
import { describeOrigin, type ArticleInput, type InputOrigin } from '../domain/article.ts';
import type { FeedEntry } from '../domain/feed.ts';
import { CorroborateError } from '../domain/errors.ts';
import { parseDbSpec, withDefaultUser } from './dialect.ts';
import type { Store } from './store.ts';

/** The queue of reports to place, and the list its jobs go to once their retries are spent. */
export const REPORT_QUEUE = 'report';
export const DEAD_QUEUE = 'report-dead';
/**
 * Story briefings to rebuild: at most one waiting per story (a story changed by many batches in a row is
 * rebuilt once), each due `queue.briefDelaySeconds` after it was first asked for.
 */
export const BRIEF_QUEUE = 'brief';
/** Feeds to poll: at most one waiting and one being polled per feed (pg-boss's `stately` policy). */
export const FEED_QUEUE = 'feed';
/**
 * Pages a feed's poll found to fetch; each fetched page becomes a report job. A page that cannot be
 * fetched is retried, then lies on the dead-letter list beside the reports.
 */
export const FETCH_QUEUE = 'fetch';

/** What a fetch job carries: the feed's item, the outlet of its feed, and the feed's address. */
export interface FetchJob {
  item: FeedEntry;
  outlet: string | null;
  feed: string;
}

/** What a report job carries: the input as read, and where it was read from (to name it in errors). */
export interface ReportJob {
  input: ArticleInput;
  origin: InputOrigin;
}

/** What a worker records of a placed report. */
export interface ReportOutcome {
  outcome: 'inserted' | 'updated' | 'unchanged';
}

export interface QueuedJob {
  id: string;
  data: ReportJob;
}

/** A job on the dead-letter list: what it carried and why its last attempt failed. */
export interface DeadJob {
  id: string;
  /** The stage it failed at: placing a report, or fetching a feed's page. */
  stage: 'report' | 'fetch';
  where: string;
  url: string;
  error: string;
  retries: number;
  deadSince: string;
}

/** How many report jobs are in each state, and how many story briefings wait to be rebuilt or are. */
export interface QueueCounts {
  waiting: number;
  active: number;
  retrying: number;
  dead: number;
  briefings: number;
  /** Feeds waiting to be polled or being polled, and pages waiting to be fetched or being fetched. */
  feeds: number;
  fetches: number;
  /** Worker processes running on the queue now. */
  workers: number;
}

/** A job's state as a producer waiting for it reads it. */
export type JobState =
  | { state: 'waiting' | 'active' | 'retrying' }
  | { state: 'done'; outcome: ReportOutcome['outcome'] }
  | { state: 'dead'; error: string };

/** Minutes since 2000 fit a job's priority (a 32-bit integer) until the year 4000. */
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const UNDATED = -(2 ** 31) + 1;
/** The first key of the advisory locks that say a worker is alive (the second is its name's hash). */
const WORKER_LOCKS = 7_202_601;
/**
 * The first key of the shared advisory lock each running worker holds on its queue (the second is the
 * queue schema's hash): how `ingest` knows whether workers run, to queue its reports for them.
 */
const PRESENCE_LOCKS = 7_202_602;

/** How many workers hold their presence lock on a queue ($1: PRESENCE_LOCKS, $2: its schema). */
const WORKERS_RUNNING = `SELECT count(*) AS n FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objsubid = 2
    AND l.objid::text::bigint = (hashtext($2)::bigint + 4294967296) % 4294967296
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** The queue's schema for a store: `corroborate_jobs`, or `<store schema>_jobs` for a store in a schema of its own. */
async function queueSchema(store: Store): Promise<string> {
  const own = await store.workingSchema();
  return !own || own === 'public' ? 'corroborate_jobs' : `${own}_jobs`;
}

/** FROM and WHERE of the report jobs being worked on ($2: the queue), other than a batch's ($1: its ids). */
const activeJobs = (schema: string) =>
  `FROM ${schema}.job j WHERE j.name = $2 AND j.state = 'active' AND NOT (j.id = ANY($1::uuid[]))`;

/**
 * The further condition on activeJobs of those taken before the batch (its first job in the queue's order,
 * by priority, then time queued, then id, stands for it) and not placed yet.
 */
const earlierUnplaced = (schema: string) => `AND NOT coalesce(j.output ? 'placed', false) AND EXISTS (
    SELECT 1 FROM (
      SELECT priority, created_on, id FROM ${schema}.job
      WHERE name = $2 AND id = ANY($1::uuid[]) ORDER BY priority DESC, created_on, id LIMIT 1) me
    WHERE j.priority > me.priority OR (j.priority = me.priority AND (j.created_on, j.id) < (me.created_on, me.id)))`;

/**
 * Whether a job's worker lives: it holds its advisory lock ($3: their class). A job not marked with its
 * worker yet counts as held by a live one for a while (it is marked as soon as it is taken; a worker
 * killed in between leaves it unmarked).
 */
const HOLDER_LIVE = `CASE WHEN coalesce(j.output ? 'worker', false) THEN EXISTS (
    SELECT 1 FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $3 AND l.objsubid = 2
      AND l.objid::text::bigint = (hashtext(j.output->>'worker')::bigint + 4294967296) % 4294967296)
  ELSE j.started_on > now() - interval '30 seconds' END`;

export class JobQueue {
  /** This process's name as a worker, and the connection holding the lock that says it is alive. */
  private readonly worker = `${hostname()}:${process.pid}:${randomUUID()}`;
  private life: pg.Client | null = null;

  private constructor(
    private readonly boss: PgBoss,
    private readonly schema: string,
    private readonly config: QueueConfig,
    private readonly url: string,
  ) {}

  /**
   * Opens the queue of the store's PostgreSQL database, creating its schema and queues when missing. The
   * schema is `corroborate_jobs`, or `<store schema>_jobs` for a store working in a schema of its own.
   * Only `maintain`ing processes (the workers) take part in the queue's upkeep (pg-boss's supervision and
   * scheduling timers); a command or a web server that looks at the queue or adds to it does not.
   */
  static async open(
    dbSpec: string,
    store: Store,
    config: QueueConfig,
    opts: { maintain?: boolean } = {},
  ): Promise<JobQueue> {
    const spec = parseDbSpec(dbSpec);
    if (spec.dialect !== 'postgres')
      throw new CorroborateError(
        'usage',
        'the job queue needs PostgreSQL: give --db a postgres:// URL (on SQLite, `corroborate ingest` places reports itself)',
        spec.path,
      );
    const schema = await queueSchema(store);
    const boss = new PgBoss({
      connectionString: withDefaultUser(spec.url),
      schema,
      max: 2,
      application_name: 'corroborate-queue',
      maintenanceIntervalSeconds: config.maintenanceSeconds,
      supervise: opts.maintain ?? false,
      schedule: opts.maintain ?? false,
    });
    // pg-boss reports a lost connection here; the next call then fails and names it.
    boss.on('error', () => undefined);
    // Processes opening a new queue at once would each install it (PostgreSQL finds them deadlocked):
    // one at a time, under a lock of the server's, the others then finding it made.
    const guard = new pg.Client({ connectionString: withDefaultUser(spec.url) });
    try {
      await guard.connect();
      await guard.query('SELECT pg_advisory_lock(hashtext($1))', [`${schema}.install`]);
      await boss.start();
      const retry = {
        retryLimit: config.retryLimit,
        retryDelay: config.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: config.expireSeconds,
      };
      const ensure = async (name: string, options: PgBoss.Queue) => {
        if (await boss.getQueue(name)) await boss.updateQueue(name, options);
        else await boss.createQueue(name, options);
      };
      await ensure(DEAD_QUEUE, { name: DEAD_QUEUE, retentionDays: 365 });
      await ensure(BRIEF_QUEUE, { name: BRIEF_QUEUE, policy: 'short', ...retry });
      await ensure(REPORT_QUEUE, { name: REPORT_QUEUE, deadLetter: DEAD_QUEUE, ...retry });
      await ensure(FEED_QUEUE, { name: FEED_QUEUE, policy: 'stately', ...retry });
      await ensure(FETCH_QUEUE, { name: FETCH_QUEUE, deadLetter: DEAD_QUEUE, ...retry });
    } catch (err) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      throw new CorroborateError('database', `cannot open the job queue (${(err as Error).message})`);
    } finally {
      // Ending the connection lets go of the lock.
      await guard.end().catch(() => undefined);
    }
    return new JobQueue(boss, schema, config, withDefaultUser(spec.url));
  }

  /**
   * How many worker processes run on the store's queue now (each holds a lock from its start while it
   * runs); 0 on SQLite, which has no queue.
   */
  static async workersRunning(dbSpec: string, store: Store): Promise<number> {
    const spec = parseDbSpec(dbSpec);
    if (spec.dialect !== 'postgres') return 0;
    const schema = await queueSchema(store);
    const client = new pg.Client({ connectionString: withDefaultUser(spec.url) });
    try {
      await client.connect();
      const { rows } = await client.query<{ n: string }>(WORKERS_RUNNING, [PRESENCE_LOCKS, schema]);
      return Number(rows[0]?.n ?? 0);
    } catch (err) {
      throw new CorroborateError('database', `cannot read the job queue (${(err as Error).message})`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Says this process is a worker of the queue until it closes it (see workersRunning). */
  async present(): Promise<void> {
    await this.alive();
  }

  /** The id a report's job gets: the same report (address and content) queued twice is one job. */
  static jobId(input: ArticleInput): string {
    return uuidOf([
      JSON.stringify([input.id ?? null, input.url, input.publishedAt ?? null, input.title ?? null]),
      '\0',
      input.text ?? input.html ?? '',
    ]);
  }

  /**
   * Queues reports; returns each one's job id and how many were on the queue already: waiting, running,
   * or finished but not yet archived (`corroborate jobs retry` re-queues a dead one).
   */
  async enqueue(jobs: ReportJob[]): Promise<{ ids: string[]; queued: number; known: number }> {
    const ids = jobs.map((j) => JobQueue.jobId(j.input));
    const unique = [...new Set(ids)];
    const existing = new Set<string>();
    for (let i = 0; i < unique.length; i += 1000) {
      const { rows } = await this.sql<{ id: string }>(
        `SELECT id::text AS id FROM ${this.schema}.job WHERE name = $1 AND id = ANY($2::uuid[])`,
        [REPORT_QUEUE, unique.slice(i, i + 1000)],
      );
      for (const r of rows) existing.add(r.id);
    }
    const fresh = new Map<string, ReportJob>();
    jobs.forEach((j, i) => {
      const id = ids[i] as string;
      if (!existing.has(id) && !fresh.has(id)) fresh.set(id, j);
    });
    const rows = [...fresh].map(([id, data]) => ({
      id,
      name: REPORT_QUEUE,
      data,
      priority: priorityOf(data),
    }));
    for (let i = 0; i < rows.length; i += 500) await this.boss.insert(rows.slice(i, i + 500));
    return { ids, queued: fresh.size, known: jobs.length - fresh.size };
  }

  /**
   * Takes up to `n` waiting jobs, earliest published first; they are this worker's until done or expired.
   * Each is marked with the worker's name, which a live worker holds a lock on (see `mayPlace`).
   */
  async take(n: number): Promise<QueuedJob[]> {
    const jobs = await this.boss.fetch<ReportJob>(REPORT_QUEUE, { batchSize: n });
    if (!jobs.length) return [];
    await this.alive();
    await this.sql(
      `UPDATE ${this.schema}.job SET output = jsonb_build_object('worker', $2::text)
       WHERE name = $3 AND id = ANY($1::uuid[]) AND state = 'active'`,
      [jobs.map((j) => j.id), this.worker, REPORT_QUEUE],
    );
    return jobs.map((j) => ({ id: j.id, data: j.data }));
  }

  /**
   * Whether a batch may be placed now: no worker holds a job taken before it (earlier published, or queued
   * first) that it has not placed yet. Reports are then placed in the order one ingest places them, whichever
   * worker gets the placing lock first. `orphaned`: such a job's worker has died; it is for the caller to
   * adopt those jobs (adoptOrphans) and place them first, so that the order survives the crash (left to
   * expire, they were placed after later batches).
   */
  async mayPlace(batch: QueuedJob[]): Promise<'go' | 'wait' | 'orphaned'> {
    if (!batch.length) return 'go';
    const { rows } = await this.sql<{ live: boolean }>(
      `SELECT ${HOLDER_LIVE} AS live ${activeJobs(this.schema)} ${earlierUnplaced(this.schema)}`,
      [batch.map((j) => j.id), REPORT_QUEUE, WORKER_LOCKS],
    );
    if (!rows.length) return 'go';
    return rows.some((r) => !r.live) ? 'orphaned' : 'wait';
  }

  /**
   * Takes over the jobs whose worker died before completing them: with a batch, those taken before it and
   * not placed yet; without, every one. Grouped as their workers took them, earliest group first (jobs
   * placed already are found unchanged when placed again). Their expiry starts again; a retry is not spent.
   * Another worker adopting them at the same time gets none of them.
   */
  async adoptOrphans(batch: QueuedJob[] = []): Promise<QueuedJob[][]> {
    await this.alive();
    // Returned in the queue's order, so each group's first job is its earliest.
    const { rows } = await this.sql<{ id: string; data: ReportJob; was: string | null }>(
      `WITH orphans AS (
         SELECT j.id, j.output->>'worker' AS was, j.priority, j.created_on
         ${activeJobs(this.schema)} ${batch.length ? earlierUnplaced(this.schema) : ''} AND NOT ${HOLDER_LIVE}
         FOR UPDATE OF j SKIP LOCKED),
       adopted AS (
         UPDATE ${this.schema}.job t SET output = jsonb_build_object('worker', $4::text), started_on = now()
         FROM orphans o WHERE t.name = $2 AND t.id = o.id RETURNING t.id, t.data)
       SELECT a.id::text AS id, a.data, o.was FROM adopted a JOIN orphans o ON o.id = a.id
       ORDER BY o.priority DESC, o.created_on, o.id`,
      [batch.map((j) => j.id), REPORT_QUEUE, WORKER_LOCKS, this.worker],
    );
    const groups = new Map<string, QueuedJob[]>();
    for (const r of rows) {
      const was = r.was ?? '';
      groups.set(was, [...(groups.get(was) ?? []), { id: r.id, data: r.data }]);
    }
    return [...groups.values()];
  }

  /** Marks jobs placed (their reports stored), so that batches taken after them may be placed. */
  async markPlaced(ids: string[]): Promise<void> {
    await this.sql(
      `UPDATE ${this.schema}.job SET output = coalesce(output, '{}'::jsonb) || '{"placed": true}'::jsonb
       WHERE name = $2 AND id = ANY($1::uuid[]) AND state = 'active'`,
      [ids, REPORT_QUEUE],
    );
  }

  /**
   * Holds the locks that say this worker is alive and running on the queue, on a connection of its own,
   * from its start (`present`) or its first batch on.
   */
  private async alive(): Promise<void> {
    if (this.life) return;
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    client.on('error', () => undefined);
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [WORKER_LOCKS, this.worker]);
    await client.query('SELECT pg_advisory_lock_shared($1, hashtext($2))', [PRESENCE_LOCKS, this.schema]);
    this.life = client;
  }

  /** Completes jobs with their outcomes (one statement per outcome). */
  async complete(outcomes: Map<string, ReportOutcome['outcome']>): Promise<void> {
    const byOutcome = new Map<ReportOutcome['outcome'], string[]>();
    for (const [id, o] of outcomes) byOutcome.set(o, [...(byOutcome.get(o) ?? []), id]);
    // pg-boss completes a list of jobs with one output (its types name only the single-job form).
    const complete = this.boss.complete.bind(this.boss) as (
      n: string,
      ids: string[],
      data: object,
    ) => Promise<void>;
    for (const [outcome, ids] of byOutcome) await complete(REPORT_QUEUE, ids, { outcome });
  }

  /** Asks for these stories' briefings to be rebuilt once `briefDelaySeconds` have passed (once each). */
  async enqueueBriefings(storyIds: string[]): Promise<void> {
    if (!storyIds.length) return;
    await this.boss.insert(
      storyIds.map((id) => ({
        name: BRIEF_QUEUE,
        data: { storyId: id },
        singletonKey: id,
        startAfter: new Date(Date.now() + this.config.briefDelaySeconds * 1000).toISOString(),
      })),
    );
  }

  /** Takes up to `n` briefings due; returns the job ids and the stories. */
  async takeBriefings(n: number): Promise<{ id: string; storyId: string }[]> {
    const jobs = await this.boss.fetch<{ storyId: string }>(BRIEF_QUEUE, { batchSize: n });
    return jobs.map((j) => ({ id: j.id, storyId: j.data.storyId }));
  }

  async completeBriefings(ids: string[]): Promise<void> {
    if (ids.length) await this.boss.complete(BRIEF_QUEUE, ids);
  }

  async failBriefings(ids: string[], message: string): Promise<void> {
    const fail = this.boss.fail.bind(this.boss) as (n: string, ids: string[], data: object) => Promise<void>;
    if (ids.length) await fail(BRIEF_QUEUE, ids, { message });
  }

  /** Fails a job: it is retried later, or moves to the dead-letter list when its retries are spent. */
  async fail(id: string, message: string, queue: string = REPORT_QUEUE): Promise<void> {
    await this.boss.fail(queue, id, { message });
  }

  /**
   * Asks for these feeds to be polled: one job per feed at most (asking again while it waits or runs adds
   * nothing; two workers asking at once add one, pg-boss's `stately` policy keeping one waiting).
   */
  async enqueueFeeds(feedIds: string[]): Promise<void> {
    if (!feedIds.length) return;
    // A feed being polled is not queued again (its job would wait, then find the feed polled).
    const { rows } = await this.sql<{ key: string }>(
      `SELECT DISTINCT singleton_key AS key FROM ${this.schema}.job WHERE name = $1 AND state < 'completed'`,
      [FEED_QUEUE],
    );
    const queued = new Set(rows.map((r) => r.key));
    const fresh = feedIds.filter((id) => !queued.has(id));
    if (fresh.length)
      await this.boss.insert(
        fresh.map((id) => ({ name: FEED_QUEUE, data: { feedId: id }, singletonKey: id })),
      );
  }

  /** Takes up to `n` feeds to poll. */
  async takeFeeds(n: number): Promise<{ id: string; feedId: string }[]> {
    const jobs = await this.boss.fetch<{ feedId: string }>(FEED_QUEUE, { batchSize: n });
    return jobs.map((j) => ({ id: j.id, feedId: j.data.feedId }));
  }

  /**
   * Queues pages to fetch, earliest published first. A page is one job per address and stated update: found
   * again by another poll while its job is on the queue (or finished within the last 12 hours), it adds
   * nothing.
   */
  async enqueueFetches(jobs: FetchJob[]): Promise<void> {
    const rows = jobs.map((data) => ({
      id: uuidOf(['fetch\0', data.item.url, '\0', data.item.updatedAt ?? '']),
      name: FETCH_QUEUE,
      data,
      priority: priorityAt(data.item.publishedAt),
    }));
    for (let i = 0; i < rows.length; i += 500) await this.boss.insert(rows.slice(i, i + 500));
  }

  /** Takes up to `n` pages to fetch, earliest published first. */
  async takeFetches(n: number): Promise<{ id: string; data: FetchJob }[]> {
    const jobs = await this.boss.fetch<FetchJob>(FETCH_QUEUE, { batchSize: n });
    return jobs.map((j) => ({ id: j.id, data: j.data }));
  }

  /** Completes feed or fetch jobs. */
  async completeJobs(queue: typeof FEED_QUEUE | typeof FETCH_QUEUE, ids: string[]): Promise<void> {
    if (ids.length) await this.boss.complete(queue, ids);
  }

  /** How many report jobs wait, run, wait for a retry, and lie dead; how many workers run. */
  async counts(): Promise<QueueCounts> {
    const { rows } = await this.sql<{ name: string; state: string; n: string }>(
      `SELECT name, state, count(*) AS n FROM ${this.schema}.job WHERE name = ANY($1) AND state < 'completed' GROUP BY 1, 2`,
      [[REPORT_QUEUE, DEAD_QUEUE, BRIEF_QUEUE, FEED_QUEUE, FETCH_QUEUE]],
    );
    const running = await this.sql<{ n: string }>(WORKERS_RUNNING, [PRESENCE_LOCKS, this.schema]);
    const workers = Number(running.rows[0]?.n ?? 0);
    const c: QueueCounts = {
      waiting: 0,
      active: 0,
      retrying: 0,
      dead: 0,
      briefings: 0,
      feeds: 0,
      fetches: 0,
      workers,
    };
    for (const r of rows) {
      const n = Number(r.n);
      if (r.name === DEAD_QUEUE) c.dead += n;
      else if (r.name === BRIEF_QUEUE) c.briefings += n;
      else if (r.name === FEED_QUEUE) c.feeds += n;
      else if (r.name === FETCH_QUEUE) c.fetches += n;
      else if (r.state === 'created') c.waiting += n;
      else if (r.state === 'active') c.active += n;
      else if (r.state === 'retry') c.retrying += n;
    }
    return c;
  }

  /** The dead-letter list, oldest first. */
  async dead(): Promise<DeadJob[]> {
    const { rows } = await this.sql<{
      id: string;
      data: ReportJob | FetchJob;
      output: { message?: string; value?: { message?: string } } | null;
      retry_count: number;
      created_on: Date;
    }>(
      `SELECT id::text AS id, data, output, retry_count, created_on FROM ${this.schema}.job
       WHERE name = $1 AND state < 'completed' ORDER BY created_on, id`,
      [DEAD_QUEUE],
    );
    return rows.map((r) => ({
      id: r.id,
      ...('input' in r.data
        ? { stage: 'report' as const, where: describeOrigin(r.data.origin), url: r.data.input.url }
        : { stage: 'fetch' as const, where: `feed ${r.data.feed}`, url: r.data.item.url }),
      error: r.output?.message ?? r.output?.value?.message ?? 'failed',
      retries: r.retry_count,
      deadSince: r.created_on.toISOString(),
    }));
  }

  /**
   * Puts dead jobs back on the report queue (all of them when `ids` is null), with their retries anew;
   * returns the ids retried. An id not on the list is refused, naming it, and nothing is retried.
   */
  async retryDead(ids: string[] | null): Promise<string[]> {
    const dead = await this.dead();
    const known = new Set(dead.map((d) => d.id));
    const missing = (ids ?? []).filter((id) => !known.has(id));
    if (missing.length)
      throw new CorroborateError('not-found', 'no such job on the dead-letter list', missing.join(', '));
    const chosen = ids ?? dead.map((d) => d.id);
    if (!chosen.length) return [];
    const { rows } = await this.sql<{ id: string; data: ReportJob | FetchJob }>(
      `SELECT id::text AS id, data FROM ${this.schema}.job WHERE name = $1 AND id = ANY($2::uuid[])`,
      [DEAD_QUEUE, chosen],
    );
    // The failed job still lies in the archive under its id; a retry is a job of its own.
    await this.boss.insert(
      rows.map((r) =>
        'input' in r.data
          ? { name: REPORT_QUEUE, data: r.data, priority: priorityOf(r.data) }
          : { name: FETCH_QUEUE, data: r.data, priority: priorityAt(r.data.item.publishedAt) },
      ),
    );
    await this.boss.deleteJob(DEAD_QUEUE, chosen);
    return chosen;
  }

  /** Each job's state, for a producer waiting until its reports are placed (ids not found are left out). */
  async states(ids: string[]): Promise<Map<string, JobState>> {
    const out = new Map<string, JobState>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 1000) {
      const chunk = unique.slice(i, i + 1000);
      const { rows } = await this.sql<{
        id: string;
        state: string;
        output: { outcome?: ReportOutcome['outcome']; message?: string } | null;
      }>(
        `SELECT id::text AS id, state, output FROM ${this.schema}.job WHERE name = $1 AND id = ANY($2::uuid[])
         UNION ALL
         SELECT id::text, state, output FROM ${this.schema}.archive WHERE name = $1 AND id = ANY($2::uuid[])`,
        [REPORT_QUEUE, chunk],
      );
      for (const r of rows) {
        const s: JobState =
          r.state === 'completed'
            ? { state: 'done', outcome: r.output?.outcome ?? 'unchanged' }
            : r.state === 'failed' || r.state === 'cancelled'
              ? { state: 'dead', error: r.output?.message ?? 'failed' }
              : { state: r.state === 'active' ? 'active' : r.state === 'retry' ? 'retrying' : 'waiting' };
        // A job found both waiting (queued again) and in the archive is waiting.
        const prev = out.get(r.id);
        if (!prev || prev.state === 'done' || prev.state === 'dead') out.set(r.id, s);
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.life?.end().catch(() => undefined);
    await this.boss.stop({ graceful: false, wait: true, close: true });
  }

  private async sql<R>(text: string, values: unknown[]): Promise<{ rows: R[] }> {
    return (await this.boss.getDb().executeSql(text, values)) as { rows: R[] };
  }
}

/** A report's priority: its publication time's (priorityAt). */
function priorityOf(job: ReportJob): number {
  return priorityAt(job.input.publishedAt);
}

/** Earliest published first: minus the minutes since 2000 of the stated publication time; undated last. */
function priorityAt(publishedAt: string | null | undefined): number {
  const t = publishedAt ? Date.parse(publishedAt) : NaN;
  return Number.isFinite(t) ? -Math.max(0, Math.round((t - EPOCH_2000) / 60_000)) : UNDATED;
}

/** A key hashed into the shape of a UUID (version 8: custom), the form pg-boss keeps job ids in. */
function uuidOf(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  const h = hash.digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
