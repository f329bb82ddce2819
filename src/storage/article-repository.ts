/** Articles and their versions: one row per article, one immutable row per version of its text. */
import type { Kysely, Selectable } from 'kysely';
import type { Analysis } from '../domain/analysis.ts';
import type { Article, ArticleRecord, ArticleStatus, ExtractedArticle } from '../domain/article.ts';
import type { ArticleFingerprint, Provenance } from '../domain/provenance.ts';
import { CopyIndex } from './copy-index.ts';
import type { ArticlesTable, ArticleVersionsTable, Database } from './schema.ts';
import type { SearchRepository } from './search-repository.ts';

/** What saving an article did: nothing (same content), a first insert, or a new version. */
export type SaveOutcome =
  | { kind: 'unchanged' }
  | { kind: 'inserted' }
  | { kind: 'new-version'; version: number };

/** What acquisition needs to know of a stored article to avoid storing it twice. */
export interface SeenArticle {
  id: string;
  url: string;
  canonicalUrl: string;
  contentHash: string;
  updatedAt: string;
}

export class ArticleRepository {
  constructor(
    private readonly db: Kysely<Database>,
    /** The search index, kept to the current text of the active reports. */
    private readonly search: SearchRepository,
  ) {}

  /** Stores a record: inserts a new article, adds a version when its content changed, or does nothing. */
  async save(rec: ArticleRecord, now: string): Promise<SaveOutcome> {
    const a = rec.article;
    const existing = await this.db
      .selectFrom('articles')
      .select(['version', 'content_hash'])
      .where('id', '=', a.id)
      .executeTakeFirst();
    if (existing && existing.content_hash === a.contentHash) return { kind: 'unchanged' };
    const version = existing ? existing.version + 1 : 1;
    const row = {
      url: a.url,
      canonical_url: a.canonicalUrl,
      outlet_id: a.outletId,
      title: a.title,
      published_at: a.publishedAt,
      language: a.language,
      status: a.status,
      version,
      content_hash: a.contentHash,
      updated_at: now,
    };
    if (existing) await this.db.updateTable('articles').set(row).where('id', '=', a.id).execute();
    else
      await this.db
        .insertInto('articles')
        .values({ id: a.id, ...row, ingested_at: now })
        .execute();
    await this.db
      .insertInto('article_versions')
      .values({
        article_id: a.id,
        version,
        content_hash: a.contentHash,
        title: a.title,
        text: a.text,
        created_at: now,
        extracted_json: JSON.stringify(rec.extracted),
        provenance_json: JSON.stringify(rec.provenance),
        analysis_json: JSON.stringify(rec.analysis),
        shingles_json: JSON.stringify(rec.shingles),
      })
      .execute();
    const index = new CopyIndex(this.db);
    if (a.status === 'active')
      await index.put({
        articleId: a.id,
        outletId: a.outletId,
        publishedAt: a.publishedAt,
        shingles: rec.shingles,
      });
    else await index.remove(a.id);
    if (a.status === 'active') await this.search.indexReport(a);
    else await this.search.unindexReport(a.id);
    return existing ? { kind: 'new-version', version } : { kind: 'inserted' };
  }

  /** Returns the article (current version) with this id, or undefined. */
  async get(id: string): Promise<Article | undefined> {
    return (await this.getMany([id]))[0];
  }

  /** Returns the articles with these ids (current versions), in no particular order. */
  async getMany(ids: string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const rows = await this.current().where('articles.id', 'in', ids).execute();
    return rows.map(toArticle);
  }

