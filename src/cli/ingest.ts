/**
 * `corroborate ingest PATH|URL…`: JSONL, text and HTML files (or folders of them) read from disk; URLs
 * fetched; OPML files subscribed to; WARC archives streamed. Each kind prints its own counts.
 */
import type { Command } from 'commander';
import { describeOrigin } from '../domain/article.ts';
import { systemClock } from '../lib/clock.ts';
import { Fetcher } from '../pipeline/acquire/fetcher.ts';
import type { SkippedOutline } from '../pipeline/acquire/opml.ts';
import { readOutletRegistry } from '../pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../pipeline/acquire/read-inputs.ts';
import { ingestUrls, type AcquireResult } from '../run/acquire.ts';
import { importWarc } from '../run/import-warc.ts';
import { importSubscriptions } from '../run/feeds.ts';
import { ingest, type IngestSummary } from '../run/ingest.ts';
import { enqueueInputs, followJobs, type FollowedSummary, type QueuedSummary } from '../run/enqueue.ts';
import { parseDbSpec } from '../storage/dialect.ts';
import { JobQueue } from '../storage/job-queue.ts';
import type { Store } from '../storage/store.ts';
import type { Outlet } from '../domain/outlet.ts';
import { plural } from '../server/views/format.ts';
import type { Config } from '../config/config.ts';
import { CorroborateError } from '../domain/errors.ts';
import { printAcquireResult } from './acquire-output.ts';
import { NO_WAIT_HELP, loadConfig, lockOptions, withStore } from './context.ts';
import { InputsFailed, type InputFailure } from './failed-inputs.ts';
import { printSkippedOutlines, readOpmlFile } from './feeds.ts';
import { progressBar } from './progress-bar.ts';

const isUrl = (p: string) => /^https?:\/\//i.test(p);
const isOpml = (p: string) => /\.opml$/i.test(p);
const isWarc = (p: string) => /\.warc(\.gz)?$/i.test(p);

