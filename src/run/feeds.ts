/** Feed subscriptions: add (with the outlet it belongs to), remove, import from and export to OPML. */
import { badInput } from '../domain/errors.ts';
import type { Feed, Subscription } from '../domain/feed.ts';
import type { Outlet } from '../domain/outlet.ts';
import { stableId } from '../lib/hash.ts';
import { findOutletByName, resolveOutlet } from '../pipeline/provenance/resolve-outlet.ts';
import type { Store } from '../storage/store.ts';

/** How often a new feed is polled unless told otherwise (seconds). */
export const DEFAULT_POLL_INTERVAL_SECONDS = 900;
/** The shortest interval accepted: more often is impolite to the publisher. */
export const MIN_POLL_INTERVAL_SECONDS = 60;

/** Returns the feed URL checked (http or https), or throws naming it. */
function checkedUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw badInput(raw, 'not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw badInput(raw, 'a feed address must be http or https');
  return u.href;
}

/** Adds (or updates) a subscription; the outlet is the named one, a known one for the feed's host, or a new unrated one. */
export async function addFeed(
  store: Store,
  opts: { url: string; outlet?: string | null; intervalSeconds?: number; now: string },
): Promise<{ feed: Feed; outlet: Outlet; added: boolean }> {
  const url = checkedUrl(opts.url);
  const interval = opts.intervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
  if (!Number.isInteger(interval) || interval < MIN_POLL_INTERVAL_SECONDS)
    throw badInput(
      '--interval',
      `the poll interval must be a whole number of seconds, at least ${MIN_POLL_INTERVAL_SECONDS}`,
    );
  const known = await store.outlets.list();
  const outlet =
    (opts.outlet ? findOutletByName(opts.outlet, known) : null) ??
    resolveOutlet({ url, name: opts.outlet ?? null, known });
  const id = stableId('feed', url);
  const existing = (await store.feeds.list()).find((f) => f.id === id);
  const feed: Feed = existing
    ? { ...existing, outletId: outlet.id, pollIntervalSeconds: interval }
    : {
        id,
        url,
        outletId: outlet.id,
        pollIntervalSeconds: interval,
        etag: null,
        lastModified: null,
        lastStatus: null,
        consecutiveErrors: 0,
        lastError: null,
        nextPollAt: null,
      };
  await store.transaction(async (repos) => {
    if (!known.some((o) => o.id === outlet.id)) await repos.outlets.upsert(outlet, opts.now);
    await repos.feeds.put(feed, opts.now);
  });
  return { feed, outlet, added: !existing };
}

/** Removes a subscription by its URL or id; throws when there is none. */
export async function removeFeed(store: Store, urlOrId: string): Promise<Feed> {
  const feeds = await store.feeds.list();
  const found = feeds.find((f) => f.id === urlOrId || f.url === urlOrId || f.url === safeHref(urlOrId));
  if (!found) throw badInput(urlOrId, 'no such feed (see `corroborate feeds list`)');
  await store.feeds.remove(found.id);
  return found;
}

function safeHref(s: string): string | null {
  try {
    return new URL(s).href;
  } catch {
    return null;
  }
}

/** Subscribes to every feed of an OPML list; returns how many were new. */
export async function importSubscriptions(
  store: Store,
  subs: Subscription[],
  now: string,
): Promise<{ added: number; known: number }> {
  let added = 0;
  for (const s of subs) if ((await addFeed(store, { url: s.feedUrl, outlet: s.title, now })).added) added++;
  return { added, known: subs.length - added };
}

/** The subscriptions as OPML carries them, titled by their outlets. */
export async function listSubscriptions(store: Store): Promise<Subscription[]> {
  const outlets = new Map((await store.outlets.list()).map((o) => [o.id, o]));
  return (await store.feeds.list()).map((f) => {
    const o = f.outletId ? outlets.get(f.outletId) : undefined;
    return { feedUrl: f.url, title: o?.name ?? null, siteUrl: o?.domain ? `https://${o.domain}/` : null };
  });
}