  /** Returns full records (text, metadata, lineage, analysis) for these ids. */
  async records(ids: string[]): Promise<ArticleRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.current()
      .select([
        'article_versions.extracted_json',
        'article_versions.provenance_json',
        'article_versions.analysis_json',
        'article_versions.shingles_json',
      ])
      .where('articles.id', 'in', ids)
      .execute();
    return rows.map((r) => ({
      article: toArticle(r),
      extracted: JSON.parse(r.extracted_json) as ExtractedArticle,
      provenance: JSON.parse(r.provenance_json) as Provenance,
      analysis: JSON.parse(r.analysis_json) as Analysis,
      shingles: JSON.parse(r.shingles_json) as number[],
    }));
  }

  /** Returns the lineage (provenance) of the current version of each of these articles, without their texts. */
  async provenances(ids: string[]): Promise<Provenance[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('articles')
      .innerJoin('article_versions', (j) =>
        j
          .onRef('article_versions.article_id', '=', 'articles.id')
          .onRef('article_versions.version', '=', 'articles.version'),
      )
      .select('article_versions.provenance_json')
      .where('articles.id', 'in', ids)
      .execute();
    return rows.map((r) => JSON.parse(r.provenance_json) as Provenance);
  }

  /**
   * Stored active reports that may be copies of, or copied by, a text with these shingles (from the
   * copy index: those sharing a MinHash band), with their fingerprints; never `exclude`.
   */
  async copyCandidates(shingles: readonly number[], exclude?: string): Promise<ArticleFingerprint[]> {
    return new CopyIndex(this.db).candidates(shingles, exclude);
  }

  /** Returns the content hashes of the given article ids, for skipping unchanged input. */
  async contentHashes(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('articles')
        .select(['id', 'content_hash'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.id, r.content_hash);
    }
    return out;
  }

  /**
   * Stored articles that match any of these addresses (as their URL or canonical URL) or content
   * hashes: how acquisition knows an item it has seen before, under another address or none.
   */
  async findSeen(q: { urls?: string[]; hashes?: string[] }): Promise<SeenArticle[]> {
    const urls = [...new Set(q.urls ?? [])];
    const hashes = [...new Set(q.hashes ?? [])];
    const out = new Map<string, SeenArticle>();
    const add = (
      rows: { id: string; url: string; canonical_url: string; content_hash: string; updated_at: string }[],
    ) => {
      for (const r of rows)
        out.set(r.id, {
          id: r.id,
          url: r.url,
          canonicalUrl: r.canonical_url,
          contentHash: r.content_hash,
          updatedAt: r.updated_at,
        });
    };
    const cols = ['id', 'url', 'canonical_url', 'content_hash', 'updated_at'] as const;
    for (let i = 0; i < urls.length; i += 400) {
      const part = urls.slice(i, i + 400);
      add(
        await this.db
          .selectFrom('articles')
          .select(cols)
          .where((eb) =>
            eb.or([eb('url', 'in', part), eb('canonical_url', 'in', part), eb('id', 'in', part)]),
          )
          .execute(),
      );
    }
    for (let i = 0; i < hashes.length; i += 400) {
      add(
        await this.db
          .selectFrom('articles')
          .select(cols)
          .where('content_hash', 'in', hashes.slice(i, i + 400))
          .execute(),
      );
    }
    return [...out.values()];
  }

  /**
   * Returns every article id in the order the pipeline reads them: by publication time (ingest time
   * when unknown), then id — the order reprocessing follows so that it always decides the same way.
   */
  async idsInTimeOrder(): Promise<string[]> {
    const rows = await this.db.selectFrom('articles').select(['id', 'published_at', 'ingested_at']).execute();
    const at = (r: { published_at: string | null; ingested_at: string }) => r.published_at ?? r.ingested_at;
    return rows.sort((a, b) => at(a).localeCompare(at(b)) || a.id.localeCompare(b.id)).map((r) => r.id);
  }

  /** Replaces what a stage derived for the current version of an article (its lineage or its analysis). */
  async updateDerived(id: string, derived: { provenance?: Provenance; analysis?: Analysis }): Promise<void> {
    const current = await this.db
      .selectFrom('articles')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw new Error(`no stored article ${id}`);
    await this.db
      .updateTable('article_versions')
      .set({
        ...(derived.provenance ? { provenance_json: JSON.stringify(derived.provenance) } : {}),
        ...(derived.analysis ? { analysis_json: JSON.stringify(derived.analysis) } : {}),
      })
      .where('article_id', '=', id)
      .where('version', '=', current.version)
      .execute();
  }

  /**
   * Marks an article withdrawn by its outlet (or active again): it leaves the assessments, the copy
   * index and the search index; its text and versions stay stored. Returns false for an unknown id.
   */
  async setStatus(id: string, status: ArticleStatus, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('articles')
      .set({ status, updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) return false;
    const index = new CopyIndex(this.db);
    if (status === 'withdrawn') {
      await index.remove(id);
      await this.search.unindexReport(id);
    } else {
      const [rec] = await this.records([id]);
      if (rec) {
        await index.put({
          articleId: id,
          outletId: rec.article.outletId,
          publishedAt: rec.article.publishedAt,
          shingles: rec.shingles,
        });
        await this.search.indexReport(rec.article);
      }
    }
    return true;
  }

  /** Returns how many articles are stored. */
  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  private current() {
    return this.db
      .selectFrom('articles')
      .innerJoin('article_versions', (j) =>
        j
          .onRef('article_versions.article_id', '=', 'articles.id')
          .onRef('article_versions.version', '=', 'articles.version'),
      )
      .selectAll('articles')
      .select(['article_versions.text']);
  }
}

function toArticle(r: Selectable<ArticlesTable> & Pick<ArticleVersionsTable, 'text'>): Article {
  return {
    id: r.id,
    url: r.url,
    canonicalUrl: r.canonical_url,
    outletId: r.outlet_id,
    title: r.title,
    publishedAt: r.published_at,
    language: r.language,
    status: r.status as ArticleStatus,
    version: r.version,
    contentHash: r.content_hash,
    text: r.text,
    ingestedAt: r.ingested_at,
  };
}
