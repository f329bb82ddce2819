/** `corroborate articles withdraw|restore ID…`: an outlet took reports down, or put them back. */
import type { Command } from 'commander';
import { systemClock } from '../lib/clock.ts';
import { setArticlesStatus } from '../run/withdraw.ts';
import { DB_HELP, loadConfig, withExistingStore } from './context.ts';

/** Adds the command to the program. */
export function registerArticles(program: Command): void {
  const articles = program
    .command('articles')
    .description('withdraw or restore stored reports (subcommands: withdraw, restore)');
  for (const [name, status, help] of [
    [
      'withdraw',
      'withdrawn',
      'mark reports withdrawn by their outlet: they stay stored but leave the assessments; an event all of whose reports are withdrawn becomes Retracted',
    ],
    ['restore', 'active', 'put withdrawn reports back into the assessments'],
  ] as const) {
    articles
      .command(name)
      .description(help)
      .argument('<ids...>', 'article ids (as `corroborate events --json` lists them)')
      .option(
        '--reason <text>',
        'why (kept in the audit log)',
        name === 'withdraw' ? 'withdrawn by its outlet' : 'restored',
      )
      .option('--db <db>', DB_HELP)
      .option('--json', 'print the events re-assessed, with their levels, as JSON')
      .action(async (ids: string[], opts: { reason: string; db?: string; json?: boolean }) => {
        const config = loadConfig(opts);
        const s = await withExistingStore(config, (store) =>
          setArticlesStatus({ store, config, clock: systemClock(), actor: 'cli' }, ids, status, opts.reason),
        );
        if (opts.json) return void console.log(JSON.stringify(s));
        console.log(
          `${name === 'withdraw' ? 'withdrew' : 'restored'} ${s.articles} report(s); re-assessed ${s.events.map((e) => `${e.id} (${e.level ?? 'not assessed'})`).join(', ') || 'no event'}`,
        );
      });
  }
}
