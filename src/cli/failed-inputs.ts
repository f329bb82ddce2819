/**
 * Inputs that failed while the others were handled. A command that meets them goes on with the rest,
 * then ends by throwing InputsFailed: exit code 1, one line naming each failed input.
 */

/** One input that failed: where it came from (file, file:line, URL), the kind of failure and why. */
export interface InputFailure {
  where: string;
  kind: string;
  message: string;
}

/** Thrown at the end of a command some of whose inputs failed. */
export class InputsFailed extends Error {
  readonly failures: InputFailure[];
  /** A closing line (e.g. "2 of 5 inputs failed"), when the command printed no count of its own. */
  readonly summary: string | null;

  constructor(failures: InputFailure[], summary: string | null = null) {
    super(`${failures.length} failed`);
    this.name = 'InputsFailed';
    this.failures = failures;
    this.summary = summary;
  }
}

/** Returns the one line that names a failed input: where, the kind (unless the message names it), why. */
export function failureLine(f: InputFailure): string {
  return f.message.includes(`(${f.kind})`)
    ? `${f.where}: ${f.message}`
    : `${f.where}: ${f.kind}: ${f.message}`;
}
