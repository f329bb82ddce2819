import { userInfo } from 'node:os';
/** Which database a store runs on, and how a `--db` value names it. */

export type Dialect = 'sqlite' | 'postgres';

export type DbSpec = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/** Returns the database a `--db` value names: a postgres:// URL, else a SQLite file path. */
export function parseDbSpec(raw: string): DbSpec {
  return /^postgres(ql)?:\/\//i.test(raw)
    ? { dialect: 'postgres', url: raw }
    : { dialect: 'sqlite', path: raw };
}

/** Returns a database name safe to print: a URL without its password. */
export function describeDb(spec: DbSpec): string {
  if (spec.dialect === 'sqlite') return spec.path;
  try {
    const u = new URL(spec.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Returns a postgres:// URL with a user name: libpq's rule, PGUSER or else the operating-system user. */
export function withDefaultUser(raw: string): string {
  const url = new URL(raw);
  if (!url.username) url.username = process.env.PGUSER ?? userInfo().username;
  return url.toString();
}
