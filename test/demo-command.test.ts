/** `corroborate demo` builds a fresh database from the demo corpus and serves it within a minute. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../bench/shared-data.ts';

/** The promise: from the command to a served page in under a minute on this machine. */
const DEMO_DEADLINE_MS = 60_000;

describe('demo command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-demo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`serves the demo within ${DEMO_DEADLINE_MS / 1000} s and stops cleanly on SIGTERM`, async () => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'corroborate.mjs'), 'demo', '--port', '0', '--db', join(dir, 'demo.db')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL within the deadline:\n${out}`)),
        DEMO_DEADLINE_MS,
      );
      child.stdout.on('data', () => {
        const m = /serving .* at (http:\/\/localhost:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      child.on('exit', (code) => reject(new Error(`demo exited with ${code}:\n${out}`)));
    });
    const home = await fetch(url);
    const body = await home.text();
    const elapsed = Date.now() - t0;
    console.log(`demo served its home page ${elapsed} ms after the command started`);
    assert.equal(home.status, 200);
    assert.match(body, /Fictional sample/);
    assert.ok((body.match(/<li>/g) ?? []).length >= 12, 'at least 12 events listed');
    assert.ok(elapsed < DEMO_DEADLINE_MS);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
