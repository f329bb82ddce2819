/** Small builders of domain values for tests. */
import type { ArticleRecord, ExtractedArticle } from '../../src/domain/article.ts';
import type { Assessment } from '../../src/domain/assessment.ts';
import type { Event, EventProfile } from '../../src/domain/event.ts';
import type { Outlet } from '../../src/domain/outlet.ts';

export const NOW = '2025-05-01T12:00:00.000Z';

/** Returns an outlet with the given id (its domain) and overrides. */
export function outlet(id: string, over: Partial<Outlet> = {}): Outlet {
  return {
    id,
    name: id.split('.')[0] ?? id,
    domain: id,
    kind: 'newspaper',
    ownerGroup: null,
    country: null,
    tier: 'standard',
    ...over,
  };
}

/** Returns what extraction gives for a page at this address with this text, and overrides. */
export function extractedArticle(
  url: string,
  text: string,
  over: Partial<ExtractedArticle> = {},
): ExtractedArticle {
  return {
    url,
    canonicalUrl: url,
    title: 't',
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    outlet: null,
    language: 'en',
    description: null,
    text,
    syndication: [],
    embedded: [],
    evidence: [],
    ...over,
  };
}

/** Returns a stored-article record with the given id, text and overrides of the article. */
export function record(
  id: string,
  text: string,
  over: Partial<ArticleRecord['article']> = {},
): ArticleRecord {
  const article = {
    id,
    url: `https://news.example/${id}`,
    canonicalUrl: `https://news.example/${id}`,
    outletId: null,
    title: `Title ${id}`,
    publishedAt: '2025-04-30T08:00:00.000Z',
    language: 'en',
    status: 'active' as const,
    version: 1,
    contentHash: `hash-${text.length}-${text.slice(0, 8)}`,
    text,
    ingestedAt: NOW,
    ...over,
  };
  return {
    article,
    extracted: extractedArticle(article.url, text, {
      canonicalUrl: article.canonicalUrl,
      title: article.title,
      publishedAt: article.publishedAt,
    }),
    provenance: {
      articleId: id,
      outletId: article.outletId,
      canonicalUrl: article.canonicalUrl,
      contentHash: article.contentHash,
      lineage: [],
    },
    analysis: { id, sentences: [], entities: [], times: [], quotes: [], numbers: [] },
    shingles: [1, 2, 3],
  };
}

/** Returns an event with the given id and overrides, and an empty profile. */
export function event(id: string, over: Partial<Event> = {}): { event: Event; profile: EventProfile } {
  return {
    event: {
      id,
      title: `Event ${id}`,
      category: 'Diplomatic',
      date: { start: '2025-04-30', end: '2025-04-30', precision: 'day' },
      place: null,
      storyId: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...over,
    },
    profile: {
      terms: { talks: 1 },
      names: { geneva: 1 },
      firstDate: '2025-04-30',
      lastDate: '2025-04-30',
      articleCount: 1,
    },
  };
}

/** Returns an assessment of an event at a level with n single-outlet sources. */
export function assessment(eventId: string, level: Assessment['level'], n: number, at = NOW): Assessment {
  const sources = Array.from({ length: n }, (_, i) => ({
    label: `S${i}`,
    outletIds: [`s${i}.example`],
    articleIds: [`a${i}`],
    tier: 'standard' as const,
  }));
  return { eventId, level, sources, disputes: [], explanation: 'x', next: null, computedAt: at };
}
