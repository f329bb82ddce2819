/**
 * Migration 015: accounts, sessions and reviewed submissions.
 * - `users` is rebuilt keyed by a login name (the e-mail address becomes optional) with a password hash,
 *   a disabled mark and the count of failed logins behind the lock-out. Rows already there are kept,
 *   without a password: such an account cannot log in until `corroborate users reset` gives it one.
 * - `sessions`: a logged-in browser. The cookie holds a random token; only its SHA-256 is stored, so a
 *   copy of the database does not log anyone in. Each session has its own CSRF secret; revoking a
 *   session (logout, password change, `users disable`) marks it and it is never accepted again.
 * - `submissions` gain what the review needs: the canonical address (one URL submitted to one event
 *   again collapses into the first: a unique index), how many times it was submitted, the report it was
 *   fetched into (the page as fetched, kept until an editor decides) or why it could not be, and the reason an editor gave for a rejection.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('accounts_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // An earlier row's login is its e-mail address (unique there), lower-cased as logins are.
  await sql`INSERT INTO accounts_new (id, login, name, email, role, created_at)
    SELECT id, lower(email), name, email, role, created_at FROM users`.execute(db);
  await db.schema.dropTable('users').execute();
  await db.schema.alterTable('accounts_new').renameTo('users').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  for (const [name, type] of [
    ['canonical_url', 'text'],
    ['times', 'integer'],
    ['article_id', 'text'],
    ['input_json', 'text'],
    ['fetch_state', 'text'],
    ['fetch_error', 'text'],
    ['reason', 'text'],
  ] as const)
    await db.schema.alterTable('submissions').addColumn(name, type).execute();
  await sql`UPDATE submissions SET canonical_url = url, times = 1, fetch_state = 'queued'`.execute(db);
  await db.schema
    .createIndex('submissions_event_url')
    .unique()
    .on('submissions')
    .columns(['event_id', 'canonical_url'])
    .execute();
  await db.schema
    .createIndex('submissions_status')
    .on('submissions')
    .columns(['status', 'created_at'])
    .execute();
}
