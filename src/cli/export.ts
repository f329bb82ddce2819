/** `corroborate export`: article → event assignments, articles as JSONL, or events as CSV. */
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { listEvents } from '../run/event-views.ts';
import type { Store } from '../storage/store.ts';
import { loadConfig, withExistingStore } from './context.ts';

const FORMATS = ['assignments', 'jsonl', 'csv'] as const;
type Format = (typeof FORMATS)[number];

/** Adds the command to the program. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'export data to stdout: assignments ({"<article id>": "<event id>"}), jsonl (articles with their event), csv (events)',
    )
    .requiredOption('--format <format>', `one of ${FORMATS.join(', ')}`)
    .option('--db <db>', 'database: a SQLite file or a postgres:// URL')
    .action(async (opts: { format: string; db?: string }) => {
      if (!FORMATS.includes(opts.format as Format))
        throw new CorroborateError(
          'usage',
          `unknown format "${opts.format}": expected ${FORMATS.join(', ')}`,
          '--format',
        );
      const config = loadConfig(opts);
      await withExistingStore(config, (store) => write(store, opts.format as Format));
    });
}

async function write(store: Store, format: Format): Promise<void> {
  if (format === 'assignments') {
    process.stdout.write(`${JSON.stringify(await store.events.assignments(), null, 1)}\n`);
    return;
  }
  const events = await listEvents(store);
  if (format === 'csv') {
    process.stdout.write('id,title,category,date,place,level,articles,outlets,independent_sources,story\n');
    for (const e of events) {
      const row = [
        e.id,
        e.title,
        e.category ?? '',
        e.date?.start ?? '',
        e.place?.name ?? '',
        e.level ?? '',
        e.articleCount,
        e.outletCount,
        e.independentSources,
        e.storyId ?? '',
      ];
      process.stdout.write(`${row.map(csvCell).join(',')}\n`);
    }
    return;
  }
  const eventOf = await store.events.assignments();
  const ids = Object.keys(eventOf);
  for (let i = 0; i < ids.length; i += 200) {
    for (const a of await store.articles.getMany(ids.slice(i, i + 200))) {
      const outlet = a.outletId ? ((await store.outlets.get(a.outletId))?.name ?? a.outletId) : undefined;
      process.stdout.write(
        `${JSON.stringify({ id: a.id, url: a.url, outlet, publishedAt: a.publishedAt ?? undefined, title: a.title ?? undefined, text: a.text, eventId: eventOf[a.id] })}\n`,
      );
    }
  }
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
