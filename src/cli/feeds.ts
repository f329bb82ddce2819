/** `corroborate feeds add|list|remove|import|export`: the subscriptions the poller follows. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { badInput, CorroborateError } from '../domain/errors.ts';
import { systemClock } from '../lib/clock.ts';
import type { Subscription } from '../domain/feed.ts';
import { parseOpml, writeOpml, type SkippedOutline } from '../pipeline/acquire/opml.ts';
import { addFeed, importSubscriptions, listSubscriptions, removeFeed } from '../run/feeds.ts';
import { DB_HELP, loadConfig, withExistingStore, withStore } from './context.ts';

/** Adds the command and its subcommands to the program. */
export function registerFeeds(program: Command): void {
  const feeds = program
    .command('feeds')
    .description('manage feed subscriptions (RSS, Atom, RDF, JSON Feed) polled by `corroborate poll`');

  feeds
    .command('add')
    .description('subscribe to a feed')
    .argument('<url>', "the feed's address")
    .option('--outlet <name>', 'the outlet it belongs to (a known outlet, or a new unrated one of this name)')
    .option(
      '--interval <seconds>',
      'poll interval in seconds (at least 60)',
      (v) => intOption(v, '--interval'),
      900,
    )
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the feed as JSON')
    .action(async (url: string, opts: { outlet?: string; interval: number; db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const r = await withStore(config, (store) =>
        addFeed(store, {
          url,
          outlet: opts.outlet ?? null,
          intervalSeconds: opts.interval,
          now: systemClock().now(),
        }),
      );
      if (opts.json) console.log(JSON.stringify({ ...r.feed, outlet: r.outlet.name, added: r.added }));
      else
        console.log(
          `${r.added ? 'added' : 'updated'} ${r.feed.url} (outlet: ${r.outlet.name}, every ${r.feed.pollIntervalSeconds} s)`,
        );
    });

  feeds
    .command('list')
    .description('list subscriptions with their polling state and last error')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print a JSON list')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const rows = await withExistingStore(config, async (store) => {
        const outlets = new Map((await store.outlets.list()).map((o) => [o.id, o.name]));
        return (await store.feeds.list()).map((f) => ({
          ...f,
          outlet: f.outletId ? (outlets.get(f.outletId) ?? f.outletId) : null,
        }));
      });
      if (opts.json) return void console.log(JSON.stringify(rows));
      if (!rows.length) return void console.log('no feeds (add one with `corroborate feeds add URL`)');
      for (const f of rows) {
        const state = f.lastError
          ? `error ${f.consecutiveErrors}× (${f.lastError.kind}): ${f.lastError.message}`
          : f.lastStatus
            ? `ok (HTTP ${f.lastStatus})`
            : 'not polled yet';
        console.log(
          `${f.url}\n  outlet: ${f.outlet ?? '—'} · every ${f.pollIntervalSeconds} s · next poll: ${f.nextPollAt ?? 'now'} · ${state}`,
        );
      }
    });

  feeds
    .command('remove')
    .description('unsubscribe (articles already read are kept)')
    .argument('<feed>', "the feed's URL or id")
    .option('--db <db>', DB_HELP)
    .action(async (feed: string, opts: { db?: string }) => {
      const config = loadConfig(opts);
      const removed = await withExistingStore(config, (store) => removeFeed(store, feed));
      console.log(`removed ${removed.url}`);
    });

  feeds
    .command('import')
    .description('subscribe to every feed of an OPML file (same as `corroborate ingest FILE.opml`)')
    .argument('<file>', 'an OPML file')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the counts as JSON')
    .action(async (file: string, opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const { subscriptions: subs, skipped } = readOpmlFile(file);
      const r = await withStore(config, (store) => importSubscriptions(store, subs, systemClock().now()));
      if (opts.json) return void console.log(JSON.stringify({ ...r, skipped }));
      console.log(`${subs.length} feeds in ${file}: ${r.added} added, ${r.known} already followed`);
      printSkippedOutlines(file, skipped);
    });

  feeds
    .command('export')
    .description('write the subscriptions as OPML 2.0 (to a file, or standard output)')
    .argument('[file]', 'where to write (default: standard output)')
    .option('--db <db>', DB_HELP)
    .action(async (file: string | undefined, opts: { db?: string }) => {
      const config = loadConfig(opts);
      const subs = await withExistingStore(config, (store) => listSubscriptions(store));
      const opml = writeOpml(subs, 'Corroborate subscriptions', systemClock().now());
      if (file) writeFileSync(file, opml);
      else process.stdout.write(opml);
    });
}

/** Reads and parses an OPML file, naming the file in any error. */
export function readOpmlFile(file: string): { subscriptions: Subscription[]; skipped: SkippedOutline[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw badInput(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const r = parseOpml(text);
  if (r.kind === 'refused') throw badInput(file, r.message);
  return { subscriptions: r.subscriptions, skipped: r.skipped };
}

/** Prints the outlines of an OPML file that were skipped, one line each. */
export function printSkippedOutlines(file: string, skipped: SkippedOutline[]): void {
  for (const s of skipped)
    console.log(`  skipped (${s.reason}): ${s.xmlUrl || s.title || '(an outline)'}: ${s.message}`);
  if (skipped.length) console.log(`${file}: ${skipped.length} outlines skipped`);
}

function intOption(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n))
    throw new CorroborateError('usage', `not a whole number: ${JSON.stringify(v)}`, name);
  return n;
}
