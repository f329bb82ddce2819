/**
 * The default writer: it needs no language model. It takes report sentences, compresses them
 * (datelines, "Update:" labels, trailing "…, officials said" clutter and opening connectives go),
 * resolves an opening "He"/"She" to a name only when the sentences before mention exactly one person
 * of the pronoun's kind, and by name (else the sentence stays out), and keeps a sentence only
 * when the grounding checker passes it against the sentences it cites. A briefing built with it
 * never repeats itself: a sentence sharing more than MAX_OVERLAP of its words with one already in
 * the briefing is passed over.
 */
import type { Analysis, CertaintyLevel } from '../../domain/analysis.ts';
import { notAStatement } from '../../lib/sentence-kind.ts';
import { nameKind, titleKind } from '../../lib/first-name-gender.ts';
import {
  groundingProblems,
  wordOverlap,
  type Citation,
  type GroundedSentence,
  type NamedPerson,
  unnamedPeople,
} from './grounding.ts';

/** One report (or the passage of a round-up that tells of the event) as the writer reads it. */
export interface BriefReport {
  articleId: string;
  /** The outlet's name, which the briefing may use to attribute what the report says. */
  outlet: string;
  outletId: string | null;
  url: string;
  title: string | null;
  publishedAt: string | null;
  /** The text the analysis' offsets point into (a round-up's passage, or the whole report). */
  text: string;
  /** Where that text starts in the stored article text (0 for a whole report); citations add it. */
  offset: number;
  analysis: Analysis;
  tone: CertaintyLevel | null;
  /** Whether the report credits another outlet for its text: it speaks for that outlet. */
  credited?: boolean;
}

/** No two sentences of one briefing share more than this share of their words. */
export const MAX_OVERLAP = 0.6;

/** A sentence shorter than this many words is a label or a fragment, not an account. */
const MIN_WORDS = 6;
const MAX_WORDS = 60;

/** Returns the citation of the report's i-th sentence (offsets into the stored article text). */
export function citationOf(r: BriefReport, i: number): Citation {
  const s = r.analysis.sentences[i] as { start: number; end: number };
  return {
    articleId: r.articleId,
    start: r.offset + s.start,
    end: r.offset + s.end,
    text: r.text.slice(s.start, s.end),
  };
}

