/**
 * `corroborate users add|list|disable|enable|reset`: the accounts that may use the editorial pages.
 * A password is read from standard input (one line) with --password-stdin; otherwise a one-time
 * password is printed, to be given to its owner, who changes it at /account/password.
 */
import type { Command } from 'commander';
import type { UserRole } from '../domain/editorial.ts';
import { systemClock } from '../lib/clock.ts';
import { addUser, oneTimePassword, resetPassword, ROLES, setUserDisabled } from '../run/accounts.ts';
import { DB_HELP, loadConfig, withExistingStore, withStore } from './context.ts';

const ACTOR = 'cli';

/** Adds the command and its subcommands to the program. */
export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('accounts for the editorial pages: editors review submissions, admins also manage accounts');

  users
    .command('add')
    .description('add an account (prints a one-time password unless --password-stdin)')
    .argument('<name>', 'the login: 2–40 letters, digits, dots, dashes or underscores')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--email <address>', 'an e-mail address to note with the account')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the account (and any one-time password) as JSON')
    .action(
      async (
        name: string,
        opts: { role: string; email?: string; passwordStdin?: boolean; db?: string; json?: boolean },
      ) => {
        const config = loadConfig(opts);
        const given = opts.passwordStdin ? await firstLine() : null;
        const password = given ?? oneTimePassword();
        const user = await withStore(config, (store) =>
          addUser(
            { store, clock: systemClock() },
            { name, role: opts.role as UserRole, email: opts.email ?? null, password },
            ACTOR,
          ),
        );
        const once = given === null ? password : null;
        if (opts.json) return void console.log(JSON.stringify({ ...user, oneTimePassword: once }));
        console.log(`added ${user.login} (${user.role})`);
        if (once)
          console.log(
            `one-time password: ${once}\n(give it to ${user.name}; change it at /account/password)`,
          );
      },
    );

  users
    .command('list')
    .description('list the accounts')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print a JSON list')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const rows = await withExistingStore(config, (store) => store.users.list());
      if (opts.json) return void console.log(JSON.stringify(rows));
      if (!rows.length)
        return void console.log('no accounts (add one with `corroborate users add NAME --role admin`)');
      for (const u of rows)
        console.log(
          `${u.login} — ${u.role}${u.disabledAt ? ', disabled' : ''}${u.lockedUntil && u.lockedUntil > new Date().toISOString() ? `, locked until ${u.lockedUntil}` : ''}${u.email ? ` · ${u.email}` : ''}`,
        );
    });

  for (const [command, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    users
      .command(command)
      .description(disabled ? 'disable an account and end its sessions' : 'enable a disabled account')
      .argument('<name>', 'the login')
      .option('--db <db>', DB_HELP)
      .option('--json', 'print the result as JSON')
      .action(async (name: string, opts: { db?: string; json?: boolean }) => {
        const config = loadConfig(opts);
        const r = await withExistingStore(config, (store) =>
          setUserDisabled({ store, clock: systemClock() }, name, disabled, ACTOR),
        );
        if (opts.json) return void console.log(JSON.stringify({ login: r.user.login, disabled, ...r }));
        console.log(
          `${r.user.login} ${disabled ? `disabled; ${r.sessionsEnded} sessions ended` : 'enabled'}`,
        );
      });

  users
    .command('reset')
    .description('set a new password (printed once unless --password-stdin), unlock, end every session')
    .argument('<name>', 'the login')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (name: string, opts: { passwordStdin?: boolean; db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const given = opts.passwordStdin ? await firstLine() : null;
      const password = given ?? oneTimePassword();
      const r = await withExistingStore(config, (store) =>
        resetPassword({ store, clock: systemClock() }, name, password, ACTOR),
      );
      const once = given === null ? password : null;
      if (opts.json)
        return void console.log(
          JSON.stringify({ login: r.user.login, sessionsEnded: r.sessionsEnded, oneTimePassword: once }),
        );
      console.log(`${r.user.login}: new password set; ${r.sessionsEnded} sessions ended`);
      if (once) console.log(`one-time password: ${once}`);
    });
}

/** The first line of standard input, without its line end. */
async function firstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
