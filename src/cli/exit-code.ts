/** The one map from errors to exit codes: 0 ok, 1 bad input or an unusable database, 2 usage. */
import { CorroborateError } from '../domain/errors.ts';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** Returns the exit code for an error and the one line to print for it. */
export function exitFor(err: unknown): { code: number; line: string } {
  if (err instanceof CorroborateError) {
    const code = err.kind === 'usage' ? EXIT_USAGE : EXIT_BAD_INPUT;
    return { code, line: `corroborate: ${err.message}` };
  }
  const e = err as Error;
  return { code: EXIT_BAD_INPUT, line: `corroborate: unexpected error: ${e?.message ?? String(err)}` };
}
