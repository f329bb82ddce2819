/**
 * `corroborate ingest PATH|URL…`: JSONL, text and HTML files (or folders of them) read from disk; URLs
 * fetched; OPML files subscribed to; WARC archives streamed. Each kind prints its own counts.
 */
import type { Command } from 'commander';
import { systemClock } from '../lib/clock.ts';
import { Fetcher } from '../pipeline/acquire/fetcher.ts';
import { readOutletRegistry } from '../pipeline/acquire/outlet-registry.ts';
import { readInputs } from '../pipeline/acquire/read-inputs.ts';
import { importWarc, ingestUrls, type AcquireResult } from '../run/acquire.ts';
import { importSubscriptions } from '../run/feeds.ts';
import { ingest, type IngestSummary } from '../run/ingest.ts';
import { printAcquireResult } from './acquire-output.ts';
import { loadConfig, withStore } from './context.ts';
import { readOpmlFile } from './feeds.ts';
import { progressBar } from './progress-bar.ts';

const isUrl = (p: string) => /^https?:\/\//i.test(p);
const isOpml = (p: string) => /\.opml$/i.test(p);
const isWarc = (p: string) => /\.warc(\.gz)?$/i.test(p);

/** Adds the command to the program. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'ingest reports: JSONL (one article a line), .txt and .html files or folders of them; http(s) URLs (fetched politely); .opml files (their feeds are subscribed to); .warc and .warc.gz archives (HTML responses, streamed)',
    )
    .argument('<sources...>', 'files, folders, URLs')
    .option(
      '--db <db>',
      'database: a SQLite file or a postgres:// URL (default ./corroborate.db, env CORROBORATE_DB)',
    )
    .option('--outlets <file>', 'an outlets registry (JSON list) to load before ingesting')
    .option('--json', 'print the summary as JSON')
    .option('-q, --quiet', 'no progress bar')
    .action(
      async (sources: string[], opts: { db?: string; outlets?: string; json?: boolean; quiet?: boolean }) => {
        const config = loadConfig(opts);
        const registry = opts.outlets ? readOutletRegistry(opts.outlets) : [];
        const urls = sources.filter(isUrl);
        const opmls = sources.filter((s) => !isUrl(s) && isOpml(s));
        const warcs = sources.filter((s) => !isUrl(s) && isWarc(s));
        const files = sources.filter((s) => !isUrl(s) && !isOpml(s) && !isWarc(s));
        // Everything read from disk is read (and refused, naming the file) before anything is written.
        const subscriptions = opmls.map((f) => ({ file: f, subs: readOpmlFile(f) }));
        const { inputs, skipped } = files.length
          ? readInputs(files, config.limits.maxFileBytes)
          : { inputs: [], skipped: [] };
        const clock = systemClock();
        const progress = progressBar(!!opts.quiet || !!opts.json);
        const out: {
          files?: IngestSummary & { skipped: string[] };
          urls?: AcquireResult;
          warc?: Record<string, AcquireResult>;
          opml?: Record<string, { added: number; known: number }>;
        } = {};
        const fetcher = urls.length ? new Fetcher(config.fetch) : null;
        try {
          await withStore(config, async (store) => {
            const deps = { store, config, clock, progress, actor: 'cli' };
            for (const o of registry) await store.outlets.upsert(o, clock.now());
            if (inputs.length || !(urls.length || opmls.length || warcs.length))
              out.files = { ...(await ingest(deps, inputs)), skipped };
            if (fetcher) out.urls = await ingestUrls(deps, fetcher, urls);
            for (const w of warcs) (out.warc ??= {})[w] = await importWarc(deps, w);
            for (const { file, subs } of subscriptions)
              (out.opml ??= {})[file] = await importSubscriptions(store, subs, clock.now());
          });
        } finally {
          await fetcher?.close();
        }
        if (opts.json)
          return void console.log(JSON.stringify(out.urls || out.warc || out.opml ? out : out.files));
        if (out.files) {
          const s = out.files;
          console.log(
            `${s.read} reports read: ${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged; ${s.eventsCreated} new events, ${s.storiesCreated} new stories`,
          );
          if (skipped.length)
            console.log(`${skipped.length} files of other types skipped in folders (first: ${skipped[0]})`);
        }
        if (out.urls) printAcquireResult(out.urls, false, `${urls.length} URLs`);
        for (const [w, r] of Object.entries(out.warc ?? {})) printAcquireResult(r, false, w);
        for (const [f, r] of Object.entries(out.opml ?? {}))
          console.log(
            `${f}: ${r.added} feeds added, ${r.known} already followed (poll them with \`corroborate poll\`)`,
          );
      },
    );
}
