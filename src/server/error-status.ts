/** The one map from errors to HTTP status codes. */
import { CorroborateError, type ErrorKind } from '../domain/errors.ts';

const STATUS: Record<ErrorKind, number> = {
  'bad-input': 400,
  usage: 400,
  'not-found': 404,
  conflict: 409,
  database: 503,
};

/** Returns the HTTP status and the public message of an error. */
export function statusFor(err: unknown): { status: number; message: string } {
  if (err instanceof CorroborateError) return { status: STATUS[err.kind], message: err.message };
  const s = (err as { statusCode?: number }).statusCode;
  if (s && s >= 400 && s < 500) return { status: s, message: (err as Error).message };
  return { status: 500, message: 'internal error' };
}
