/** `corroborate serve`: the web app and JSON API on a port, until stopped. */
import type { Command } from 'commander';
import { defaultPublicUrl, port, type Config } from '../config/config.ts';
import { openStore, type Store } from '../storage/store.ts';
import { createApp, depsFor } from '../server/app.ts';
import { loadConfig, requireDatabase } from './context.ts';

/** Adds the command to the program. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the JSON API')
    .option('--db <db>', 'database: a SQLite file or a postgres:// URL')
    .option('--port <port>', 'port to listen on (default 8080, env CORROBORATE_PORT)', (v) =>
      port(v, '--port'),
    )
    .option('--host <host>', 'address to listen on (default 127.0.0.1, env CORROBORATE_HOST)')
    .action(async (opts: { db?: string; port?: number; host?: string }) => {
      const config = loadConfig(opts);
      requireDatabase(config);
      const store = await openStore(config.db, { access: 'serve' });
      await listenUntilStopped(store, {
        ...config,
        server: {
          ...config.server,
          host: opts.host ?? config.server.host,
          // A public address derived from the configured host follows --host; one set explicitly stays.
          publicUrl:
            opts.host && config.server.publicUrl === defaultPublicUrl(config.server)
              ? defaultPublicUrl({ host: opts.host, port: config.server.port })
              : config.server.publicUrl,
        },
      });
    });
}

/** Serves the store's data until SIGINT or SIGTERM, then closes cleanly. */
export async function listenUntilStopped(store: Store, config: Config): Promise<void> {
  const { host, port: portNumber, publicUrl } = config.server;
  const app = createApp({
    ...depsFor(store, config.confidence, config.brief, config),
    ...(publicUrl ? { publicUrl } : {}),
  });
  await app.listen({ host, port: portNumber });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : portNumber;
  const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`Corroborate is serving ${store.name} at http://${shown}:${actual}/  (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
}
