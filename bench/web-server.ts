/**
 * The server side of the web load bench (bench/web.ts): `corroborate serve` in a process of its own,
 * its port read from what it prints, its memory (VmRSS, VmHWM) and CPU time read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WebTarget } from './web-generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Clock ticks a second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** A running server. */
export interface BenchServer {
  base: string;
  pid: number;
  /** Resident memory now, and the most it has held (MB). */
  memory(): { rssMb: number; peakMb: number };
  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
  /** True once the process has ended (stopped, crashed or killed). */
  exited(): boolean;
  /** True when it was killed for holding more than the RSS cap. */
  capped(): boolean;
}

/** The `--db` value `serve` gets: the file, or the URL with the schema as the connection's search path. */
export function serveDb(target: WebTarget): string {
  if (target.dialect === 'sqlite') return target.path;
  const url = new URL(target.url);
  url.searchParams.set('options', `-c search_path=${target.schema}`);
  return url.toString();
}

/**
 * Starts `corroborate serve --port 0` on the target and waits for the port it prints. A server holding
 * more than `rssCapMb` is killed (the machine is shared; a server that big has failed the bench anyway).
 */
export async function startServer(target: WebTarget, rssCapMb: number): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', serveDb(target), '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let ended = false;
  child.once('exit', () => (ended = true));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/[^:/]+:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) =>
      reject(new Error(`serve exited (${code}) before listening: ${err.slice(-500)}`)),
    );
  });
  const pid = child.pid as number;
  let capped = false;
  // The last figures read, kept for after the process is gone.
  let seen = { rssMb: 0, peakMb: 0 };
  const read = () => {
    const m = memoryOf(pid);
    if (m) seen = { rssMb: m.rssMb, peakMb: Math.max(seen.peakMb, m.peakMb, m.rssMb) };
    return seen;
  };
  const guard = setInterval(() => {
    if (read().rssMb <= rssCapMb) return;
    capped = true;
    child.kill('SIGKILL');
  }, 250);
  child.once('exit', () => clearInterval(guard));
  return {
    base: `http://127.0.0.1:${port}`,
    pid,
    memory: () => (ended ? seen : read()),
    cpuSeconds: () => cpuOf(pid),
    stop: () => stop(child),
    exited: () => ended,
    capped: () => capped,
  };
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

function cpuOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}
