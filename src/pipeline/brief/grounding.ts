/**
 * The grounding checker: a briefing sentence may say only what the report sentences it cites say.
 * It refuses a sentence holding a name, a number, a date or a quote that is not in those sentences:
 *   - names: every capitalised word (a sentence's first word may be a capitalised common word);
 *   - numbers: every figure, in digits or in words ("eleven" is grounded by "11" and the reverse);
 *   - dates: month and day names are names, years are numbers, and relative days ("yesterday",
 *     "last week") must be the cited sentences' own;
 *   - quotes: character for character, apart from the style of the quote marks.
 * Words the briefing adds about its sources (the cited reports' outlet names) are allowed by name.
 *
 * A name put where the report has "he" or "she" rests on an antecedent citation: the sentences
 * before the pronoun's, with the people they name. A name that only an antecedent citation holds is
 * accepted when the pronoun's sentence has that pronoun and the antecedents name exactly one person
 * who may be of its kind (he: a man or a person whose kind the name does not tell; she: a woman or
 * such a person), mention nobody of its kind without a name ("the prosecutor"), and the name is that
 * person's.
 */
import { SMALL_NUMBERS, TENS } from '../../lib/number-words.ts';

/** One report sentence a briefing sentence rests on: the report, the offsets and the text there. */
export interface Citation {
  articleId: string;
  start: number;
  end: number;
  text: string;
  /** Set when this sentence is cited for the person an opening pronoun of another cited sentence stands for. */
  antecedent?: Antecedent;
}

/** What an antecedent citation vouches for: the pronoun replaced, and every person its sentence names. */
export interface Antecedent {
  pronoun: 'he' | 'she';
  people: NamedPerson[];
}

/** A person a cited sentence names, as it names them, and whether the name says a man or a woman. */
export interface NamedPerson {
  name: string;
  kind: 'man' | 'woman' | 'unknown';
}

/** A briefing sentence with the report sentences it rests on. */
export interface GroundedSentence {
  text: string;
  citations: Citation[];
  /** 'model' for a sentence the optional language-model writer wrote (and the checker passed). */
  writer?: 'model';
}

export type ProblemKind = 'uncited' | 'name' | 'number' | 'date' | 'quote';

