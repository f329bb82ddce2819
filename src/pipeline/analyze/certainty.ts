/** How sure a sentence's own language is: certain, likely, possible, attributed or denied. */
import type { CertaintyLevel } from '../../domain/analysis.ts';

/**
 * Cue lexicons, strongest first: a denial outranks a hedge, a hedge outranks attribution.
 * Taken from the source-tone definitions in DESIGN.md; extend with examples from the demo
 * corpus and the seeds when a sentence is misread.
 */
const CUES: readonly [CertaintyLevel, RegExp][] = [
  ['denied', /\b(denied|denies|deny|denying|rejected (?:the |those |these )?(?:claims?|reports?|allegations?)|dismissed (?:the |those )?(?:claims?|reports?)|refuted|no truth to|categorically false|did not happen)\b/gi],
  ['possible', /\b(could|might|may(?!\s+\d)|considering|discussing whether|weighing|mulling|possible|possibly|potential(?:ly)?|exploring|if confirmed|unclear whether)\b/gi],
  ['likely', /\b(expected to|likely|reportedly|is set to|are set to|plans? to|poised to|probably|appears? to|is believed to|are believed to|scheduled to|due to (?:meet|sign|vote|hold))\b/gi],
  ['attributed', /\b(said|says|told|according to|claimed|claims|alleged|alleges|stated|insisted|announced|reported|wrote|confirmed)\b/gi],
];

/** Returns the sentence's certainty level and the cue words that decided it. */
export function sentenceCertainty(sentence: string): { level: CertaintyLevel; cues: string[] } {
  for (const [level, re] of CUES) {
    const cues = [...sentence.matchAll(re)].map((m) => m[0].toLowerCase());
    if (cues.length) return { level, cues: [...new Set(cues)] };
  }
  return { level: 'certain', cues: [] };
}
