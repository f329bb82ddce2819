/** `corroborate demo`: a fresh database from the fictional demo corpus, the full pipeline, then the app. */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { port } from '../config/config.ts';
import { CorroborateError } from '../domain/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { readOutletRegistry } from '../pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../pipeline/acquire/read-inputs.ts';
import { ingest } from '../run/ingest.ts';
import { parseDbSpec } from '../storage/dialect.ts';
import { openStore } from '../storage/store.ts';
import { loadConfig } from './context.ts';
import { progressBar } from './progress-bar.ts';
import { listenUntilStopped } from './serve.ts';

/** The demo corpus shipped with the project. */
export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'demo');
const DEFAULT_DEMO_DB = 'corroborate-demo.db';

/** Adds the command to the program. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'build a fresh demo database from the fictional sample corpus, run the pipeline, and serve it',
    )
    .option('--port <port>', 'port to serve on (default 8080)', (v) => port(v, '--port'))
    .option('--db <file>', `SQLite file to (re)build (default ./${DEFAULT_DEMO_DB}; it is deleted first)`)
    .option('--no-serve', 'build the database and stop')
    .action(async (opts: { port?: number; db?: string; serve: boolean }) => {
      const config = loadConfig({ ...opts, db: opts.db ?? DEFAULT_DEMO_DB });
      if (parseDbSpec(config.db).dialect !== 'sqlite')
        throw new CorroborateError('usage', 'the demo builds a fresh SQLite file; give a file path', '--db');
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.db}${suffix}`, { force: true });
      const clock = systemClock();
      const t0 = performance.now();
      const store = await openStore(config.db);
      try {
        await store.settings.set('dataset.sample', 'fictional');
        for (const o of readOutletRegistry(join(DEMO_DIR, 'outlets.json')))
          await store.outlets.upsert(o, clock.now());
        const { inputs } = readInputs([join(DEMO_DIR, 'reports.jsonl')], config.limits.maxFileBytes);
        console.log(`Building the demo database ${config.db} from ${inputs.length} fictional reports…`);
        const s = await ingest({ store, config, clock, progress: progressBar(false), actor: 'demo' }, inputs);
        console.log(
          `${s.inserted} reports → ${s.eventsCreated} events in ${s.storiesCreated} stories (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      } catch (err) {
        await store.close();
        throw err;
      }
      if (opts.serve)
        await listenUntilStopped(store, { ...config, brief: { ...config.brief, modelUrl: '' } });
      else await store.close();
    });
}