/** Adds the command to the program. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'ingest reports: JSONL (one article a line), .txt and .html files or folders of them; http(s) URLs (fetched politely); .opml files (their feeds are subscribed to); .warc and .warc.gz archives (HTML responses, streamed)',
    )
    .argument('<sources...>', 'files, folders, URLs')
    .option(
      '--db <db>',
      'database: a SQLite file or a postgres:// URL (default ./corroborate.db, env CORROBORATE_DB)',
    )
    .option('--outlets <file>', 'an outlets registry (JSON list) to load before ingesting')
    .option('--json', 'print the summary as JSON')
    .option('-q, --quiet', 'no progress bar')
    .option('--no-wait', NO_WAIT_HELP)
    .option(
      '--queue',
      "PostgreSQL: put the files' reports on the job queue for `corroborate worker` to place, even when no worker runs (by default they are queued when workers run, else placed here)",
    )
    .option(
      '--follow',
      'PostgreSQL: queue the reports and wait until the workers have placed every one, and print their counts',
    )
    .option('--here', 'place the reports in this process, even when workers run on the job queue')
    .action(
      async (
        sources: string[],
        opts: {
          db?: string;
          outlets?: string;
          json?: boolean;
          quiet?: boolean;
          wait?: boolean;
          queue?: boolean;
          follow?: boolean;
          here?: boolean;
        },
      ) => {
        const config = loadConfig(opts);
        if (opts.here && (opts.queue || opts.follow))
          throw new CorroborateError(
            'usage',
            '--here places the reports in this process: give it without --queue and --follow',
            '--here',
          );
        if (opts.queue || opts.follow) return queueFiles(config, sources, opts);
        const registry = opts.outlets ? readOutletRegistry(opts.outlets) : [];
        const urls = sources.filter(isUrl);
        const opmls = sources.filter((s) => !isUrl(s) && isOpml(s));
        const warcs = sources.filter((s) => !isUrl(s) && isWarc(s));
        const files = sources.filter((s) => !isUrl(s) && !isOpml(s) && !isWarc(s));
        // Everything read from disk is read (and refused, naming the file) before anything is written.
        const subscriptions = opmls.map((f) => ({ file: f, ...readOpmlFile(f) }));
        const read = files.length
          ? readInputs(files, config.limits.maxFileBytes)
          : { inputs: [], failed: [], skipped: [] };
        const { inputs, skipped } = read;
        // Files read but holding no text to take in, and reports that fail on the way, are named; the rest go on.
        const fileFailures: InputFailure[] = read.failed.map((f) => ({ ...f }));
        const clock = systemClock();
        const progress = progressBar(!!opts.quiet || !!opts.json);
        const out: {
          files?: IngestSummary & { skipped: string[]; failed: number; failures: InputFailure[] };
          urls?: AcquireResult;
          warc?: Record<string, AcquireResult>;
          opml?: Record<string, { added: number; known: number; skipped: SkippedOutline[] }>;
        } = {};
        // Files of reports on PostgreSQL go to the job queue's workers when some run (`--here`: placed here).
        const queueable =
          !opts.here &&
          parseDbSpec(config.db).dialect === 'postgres' &&
          files.length > 0 &&
          files.length === sources.length;
        let queued: { out: Queued; workers: number } | null = null;
        const fetcher = urls.length ? new Fetcher(config.fetch) : null;
        try {
          await withStore(config, async (store) => {
            const workers = queueable ? await JobQueue.workersRunning(config.db, store) : 0;
            if (workers) {
              queued = { out: await enqueueRead(store, config, read, registry, opts), workers };
              return;
            }
            const deps = { store, config, clock, progress, actor: 'cli', lock: lockOptions(opts) };
            for (const o of registry) await store.outlets.upsert(o, clock.now());
            if (inputs.length || fileFailures.length || !(urls.length || opmls.length || warcs.length)) {
              const summary = await ingest(deps, inputs, {
                onRejected: (where, reason, message) => fileFailures.push({ where, kind: reason, message }),
                onFailed: (where, message) => fileFailures.push({ where, kind: 'ingest', message }),
              });
              out.files = { ...summary, skipped, failed: fileFailures.length, failures: fileFailures };
            }
            if (fetcher) out.urls = await ingestUrls(deps, fetcher, urls);
            for (const w of warcs) (out.warc ??= {})[w] = await importWarc(deps, w);
            for (const { file, subscriptions: subs, skipped: passed } of subscriptions)
              (out.opml ??= {})[file] = {
                ...(await importSubscriptions(store, subs, clock.now())),
                skipped: passed,
              };
          });
        } finally {
          await fetcher?.close();
        }
        const handed = queued as { out: Queued; workers: number } | null;
        if (handed) return reportQueued(handed.out, read.failed, { ...opts, workers: handed.workers });
        if (opts.json) console.log(JSON.stringify(out.urls || out.warc || out.opml ? out : out.files));
        else printSummary(out, urls.length);
        const failures = [
          ...fileFailures,
          ...[out.urls, ...Object.values(out.warc ?? {})].flatMap((r) =>
            (r?.failures ?? []).map((f) => ({ where: f.source, kind: f.kind, message: f.message })),
          ),
        ];
        if (failures.length) throw new InputsFailed(failures);
      },
    );
}

/** Prints each kind's counts (the failures themselves are named on standard error, one line each). */
function printSummary(
  out: {
    files?: IngestSummary & { skipped: string[]; failed: number };
    urls?: AcquireResult;
    warc?: Record<string, AcquireResult>;
    opml?: Record<string, { added: number; known: number; skipped: SkippedOutline[] }>;
  },
  urlCount: number,
): void {
  if (out.files) {
    const s = out.files;
    console.log(
      `${s.read + s.failed} reports read: ${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed} failed; ${s.eventsCreated} new events, ${s.storiesCreated} new stories`,
    );
    if (s.skipped.length)
      console.log(`${s.skipped.length} files of other types skipped in folders (first: ${s.skipped[0]})`);
  }
  if (out.urls) printAcquireResult(out.urls, false, `${urlCount} URLs`, false);
  for (const [w, r] of Object.entries(out.warc ?? {})) printAcquireResult(r, false, w, false);
  for (const [f, r] of Object.entries(out.opml ?? {})) {
    console.log(
      `${f}: ${r.added} feeds added, ${r.known} already followed (poll them with \`corroborate poll\`)`,
    );
    printSkippedOutlines(f, r.skipped);
  }
}

