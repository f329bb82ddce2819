/**
 * `corroborate jobs`: the job queue of a PostgreSQL database: how many reports wait, run and wait for a
 * retry; the dead-letter list (jobs whose retries are spent, with their last error); retrying them.
 */
import type { Command } from 'commander';
import type { Config } from '../config/config.ts';
import { CorroborateError } from '../domain/errors.ts';
import { plural } from '../server/views/format.ts';
import { JobQueue } from '../storage/job-queue.ts';
import { DB_HELP, loadConfig, withExistingStore } from './context.ts';

async function withQueue<T>(config: Config, fn: (q: JobQueue) => Promise<T>): Promise<T> {
  return withExistingStore(config, async (store) => {
    const queue = await JobQueue.open(config.db, store, config.queue);
    try {
      return await fn(queue);
    } finally {
      await queue.close();
    }
  });
}

/** Adds the command to the program. */
export function registerJobs(program: Command): void {
  const jobs = program
    .command('jobs')
    .description(
      'the job queue of a PostgreSQL database: reports waiting, running, waiting for a retry, and dead, feeds to poll and pages to fetch, and the workers running (subcommands: dead, retry)',
    )
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const c = await withQueue(config, (q) => q.counts());
      if (opts.json) console.log(JSON.stringify(c));
      else
        console.log(
          `${c.waiting} waiting, ${c.active} running, ${c.retrying} waiting for a retry, ${c.dead} dead${c.dead ? ' (`corroborate jobs dead` lists them)' : ''}; ${plural(c.briefings, 'story briefing')} to rebuild; ${plural(c.feeds, 'feed')} to poll, ${plural(c.fetches, 'page')} to fetch; ${plural(c.workers, 'worker')} running`,
        );
    });

  jobs
    .command('dead')
    .description(
      'list the dead-letter list: jobs whose retries are spent, oldest first, with their last error',
    )
    .option('--db <db>', DB_HELP)
    .option('--json', 'print a JSON array')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ db?: string; json?: boolean }>();
      const config = loadConfig(opts);
      const dead = await withQueue(config, (q) => q.dead());
      if (opts.json) return void console.log(JSON.stringify(dead, null, 2));
      for (const d of dead)
        console.log(`${d.id}  ${d.deadSince}  ${d.stage}  ${d.where}  ${d.url}\n    ${d.error}`);
      console.log(plural(dead.length, 'dead job'));
    });

  jobs
    .command('retry')
    .description('put dead jobs back on the queue with their retries anew: those named, or all with --all')
    .argument('[ids...]', 'job ids, as `corroborate jobs dead` lists them')
    .option('--all', 'retry every dead job')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the ids retried as JSON')
    .action(async (ids: string[], _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ db?: string; json?: boolean; all?: boolean }>();
      const config = loadConfig(opts);
      if (!opts.all === !ids.length)
        throw new CorroborateError('usage', 'name the jobs to retry, or give --all (not both)', 'jobs retry');
      const retried = await withQueue(config, (q) => q.retryDead(opts.all ? null : ids));
      if (opts.json) console.log(JSON.stringify({ retried }));
      else console.log(`${plural(retried.length, 'job')} back on the queue`);
    });
}
