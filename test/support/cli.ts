/** Runs the real command line in a child process, as a user would. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../bench/shared-data.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `corroborate ARGS…` and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'corroborate.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CORROBORATE_DB: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
