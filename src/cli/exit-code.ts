/** The one map from errors to exit codes: 0 ok, 1 bad input, an unusable database or any input failed, 2 usage. */
import { CorroborateError } from '../domain/errors.ts';
import { failureLine, InputsFailed } from './failed-inputs.ts';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** Returns the exit code for an error and the line to print for it (one line per failed input). */
export function exitFor(err: unknown): { code: number; line: string } {
  if (err instanceof InputsFailed) {
    const lines = err.failures.map((f) => `corroborate: ${failureLine(f)}`);
    if (err.summary) lines.push(`corroborate: ${err.summary}`);
    return { code: EXIT_BAD_INPUT, line: lines.join('\n') };
  }
  if (err instanceof CorroborateError) {
    const code = err.kind === 'usage' ? EXIT_USAGE : EXIT_BAD_INPUT;
    return { code, line: `corroborate: ${err.message}` };
  }
  const e = err as Error;
  return { code: EXIT_BAD_INPUT, line: `corroborate: unexpected error: ${e?.message ?? String(err)}` };
}
