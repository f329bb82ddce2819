/**
 * How sure a sentence's own language is: certain, likely, possible, attributed or denied. The cues
 * live in data/lexicons/certainty.json, each with a note; levels are tried in the file's order
 * (denied, attributed, possible, likely) and the first with a cue decides; no cue means certain.
 */
import type { CertaintyLevel } from '../../domain/analysis.ts';
import { dataFile } from '../../lib/data-file.ts';

interface Lexicon {
  order: CertaintyLevel[];
  [level: string]: unknown;
}

let compiled: [CertaintyLevel, RegExp[]][] | null = null;

function cues(): [CertaintyLevel, RegExp[]][] {
  if (!compiled) {
    const lex = dataFile<Lexicon>('lexicons/certainty.json');
    compiled = lex.order.map((level) => [level, (lex[level] as { cue: string; case?: boolean }[]).map((e) => new RegExp(e.cue, e.case ? 'g' : 'gi'))]);
  }
  return compiled;
}

/** Returns the sentence's certainty level and the cue words that decided it. */
export function sentenceCertainty(sentence: string): { level: CertaintyLevel; cues: string[] } {
  for (const [level, res] of cues()) {
    const found = res.flatMap((re) => [...sentence.matchAll(re)].map((m) => m[0].trim().toLowerCase())).filter(Boolean);
    if (found.length) return { level, cues: [...new Set(found)] };
  }
  return { level: 'certain', cues: [] };
}
