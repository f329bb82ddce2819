/** `corroborate poll [--once]`: poll due feeds, ingest their new items; without --once, keep polling until SIGTERM. */
import type { Command } from 'commander';
import { systemClock } from '../lib/clock.ts';
import { Fetcher } from '../pipeline/acquire/fetcher.ts';
import { runPoller } from '../run/poller.ts';
import { printAcquireResult } from './acquire-output.ts';
import { loadConfig, withStore } from './context.ts';
import { progressBar } from './progress-bar.ts';

/** Adds the command to the program. */
export function registerPoll(program: Command): void {
  program
    .command('poll')
    .description(
      'poll the feeds that are due (conditional requests, backoff on errors), fetch and ingest their new items; runs until SIGTERM or SIGINT unless --once',
    )
    .option('--once', 'one round, then exit')
    .option(
      '--db <db>',
      'database: a SQLite file or a postgres:// URL (default ./corroborate.db, env CORROBORATE_DB)',
    )
    .option('--json', "print each round's counts as one JSON line")
    .option('-q, --quiet', 'no progress bar')
    .action(async (opts: { once?: boolean; db?: string; json?: boolean; quiet?: boolean }) => {
      const config = loadConfig(opts);
      const stop = new AbortController();
      const onSignal = () => {
        if (!opts.json) console.error('corroborate: stopping after the feeds in flight…');
        stop.abort();
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      const fetcher = new Fetcher(config.fetch);
      try {
        await withStore(config, (store) =>
          runPoller(
            {
              store,
              config,
              clock: systemClock(),
              progress: progressBar(!!opts.quiet || !!opts.json),
              actor: 'poller',
            },
            fetcher,
            {
              once: !!opts.once,
              signal: stop.signal,
              onRound: (round) =>
                printAcquireResult(round, !!opts.json, `poll round at ${new Date().toISOString()}`),
            },
          ),
        );
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        await fetcher.close();
      }
    });
}
