/**
 * What happened to the people a figure counts: deaths, injured, arrests, displaced or missing. The
 * words live in data/lexicons/count-kinds.json; a figure counts a kind when
 *   1. the words after it say so, through at most two nouns for people and an auxiliary
 *      ("eight people were killed", "12 dead", "40 others were seriously wounded"), or
 *   2. the words before it do ("killing eight", "the death toll rose to at least 15", "police
 *      arrested 23 protesters"), and what follows the figure is people or nothing (not "homes").
 */
import type { CountKind } from '../../domain/analysis.ts';
import { dataFile } from '../../lib/data-file.ts';

interface Lexicon {
  people: string;
  auxiliary: string;
  kinds: Record<CountKind, { after: string; before: string }>;
}

/** How far around a figure its verb is looked for: a clause, not the next one. */
const WINDOW = 80;

/** Adverbs and adjectives that may stand between a figure, its noun and its verb without changing the count. */
const MODIFIERS =
  'other|more|additional|further|young|elderly|local|foreign|unarmed|innocent|seriously|critically|badly|slightly|severely|fatally|lightly|reportedly|all|now|so far|also|later|[a-z]+-year-old';

/**
 * An active verb is followed by its object ("eight soldiers killed three civilians"): then the
 * figure is who did it, not who it happened to. "Held hostage" or "held responsible" is no arrest.
 */
const OBJECT_NEXT =
  /^\s+(?:\d|the\b|a\b|an\b|his\b|her\b|their\b|its\b|two\b|three\b|four\b|five\b|six\b|hostage|captive|responsible|accountable|liable)/i;

/** Words that may follow a counted figure directly when no noun is given ("killing eight in the north"). */
const FUNCTION_WORDS =
  /^(?:and|or|in|on|at|when|after|as|during|including|while|near|from|with|before|across|inside|outside|overnight|yesterday|today|since|by|among|amid|of)\b/i;

/** Qualifiers that stand between a verb and its figure ("killing at least 8"). */
const QUALIFIER_TAIL =
  /(?:\b(?:more than|at least|over|nearly|almost|about|around|some|roughly|an estimated|up to|as many as|close to|approximately)\s+)+$/i;

/** A capitalised word that is not a word of the lexicon (a nationality, a group) stands for people; it is masked as this. */
const NAME = 'nameofpeople';

/**
 * A figure after a verb of meeting or asking counts the people a reporter reached, not the toll
 * ("our team spoke with 37 evacuees", "interviewed 12 of the injured"); after "mother of" it counts
 * her children ("a mother of two was killed" is one death).
 */
const SAMPLE_BEFORE =
  /\b(?:mother|father|parent|mom|mum|dad|grandmother|grandfather|grandparent)s? of\s+$|\b(?:spoke|spoken|speaking|talked|talking) (?:with|to)\s+$|\b(?:interviewed|interviewing|met|meeting|visited|visiting|surveyed|polled|asked|reached|contacted|quoted)\s+$/i;

let compiled: { kind: CountKind; after: RegExp; before: RegExp }[] | null = null;
let people: RegExp | null = null;
let known: RegExp | null = null;

function rules(): NonNullable<typeof compiled> {
  if (!compiled) {
    const lex = dataFile<Lexicon>('lexicons/count-kinds.json');
    const noun = `(?:${lex.people}|${NAME})`;
    const lead = `^\\s+(?:(?:${MODIFIERS})\\s+){0,2}(?:${noun}\\s+){0,2}?(?:(?:${lex.auxiliary}|${MODIFIERS})\\s+){0,3}`;
    people = new RegExp(`^\\s*(?:(?:${MODIFIERS})\\s+){0,2}(?:${lex.people}|${NAME})\\b`, 'i');
    const words = [lex.people, lex.auxiliary, MODIFIERS, ...Object.values(lex.kinds).map((k) => k.after)];
    known = new RegExp(`^(?:${words.join('|')})$`, 'i');
    compiled = (Object.keys(lex.kinds) as CountKind[]).map((kind) => ({
      kind,
      after: new RegExp(`${lead}(?:${lex.kinds[kind].after})\\b`, 'i'),
      before: new RegExp(`(?:^|\\b)(?:${lex.kinds[kind].before})\\s+$`, 'i'),
    }));
  }
  return compiled;
}

/** Returns the kind of count of the figure at [start, end) of the text, or undefined when its words say none. */
export function countKindAt(text: string, start: number, end: number): CountKind | undefined {
  const all = rules();
  const before = clause(text.slice(Math.max(0, start - WINDOW), start), 'before').replace(QUALIFIER_TAIL, '');
  if (SAMPLE_BEFORE.test(before)) return undefined;
  const after = masked(clause(text.slice(end, end + WINDOW), 'after'));
  for (const r of all) {
    const m = r.after.exec(after);
    // Fleeing and going missing happen to the people counted, whatever follows ("hundreds fled their homes").
    if (m && (r.kind === 'displaced' || r.kind === 'missing' || !OBJECT_NEXT.test(after.slice(m[0].length))))
      return r.kind;
  }
  if (!forPeople(after)) return undefined;
  return all.find((r) => r.before.test(before))?.kind;
}

/** The part of a window on the figure's side of the nearest clause break. */
function clause(window: string, side: 'after' | 'before'): string {
  if (side === 'after') {
    const stop = window.search(/[.;:!?,()"“”]/);
    return stop < 0 ? window : window.slice(0, stop);
  }
  const parts = window.split(/[.;:!?()"“”]/);
  return parts[parts.length - 1] ?? '';
}

/** The text with each capitalised word the lexicon does not know replaced by NAME ("12 Britons" → "12 nameofpeople"). */
function masked(s: string): string {
  return s.replace(/\p{Lu}[\p{L}-]*/gu, (w) => ((known as RegExp).test(w) ? w : NAME));
}

/** Whether what follows a figure counts people: a noun for people, a name, or nothing more. */
function forPeople(after: string): boolean {
  const rest = after.trimStart();
  return rest === '' || FUNCTION_WORDS.test(rest) || (people as RegExp).test(after);
}
