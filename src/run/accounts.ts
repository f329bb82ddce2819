/**
 * Accounts and sessions: editors and admins, their passwords (scrypt, lib/password), the lock-out after
 * repeated failed logins, and server-side sessions that logout, a password change or disabling the
 * account revoke. The CLI (`corroborate users`) and the server's login pages both go through here, and
 * every change is written to the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CorroborateError } from '../domain/errors.ts';
import type { User, UserRole } from '../domain/editorial.ts';
import type { Clock } from '../lib/clock.ts';
import { hashPassword, verifyPassword } from '../lib/password.ts';
import type { SessionRow } from '../storage/editorial-repository.ts';
import type { Store } from '../storage/store.ts';

/** Failed logins in a row after which an account is locked, and for how long. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** A session ends after this long unused, and this long after login whatever its use. */
export const SESSION_IDLE_HOURS = 12;
export const SESSION_MAX_DAYS = 7;
/** Shortest and longest password accepted. */
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;
const LOGIN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const ROLES: readonly UserRole[] = ['editor', 'admin'];

export interface AccountDeps {
  store: Store;
  clock: Clock;
}

/** A logged-in session: its account and its CSRF secret. */
export interface Session {
  tokenHash: string;
  user: User;
  csrf: string;
}

/** Returns the login form of a name: lower-cased and trimmed, or a usage error naming what is wrong. */
export function loginOf(name: string): string {
  const login = name.trim().toLowerCase();
  if (!LOGIN.test(login))
    throw new CorroborateError(
      'usage',
      'a login is 2–40 letters, digits, dots, dashes or underscores, starting with a letter or digit',
      name,
    );
  return login;
}

/** Refuses a password that is too short or too long, naming the rule. */
export function checkPassword(password: string): void {
  const n = [...password].length;
  if (n < MIN_PASSWORD)
    throw new CorroborateError('usage', `a password needs at least ${MIN_PASSWORD} characters`, 'password');
  if (n > MAX_PASSWORD)
    throw new CorroborateError('usage', `a password has at most ${MAX_PASSWORD} characters`, 'password');
}

/** A password to give once: 20 characters from 32 letters and digits (100 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % 32]).join('');
}

/** Adds an account; refuses a login already taken. */
export async function addUser(
  deps: AccountDeps,
  u: { name: string; role: UserRole; email?: string | null; password: string },
  actor: string,
): Promise<User> {
  const login = loginOf(u.name);
  if (!ROLES.includes(u.role))
    throw new CorroborateError('usage', `a role is one of ${ROLES.join(', ')}`, String(u.role));
  checkPassword(u.password);
  if (await deps.store.users.byLogin(login))
    throw new CorroborateError('conflict', 'an account with this login already exists', login);
  const now = deps.clock.now();
  const user: User = {
    id: `user-${randomBytes(8).toString('hex')}`,
    login,
    name: u.name.trim(),
    email: u.email?.trim() || null,
    role: u.role,
    createdAt: now,
    disabledAt: null,
    passwordChangedAt: now,
    failedLogins: 0,
    lockedUntil: null,
  };
  await deps.store.users.create(user, await hashPassword(u.password));
  await audit(deps, actor, 'user-add', user.id, { login, role: u.role });
  return user;
}

/** Returns the account with this login, or a not-found error. */
export async function userByLogin(deps: AccountDeps, name: string): Promise<User> {
  const found = await deps.store.users.byLogin(loginOf(name));
  if (!found) throw new CorroborateError('not-found', 'no account with this login', name);
  return found.user;
}

/** Sets a new password (an admin's reset), unlocks the account and ends its sessions. */
export async function resetPassword(deps: AccountDeps, name: string, password: string, actor: string) {
  const user = await userByLogin(deps, name);
  checkPassword(password);
  const now = deps.clock.now();
  await deps.store.users.setPassword(user.id, await hashPassword(password), now);
  const ended = await deps.store.sessions.revokeAll(user.id, now);
  await audit(deps, actor, 'user-reset', user.id, { login: user.login, sessionsEnded: ended });
  return { user, sessionsEnded: ended };
}

/** Disables (or enables again) an account; disabling ends its sessions at once. */
export async function setUserDisabled(deps: AccountDeps, name: string, disabled: boolean, actor: string) {
  const user = await userByLogin(deps, name);
  const now = deps.clock.now();
  await deps.store.users.setDisabled(user.id, disabled ? now : null);
  const ended = disabled ? await deps.store.sessions.revokeAll(user.id, now) : 0;
  await audit(deps, actor, disabled ? 'user-disable' : 'user-enable', user.id, {
    login: user.login,
    sessionsEnded: ended,
  });
  return { user, sessionsEnded: ended };
}

/** Why a login was refused; the same words whether the login or the password was wrong. */
export const LOGIN_REFUSED = 'wrong login or password';

