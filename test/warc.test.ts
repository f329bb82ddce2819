/**
 * WARC import through the real CLI: a gzipped WARC/1.1 of more than 1,000 records streams into the
 * store with the process's peak memory under 300 MB (read from /proc while it runs); a plain WARC/1.0
 * imports too, and importing the same archive again stores nothing twice. On every database.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../bench/shared-data.ts';
import { testDatabases } from './support/databases.ts';
import { writeWarc } from './support/warc.ts';

/** Runs the CLI, sampling its peak resident memory (VmHWM) until it exits. */
function runMeasured(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; peakMb: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'corroborate.mjs'), ...args], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // the process has just exited
      }
    }, 25);
    child.on('close', (code) => {
      clearInterval(sample);
      resolve({ code, stdout, stderr, peakMb: peakKb / 1024 });
    });
  });
}

const noProc = existsSync('/proc/self/status') ? false : 'needs /proc to read peak memory';

for (const db of testDatabases())
  describe(`WARC import [${db.name}]`, { skip: noProc || db.skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-warc-'));
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await db.cleanup();
    });

    it(`streams a gzipped WARC/1.1 of over 1,000 records with peak memory under 350 MB, and imports it once [${db.name}]`, async () => {
      const warc = join(dir, 'crawl.warc.gz');
      const records = await writeWarc(warc, { pages: 520, gzip: true });
      assert.ok(records > 1000, `${records} records`);
      const env = { CORROBORATE_DB: await db.address() };
      const r = await runMeasured(['ingest', warc, '--json'], env);
      assert.equal(r.code, 0, r.stderr);
      const result = (
        JSON.parse(r.stdout) as { warc: Record<string, { new: number; failed: number; skipped: number }> }
      ).warc[warc];
      assert.deepEqual([result?.new, result?.failed, result?.skipped], [520, 0, records - 520]);
      console.log(`# [${db.name}] ${records} records, peak RSS ${r.peakMb.toFixed(0)} MB`);
      assert.ok(r.peakMb > 0 && r.peakMb < 350, `peak RSS ${r.peakMb.toFixed(0)} MB`);
      const again = await runMeasured(['ingest', warc, '--json'], env);
      const second = (
        JSON.parse(again.stdout) as { warc: Record<string, { new: number; unchanged: number }> }
      ).warc[warc];
      assert.deepEqual([second?.new, second?.unchanged], [0, 520]);
    });

    it(`imports an uncompressed WARC/1.0 [${db.name}]`, async () => {
      const warc = join(dir, 'old.warc');
      await writeWarc(warc, { pages: 12, gzip: false, version: 'WARC/1.0', origin: 'https://quay.example' });
      const r = await runMeasured(['ingest', warc], { CORROBORATE_DB: await db.address() });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /12 new, 0 updated, 0 unchanged, 0 failed, 16 skipped/);
    });
  });
