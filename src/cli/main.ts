/** The `corroborate` command line: one file per command; errors mapped to exit codes in one place. */
import { Command, CommanderError } from 'commander';

import { EXIT_USAGE, exitFor } from './exit-code.ts';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded when asked for: a process running one command loads only its module
 * (a command such as `jobs` does not load the web server's), which shortens every start.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  demo: async () => (await import('./demo.ts')).registerDemo,
  ingest: async () => (await import('./ingest.ts')).registerIngest,
  feeds: async () => (await import('./feeds.ts')).registerFeeds,
  outlets: async () => (await import('./outlets.ts')).registerOutlets,
  poll: async () => (await import('./poll.ts')).registerPoll,
  extract: async () => (await import('./extract.ts')).registerExtract,
  analyze: async () => (await import('./analyze.ts')).registerAnalyze,
  events: async () => (await import('./events.ts')).registerEvents,
  brief: async () => (await import('./brief.ts')).registerBrief,
  articles: async () => (await import('./articles.ts')).registerArticles,
  provenance: async () => (await import('./provenance.ts')).registerProvenance,
  reprocess: async () => (await import('./reprocess.ts')).registerReprocess,
  export: async () => (await import('./export.ts')).registerExport,
  serve: async () => (await import('./serve.ts')).registerServe,
  users: async () => (await import('./users.ts')).registerUsers,
  migrate: async () => (await import('./migrate.ts')).registerMigrate,
  worker: async () => (await import('./worker.ts')).registerWorker,
  jobs: async () => (await import('./jobs.ts')).registerJobs,
};

/**
 * Returns the program with the commands registered: `only` the one named, or every one (for the help,
 * the version, or a name that is no command, which the full list answers).
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('corroborate')
    .description(
      'Corroborate: news reports grouped into events, independent sources counted, confidence rated',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const names = only && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((n) => (COMMANDS[n] as () => Promise<Register>)())))
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
    await (await buildProgram(argv[0])).parseAsync(argv, { from: 'user' });
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