/**
 * Checks a login and password and opens a session; returns its token (for the cookie) and the session.
 * A wrong password counts against the account; after LOCK_AFTER_FAILURES in a row it is locked for
 * LOCK_MINUTES, and while locked even the right password is refused.
 */
export async function logIn(
  deps: AccountDeps,
  name: string,
  password: string,
): Promise<{ token: string; session: Session }> {
  const refused = new CorroborateError('unauthorized', LOGIN_REFUSED, 'login');
  let login: string;
  try {
    login = loginOf(name);
  } catch {
    throw refused;
  }
  const found = await deps.store.users.byLogin(login);
  const now = deps.clock.now();
  if (!found) {
    // The same work as a real check, so the answer's timing does not tell which logins exist.
    await verifyPassword(password, DUMMY_HASH);
    throw refused;
  }
  const { user, passwordHash } = found;
  if (user.lockedUntil && user.lockedUntil > now)
    throw new CorroborateError(
      'locked',
      `this account is locked after ${LOCK_AFTER_FAILURES} failed logins; try again after ${user.lockedUntil.slice(11, 16)} UTC or ask an admin to reset it`,
      'login',
    );
  const ok = passwordHash !== null && (await verifyPassword(password, passwordHash));
  if (!ok || user.disabledAt) {
    if (!ok) {
      const failures = await deps.store.users.failedLogin(user.id);
      if (failures >= LOCK_AFTER_FAILURES) {
        const until = new Date(Date.parse(now) + LOCK_MINUTES * 60_000).toISOString();
        await deps.store.users.lock(user.id, until);
        await audit(deps, 'system', 'user-lock', user.id, { login: user.login, failures, until });
      }
    }
    throw refused;
  }
  await deps.store.users.loggedIn(user.id);
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const csrf = randomBytes(32).toString('base64url');
  await deps.store.sessions.create(tokenHash, {
    userId: user.id,
    csrf,
    createdAt: now,
    seenAt: now,
    expiresAt: expiry(now, now),
  });
  return { token, session: { tokenHash, user, csrf } };
}

/**
 * Returns the live session a cookie's token opens, or null: unknown, revoked, expired, or its account
 * disabled or without a password. Its expiry moves on with use (at most once a minute: one write).
 */
export async function sessionOf(deps: AccountDeps, token: string): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = await deps.store.sessions.get(tokenHash);
  const now = deps.clock.now();
  if (!row || !live(row, now)) return null;
  const user = await deps.store.users.byId(row.userId);
  if (!user || user.disabledAt) return null;
  if (Date.parse(now) - Date.parse(row.seenAt) > 60_000)
    await deps.store.sessions.touch(tokenHash, now, expiry(row.createdAt, now));
  return { tokenHash, user, csrf: row.csrf };
}

/** Ends a session (logout). */
export async function logOut(deps: AccountDeps, session: Session): Promise<void> {
  await deps.store.sessions.revoke(session.tokenHash, deps.clock.now());
}

/** Changes an account's own password: the current one is checked; every other session of it ends. */
export async function changePassword(
  deps: AccountDeps,
  session: Session,
  current: string,
  next: string,
): Promise<{ sessionsEnded: number }> {
  const found = await deps.store.users.byLogin(session.user.login);
  if (!found?.passwordHash || !(await verifyPassword(current, found.passwordHash)))
    throw new CorroborateError('usage', 'the current password is wrong', 'current');
  checkPassword(next);
  if (next === current)
    throw new CorroborateError('usage', 'the new password is the same as the current one', 'password');
  const now = deps.clock.now();
  await deps.store.users.setPassword(session.user.id, await hashPassword(next), now);
  const ended = await deps.store.sessions.revokeAll(session.user.id, now, session.tokenHash);
  await audit(deps, session.user.login, 'user-password', session.user.id, { sessionsEnded: ended });
  return { sessionsEnded: ended };
}

/** The stored key of a session token: its SHA-256, so the table alone logs nobody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function live(row: SessionRow, now: string): boolean {
  return row.revokedAt === null && row.expiresAt > now;
}

function expiry(createdAt: string, now: string): string {
  const idle = Date.parse(now) + SESSION_IDLE_HOURS * 3_600_000;
  const max = Date.parse(createdAt) + SESSION_MAX_DAYS * 86_400_000;
  return new Date(Math.min(idle, max)).toISOString();
}

async function audit(deps: AccountDeps, actor: string, action: string, id: string, detail: object) {
  await deps.store.audit.record({
    at: deps.clock.now(),
    actor,
    action,
    subject: { kind: 'user', id },
    detail: detail as Record<string, unknown>,
  });
}

/** A hash of a password nobody has, checked when a login does not exist (see logIn). */
const DUMMY_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
