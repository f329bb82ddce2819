/** The outlets registry file: a JSON list of outlets with domain, kind, owner group and tier. */
import { readFileSync } from 'node:fs';
import { badInput } from '../../domain/errors.ts';
import { OUTLET_KINDS, OUTLET_TIERS, outletKey, type Outlet, type OutletKind, type OutletTier } from '../../domain/outlet.ts';

/** Returns the outlets listed in a registry file; throws a bad-input error naming the entry at fault. */
export function readOutletRegistry(path: string): Outlet[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw badInput(path, `cannot read outlet registry (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw badInput(path, 'expected a JSON list of outlets');
  return data.map((o, i) => toOutlet(o, `${path}[${i}]`));
}

function toOutlet(v: unknown, where: string): Outlet {
  if (!v || typeof v !== 'object') throw badInput(where, 'expected an object');
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string' || !o.name.trim()) throw badInput(where, 'missing "name"');
  const kind = (o.kind ?? 'unknown') as OutletKind;
  if (!OUTLET_KINDS.includes(kind)) throw badInput(where, `unknown kind "${String(o.kind)}"`);
  const tier = (o.tier ?? 'standard') as OutletTier;
  if (!OUTLET_TIERS.includes(tier)) throw badInput(where, `unknown tier "${String(o.tier)}"`);
  const domain = typeof o.domain === 'string' && o.domain ? o.domain.toLowerCase().replace(/^www\./, '') : null;
  return {
    id: domain ?? `name:${outletKey(o.name)}`,
    name: o.name.trim(),
    domain,
    kind,
    ownerGroup: typeof o.owner === 'string' && o.owner ? o.owner : null,
    country: typeof o.country === 'string' ? o.country : null,
    tier,
  };
}
