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

/** Per level: one alternation to test whether any cue is there (most sentences have none), and the cues one by one. */
let compiled: { level: CertaintyLevel; any: (s: string) => boolean; each: RegExp[] }[] | null = null;

function cues(): NonNullable<typeof compiled> {
  if (!compiled) {
    const lex = dataFile<Lexicon>('lexicons/certainty.json');
    compiled = lex.order.map((level) => {
      const entries = lex[level] as { cue: string; case?: boolean }[];
      const each = entries.map((e) => new RegExp(e.cue, e.case ? 'g' : 'gi'));
      // Case-sensitive cues cannot join a case-insensitive alternation; they are tested on their own.
      const loose = entries.filter((e) => !e.case).map((e) => `(?:${e.cue})`);
      const strict = entries.filter((e) => e.case).map((e) => new RegExp(e.cue));
      const anyLoose = new RegExp(loose.join('|'), 'i');
      const any = (s: string) => anyLoose.test(s) || strict.some((r) => r.test(s));
      return { level, any, each };
    });
  }
  return compiled;
}

/** Returns the sentence's certainty level and the cue words that decided it. */
export function sentenceCertainty(sentence: string): { level: CertaintyLevel; cues: string[] } {
  for (const { level, any, each } of cues()) {
    if (!any(sentence)) continue;
    const found = each
      .flatMap((re) => [...sentence.matchAll(re)].map((m) => m[0].trim().toLowerCase()))
      .filter(Boolean);
    if (found.length) return { level, cues: [...new Set(found)] };
  }
  return { level: 'certain', cues: [] };
}
