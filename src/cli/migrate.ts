/**
 * `corroborate migrate [--status]`: brings a database's schema up to this version (every command that
 * opens a database also does, first), or says where it stands. Migrations only go forward; one process
 * applies them at a time (a lock on PostgreSQL, SQLite's single writer), so servers and workers started
 * together with a schema behind wait for one another. A database a newer version upgraded is refused.
 */
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { openStore } from '../storage/store.ts';
import { DB_HELP, loadConfig, requireDatabase } from './context.ts';

/** Adds the command to the program. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(
      "upgrade the database's schema to this version (a new SQLite file is created); with --status, list each migration as applied or pending and change nothing",
    )
    .option('--db <db>', DB_HELP)
    .option('--status', 'list the migrations, applied (with when) or pending; apply none')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { db?: string; status?: boolean; json?: boolean }) => {
      const config = loadConfig(opts);
      if (opts.status) requireDatabase(config);
      const store = await openStore(config.db, { migrate: false });
      try {
        const before = await store.migrations();
        if (opts.status) return void print(before, [], !!opts.json, true);
        const applied = await store.migrate();
        print(await store.migrations(), applied, !!opts.json, false);
      } finally {
        await store.close();
      }
    });
}

function print(
  migrations: { name: string; appliedAt: string | null; known: boolean }[],
  applied: string[],
  json: boolean,
  status: boolean,
): void {
  const pending = migrations.filter((m) => !m.appliedAt).map((m) => m.name);
  const current = migrations.filter((m) => m.appliedAt).at(-1)?.name ?? null;
  const unknown = migrations.filter((m) => !m.known).map((m) => m.name);
  if (json)
    console.log(
      JSON.stringify(status ? { current, pending, unknown, migrations } : { applied, current, pending }),
    );
  else if (status)
    for (const m of migrations)
      console.log(`${m.name}  ${m.appliedAt ?? 'pending'}${m.known ? '' : '  (unknown to this version)'}`);
  if (unknown.length)
    throw new CorroborateError(
      'database',
      `the database holds migration${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}, which this version of Corroborate does not know (a newer version upgraded it)`,
    );
  if (json) return;
  if (status) {
    console.log(
      pending.length
        ? `${pending.length} of ${migrations.length} migrations pending (run \`corroborate migrate\`)`
        : `schema up to date at ${current} (${migrations.length} migrations)`,
    );
    return;
  }
  console.log(
    applied.length
      ? `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}; schema at ${current}`
      : `schema already up to date at ${current} (${migrations.length} migrations)`,
  );
}
