/** What the resolver compares: a report's content terms, names, event time and place. */
import type { ArticleRecord } from '../../domain/article.ts';
import { wordTokens } from '../../lib/text-normalize.ts';
import { backgroundPassages } from './background.ts';
import { eventDateOf } from './event-date.ts';
import { placeOf } from './report-place.ts';
import { STOPWORDS } from './stopwords.ts';
import type { ReportFeatures } from './types.ts';

/** The lead (first sentences) says what happened; later paragraphs often recall earlier events. */
export const LEAD_SENTENCES = 4;

/** Returns the features the resolver matches on. */
export function reportFeatures(rec: ArticleRecord): ReportFeatures {
  const { article, analysis } = rec;
  const leadEnd =
    analysis.sentences[Math.min(LEAD_SENTENCES, analysis.sentences.length) - 1]?.end ?? article.text.length;
  const lead = `${article.title ?? ''}\n${article.text.slice(0, leadEnd)}`;
  const tf: Record<string, number> = {};
  const add = (text: string, w: number) => {
    for (const t of wordTokens(text))
      if (t.length > 2 && !STOPWORDS.has(t) && !/^\d+$/.test(t)) tf[t] = (tf[t] ?? 0) + w;
  };
  add(lead, 2);
  // Background passages tell of earlier events: their words are not this report's event.
  const place = placeOf(rec, leadEnd, LEAD_SENTENCES);
  const date = eventDateOf(rec, leadEnd, place?.name ?? null);
  let from = leadEnd;
  for (const b of backgroundPassages(rec, { eventDate: date.value })) {
    if (b.start < from) continue;
    add(article.text.slice(from, b.start), 1);
    from = b.end;
  }
  add(article.text.slice(from), 1);
  const norm = Math.sqrt(Object.values(tf).reduce((s, v) => s + v * v, 0)) || 1;
  for (const k of Object.keys(tf)) tf[k] = (tf[k] as number) / norm;
  const names = new Set(
    analysis.entities
      .filter((e) => e.start < leadEnd || e.type !== 'LOCATION')
      .map((e) => e.canonical.toLowerCase()),
  );
  // The dateline names where the report was filed: as strong a signal as a place named in the lead.
  if (place?.role === 'dateline') names.add(place.name.toLowerCase());
  for (const w of properWords(article.text, analysis.sentences)) names.add(w);
  const actorEnd = analysis.sentences[Math.min(ACTOR_SENTENCES, analysis.sentences.length) - 1]?.end ?? 0;
  const actors = [
    ...new Set(
      analysis.entities
        .filter((e) => e.type === 'PERSON' && e.start < actorEnd)
        .map((e) => surname(e.canonical)),
    ),
  ].filter((a) => a.length > 1);
  return {
    articleId: article.id,
    terms: tf,
    names: [...names],
    actors,
    eventDate: date.value,
    dateStated: date.stated,
    ...(date.last ? { eventDateLast: date.last } : {}),
    years: writtenYears(rec),
    title: article.title,
    publishedAt: article.publishedAt,
    place,
  };
}

/** The years of the text's time expressions that write a year in digits ("2008", "June 3, 2008"). */
function writtenYears(rec: ArticleRecord): number[] {
  return rec.analysis.times
    .filter((t) => /\b\d{4}\b/.test(t.text))
    .map((t) => Number(t.value.start.slice(0, 4)))
    .filter((y) => Number.isInteger(y));
}

/** Sentences at the top of a report whose people are its actors (a headline line counts as one). */
const ACTOR_SENTENCES = 2;

function surname(canonical: string): string {
  return (canonical.toLowerCase().split(/\s+/).at(-1) ?? '').replace(/['’]s$/, '');
}

/**
 * Capitalised words inside sentences (not sentence-initial): proper names the entity tagger may not
 * have typed (small villages, firms), which tell events apart as well as typed names do.
 */
function properWords(text: string, sentences: { start: number; end: number }[]): string[] {
  const out = new Set<string>();
  for (const s of sentences) {
    const re = /(?<=[\s(“"‘'])(\p{Lu}[\p{Ll}\p{M}]{2,})(?=[\s,.;:)’'”"!?]|$)/gu;
    const sentence = text.slice(s.start, s.end);
    for (const m of sentence.matchAll(re)) {
      const w = (m[1] as string).toLowerCase();
      if (!STOPWORDS.has(w)) out.add(w);
    }
  }
  return [...out];
}
