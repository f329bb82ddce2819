/** `corroborate reprocess [--from STAGE]`: re-run the pipeline from a stage over the whole database. */
import type { Command } from 'commander';
import { systemClock } from '../lib/clock.ts';
import { STAGES, parseStage, reprocess } from '../run/reprocess.ts';
import { DB_HELP, NO_WAIT_HELP, loadConfig, lockOptions, withExistingStore } from './context.ts';
import { progressBar } from './progress-bar.ts';

/** Adds the command to the program. */
export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description(
      're-run the pipeline from a stage over every stored report, in publication order, deterministically (the same reports give the same events); ' +
        'events keep their ids where they can, and an event that is gone redirects to the one that took its reports',
    )
    .option('--from <stage>', `first stage to re-run: ${STAGES.join(', ')}`, 'resolve')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the summary as JSON')
    .option('-q, --quiet', 'no progress bar')
    .option('--no-wait', NO_WAIT_HELP)
    .action(async (opts: { from: string; db?: string; json?: boolean; quiet?: boolean; wait?: boolean }) => {
      const from = parseStage(opts.from);
      const config = loadConfig(opts);
      const clock = systemClock();
      const s = await withExistingStore(config, (store) =>
        reprocess(
          {
            store,
            config,
            clock,
            progress: progressBar(!!opts.quiet || !!opts.json),
            actor: 'cli',
            lock: lockOptions(opts),
          },
          from,
        ),
      );
      if (opts.json) return void console.log(JSON.stringify(s));
      console.log(
        `reprocessed ${s.reports} reports from ${s.from}: ${s.events} events (${s.merged} merged away, ${s.split} splits recorded), ${s.stories} stories, ${s.assessed} events assessed`,
      );
    });
}
