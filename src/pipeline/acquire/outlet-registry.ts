/**
 * The outlets registry file: a JSON list of outlets — name, aliases, domains, feed hosts, country, language,
 * kind, owner group, tier, notes — as `corroborate outlets import|export` read and write it and as
 * data/outlets/registry.json ships it. Older files with one `domain` and the kinds
 * `state-broadcaster`/`government` are read too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badInput } from '../../domain/errors.ts';
import {
  OUTLET_KINDS,
  OUTLET_TIERS,
  outletKey,
  type Outlet,
  type OutletKind,
  type OutletTier,
} from '../../domain/outlet.ts';

/** The registry shipped with the product: well-known outlets, facts only, every tier `unrated`. */
export const SHIPPED_REGISTRY = join(
  fileURLToPath(new URL('../../../', import.meta.url)),
  'data',
  'outlets',
  'registry.json',
);

let shipped: Outlet[] | null = null;

/** The shipped registry's outlets (read once; none when the file is absent). */
export function shippedOutlets(): Outlet[] {
  shipped ??= existsSync(SHIPPED_REGISTRY) ? readOutletRegistry(SHIPPED_REGISTRY) : [];
  return shipped;
}

/** One entry of the file. */
export interface RegistryEntry {
  name: string;
  /** Written only when the outlet has any. */
  aliases?: string[];
  domains: string[];
  feedHosts: string[];
  country: string | null;
  language: string | null;
  kind: OutletKind;
  owner: string | null;
  tier: OutletTier;
  notes: string | null;
}

/** Returns the outlets listed in a registry file; throws a bad-input error naming the entry at fault. */
export function readOutletRegistry(path: string): Outlet[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw badInput(
      path,
      `cannot read outlet registry (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseOutletRegistry(text, path);
}

/** Parses registry text; `where` names the file in errors ("outlets.json[3]: unknown kind …"). */
export function parseOutletRegistry(text: string, where: string): Outlet[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw badInput(where, `not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw badInput(where, 'expected a JSON list of outlets');
  const outlets = data.map((o, i) => toOutlet(o, `${where}[${i}]`));
  const seen = new Map<string, number>();
  outlets.forEach((o, i) => {
    for (const host of o.domains ?? []) {
      const before = seen.get(host);
      if (before !== undefined && before !== i)
        throw badInput(
          `${where}[${i}]`,
          `domain "${host}" is already given to entry ${before} (${outlets[before]?.name})`,
        );
      seen.set(host, i);
    }
  });
  return outlets;
}

/** Returns the registry file's text for these outlets (what `outlets export` writes). */
export function formatOutletRegistry(outlets: Outlet[]): string {
  const entries: RegistryEntry[] = outlets.map((o) => ({
    name: o.name,
    ...(o.aliases?.length ? { aliases: o.aliases } : {}),
    domains: o.domains?.length ? o.domains : o.domain ? [o.domain] : [],
    feedHosts: o.feedHosts ?? [],
    country: o.country,
    language: o.language ?? null,
    kind: o.kind,
    owner: o.ownerGroup,
    tier: o.tier,
    notes: o.notes ?? null,
  }));
  return `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
}

const LEGACY_KINDS: Record<string, OutletKind> = {
  'state broadcaster': 'state-broadcaster',
  'state media': 'state-media',
  'think tank': 'think-tank',
};

function host(v: unknown, where: string, field: string): string {
  if (typeof v !== 'string' || !v.trim())
    throw badInput(where, `"${field}" holds an empty or non-text entry`);
  const h = v
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(h))
    throw badInput(where, `"${field}" entry "${v}" is not a host name`);
  return h;
}

function list(v: unknown, where: string, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw badInput(where, `"${field}" must be a list`);
  return v.map((x) => host(x, where, field));
}

function names(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !x.trim()))
    throw badInput(where, '"aliases" must be a list of names');
  return (v as string[]).map((x) => x.trim());
}

function optionalText(v: unknown, where: string, field: string): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw badInput(where, `"${field}" must be text`);
  return v.trim();
}

function toOutlet(v: unknown, where: string): Outlet {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badInput(where, 'expected an object');
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string' || !o.name.trim()) throw badInput(where, 'missing "name"');
  const rawKind = typeof o.kind === 'string' ? o.kind.trim().toLowerCase() : 'unknown';
  const kind = (LEGACY_KINDS[rawKind] ?? rawKind) as OutletKind;
  if (!OUTLET_KINDS.includes(kind))
    throw badInput(where, `unknown kind "${String(o.kind)}" (one of ${OUTLET_KINDS.join(', ')})`);
  const tier = (o.tier ?? 'unrated') as OutletTier;
  if (!OUTLET_TIERS.includes(tier))
    throw badInput(where, `unknown tier "${String(o.tier)}" (one of ${OUTLET_TIERS.join(', ')})`);
  const domains = [
    ...new Set([
      ...(o.domain !== undefined && o.domain !== null && o.domain !== ''
        ? [host(o.domain, where, 'domain')]
        : []),
      ...list(o.domains, where, 'domains'),
    ]),
  ];
  const country = optionalText(o.country, where, 'country');
  if (country && !/^[A-Za-z]{2}$/.test(country))
    throw badInput(where, `"country" must be an ISO 3166-1 alpha-2 code, not "${country}"`);
  const language = optionalText(o.language, where, 'language');
  if (language && !/^[A-Za-z]{2,3}$/.test(language))
    throw badInput(where, `"language" must be an ISO 639-1 code, not "${language}"`);
  const domain = domains[0] ?? null;
  const aliases = names(o.aliases, where);
  return {
    id: domain ?? `name:${outletKey(o.name)}`,
    name: o.name.trim(),
    ...(aliases.length ? { aliases } : {}),
    domain,
    domains,
    feedHosts: list(o.feedHosts, where, 'feedHosts'),
    kind,
    ownerGroup: optionalText(o.owner ?? o.ownerGroup, where, 'owner'),
    country: country?.toUpperCase() ?? null,
    language: language?.toLowerCase() ?? null,
    tier,
    notes: optionalText(o.notes, where, 'notes'),
  };
}
