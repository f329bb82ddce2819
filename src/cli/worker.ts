/**
 * `corroborate worker`: places the reports queued on a PostgreSQL database (storage/job-queue.ts) until
 * stopped (SIGINT, SIGTERM: the batch under way is finished first), or with `--until-idle` until the queue
 * is empty. `--concurrency N` runs N worker processes; more run on other machines against the same
 * database. `corroborate jobs` shows the queue and its dead-letter list.
 */
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { Config } from '../config/config.ts';
import { CorroborateError } from '../domain/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { runWorker, sumTotals, type WorkerTotals } from '../run/worker.ts';
import { JobQueue } from '../storage/job-queue.ts';
import type { Store } from '../storage/store.ts';
import { DB_HELP, loadConfig, withStore } from './context.ts';

/** Adds the command to the program. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'place the reports queued on a PostgreSQL database (`corroborate ingest --queue`), batch by batch, until stopped or, with --until-idle, until the queue is empty',
    )
    .option('--db <db>', DB_HELP)
    .option('--concurrency <n>', 'worker processes to run', '1')
    .option('--batch <n>', "reports taken at once (default: the config file's queue.batchSize, 20)")
    .option('--until-idle', 'stop once no job waits, runs or waits for a retry')
    .option('--json', 'print the totals as JSON when stopping')
    .option('-q, --quiet', 'no line per batch')
    .action(
      async (opts: {
        db?: string;
        concurrency: string;
        batch?: string;
        untilIdle?: boolean;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const config = loadConfig(opts);
        const n = count(opts.concurrency, '--concurrency');
        const batchSize = opts.batch ? count(opts.batch, '--batch') : config.queue.batchSize;
        const totals =
          n > 1 ? await runProcesses(n, batchSize, opts) : await runHere(config, batchSize, opts);
        if (opts.json) console.log(JSON.stringify(totals));
        else
          console.log(
            `${totals.jobs} reports placed in ${totals.batches} batches: ${totals.inserted} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.failed} failed; ${totals.briefings} story briefings rebuilt`,
          );
      },
    );
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
  opts: { untilIdle?: boolean; quiet?: boolean },
): Promise<WorkerTotals> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    return await withStore(config, async (store: Store) => {
      const queue = await JobQueue.open(config.db, store, config.queue, { maintain: true });
      try {
        return await runWorker({ store, config, clock: systemClock(), actor: 'worker' }, queue, {
          batchSize,
          pollMs: config.queue.pollSeconds * 1000,
          untilIdle: !!opts.untilIdle,
          signal: stop.signal,
          onBatch: (b) => {
            if (opts.quiet) return;
            process.stderr.write(
              `worker ${process.pid}: ${b.jobs} reports: ${b.inserted} new, ${b.updated} updated, ${b.unchanged} unchanged, ${b.failed} failed${b.adopted ? `, ${b.adopted} adopted from a worker that died` : ''}${b.firstError ? ` (first: ${b.firstError})` : ''}\n`,
            );
          },
        });
      } finally {
        await queue.close();
      }
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** N worker processes of this command; their totals summed. A signal is passed on to each. */
async function runProcesses(
  n: number,
  batchSize: number,
  opts: { db?: string; untilIdle?: boolean; quiet?: boolean },
): Promise<WorkerTotals> {
  const args = [
    ...process.execArgv,
    process.argv[1] as string,
    'worker',
    '--json',
    '--batch',
    String(batchSize),
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
