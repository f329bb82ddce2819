/** The one typed error of the product; the CLI and the server map its kind in one place each. */

export type ErrorKind =
  | 'bad-input'
  | 'usage'
  | 'database'
  | 'not-found'
  | 'conflict'
  /** Not logged in, or a wrong login or password. */
  | 'unauthorized'
  /** Logged in, but the account may not do this (or the request is not from this site). */
  | 'forbidden'
  /** An account locked after repeated failed logins. */
  | 'locked'
  /** Too many requests from one client (or from all). */
  | 'too-many'
  /** A bounded queue is full. */
  | 'full';

export class CorroborateError extends Error {
  readonly kind: ErrorKind;
  /** Where the problem is: a file and line, a URL, a field. */
  readonly where: string | null;

  constructor(kind: ErrorKind, message: string, where: string | null = null) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'CorroborateError';
    this.kind = kind;
    this.where = where;
  }
}

/** Returns a bad-input error naming the place (file:line, field) at fault. */
export function badInput(where: string, message: string): CorroborateError {
  return new CorroborateError('bad-input', message, where);
}
