/**
 * The analyze stage: what one report says, as spans over its text.
 *   1. sentences, each with the certainty of its language;
 *   2. entity mentions, linked within the report and given stable ids;
 *   3. time expressions anchored on the publication date;
 *   4. direct quotes with speakers;
 *   5. numbers with the nouns they count.
 */
import type { Analysis } from '../../domain/analysis.ts';
import { sentenceCertainty } from './certainty.ts';
import { findEntities } from './entities.ts';
import { findNumbers } from './numbers.ts';
import { findQuotes } from './quotes.ts';
import { splitSentences } from './sentences.ts';
import { findTimes } from './times.ts';

export interface AnalyzeInput {
  id: string;
  text: string;
  publishedAt: string | null;
}

/** Returns the analysis of one report's text. */
export function analyze(input: AnalyzeInput): Analysis {
  const { text } = input;
  const spans = splitSentences(text);
  const sentences = spans.map((s) => ({ ...s, certainty: sentenceCertainty(text.slice(s.start, s.end)) }));
  const entities = findEntities(text, spans);
  const reference = input.publishedAt ? new Date(input.publishedAt) : null;
  const times = findTimes(text, reference && !Number.isNaN(reference.getTime()) ? reference : null);
  const quotes = findQuotes(text, entities, spans);
  const numbers = findNumbers(text);
  return { id: input.id, sentences, entities, times, quotes, numbers };
}
