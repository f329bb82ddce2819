/**
 * `corroborate worker`: works the job queue of a PostgreSQL database (storage/job-queue.ts) until stopped
 * (SIGINT, SIGTERM: the batch under way is finished first), or with `--until-idle` until the queue is
 * empty: polls the feeds that are due, fetches the pages they list, places the reports queued (by `ingest`
 * or by the fetch stage) and rebuilds story briefings; `--stages` picks some of these. `--concurrency N`
 * runs N worker processes; more run on other machines against the same database. `corroborate jobs` shows
 * the queue and its dead-letter list.
 */
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { Config } from '../config/config.ts';
import { CorroborateError } from '../domain/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { Fetcher } from '../pipeline/acquire/fetcher.ts';
import { runWorker, STAGES, sumTotals, type Stage, type WorkerTotals } from '../run/worker.ts';
import { plural } from '../server/views/format.ts';
import { JobQueue } from '../storage/job-queue.ts';
import type { Store } from '../storage/store.ts';
import { DB_HELP, loadConfig, withStore } from './context.ts';

/** Adds the command to the program. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      "work a PostgreSQL database's job queue until stopped or, with --until-idle, until it is empty: poll the feeds that are due, fetch their new pages, place the reports queued (by `corroborate ingest` or by fetching), rebuild story briefings",
    )
    .option('--db <db>', DB_HELP)
    .option('--concurrency <n>', 'worker processes to run', '1')
    .option(
      '--stages <list>',
      `the stages to run, comma-separated, of ${STAGES.join(', ')} (default: all); a report job extracts, analyses, places and assesses its report`,
    )
    .option('--batch <n>', "reports taken at once (default: the config file's queue.batchSize, 20)")
    .option(
      '--until-idle',
      'stop once no job waits, runs or waits for a retry at its stages or the stages before them',
    )
    .option('--json', 'print the totals as JSON when stopping')
    .option('-q, --quiet', 'no line per batch')
    .action(
      async (opts: {
        db?: string;
        concurrency: string;
        stages?: string;
        batch?: string;
        untilIdle?: boolean;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const config = loadConfig(opts);
        const n = count(opts.concurrency, '--concurrency');
        const batchSize = opts.batch ? count(opts.batch, '--batch') : config.queue.batchSize;
        const stages = stageList(opts.stages);
        const totals =
          n > 1
            ? await runProcesses(n, batchSize, stages, opts)
            : await runHere(config, batchSize, stages, opts);
        if (opts.json) console.log(JSON.stringify(totals));
        else {
          if (stages.has('poll') || stages.has('fetch'))
            console.log(
              `${plural(totals.feeds, 'feed')} polled, ${plural(totals.found, 'new page')} found; ${plural(totals.fetched, 'page')} fetched, ${totals.fetchFailed} failed`,
            );
          console.log(
            `${totals.jobs} reports placed in ${totals.batches} batches: ${totals.inserted} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.failed} failed; ${totals.briefings} story briefings rebuilt`,
          );
        }
      },
    );
}

/** The stages named by --stages (all when not given); an unknown one is refused, naming it. */
function stageList(raw: string | undefined): Set<Stage> {
  if (raw === undefined) return new Set(STAGES);
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length || !names.length)
    throw new CorroborateError(
      'usage',
      `expected stages among ${STAGES.join(', ')}, comma-separated: ${JSON.stringify(raw)}`,
      '--stages',
    );
  return new Set(names as Stage[]);
}

function count(raw: string, option: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new CorroborateError(
      'usage',
      `expected a whole number from 1 to 64: ${JSON.stringify(raw)}`,
      option,
    );
  return n;
}

/** One worker in this process; stops after its batch on SIGINT or SIGTERM. */
async function runHere(
  config: Config,
  batchSize: number,
  stages: ReadonlySet<Stage>,
  opts: { untilIdle?: boolean; quiet?: boolean },
): Promise<WorkerTotals> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const fetcher = stages.has('poll') || stages.has('fetch') ? new Fetcher(config.fetch) : undefined;
  try {
    return await withStore(config, async (store: Store) => {
      const queue = await JobQueue.open(config.db, store, config.queue, { maintain: true });
      try {
        return await runWorker({ store, config, clock: systemClock(), actor: 'worker' }, queue, {
          batchSize,
          stages,
          ...(fetcher ? { fetcher } : {}),
          pollMs: config.queue.pollSeconds * 1000,
          untilIdle: !!opts.untilIdle,
          signal: stop.signal,
          onBatch: (b) => {
            if (opts.quiet) return;
            process.stderr.write(
              `worker ${process.pid}: ${b.jobs} reports: ${b.inserted} new, ${b.updated} updated, ${b.unchanged} unchanged, ${b.failed} failed${b.adopted ? `, ${b.adopted} adopted from a worker that died` : ''}${b.firstError ? ` (first: ${b.firstError})` : ''}\n`,
            );
          },
          onAcquire: (t) => {
            if (opts.quiet) return;
            const what = t.feeds
              ? `${plural(t.feeds, 'feed')} polled, ${plural(t.found, 'new page')} found`
              : `${plural(t.fetched, 'page')} fetched and queued, ${t.fetchFailed} failed${t.firstError ? ` (first: ${t.firstError})` : ''}`;
            process.stderr.write(`worker ${process.pid}: ${what}\n`);
          },
        });
      } finally {
        await queue.close();
      }
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await fetcher?.close();
  }
}

/** N worker processes of this command; their totals summed. A signal is passed on to each. */
async function runProcesses(
  n: number,
  batchSize: number,
  stages: ReadonlySet<Stage>,
  opts: { db?: string; untilIdle?: boolean; quiet?: boolean },
): Promise<WorkerTotals> {
  const args = [
    ...process.execArgv,
    process.argv[1] as string,
    'worker',
    '--json',
    '--batch',
    String(batchSize),
    '--stages',
    [...stages].join(','),
    ...(opts.db ? ['--db', opts.db] : []),
    ...(opts.untilIdle ? ['--until-idle'] : []),
    ...(opts.quiet ? ['--quiet'] : []),
  ];
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  const pass = (sig: NodeJS.Signals) => () => children.forEach((c) => c.kill(sig));
  const onInt = pass('SIGINT');
  const onTerm = pass('SIGTERM');
  process.on('SIGINT', onInt).on('SIGTERM', onTerm);
  try {
    const results = await Promise.all(
      children.map(
        (c) =>
          new Promise<WorkerTotals>((resolve, reject) => {
            let out = '';
            c.stdout.on('data', (d: Buffer) => (out += d.toString()));
            c.on('close', (code) => {
              const last = out.trim().split('\n').at(-1) ?? '';
              if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as WorkerTotals);
              else
                reject(new CorroborateError('database', `worker process ${c.pid} ended with code ${code}`));
            });
          }),
      ),
    );
    return sumTotals(results);
  } finally {
    process.off('SIGINT', onInt).off('SIGTERM', onTerm);
  }
}
