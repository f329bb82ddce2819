/** Runs the real command line in a child process, as a user would. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../bench/shared-data.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `corroborate ARGS…` (with `input` on standard input) and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'corroborate.mjs'), ...args], {
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, CORROBORATE_DB: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `corroborate ARGS…` without blocking this process (so a server in it can answer the command). */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'corroborate.mjs'), ...args], {
      env: { ...process.env, CORROBORATE_DB: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
