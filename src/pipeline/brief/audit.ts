/**
 * The audit of a briefing: what the grounding promises, measured — every sentence cited, no
 * ungrounded name, number, date or quote, no two sentences repeating each other, every independent
 * source of the event heard in "What the papers say". Used by the tests and the briefing benchmark.
 */
import { groundingProblems, wordOverlap, type GroundedSentence, type GroundingProblem } from './grounding.ts';
import type { BriefSection, EntityCard } from './sections.ts';
import { MAX_OVERLAP } from './writer.ts';

export interface BriefingAudit {
  sentences: number;
  uncited: number;
  /** Sentences the checker refuses, with what it finds. */
  ungrounded: { text: string; problems: GroundingProblem[] }[];
  /** The largest share of words two sentences of the briefing have in common. */
  maxOverlap: number;
  /** Pairs of sentences sharing more than MAX_OVERLAP of their words. */
  repeats: [string, string][];
  /** Independent sources of the event with no paragraph in "What the papers say". */
  sourcesMissing: string[];
}

/** Audits a briefing's sections (and entity descriptions) against its event's independent sources. */
export function auditBriefing(
  sections: BriefSection[],
  entities: EntityCard[],
  sourceLabels: string[],
  outletNames: string[],
): BriefingAudit {
  const sentences = sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
  const all: GroundedSentence[] = [
    ...sentences,
    ...entities.flatMap((e) => (e.description ? [e.description] : [])),
  ];
  const ungrounded = all
    .map((s) => ({ text: s.text, problems: groundingProblems(s.text, s.citations, outletNames) }))
    .filter((x) => x.problems.length);
  let maxOverlap = 0;
  const repeats: [string, string][] = [];
  // Entity descriptions are role phrases ("the union's chairman") cut from sentences: grounded, not compared for repeats.
  for (let i = 0; i < sentences.length; i++) {
    for (let j = i + 1; j < sentences.length; j++) {
      const a = (sentences[i] as GroundedSentence).text;
      const b = (sentences[j] as GroundedSentence).text;
      const o = wordOverlap(a, b);
      maxOverlap = Math.max(maxOverlap, o);
      if (o > MAX_OVERLAP) repeats.push([a, b]);
    }
  }
  // A source is heard in a paragraph of its own, or named in a sentence of another's (a page citing
  // two outlets in one sentence gives it once, under the first).
  const papers = sections.filter((s) => s.key === 'papers').flatMap((s) => s.paragraphs);
  const heard = new Set(papers.filter((p) => p.sentences.length).map((p) => p.source?.label));
  const said = papers.flatMap((p) => p.sentences.map((x) => x.text)).join('\n');
  for (const l of sourceLabels) if (said.includes(l)) heard.add(l);
  return {
    sentences: all.length,
    uncited: all.filter((s) => !s.citations.length).length,
    ungrounded,
    maxOverlap,
    repeats,
    sourcesMissing: sourceLabels.filter((l) => !heard.has(l)),
  };
}
