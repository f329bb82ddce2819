/** `corroborate events`: list the events in the database. */
import type { Command } from 'commander';
import { listEvents } from '../run/event-views.ts';
import { loadConfig, withStore } from './context.ts';

/** Adds the command to the program. */
export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('list events, newest first, with report and independent-source counts')
    .option('--db <db>', 'database: a SQLite file or a postgres:// URL')
    .option('--json', 'print a JSON array of events (the shape in DESIGN.md, "Interfaces")')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const events = await withStore(config, listEvents);
      if (opts.json) {
        console.log(JSON.stringify(events, null, 2));
        return;
      }
      for (const e of events) {
        const date = e.date ? e.date.start : '????-??-??';
        console.log(`${date}  ${(e.level ?? '-').padEnd(11)} ${String(e.articleCount).padStart(3)} reports ${String(e.independentSources).padStart(2)} indep.  ${e.title}  [${e.id}]`);
      }
      console.log(`${events.length} events`);
    });
}