/** A dateline that opens a report ("GDAŃSK (Agency) —", "LISBON, May 3 -"). */
const DATELINE = /^[\p{Lu}][\p{Lu}\p{M}\s.'’-]{1,40}(?:,[^—–]{1,30})?(?:\s*\([^)]{1,60}\))?\s*[—–-]{1,2}\s+/u;
const LABEL = /^(?:update|updated|breaking|exclusive|analysis|opinion|watch|live)\s*[:—–-]\s*/i;
const CONNECTIVE =
  /^(?:but|and|however|meanwhile|also|still|yet|so|in addition|moreover|separately)\s*,?\s+/i;
const TRAILING_SAID =
  /,\s+(?:(?:the|a|an|its|his|her|their|[\p{Lu}][\p{L}’'.-]*|[\p{Ll}]+)\s+){0,5}(?:said|says|told (?:reporters|journalists|the press)|reported|added|confirmed|announced)(?:\s+on\s+\p{Lu}\p{Ll}+day)?\s*\.$/u;

/**
 * The report's i-th sentence, compressed, as a briefing sentence citing it (and the sentence naming
 * the person an opening pronoun stands for), or null when it is a fragment or ungrounded.
 */
export function compressSentence(
  r: BriefReport,
  i: number,
  opts: { attributed?: boolean } = {},
): GroundedSentence | null {
  const s = r.analysis.sentences[i];
  if (!s) return null;
  const cited = [citationOf(r, i)];
  let text = cited[0]?.text.replace(/\s+/g, ' ').trim() ?? '';
  text = text.replace(DATELINE, '').replace(LABEL, '');
  const hasQuote = /["“”«»]/.test(text) || r.analysis.quotes.some((q) => q.start < s.end && q.end > s.start);
  // Attribution of a quote stays; attribution of a plain statement is clutter the source line carries.
  if (!hasQuote && TRAILING_SAID.test(text)) {
    const trimmed = text.replace(TRAILING_SAID, '.');
    if (words(trimmed) >= MIN_WORDS) text = trimmed;
  }
  text = capitalise(text.replace(CONNECTIVE, ''));
  const pronoun = /^(He|She)\b/.exec(text);
  if (pronoun) {
    // A name goes where the report has "He" only when one person can be meant; else the sentence stays out.
    const named = antecedent(r, i, pronoun[0].toLowerCase() as 'he' | 'she');
    if (named.kind !== 'resolved') return null;
    text = named.name + text.slice(pronoun[0].length);
    cited.unshift(...named.antecedents);
  } else if (/^(It|They|This|These|That|Those|Such)\b/.test(text)) {
    return null; // a sentence that leans on the one before it does not stand alone in a briefing
  }
  // Attributed to its outlet ("X reports: …"), the outlet's own voice reads right.
  if (opts.attributed ? !balancedQuotes(text) : !standsAlone(text)) return null;
  const n = words(text);
  if (n < MIN_WORDS || n > MAX_WORDS || !/[.!?]["”’)]*$/.test(text)) return null;
  const sentence = { text, citations: cited };
  return groundingProblems(sentence.text, sentence.citations).length ? verbatim(r, i) : sentence;
}

/** The sentence as the report has it, spaces tidied: the fallback when compression goes wrong. */
function verbatim(r: BriefReport, i: number): GroundedSentence | null {
  const c = citationOf(r, i);
  const text = c.text.replace(/\s+/g, ' ').trim();
  if (words(text) < MIN_WORDS || /^(He|She|It|They|This)\b/.test(text)) return null;
  return groundingProblems(text, [c]).length ? null : { text, citations: [c] };
}

/** How many sentences before a pronoun's the writer looks for the person it stands for. */
const ANTECEDENT_WINDOW = 2;

/** What an opening "he"/"she" stands for: one person, named as the report names them, or nobody the writer may name. */
export type PronounReading =
  | { kind: 'resolved'; name: string; antecedents: Citation[] }
  | { kind: 'unresolved'; reason: 'no-person' | 'several-people' | 'unnamed' };

/**
 * The person a "he"/"she" opening sentence i stands for: resolved only when the ANTECEDENT_WINDOW
 * sentences before it mention exactly one person who may be of the pronoun's kind (a man for "he", a
 * woman for "she", or a person whose name does not tell). Two men named before "He" — the subject of
 * one sentence and the object of another — leave the pronoun unresolved: naming one of them could
 * name the wrong person; so does a person mentioned without a name ("the prosecutor"), who may be the
 * one meant. A name the tagger also reads as a place or an organisation elsewhere in the report
 * ("South Sudan") counts as a person here but is never the one named. The antecedent citations list
 * every person the window mentions, so the grounding checker can see the same.
 */
export function antecedent(r: BriefReport, i: number, pronoun: 'he' | 'she'): PronounReading {
  const other = pronoun === 'he' ? 'woman' : 'man';
  const antecedents: Citation[] = [];
  const candidates = new Map<string, { name: string; nameable: boolean }>();
  const notPeople = new Set(
    r.analysis.entities.filter((e) => e.type !== 'PERSON').map((e) => r.text.slice(e.start, e.end)),
  );
  for (let j = Math.max(0, i - ANTECEDENT_WINDOW); j < i; j++) {
    const s = r.analysis.sentences[j] as { start: number; end: number };
    const people = r.analysis.entities.filter(
      (e) => e.type === 'PERSON' && e.start >= s.start && e.end <= s.end,
    );
    const named: NamedPerson[] = people.map((e) => ({
      name: r.text.slice(e.start, e.end),
      kind: personKind(r, e),
    }));
    people.forEach((e, k) => {
      const name = named[k]?.name ?? '';
      if (named[k]?.kind !== other) candidates.set(e.entityId, { name, nameable: !notPeople.has(name) });
    });
    unnamedPeople(r.text.slice(s.start, s.end)).forEach((p, k) => {
      named.push(p);
      if (p.kind !== other) candidates.set(`unnamed:${j}:${k}`, { name: p.name, nameable: false });
    });
    antecedents.push({ ...citationOf(r, j), antecedent: { pronoun, people: named } });
  }
  const [only] = candidates.values();
  if (!only) return { kind: 'unresolved', reason: 'no-person' };
  if (candidates.size > 1) return { kind: 'unresolved', reason: 'several-people' };
  if (!only.nameable) return { kind: 'unresolved', reason: 'unnamed' };
  return { kind: 'resolved', name: only.name, antecedents };
}

/** A man, a woman, or unknown: by a title before the name ("Mr", "Mrs."), else by the first name of a full name. */
function personKind(
  r: BriefReport,
  e: { start: number; canonical: string; text: string },
): NamedPerson['kind'] {
  const before = /([\p{L}]+)\.?\s+$/u.exec(r.text.slice(Math.max(0, e.start - 12), e.start))?.[1];
  const byTitle = before ? titleKind(before) : 'unknown';
  if (byTitle !== 'unknown') return byTitle;
  // A surname alone ("Witkoff") says nothing; the first word of a full name may.
  const full = [e.canonical, e.text].find((n) => /\s/.test(n.trim()));
  return full ? nameKind(full.trim().split(/\s+/)[0] as string) : 'unknown';
}

/** The outlet's own voice ("I would bet", "this newspaper") and a quote cut by the sentence splitter read wrong in a briefing. */
function standsAlone(text: string): boolean {
  const outside = text.replace(/"[^"]*"|“[^”]*”/g, ' ');
  // A quote whose speaker the sentence does not name ("“…,” he said" aside) is nobody's words here.
  if (
    outside
      .trim()
      .split(/\s+/)
      .filter((w) => /\p{L}/u.test(w)).length < 3
  )
    return false;
  if (
    /\b(I|we|We|our|Our|my|My|me|us)\b/.test(outside) ||
    /\bthis (newspaper|paper|website|site|column|blog|programme)\b/i.test(outside)
  )
    return false;
  return balancedQuotes(text);
}

/** Whether every quote the sentence opens it also closes. */
export function balancedQuotes(text: string): boolean {
  return (
    (text.match(/"/g) ?? []).length % 2 === 0 &&
    (text.match(/“/g) ?? []).length === (text.match(/”/g) ?? []).length
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * The sentences of one briefing: each added one is checked against the sentences it cites and
 * against every sentence already in the briefing (MAX_OVERLAP).
 */
export class BriefingText {
  private readonly chosen: string[] = [];

  /** Whether the sentence would repeat one already in the briefing. */
  repeats(text: string): boolean {
    return this.chosen.some((c) => wordOverlap(c, text) > MAX_OVERLAP);
  }

  /** Adds the sentence when grounded (outlet names allowed) and new; returns whether it was added. */
  take(s: GroundedSentence | null, allowed: string[] = []): s is GroundedSentence {
    if (!s || this.repeats(s.text) || groundingProblems(s.text, s.citations, allowed).length) return false;
    // A question, a heading, a list item or the page speaking to its reader is not something a report states.
    if (s.citations.some((c) => notAStatement(c.text) !== null)) return false;
    this.chosen.push(s.text);
    return true;
  }

  /** The first of the candidates that can be taken, or null. */
  first(candidates: Iterable<GroundedSentence | null>, allowed: string[] = []): GroundedSentence | null {
    for (const c of candidates) if (this.take(c, allowed)) return c;
    return null;
  }
}

/** The report's sentences in order, compressed (lazily: a writer usually needs the first few). */
export function* sentencesOf(
  r: BriefReport,
  from = 0,
  to = Infinity,
  opts: { attributed?: boolean } = {},
): Generator<GroundedSentence | null> {
  const end = Math.min(to, r.analysis.sentences.length);
  for (let i = from; i < end; i++) yield compressSentence(r, i, opts);
}

/** The index of the report sentence a character offset (into its text) falls in, or -1. */
export function sentenceAt(r: BriefReport, at: number): number {
  return r.analysis.sentences.findIndex((s) => at >= s.start && at < s.end);
}
