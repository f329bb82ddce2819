/**
 * What kind of line a sentence of a page is: a statement the page makes, or something that only looks
 * like text — a heading, a question, a list item, the page speaking to its reader, or the page
 * describing its own interface. Aggregator pages, briefings, live blogs, Q&A lists and event-tracker
 * cards are full of the latter; none of them may become an event's title or be stated as a fact.
 */

export type NotAStatement = 'heading' | 'question' | 'list-item' | 'reader-address' | 'interface' | 'url';

/** A heading is a short line that does not end as a sentence does (news headings run to about ten words). */
const MAX_HEADING_WORDS = 10;

/** Quoted words are someone's: a question or a "you" inside quotation marks does not make the line one. */
const QUOTED = /"[^"]*"|“[^”]*”|«[^»]*»|‘[^’]*’(?=\W|$)/g;

/** An address standing as a line, also as tokenised corpora write it ("http: / / www. example. com / …"). */
const URL_LINE = /^(?:https?\s*:\s*\/\s*\/|www\s*\.\s*\S)/i;

/** A list item as scraped: a bullet or a dash opening the line. */
const LIST_ITEM = /^\s*[-–—•·*▪►]\s+/u;

/** The second person: the page addressing its reader ("If you've seen…", "your account"). */
const SECOND_PERSON = /\b(you|your|yours|you've|you're|you'll|you’ve|you’re|you’ll)\b/i;

/**
 * The page describing its own rating or review process rather than the news: "this assessment",
 * "our confidence ratings", "reviewed by an editor", "this event is rated likely". Written from the
 * wording of event trackers and rating sites in general; a report quoting such words keeps them in quotes.
 */
const SELF_DESCRIPTION = [
  /\b(?:strengthen|raise|elevate|lower|improve|upgrade|downgrade)\w*\s+(?:this|our|its) (?:assessment|rating|confidence)\b/i,
  /\bour (?:confidence )?(?:ratings?|assessments?|methodology)\b/i,
  /\b(?:reviewed|approved|checked) by (?:an|our) editors?\b/i,
  /\b(?:this|the) (?:event|story|claim|report) is (?:rated|marked|labell?ed)\b/i,
  /\bsubmit (?:it|a source|another source|a tip|your \w+)\b.{0,40}\b(?:review|editors?|editorial)\b/i,
];

/** Whether a passage (a sentence or a paragraph) describes the page's own rating or review process. */
export function describesItsOwnRating(text: string): boolean {
  const outside = text.replace(QUOTED, ' ');
  return SELF_DESCRIPTION.some((re) => re.test(outside));
}

/** Returns why a sentence is not a statement of the page's own, or null when it is one. */
export function notAStatement(sentence: string): NotAStatement | null {
  const s = sentence.replace(/\s+/g, ' ').trim();
  if (!s) return 'heading';
  if (URL_LINE.test(s)) return 'url';
  if (LIST_ITEM.test(s)) return 'list-item';
  const outside = s.replace(QUOTED, ' ').trim();
  if (/\?\s*$/.test(outside)) return 'question';
  if (isHeadingLine(s)) return 'heading';
  if (SECOND_PERSON.test(outside)) return 'reader-address';
  if (describesItsOwnRating(outside)) return 'interface';
  return null;
}

/** Whether a line reads as a heading: at most ten words, not ending as a sentence does. */
export function isHeadingLine(line: string): boolean {
  const s = line.trim();
  return s.split(/\s+/).length <= MAX_HEADING_WORDS && !/[.!?;:,"”’»)]$/.test(s);
}
