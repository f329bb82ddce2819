/** The `corroborate` command line: one file per command; errors mapped to exit codes in one place. */
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './analyze.ts';
import { registerArticles } from './articles.ts';
import { registerBrief } from './brief.ts';
import { registerDemo } from './demo.ts';
import { registerEvents } from './events.ts';
import { EXIT_USAGE, exitFor } from './exit-code.ts';
import { registerExport } from './export.ts';
import { registerExtract } from './extract.ts';
import { registerFeeds } from './feeds.ts';
import { registerOutlets } from './outlets.ts';
import { registerPoll } from './poll.ts';
import { registerProvenance } from './provenance.ts';
import { registerIngest } from './ingest.ts';
import { registerJobs } from './jobs.ts';
import { registerMigrate } from './migrate.ts';
import { registerReprocess } from './reprocess.ts';
import { registerServe } from './serve.ts';
import { registerUsers } from './users.ts';
import { registerWorker } from './worker.ts';

/** Returns the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('corroborate')
    .description(
      'Corroborate: news reports grouped into events, independent sources counted, confidence rated',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerDemo,
    registerIngest,
    registerFeeds,
    registerOutlets,
    registerPoll,
    registerExtract,
    registerAnalyze,
    registerEvents,
    registerBrief,
    registerArticles,
    registerProvenance,
    registerReprocess,
    registerExport,
    registerServe,
    registerUsers,
    registerMigrate,
    registerWorker,
    registerJobs,
  ])
    register(program);
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`| head`) is not an error of ours.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    const { code, line } = exitFor(err);
    console.error(line);
    return code;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