/**
 * `ingest --queue`, `--follow`, or plain `ingest` while workers run: the files' reports put on the job
 * queue (files only: URLs, feeds and archives are read where they are ingested); with `--follow`, waited
 * for until placed. `workers`: how many were found running when that is why they are queued.
 */
async function queueFiles(
  config: Config,
  sources: string[],
  opts: { outlets?: string; json?: boolean; quiet?: boolean; follow?: boolean; workers?: number },
): Promise<void> {
  const other = sources.find((s) => isUrl(s) || isOpml(s) || isWarc(s));
  if (other)
    throw new CorroborateError(
      'usage',
      'the job queue takes files and folders of reports; ingest URLs, OPML and WARC without --queue and --follow',
      other,
    );
  const registry = opts.outlets ? readOutletRegistry(opts.outlets) : [];
  const read = readInputs(sources, config.limits.maxFileBytes);
  const out = await withStore(config, (store) => enqueueRead(store, config, read, registry, opts));
  reportQueued(out, read.failed, opts);
}

type Queued = QueuedSummary & { placed?: FollowedSummary };

/** Puts the reports read on the store's job queue (with `follow`, waits until the workers placed them). */
async function enqueueRead(
  store: Store,
  config: Config,
  read: ReturnType<typeof readInputs>,
  registry: Outlet[],
  opts: { json?: boolean; quiet?: boolean; follow?: boolean },
): Promise<Queued> {
  const clock = systemClock();
  const queue = await JobQueue.open(config.db, store, config.queue);
  try {
    for (const o of registry) await store.outlets.upsert(o, clock.now());
    const { ids, ...queued } = await enqueueInputs(queue, read.inputs);
    const wheres = read.inputs.map((s) => describeOrigin(s.origin));
    if (opts.follow && !(await JobQueue.workersRunning(config.db, store)))
      process.stderr.write(
        'no worker runs on the job queue yet: waiting for one (`corroborate worker` places the reports)\n',
      );
    const followed = opts.follow
      ? await followJobs(queue, ids, wheres, progressBar(!!opts.quiet || !!opts.json))
      : null;
    return { ...queued, ...(followed ? { placed: followed } : {}) };
  } finally {
    await queue.close();
  }
}

/** Prints what was queued (and placed, when followed); throws naming the reports that failed. */
function reportQueued(
  out: Queued,
  unread: ReturnType<typeof readInputs>['failed'],
  opts: { json?: boolean; workers?: number },
): void {
  const failures: InputFailure[] = unread.map((f) => ({ ...f }));
  for (const d of out.placed?.dead ?? []) failures.push({ where: d.where, kind: 'dead', message: d.message });
  const why = opts.workers ? { workersRunning: opts.workers } : {};
  if (opts.json) console.log(JSON.stringify({ ...out, ...why, failed: failures.length, failures }));
  else {
    if (opts.workers)
      console.log(
        `${plural(opts.workers, 'worker')} running on the job queue: the reports go to them (\`--here\` places them in this process)`,
      );
    printQueued(out, unread.length);
  }
  if (failures.length) throw new InputsFailed(failures);
}

function printQueued(out: Queued, unreadable: number): void {
  console.log(
    `${out.read + unreadable} reports read: ${out.queued} queued, ${out.alreadyQueued} already queued, ${unreadable} failed`,
  );
  const p = out.placed;
  if (p)
    console.log(
      `placed by the workers: ${p.inserted} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.dead.length} dead`,
    );
  else console.log('`corroborate worker` places them; `corroborate jobs` shows the queue');
}
