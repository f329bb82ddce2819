/**
 * Migration 003: the copy index — each current article's word-shingle fingerprint in compact form
 * (32-bit hashes as bytes) and its MinHash band keys, so copy candidates are found by index lookups
 * whatever the number of stored reports. Existing articles are indexed from their stored shingles.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { bandKeys } from '../../lib/minhash.ts';
import { packShingles } from '../copy-index.ts';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema
    .createTable('copy_fingerprints')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().unique())
    .addColumn('outlet_id', 'text')
    .addColumn('published_at', 'text')
    .addColumn('shingles', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('copy_bands')
    .addColumn('band_key', 'bigint', (c) => c.notNull())
    .addColumn('fingerprint_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('copy_bands_pk', ['band_key', 'fingerprint_id'])
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  await db.schema.createIndex('copy_bands_fingerprint').on('copy_bands').column('fingerprint_id').execute();

  const rows = await sql<{
    id: string;
    outlet_id: string | null;
    published_at: string | null;
    shingles_json: string;
  }>`
    select a.id, a.outlet_id, a.published_at, v.shingles_json
    from articles a join article_versions v on v.article_id = a.id and v.version = a.version
    where a.status = 'active'`.execute(db);
  for (const r of rows.rows) {
    const shingles = JSON.parse(r.shingles_json) as number[];
    const inserted = await sql<{
      id: number;
    }>`insert into copy_fingerprints (article_id, outlet_id, published_at, shingles)
      values (${r.id}, ${r.outlet_id}, ${r.published_at}, ${packShingles(shingles)}) returning id`.execute(
      db,
    );
    const id = (inserted.rows[0] as { id: number }).id;
    for (const key of new Set(bandKeys(shingles)))
      await sql`insert into copy_bands (band_key, fingerprint_id) values (${key}, ${id})`.execute(db);
  }
}
