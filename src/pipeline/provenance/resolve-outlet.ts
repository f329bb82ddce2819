/** Matching a report to a known outlet by the name it gives, the site name, or the URL's host. */
import { outletKey, type Outlet } from '../../domain/outlet.ts';
import { hostOf } from '../../lib/url.ts';

/** Returns the known outlet this report belongs to, or a new unregistered outlet built from its host or name. */
export function resolveOutlet(opts: { url: string; name: string | null; known: Outlet[] }): Outlet {
  const host = hostOf(opts.url);
  if (host) {
    const byHost = opts.known.find((o) => o.domain && (host === o.domain || host.endsWith(`.${o.domain}`)));
    if (byHost) return byHost;
  }
  if (opts.name) {
    const key = outletKey(opts.name);
    const byName = opts.known.find((o) => outletKey(o.name) === key);
    if (byName) return byName;
  }
  const http = host && /^https?:/i.test(opts.url);
  const name = opts.name ?? (http ? host : 'Unknown source');
  return { id: http ? host : `name:${outletKey(name) || 'unknown'}`, name, domain: http ? host : null, kind: 'unknown', ownerGroup: null, country: null, tier: 'standard' };
}

/** Returns the known outlet a credit or citation names ("Meridian Press Agency", "the Globe Observer"), or null. */
export function findOutletByName(name: string, known: Outlet[]): Outlet | null {
  const key = outletKey(name);
  if (!key) return null;
  return known.find((o) => outletKey(o.name) === key || (o.domain !== null && outletKey(o.domain.split('.')[0] ?? '') === key)) ?? null;
}
