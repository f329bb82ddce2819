/**
 * A lock one run holds on a database while it places reports (ingest, reprocess): the resolver reads the
 * stored events once and then decides alone, so two runs placing reports at once would each found the
 * events the other founds. The second run waits for the first (and then reads what it stored) or is
 * refused, naming the run it found.
 *
 * - PostgreSQL: a session advisory lock, keyed by the schema and the lock's name, on a connection held for
 *   the run. A run that dies loses its connection and with it the lock. A row in `run_locks` says who holds
 *   it, for a waiting run's message.
 * - SQLite: the row in `run_locks` is the lock, taken by one atomic insert. SQLite's write-ahead log works
 *   only between processes of one machine, so a holder is alive exactly when its process is: a row whose
 *   process has ended (its id gone, or reused by a process started later) is taken over.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { CorroborateError } from '../domain/errors.ts';
import type { Dialect } from './dialect.ts';
import type { Database } from './schema.ts';

/** Who holds a lock, as a waiting run names it. */
export interface LockHolder {
  host: string;
  pid: number;
  command: string;
  since: string;
}

export interface LockOptions {
  /** What this run is ('ingest', 'reprocess'), as a run waiting for it is told. */
  command: string;
  /** How long to wait for a lock another run holds, in milliseconds: 0 refuses at once; the default waits as long as it takes. */
  waitMs?: number;
  /** Called once, when the lock is found held and this run starts to wait. */
  onWait?: (holder: LockHolder | null) => void;
}

/** An attempt at the lock: not taken, or taken and what it guarded gave. */
type Attempt<T> = { taken: false } | { taken: true; value: T };

/**
 * How often a waiting run asks again. Workers hand the lock to one another once a batch (a fraction of a
 * second): each handoff waits half of this on average.
 */
const POLL_MS = 20;

/** Runs `fn` holding the lock `name` on the database; waits for it or is refused as `opts` say. */
export async function withRunLock<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  name: string,
  opts: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const me = {
    name,
    holder: `${process.pid}:${processStart(process.pid) ?? ''}:${randomUUID()}`,
    host: hostname(),
    pid: process.pid,
    command: opts.command,
  };
  if (dialect === 'postgres')
    // Each attempt on a connection of the pool, kept only when the lock is taken on it: a run that waits
    // holds no connection (waiters holding them all would starve the holder of the pool).
    return untilTaken<T>(db, name, opts, () =>
      db.connection().execute(async (conn): Promise<Attempt<T>> => {
        const key = sql`hashtext(current_schema() || ':corroborate.' || ${name})`;
        const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${key}) AS ok`.execute(conn);
        if (r.rows[0]?.ok !== true) return { taken: false };
        const value = await releasing(async () => {
          await claimRow(conn, me, null);
          return fn();
        }, [
          () =>
            conn.deleteFrom('run_locks').where('name', '=', name).where('holder', '=', me.holder).execute(),
          // Whatever became of the row: the connection goes back to the pool, which must not keep the lock.
          () => sql`SELECT pg_advisory_unlock(${key})`.execute(conn),
        ]);
        return { taken: true, value };
      }),
    );
  return untilTaken<T>(db, name, opts, async (): Promise<Attempt<T>> => {
    // Read first: a waiting run writes nothing while the holder lives (its writes would queue behind the
    // holder's transactions).
    const row = await db.selectFrom('run_locks').selectAll().where('name', '=', name).executeTakeFirst();
    if (row && holderAlive(row)) return { taken: false };
    if (!(await claimRow(db, me, row ? row.holder : undefined))) return { taken: false };
    const value = await releasing(fn, [
      () => db.deleteFrom('run_locks').where('name', '=', name).where('holder', '=', me.holder).execute(),
    ]);
    return { taken: true, value };
  });
}

/**
 * Runs `work`, then each of `releases` whatever became of it. When `work` failed, its error is the one
 * thrown (a release failing too, as on a database gone read-only or away, would otherwise hide why the
 * run failed); when it succeeded, a release's failure is.
 */
async function releasing<T>(work: () => Promise<T>, releases: (() => Promise<unknown>)[]): Promise<T> {
  let value: T;
  try {
    value = await work();
  } catch (err) {
    for (const release of releases) await release().catch(() => undefined);
    throw err;
  }
  let failed: { err: unknown } | null = null;
  for (const release of releases)
    await release().catch((err: unknown) => {
      failed ??= { err };
    });
  if (failed) throw (failed as { err: unknown }).err;
  return value;
}

/**
 * Writes this run's row and says whether it holds it: `undefined` takes the row only if there is none;
 * a holder's id takes it over from that (dead) holder; `null` replaces any row (PostgreSQL, whose
 * advisory lock is already held).
 */
async function claimRow(
  db: Kysely<Database>,
  me: { name: string; holder: string; host: string; pid: number; command: string },
  over: string | null | undefined,
): Promise<boolean> {
  const now = new Date().toISOString();
  const row = { ...me, acquired_at: now };
  await db
    .insertInto('run_locks')
    .values(row)
    .onConflict((oc) => {
      if (over === undefined) return oc.column('name').doNothing();
      const update = oc.column('name').doUpdateSet(row);
      return over === null ? update : update.where('run_locks.holder', '=', over);
    })
    .execute();
  const held = await db
    .selectFrom('run_locks')
    .select('holder')
    .where('name', '=', me.name)
    .executeTakeFirst();
  return held?.holder === me.holder;
}

/**
 * Makes attempts until one takes the lock (and has run what it guards), telling `onWait` once whom it
 * waits for; refuses when the wait is over.
 */
async function untilTaken<T>(
  db: Kysely<Database>,
  name: string,
  opts: LockOptions,
  attempt: () => Promise<Attempt<T>>,
): Promise<T> {
  const deadline = Date.now() + (opts.waitMs ?? Infinity);
  let told = false;
  for (;;) {
    const a = await attempt();
    if (a.taken) return a.value;
    const holder = await holderOf(db, name);
    if (Date.now() >= deadline)
      throw new CorroborateError(
        'conflict',
        `another run is placing reports in this database${holder ? ` (${describeHolder(holder)})` : ''}; try again when it ends`,
      );
    if (!told) opts.onWait?.(holder);
    told = true;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

async function holderOf(db: Kysely<Database>, name: string): Promise<LockHolder | null> {
  const row = await db.selectFrom('run_locks').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { host: row.host, pid: row.pid, command: row.command, since: row.acquired_at } : null;
}

/** "ingest, process 123 on host h, since …": a lock's holder in a message. */
export function describeHolder(h: LockHolder): string {
  return `${h.command}, process ${h.pid} on ${h.host}, since ${h.since}`;
}

/** Whether a SQLite lock's holder still runs: its process exists on this machine and started when it did. */
function holderAlive(row: { holder: string; host: string; pid: number }): boolean {
  if (row.host !== hostname()) return true; // not ours to judge; SQLite's log is not shared across machines
  try {
    process.kill(row.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = row.holder.split(':')[1];
  const now = processStart(row.pid);
  return !started || now === null || started === now;
}

/** A process's start time in clock ticks since boot (Linux), which tells a reused process id apart. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
