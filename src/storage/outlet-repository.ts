/** Outlets: the publishers of reports, with owner group and tier. */
import type { Kysely } from 'kysely';
import type { Outlet, OutletKind, OutletTier } from '../domain/outlet.ts';
import type { Database, OutletsTable } from './schema.ts';

export class OutletRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the outlet or updates the stored one with the same id; returns it. */
  async upsert(outlet: Outlet, now: string): Promise<Outlet> {
    const row = {
      name: outlet.name,
      domain: outlet.domain,
      kind: outlet.kind,
      owner_group: outlet.ownerGroup,
      country: outlet.country,
      tier: outlet.tier,
      domains_json: JSON.stringify(outlet.domains ?? (outlet.domain ? [outlet.domain] : [])),
      feed_hosts_json: JSON.stringify(outlet.feedHosts ?? []),
      language: outlet.language ?? null,
      notes: outlet.notes ?? null,
      aliases_json: outlet.aliases?.length ? JSON.stringify(outlet.aliases) : null,
    };
    await this.db
      .insertInto('outlets')
      .values({ id: outlet.id, ...row, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    return outlet;
  }

  /** Returns the outlet with this id, or undefined. */
  async get(id: string): Promise<Outlet | undefined> {
    const row = await this.db.selectFrom('outlets').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOutlet(row);
  }

  /** Returns the outlets with these ids (those stored), in no particular order. */
  async getMany(ids: readonly string[]): Promise<Outlet[]> {
    const unique = [...new Set(ids)];
    const out: Outlet[] = [];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('outlets')
        .selectAll()
        .where('id', 'in', unique.slice(i, i + 500))
        .execute();
      out.push(...rows.map(toOutlet));
    }
    return out;
  }

  /** Returns every outlet, by name. */
  async list(): Promise<Outlet[]> {
    const rows = await this.db.selectFrom('outlets').selectAll().orderBy('name').execute();
    return rows.map(toOutlet);
  }

  /** Returns the ids of the outlets that have at least one stored report (one index probe an outlet). */
  async idsWithReports(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('outlets')
      .select('outlets.id')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('articles').select('articles.id').whereRef('articles.outlet_id', '=', 'outlets.id'),
        ),
      )
      .execute();
    return rows.map((r) => r.id);
  }
}

function toOutlet(r: OutletsTable): Outlet {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    kind: r.kind as OutletKind,
    ownerGroup: r.owner_group,
    country: r.country,
    tier: r.tier as OutletTier,
    domains: r.domains_json ? (JSON.parse(r.domains_json) as string[]) : r.domain ? [r.domain] : [],
    feedHosts: r.feed_hosts_json ? (JSON.parse(r.feed_hosts_json) as string[]) : [],
    language: r.language,
    notes: r.notes,
    ...(r.aliases_json ? { aliases: JSON.parse(r.aliases_json) as string[] } : {}),
  };
}
