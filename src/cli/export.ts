/**
 * `corroborate export`: article → event assignments, events as JSONL or CSV (with the CAMEO root code), or
 * reports as JSONL — streamed page by page to stdout or to a file (`--out`), so memory stays flat.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { exportChunks, type ExportFormat, type ExportWhat } from '../run/exports.ts';
import type { Store } from '../storage/store.ts';
import { DB_HELP, loadConfig, withExistingStore } from './context.ts';

const FORMATS = ['assignments', 'jsonl', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const WHATS = ['events', 'reports'] as const;

const HELP = `
What each export holds:
  --format assignments                 {"<article id>": "<event id>"} for every report in an event (one JSON object)
  --what events --format jsonl         one event a line, the \`events --json\` shape (DESIGN.md, "Interfaces")
  --what events --format csv           one event a row (RFC 4180, CRLF, header first): id, title, category,
                                       cameo_root (the category's CAMEO root code 01-20; empty for none), date,
                                       date_end, date_precision, place, country, lat, lon, place_role, level,
                                       articles, outlets, independent_sources, story; a text cell starting with
                                       = + - @ is prefixed with ' so spreadsheets do not run it
  --what reports --format jsonl        one report a line in the article input format (id, url, outlet,
                                       publishedAt, title, text) with its status and eventId (null if none)
Without --what, jsonl exports reports and csv exports events. Rows come in id order.
The same exports are served at /api/v1/exports/events.jsonl, events.csv and reports.jsonl.`;

/** Adds the command to the program. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'export assignments, events (JSONL or CSV with CAMEO root codes) or reports (JSONL) to stdout or a file',
    )
    .requiredOption('--format <format>', `one of ${FORMATS.join(', ')}`)
    .option('--what <what>', `events or reports (default: reports for jsonl, events for csv)`)
    .option(
      '--out <file>',
      'write to this file (replaced only once the export is complete) instead of stdout',
    )
    .option('--db <db>', DB_HELP)
    .addHelpText('after', HELP)
    .action(async (opts: { format: string; what?: string; out?: string; db?: string }) => {
      const format = checkFormat(opts.format);
      const what = checkWhat(format, opts.what);
      const config = loadConfig(opts);
      await withExistingStore(config, (store) =>
        opts.out ? toFile(opts.out, (out) => write(store, format, what, out)) : write(store, format, what),
      );
    });
}

function checkFormat(raw: string): Format {
  if (!FORMATS.includes(raw as Format))
    throw new CorroborateError(
      'usage',
      `unknown format "${raw}": expected ${FORMATS.join(', ')}`,
      '--format',
    );
  return raw as Format;
}

function checkWhat(format: Format, raw: string | undefined): ExportWhat | null {
  if (format === 'assignments') {
    if (raw !== undefined) throw new CorroborateError('usage', 'assignments take no --what', '--what');
    return null;
  }
  const what = raw ?? (format === 'csv' ? 'events' : 'reports');
  if (!WHATS.includes(what as ExportWhat))
    throw new CorroborateError('usage', `unknown export "${what}": expected ${WHATS.join(', ')}`, '--what');
  if (what === 'reports' && format === 'csv')
    throw new CorroborateError('usage', 'reports are exported as jsonl only', '--format');
  return what as ExportWhat;
}

/** Writes the export to `out` (stdout by default), waiting whenever the reader is behind. */
async function write(
  store: Store,
  format: Format,
  what: ExportWhat | null,
  out: Writable = process.stdout,
): Promise<void> {
  if (format === 'assignments' || what === null) {
    await put(out, `${JSON.stringify(await store.events.assignments(), null, 1)}\n`);
    return;
  }
  for await (const chunk of exportChunks(store, what, format as ExportFormat)) await put(out, chunk);
}

async function put(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Runs `fn` on a stream to a temporary file beside `path`, and moves it into place once complete. */
async function toFile(path: string, fn: (out: Writable) => Promise<void>): Promise<void> {
  const tmp = `${path}.part-${process.pid}`;
  const out = createWriteStream(tmp);
  try {
    await once(out, 'open');
    await fn(out);
    out.end();
    await once(out, 'finish');
    renameSync(tmp, path);
  } catch (err) {
    out.destroy();
    rmSync(tmp, { force: true });
    if ((err as NodeJS.ErrnoException).code && !(err instanceof CorroborateError))
      throw new CorroborateError('bad-input', `cannot write (${(err as Error).message})`, path);
    throw err;
  }
}
