/** `corroborate ingest PATH…`: read JSONL, text and HTML files (or folders of them) into the database. */
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { readOutletRegistry } from '../pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../pipeline/acquire/read-inputs.ts';
import { ingest } from '../run/ingest.ts';
import { loadConfig, withStore } from './context.ts';
import { progressBar } from './progress-bar.ts';

/** Adds the command to the program. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('ingest reports: JSONL (one article a line), .txt and .html files, or folders of them')
    .argument('<paths...>', 'files or folders to read')
    .option('--db <db>', 'database: a SQLite file or a postgres:// URL (default ./corroborate.db, env CORROBORATE_DB)')
    .option('--outlets <file>', 'an outlets registry (JSON list) to load before ingesting')
    .option('--json', 'print the summary as JSON')
    .option('-q, --quiet', 'no progress bar')
    .action(async (paths: string[], opts: { db?: string; outlets?: string; json?: boolean; quiet?: boolean }) => {
      const urls = paths.filter((p) => /^https?:\/\//i.test(p));
      if (urls.length) throw new CorroborateError('usage', 'fetching URLs is not available in this version; save the page and ingest the file', urls[0] as string);
      const config = loadConfig(opts);
      const registry = opts.outlets ? readOutletRegistry(opts.outlets) : [];
      const { inputs, skipped } = readInputs(paths, config.limits.maxFileBytes);
      const clock = systemClock();
      const summary = await withStore(config, async (store) => {
        for (const o of registry) await store.outlets.upsert(o, clock.now());
        return ingest({ store, config, clock, progress: progressBar(!!opts.quiet || !!opts.json), actor: 'cli' }, inputs);
      });
      if (opts.json) console.log(JSON.stringify({ ...summary, skipped }));
      else {
        console.log(`${summary.read} reports read: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged; ${summary.eventsCreated} new events, ${summary.storiesCreated} new stories`);
        if (skipped.length) console.log(`${skipped.length} files of other types skipped in folders (first: ${skipped[0]})`);
      }
    });
}
