/** `corroborate outlets list|import|export`: the outlet registry (domains, owner groups, tiers). */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../lib/clock.ts';
import {
  formatOutletRegistry,
  readOutletRegistry,
  SHIPPED_REGISTRY,
} from '../pipeline/acquire/outlet-registry.ts';
import { importOutlets, reassessOutlets } from '../run/outlets.ts';
import { DB_HELP, loadConfig, withExistingStore, withStore } from './context.ts';

/** Adds the command and its subcommands to the program. */
export function registerOutlets(program: Command): void {
  const outlets = program
    .command('outlets')
    .description('the outlet registry: who publishes, on which domains, owned by whom, rated how');

  outlets
    .command('list')
    .description('list the stored outlets')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print a JSON list')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const rows = await withExistingStore(config, (store) => store.outlets.list());
      if (opts.json) return void console.log(JSON.stringify(rows));
      if (!rows.length)
        return void console.log('no outlets (import the shipped registry with `corroborate outlets import`)');
      for (const o of rows)
        console.log(
          `${o.name} — ${o.kind}, ${o.tier}${o.ownerGroup ? `, owned by ${o.ownerGroup}` : ''}${o.country ? `, ${o.country}` : ''}${o.domains?.length ? ` · ${o.domains.join(' ')}` : ''}`,
        );
    });

  outlets
    .command('import')
    .description(
      'store the outlets of a registry file (all or none); without FILE, the registry shipped in data/outlets/',
    )
    .argument(
      '[file]',
      'a registry file: a JSON list of {name, domains, feedHosts, country, language, kind, owner, tier, notes}',
    )
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the counts as JSON')
    .action(async (file: string | undefined, opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const path = file ?? SHIPPED_REGISTRY;
      const list = readOutletRegistry(path); // every entry checked before anything is written
      const r = await withStore(config, async (store) => {
        const done = await importOutlets(store, list, systemClock().now());
        // The events of outlets whose tier, kind, owner or name changed are re-assessed, and only those.
        return {
          ...done,
          reassessed: await reassessOutlets(
            { store, config, clock: systemClock(), actor: 'cli' },
            done.changed,
          ),
        };
      });
      console.log(
        opts.json
          ? JSON.stringify({ file: path, ...r })
          : `${list.length} outlets in ${path}: ${r.added} added, ${r.updated} updated; ${r.reassessed} events re-assessed`,
      );
    });

  outlets
    .command('export')
    .description('write the stored outlets as a registry file (to a file, or standard output)')
    .argument('[file]', 'where to write (default: standard output)')
    .option('--db <db>', DB_HELP)
    .action(async (file: string | undefined, opts: { db?: string }) => {
      const config = loadConfig(opts);
      const text = formatOutletRegistry(await withExistingStore(config, (store) => store.outlets.list()));
      if (file) writeFileSync(file, text);
      else process.stdout.write(text);
    });
}
