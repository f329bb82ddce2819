/**
 * The figures of a report that speak for its event:
 *   1. every figure of its lead, where its headline figures are (counts of any kind);
 *   2. figures further down that count what happened to people (deaths, injured, arrests,
 *      displaced, missing) — a toll is often given in the third paragraph;
 * leaving out rates ("6,000 people a day") and figures from sentences about earlier events
 * (a date a week or more before publication, or words that recall another event: "last year",
 * "the worst since", "a similar crash").
 */
import type { Analysis, NumberMention } from '../../domain/analysis.ts';

/** A figure that is a rate ("6,000 people a day") describes the setting, not the event. */
const RATE_CUES = /\b(a|per|each|every) (day|week|month|year)\b|\bdaily\b|\bannually\b|\bon average\b/i;

/** A sentence dated this many days before publication recalls an earlier event (background). */
const BACKGROUND_DAYS = 7;

/**
 * Words of a sentence about another or earlier event, or about a running total: its figures are
 * not this event's count. Written from how news recalls the past, not from any corpus.
 */
const BACKGROUND_CUES =
  /\b(?:last|previous|past) (?:year|month|week|decade|summer|winter|spring|autumn|fall)\b|\b(?:a|the) (?:year|decade|month)s? (?:ago|before|earlier)\b|\b(?:years|months|decades) ago\b|\bearlier this (?:year|month)\b|\b(?:in|from|between|during|until|by) (?:19|20)\d\d\b|\b(?:19|20)\d\d ?[-–] ?(?:19|20)?\d\d\b|\b(?:since|worst|deadliest|largest|biggest) (?:since|in|of|on record)\b|\bsince (?:the (?:start|beginning)|january|february|march|april|may|june|july|august|september|october|november|december|records began|(?:19|20)\d\d)\b|\b(?:so far |earlier )?this (?:year|month)\b|\bin recent (?:weeks|months|years)\b|\bbring(?:s|ing) the (?:total|number)\b|\b(?:a|another) (?:similar|separate|previous|earlier)\b|\bin a separate\b|\bprevious(?:ly)?\b|\bin total\b|\bcumulative\b/i;

/** "23 people were arrested" counts arrests, not participants. */
const PEOPLE = /^(people|persons?|protesters?|demonstrators?|men|women)$/;
const ARRESTED = /^[\w\s]{0,20}?\b(?:were|had been|have been|was)\s+(?:arrested|detained)\b/i;

export interface FiguresInput {
  text: string;
  publishedAt: string | null;
  analysis: Pick<Analysis, 'sentences' | 'times' | 'numbers'>;
}

/** Returns the figures of a report that speak for its event: the lead's, and counts of people further down. */
export function reportFigures(r: FiguresInput, leadEnd: number): NumberMention[] {
  const background = backgroundSentences(r, leadEnd);
  return r.analysis.numbers
    .filter((n) => n.start < leadEnd || n.counts)
    .filter((n) => !background.some((s) => n.start >= s.start && n.end <= s.end))
    .map((n) =>
      !n.counts && n.unit && PEOPLE.test(n.unit) && ARRESTED.test(r.text.slice(n.end, n.end + 60))
        ? { ...n, unit: 'arrested' }
        : n,
    );
}

/**
 * Sentences whose figures are not the event's: rates, sentences dated a week or more before
 * publication, and — past the lead, or for counts of people anywhere — sentences that recall
 * another event. (A lead's other figures keep today's reading: dates and rates only.)
 */
function backgroundSentences(r: FiguresInput, leadEnd: number) {
  const pub = r.publishedAt ? Date.parse(r.publishedAt) : NaN;
  return r.analysis.sentences.filter((s) => {
    const text = r.text.slice(s.start, s.end);
    const dated = r.analysis.times.some(
      (t) =>
        t.start >= s.start &&
        t.end <= s.end &&
        !Number.isNaN(pub) &&
        pub - Date.parse(t.value.end) > BACKGROUND_DAYS * 86_400_000,
    );
    const recalls =
      BACKGROUND_CUES.test(text) &&
      (s.start >= leadEnd ||
        r.analysis.numbers.some((n) => n.counts && n.start >= s.start && n.end <= s.end));
    return dated || recalls || RATE_CUES.test(text);
  });
}
