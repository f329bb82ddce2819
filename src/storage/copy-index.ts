/**
 * The copy index: a compact fingerprint per current active article and its MinHash band keys
 * (lib/minhash.ts). Finding the stored reports a new one may copy costs one indexed query over its 32
 * band keys and one fetch of the candidates' fingerprints, however many reports are stored.
 */
import type { Kysely } from 'kysely';
import type { ArticleFingerprint } from '../domain/provenance.ts';
import { bandKeys } from '../lib/minhash.ts';
import type { Database } from './schema.ts';

/** At most this many candidates (those sharing the most bands first) are checked per report. */
export const MAX_COPY_CANDIDATES = 200;

/** Sorted 32-bit shingle hashes as little-endian bytes (a quarter of their JSON size). */
export function packShingles(shingles: readonly number[]): Buffer {
  const out = Buffer.alloc(shingles.length * 4);
  shingles.forEach((s, i) => out.writeUInt32LE(s >>> 0, i * 4));
  return out;
}

export function unpackShingles(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(buf.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

export class CopyIndex {
  constructor(private readonly db: Kysely<Database>) {}

  /** Indexes (or re-indexes) an article's current text. */
  async put(f: ArticleFingerprint): Promise<void> {
    await this.remove(f.articleId);
    const row = await this.db
      .insertInto('copy_fingerprints')
      .values({
        article_id: f.articleId,
        outlet_id: f.outletId,
        published_at: f.publishedAt,
        shingles: packShingles(f.shingles),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const keys = [...new Set(bandKeys(f.shingles))];
    if (keys.length)
      await this.db
        .insertInto('copy_bands')
        .values(keys.map((k) => ({ band_key: k, fingerprint_id: row.id })))
        .execute();
  }

  /** Drops an article from the index (withdrawn, or about to be re-indexed). */
  async remove(articleId: string): Promise<void> {
    const old = await this.db
      .selectFrom('copy_fingerprints')
      .select('id')
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    if (!old) return;
    await this.db.deleteFrom('copy_bands').where('fingerprint_id', '=', old.id).execute();
    await this.db.deleteFrom('copy_fingerprints').where('id', '=', old.id).execute();
  }

  /** Stored reports sharing at least one band with these shingles, most shared bands first; never `exclude`. */
  async candidates(shingles: readonly number[], exclude?: string): Promise<ArticleFingerprint[]> {
    const keys = [...new Set(bandKeys(shingles))];
    if (!keys.length) return [];
    const hits = await this.db
      .selectFrom('copy_bands')
      .select((eb) => ['fingerprint_id', eb.fn.countAll<number | string>().as('n')])
      .where('band_key', 'in', keys)
      .groupBy('fingerprint_id')
      .orderBy('n', 'desc')
      .orderBy('fingerprint_id')
      .limit(MAX_COPY_CANDIDATES)
      .execute();
    if (!hits.length) return [];
    const rows = await this.db
      .selectFrom('copy_fingerprints')
      .selectAll()
      .where(
        'id',
        'in',
        hits.map((h) => h.fingerprint_id),
      )
      .execute();
    return rows
      .filter((r) => r.article_id !== exclude)
      .map((r) => ({
        articleId: r.article_id,
        outletId: r.outlet_id,
        publishedAt: r.published_at,
        shingles: unpackShingles(r.shingles),
      }));
  }

  /** How many articles are indexed. */
  async size(): Promise<number> {
    const r = await this.db
      .selectFrom('copy_fingerprints')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