/** Why a sentence was refused: what kind of fact, and the words that carry it. */
export interface GroundingProblem {
  kind: ProblemKind;
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  ...SMALL_NUMBERS,
  ...TENS,
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  billion: 1e9,
  dozen: 12,
  half: 0.5,
  twice: 2,
  once: 1,
  double: 2,
  triple: 3,
  first: 1,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** Words that place an event in time relative to the report: a briefing may not move it. */
const RELATIVE_DAYS =
  /\b(yesterday|today|tonight|tomorrow|(?:last|next|this|previous|coming) (?:week|weekend|month|year|morning|afternoon|evening|night)|overnight|earlier this (?:week|month|year)|later this (?:week|month|year))\b/gi;

/** Double quotation marks of every style, and single ones (apostrophes among them). */
const DOUBLE_QUOTES = /[“”„‟«»"]/g;
const SINGLE_QUOTES = /[‘’‚‛‹›'`´]/g;

/** Text with one style of quote marks, so a quote is compared by its words and punctuation. */
export function plainQuotes(s: string): string {
  return s.replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'");
}

/**
 * Returns what in `sentence` the cited sentences do not ground (empty when it is grounded).
 * `allowed` are names the briefing may add itself (the cited reports' outlets).
 */
export function groundingProblems(
  sentence: string,
  citations: Citation[],
  allowed: string[] = [],
): GroundingProblem[] {
  if (!citations.length) return [{ kind: 'uncited', text: sentence }];
  const cited = citations.map((c) => c.text).join('\n');
  const problems: GroundingProblem[] = [];
  const citedPlain = plainQuotes(cited);
  const out = plainQuotes(sentence);

  // Quotes first: a quoted passage must stand in one cited sentence exactly; its words are then not checked again.
  const quoted: [number, number][] = [];
  for (const m of out.matchAll(/"([^"]+)"/g)) {
    const inner = (m[1] as string).trim();
    quoted.push([m.index, m.index + m[0].length]);
    if (!citations.some((c) => plainQuotes(c.text).includes(inner)))
      problems.push({ kind: 'quote', text: m[0] });
  }
  for (const m of out.matchAll(/(?<=^|[\s(])'([^']{3,}?)'(?=[\s.,;:!?)]|$)/g)) {
    const inner = m[1] as string;
    if (!/\s/.test(inner)) continue; // a single quoted word is as often an apostrophe pair as a quote
    quoted.push([m.index, m.index + m[0].length]);
    if (!citations.some((c) => plainQuotes(c.text).includes(inner)))
      problems.push({ kind: 'quote', text: m[0] });
  }
  const outside = (i: number) => !quoted.some(([a, b]) => i >= a && i < b);

  // Names that only antecedent citations hold stand for a pronoun; the others must be in the sentences cited for what they say.
  const own = citations.filter((c) => !c.antecedent);
  const antecedents = own.length ? citations.filter((c) => c.antecedent) : [];
  const citedTokens = new Set(tokens(plainQuotes(own.map((c) => c.text).join('\n'))).map((t) => t.word));
  const pronounStandsFor = antecedents.length ? singleCandidate(antecedents, own) : null;
  const antecedentTokens = new Set(
    tokens(plainQuotes(antecedents.map((c) => c.text).join('\n'))).map((t) => t.word),
  );
  const citedLower = new Set([...citedTokens].map((w) => w.toLowerCase()));
  const allowedTokens = new Set(allowed.flatMap((a) => tokens(plainQuotes(a)).map((t) => t.word)));
  const citedNumbers = numbersIn(citedPlain);

  for (const t of tokens(out)) {
    if (!outside(t.index)) continue;
    if (/^\d/.test(t.word)) {
      const v = numberValue(t.word);
      if (v !== null && !citedNumbers.has(v) && !allowedTokens.has(t.word))
        problems.push({ kind: isYear(v) ? 'date' : 'number', text: t.word });
      continue;
    }
    const lower = t.word.toLowerCase();
    if (lower in NUMBER_WORDS) {
      if (!citedNumbers.has(NUMBER_WORDS[lower] as number) && !citedLower.has(lower))
        problems.push({ kind: 'number', text: t.word });
      continue;
    }
    if (!/\p{Lu}/u.test(t.word)) continue;
    if (citedTokens.has(t.word) || allowedTokens.has(t.word)) continue;
    if (antecedentTokens.has(t.word) && pronounStandsFor?.has(t.word)) continue;
    // The first word of a sentence (or of a clause after a colon) is capitalised whatever it is.
    if (t.initial && citedLower.has(lower)) continue;
    problems.push({ kind: MONTHS_AND_DAYS.test(t.word) ? 'date' : 'name', text: t.word });
  }
  const citedRelative = new Set([...cited.matchAll(RELATIVE_DAYS)].map((m) => m[0].toLowerCase()));
  for (const m of out.matchAll(RELATIVE_DAYS)) {
    if (outside(m.index) && !citedRelative.has(m[0].toLowerCase()))
      problems.push({ kind: 'date', text: m[0] });
  }
  return problems;
}

/**
 * The words of the one person the antecedent citations allow for the pronoun, or null: the
 * antecedents must agree on the pronoun, the pronoun's own sentence must have it and come after them
 * in the same report, every person they
 * list must be named in them, and exactly one must be of the pronoun's kind or of no known kind.
 */
function singleCandidate(antecedents: Citation[], own: Citation[]): Set<string> | null {
  const pronouns = new Set(antecedents.map((c) => c.antecedent?.pronoun));
  const [pronoun] = pronouns;
  if (pronouns.size !== 1 || !pronoun) return null;
  // The pronoun's own sentence has the pronoun and stands after every antecedent, in the same report.
  const said = own.filter((c) => new RegExp(`\\b${pronoun}\\b`, 'i').test(c.text));
  const after = (a: Citation) => said.some((c) => c.articleId === a.articleId && a.end <= c.start);
  if (!antecedents.every(after)) return null;
  const other = pronoun === 'he' ? 'woman' : 'man';
  const candidates = new Set<string>();
  for (const c of antecedents) {
    for (const p of c.antecedent?.people ?? []) {
      if (!c.text.includes(p.name)) return null;
      if (p.kind !== other) candidates.add(p.name);
    }
    // A person the antecedent mentions without a name may be the one meant: then no name is sure.
    if (unnamedPeople(c.text).some((p) => p.kind !== other)) return null;
  }
  // One person named twice ("Amaya Ortiz", later "Ortiz") is one candidate: the shorter name ends the longer.
  const names = [...candidates].filter((n) => ![...candidates].some((m) => m !== n && m.endsWith(` ${n}`)));
  if (names.length !== 1) return null;
  return new Set(tokens(plainQuotes([...candidates].join(' '))).map((t) => t.word));
}

/**
 * A person the report mentions without naming: a determiner, up to two words, and a word for a role or
 * a relation ("the frustrated prosecutor", "our reporter", "her publicist", "the driver"), not followed
 * by the person's name ("the coach, Ana Reyes"). "He" after such a mention may mean that person.
 */
const UNNAMED_PERSON =
  /\b(?:[Tt]he|[Aa]n?|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Aa]nother)\s+(?:[\p{Ll}-]+\s+){0,2}?(prosecutor|reporter|correspondent|publicist|rep|representative|spokes(?:man|woman|person)|driver|motorist|minister|pastor|priest|official|officer|lawyer|attorney|judge|juror|man|woman|boy|girl|teenager|suspect|gunman|defendant|inmate|victim|witness|doctor|coach|manager|director|chief|resident|neighbou?r|source|aide|friend|husband|wife|son|daughter|father|mother|brother|sister|nephew|niece|uncle|aunt)\b(?!,?\s+\p{Lu})/gu;

/** Role words that say a man or a woman. */
const MAN_ROLE = /^(?:spokesman|man|boy|gunman|husband|son|father|brother|nephew|uncle)$/;
const WOMAN_ROLE = /^(?:spokeswoman|woman|girl|wife|daughter|mother|sister|niece|aunt)$/;

/** The people a sentence mentions without naming them ("the prosecutor", "her publicist"), with the kind its word says. */
export function unnamedPeople(sentence: string): NamedPerson[] {
  return [...sentence.matchAll(UNNAMED_PERSON)].map((m) => {
    const role = (m[1] as string).toLowerCase();
    return { name: m[0], kind: MAN_ROLE.test(role) ? 'man' : WOMAN_ROLE.test(role) ? 'woman' : 'unknown' };
  });
}

const MONTHS_AND_DAYS =
  /^(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

interface Token {
  word: string;
  index: number;
  /** First word of the sentence or of a clause opened by a colon, dash or bracket. */
  initial: boolean;
}

/** Words and figures with where they stand ("14.2", "3,000", "Gdańsk", "O'Neill", "U.S."). */
function tokens(s: string): Token[] {
  const out: Token[] = [];
  let initial = true;
  for (const m of s.matchAll(
    /\d[\d,.]*\d|\d|[\p{L}\p{M}][\p{L}\p{M}'’.-]*[\p{L}\p{M}]|[\p{L}]|[.!?:;—–(]/gu,
  )) {
    const w = m[0];
    if (/^[.!?:;—–(]$/.test(w)) {
      initial = true;
      continue;
    }
    // A word ends at a full stop that ends a sentence ("Porto." is "Porto"); an abbreviation keeps its inner stops.
    const word = /^\p{L}/u.test(w) ? w.replace(/[.'’-]+$/u, '') : w.replace(/[.,]+$/, '');
    out.push({ word, index: m.index, initial });
    initial = /[.]$/.test(w) && !/^\p{Lu}(\.\p{Lu})*\.$/u.test(w);
  }
  return out;
}

function numberValue(w: string): number | null {
  const s = w.replace(/,(?=\d{3}\b)/g, '');
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function isYear(v: number): boolean {
  return Number.isInteger(v) && v >= 1900 && v <= 2100;
}

/** Every figure a text gives, in digits or in words. */
function numbersIn(s: string): Set<number> {
  const out = new Set<number>();
  for (const t of tokens(s)) {
    if (/^\d/.test(t.word)) {
      const v = numberValue(t.word);
      if (v !== null) out.add(v);
    } else {
      const v = NUMBER_WORDS[t.word.toLowerCase()];
      if (v !== undefined) out.add(v);
    }
  }
  return out;
}

/**
 * The lower-cased words of a text, for measuring how much two sentences repeat each other. Kept for the
 * sentences seen last (up to WORD_SETS_KEPT): a briefing checks each sentence it considers against every
 * sentence it took, so a story's briefing of a few hundred events split the same sentences into words
 * millions of times (a third of a queue worker's time, measured on 11,000 stored reports).
 */
export function wordSet(s: string): ReadonlySet<string> {
  let set = wordSets.get(s);
  if (!set) {
    if (wordSets.size >= WORD_SETS_KEPT) wordSets.clear();
    wordSets.set(s, (set = new Set([...s.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]))));
  }
  return set;
}
const WORD_SETS_KEPT = 50_000;
const wordSets = new Map<string, Set<string>>();

/** The share of the shorter sentence's words the other also has (0–1). */
export function wordOverlap(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size);
}
