/**
 * Plain-text cleanup, line by line: page chrome out, syndication lines into metadata,
 * bylines, datelines and embedded social posts set apart from the outlet's own words.
 * Used for plain-text input and, after block extraction, for HTML too.
 */
import type { EmbeddedBlock, FieldEvidence, SyndicationLine } from '../../domain/article.ts';
import { describesItsOwnRating } from '../../lib/sentence-kind.ts';

/**
 * Lines that are page furniture, not reporting. Each was seen in scraped news text
 * (see ../shared/seeds): navigation skips, paywall and log-in prompts, share prompts,
 * ad markers, calls to action and "read more" teasers.
 */
const CHROME_LINES: readonly RegExp[] = [
  /^skip to (the )?(main )?(content|navigation)\b/i,
  /^already a (subscriber|member)\b/i,
  /^(make sure to )?log ?in(to your account)?\b.*\b(subscriber|account|content)\b/i,
  /^(subscribe|sign up|sign in|log ?in|register)( now| today| here| for free)?[.!:]?$/i,
  /^(subscribe|sign up) (now |today )?(to|for) (our|the) (newsletter|daily|briefing|updates)\b/i,
  /^share (this|on)\b.{0,40}$/i,
  /^(share|tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin)( \| (share|tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin|x))*$/i,
  /^advertisement$/i,
  /^(sponsored|promoted)( content)?$/i,
  /^read (more|next|also)\b.{0,120}$/i,
  /^(related|recommended|more from)( stories| articles| coverage)?:?$/i,
  /^(click|tap) here\b/i,
  /^we use cookies\b/i,
  /^(accept|reject) (all )?cookies$/i,
  /^follow us on\b/i,
  /^(still unable to see the content|you can access your account)\b/i,
  /^(support|donate to) (our|independent) journalism\b.{0,80}$/i,
  /^(listen to|watch) (this|the) (article|story|video)\b.{0,40}$/i,
  /^https?:\/\/\S+$/i,
  /^(see more|also on|more|watch|related|listen|more on this|read also|recommended)\s*:/i,
  /^also on\s+\S+\.\w{2,}\b/i,
  /^like this (story|article|post)\?/i,
  /^\[\w+[^\]]*\].*\[\/\w+\]$/,
  /\b(requires|enable) javascript\b/i,
  /^(?=.{0,250}$).*\b(sign up|subscribe)\b.*\b(newsletter|inbox)\b/i,
  /^tags?\s*:/i,
  /^tags?\s+[^.!?]{0,400}$/i,
  /^(?=.{0,250}$).*\b(tags?|categor(y|ies|ia|ie)|publicado por|posted by|published by|filed under)\s*:/i,
  /^(updated|last updated|published|posted)( at| on)?\s*:?\s*[\d\p{L} ,.:/-]{0,40}$/iu,
];

/** Headings that introduce other stories' headlines. */
const TEASER_HEADING =
  /^(you (may|might) (also )?like|more from|related (stories|articles|coverage|content|news)?|recommended( for you)?|read (more|next)|most (read|popular|viewed|shared)|trending( now)?|more stories|more news|top stories|popular (now|stories)|what to read next|don'?t miss)\b[\s.:!…]*$/i;

/** A line that reads like a headline, not prose: short, and not ending as a sentence does. */
function isHeadlineLike(line: string): boolean {
  return line.length <= 140 && !/[.!?"”’]$/.test(line);
}

/** A promotional headline in capitals ("GET THE APP BY CLICKING HERE"): three or more words, no lower case. */
const SHOUTED_LINE = /^(?=(?:\S+\s+){2,})[^\p{Ll}]{8,140}$/u;

/** A line of nothing but social-network and share-button names ("Facebook Twitter Google+ Whatsapp"). */
const SHARE_BUTTONS =
  /^(?:(?:share|tweet|email|e-mail|print|copy link|whatsapp|facebook|twitter|google\+|linkedin|pinterest|reddit|telegram|messenger|x|flipboard|comments?)\s*[|·•,]?\s*){2,}$/i;

/** A photo credit or caption line left in the text ("Photo: Ana Reis, AP"). */
const CREDIT_LINE = /^(?:photo|photograph|image|picture|credit|foto|source)s?\s*:\s*.{2,120}$/i;
/** A caption that ends with its picture's credit ("Crews clear the road on Monday. Photo: Ana Reis, AP"). */
const CAPTION_WITH_CREDIT =
  /^.{10,300}[.!]\s+(?:photo|photograph|image|picture|credit|foto|fuente|quelle|source)s?\s*:\s*[^.:]{2,80}\.?$/i;
/** Paragraphs longer than this are reporting even when they mention a rating (a page's own notes are short). */
const MAX_INTERFACE_PARAGRAPH = 400;

/** A short all-capitals call to action ("JOIN THE MOVEMENT"): no sentence punctuation, 1–5 words. */
const SHOUTED_CTA = /^[A-Z][A-Z'’&!]*(?: [A-Z][A-Z'’&!]*){0,4}!?$/;

/** A bare image-id line left by scrapers: long digit runs and hex ids ("54458872633 42d61d7ebe c"). */
const IMAGE_ID_LINE = /^\d{6,}(?:[ _-][0-9a-f]{6,})*(?: [a-z])?$/i;

/** "The post TITLE appeared first on OUTLET." */
const APPEARED_FIRST = /^the post (.+?) appeared first on (.+?)\.?$/i;
/** "Authored by NAME via OUTLET," — the reprint credit used by aggregators; OUTLET may be a domain ("Example.com"). */
const AUTHORED_VIA =
  /^(?:date (\d{4}-\d{2}-\d{2}) )?authored by (.+?) via ((?:[\p{L}\d-]+\.)+\p{L}{2,}|[^,.]+)[,.]?\s*(.*)$/iu;
/** "This article originally appeared in/on OUTLET." / "was first published by" / "Originally published by OUTLET." */
const ORIGINALLY =
  /^(?:this (?:article|story|piece|report) (?:was )?)?(?:originally|first) (?:appeared|published|ran)(?: (?:on|in|at|by))? (.{2,80}?)\.?$/i;
/**
 * "Reuters contributed reporting." / "The Associated Press contributed to this report." / "Additional
 * reporting by Reuters." / "Reporting by Example Wire; Editing by A. Name." (a name that is no known
 * outlet is dropped by provenance: these lines credit people as often as agencies).
 */
const CONTRIBUTED =
  /^(?:(.{2,60}?) contributed (?:reporting|to this (?:report|story|article))|(?:additional )?reporting by (.{2,60}?))(?:[;,] (?:writing|editing|additional reporting) by .{2,120}?)?\.?$/i;
/**
 * A list of who did what, often in brackets at a wire story's end: "(Reporting by Ana Reis in Porto;
 * Additional reporting by Northern Wire; Editing by Tom Vale)". Each "reporting by" part names people
 * or outlets (provenance keeps only known outlets).
 */
const REPORTING_LIST = /^\(?\s*((?:additional )?reporting by .{2,240}?)\s*\)?\.?$/i;
const REPORTING_PART = /^(?:additional )?reporting by (.+?)(?: in \p{Lu}[\p{L} .,'’-]*)?$/iu;
/**
 * An agency's name over its date, as pages that carry its copy print it: "Meridian, Tuesday 2 Jul 2013",
 * "Meridian Press Sep 18, 2013, 02.16PM IST". Only a known outlet so named is a credit (provenance).
 */
const AGENCY_DATE_LINE =
  /^(\p{Lu}[\p{L}&'’-]*(?: \p{Lu}[\p{L}&'’-]*){0,3}),? (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?:\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{L}*\.?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{L}*\.? \d{1,2},?) \d{4}(?:,? \d{1,2}[.:] ?\d{2} ?(?:[AP]M)?(?: [A-Z]{2,4})?)?$/u;
/**
 * "© 2026 Meridian Press. All rights reserved.", "(c) 2008 The Meridian Press", "Copyright (c) 2009
 * Meridian Press.", "© Meridian Press 2013 All rights reserved" — the copy belongs to the outlet named.
 */
const COPYRIGHT_LINE =
  /^(?:©|\(c\)|copyright)\s*(?:©\s*|\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?(?:the\s+)?(\p{Lu}[^.,;:©]{1,50}?)(?:,?\s+\d{4})?(?:[.,]|\s+all rights reserved\b|$)/iu;
/**
 * A writer's line naming the outlet they write for: "Meridian Press Writer", "Meridian Press Business
 * Writer", "Meridian Press Correspondent", "Meridian Press Staff" (alone, or after a byline's name).
 */
const WRITER_LINE =
  /^(?![Bb]y\s)(?:the\s+)?(\p{Lu}[\p{L}.&'’-]*(?: \p{Lu}[\p{L}.&'’-]*){0,4}?)(?: (?:Staff|Business|Sports|Medical|Science|Political|Special|National|Diplomatic|Economics|Entertainment|Religion|Legal|Technology|Health|Travel|Auto|Energy|Aviation|Food|Education|Environment|Military|Foreign|Chief|Senior|Associate|Contributing))? (?:Writer|Correspondent|Staff)s?$/u;
/** A line crediting the source alone: "Via Reuters", "via: The Daily Sample". */
const VIA_LINE = /^via:?\s+(\p{Lu}.{1,60}?)\.?$/iu;
/** "From Meridian Press", "Posted by Meridian Press" over the text: a known outlet only (it may be a heading). */
const FROM_LINE = /^(?:[Ff]rom|[Pp]osted by):?\s+(?:the\s+)?(\p{Lu}[\p{L}&.'’ -]{1,50}?)\.?$/u;
/** A name as credits give it: capitalised words, joined by "of", "and", "the", "for", "&" ("Meridian Press Agency"). */
const CREDIT_NAME =
  "\\p{Lu}[\\p{L}\\p{N}&.'’-]*(?: (?:of|and|the|for|de|&|\\p{Lu}[\\p{L}\\p{N}&.'’-]*)){0,7}";
/** A closing credit line: "— Meridian Press Agency" or "(Meridian Press Agency)"; not a list item ("- Whether the …"). */
const CLOSING_CREDIT = new RegExp(`^(?:[—–-]{1,2}\\s*(${CREDIT_NAME})|\\((${CREDIT_NAME})\\))$`, 'u');
/**
 * Opening wire credit with optional dateline: "LISBON (Meridian Press Agency) — text", "LISBON, March 3
 * (Agency) —", "(Reuters) - text"; some agencies close it with a colon ("PORTO, Nov 10 (HPA): text") and
 * old wire copy with an underscore ("PORTO (HPA) _ text").
 */
const WIRE_CREDIT =
  /^((?:\p{Lu}[\p{Lu}'’. -]+?)(?:, \p{Lu}[\p{L}. ]+?)?)?(?:, (?:\p{Lu}\p{Ll}{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2} \p{Lu}\p{Ll}{2,8}\.?(?: \d{4})?))?\s*\(([^()]{2,60})\)\s*(?:[—–-]{1,2}|_|:)\s+/u;
/** The agency between slashes, as some agencies write it: "PORTO, March 3 /HPA/ --". */
const SLASH_WIRE_CREDIT =
  /^(?:\p{Lu}[\p{Lu}'’. -]+?(?:, \p{Lu}[\p{L}. ]+?)?)?(?:, \p{Lu}\p{Ll}{2,8}\.? \d{1,2}(?:, \d{4})?)?\s*\/(\p{Lu}[^/]{1,40})\/\s*(?:[—–-]{1,2}|:)\s+/u;
/** An agency's name opening the text before a dash: "HPA — text", "Harbour Press - text" (a known outlet only). */
const NAME_DASH_CREDIT = /^(\p{Lu}[\p{L}&.'’]*(?: \p{Lu}[\p{L}&.'’]*)?)\s(?:[—–]|--?)\s+/u;
/** A wire credit after a title-case place and date: "Lakeport, Nov 18 (HPA) —", "Port Vale, Ruritania (HPA) -". */
const TITLE_CASE_WIRE_CREDIT =
  /^\p{Lu}\p{Ll}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,2}(?:, \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,2})?(?:,? \p{Lu}\p{Ll}{2,8}\.? \d{1,2})?\s*\(([^()]{2,40})\)\s*(?:[—–-]{1,2}|:)\s+/u;
/** A dateline alone: "GDAŃSK, Poland —" or "PORTO —" at a paragraph start. */
const DATELINE =
  /^(\p{Lu}[\p{Lu}'’. -]{2,40}?)(?:, (\p{Lu}[\p{L}. ]{2,30}?))?(?: \((\p{Lu}\p{Ll}{2,8}\.? \d{1,2}(?:, \d{4})?)\))?\s*(?:[—–]|--)\s+/u;
/**
 * Page furniture run into the first line before its dateline ("Text Size WASHINGTON (Aug. 13) -- …"):
 * one to three capitalised words, then a place in capitals opening a dateline or a wire credit.
 */
const FURNITURE_BEFORE_DATELINE = /^(?:\p{Lu}\p{Ll}+ ){1,3}(?=\p{Lu}{3,}[\p{Lu}'’. -]*(?:,|\(|—|–|--))/u;
/** A byline line: "By Jane Doe" / "By Jane Doe and John Roe, Staff Reporter". */
const BYLINE =
  /^by ([A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,3}(?:(?:,| and) [A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,3})*)(?:,? [\p{L} ]{0,40})?$/iu;
/** An embedded social post as scraped: a link to a picture or a handle with a date. */
const SOCIAL_POST =
  /(pic\.twitter\.com\/|\(@\w{1,30}\) [A-Z][a-z]+ \d{1,2}, \d{4}$|^— .{1,60} \(@\w{1,30}\))/;

export interface CleanedText {
  text: string;
  syndication: SyndicationLine[];
  embedded: EmbeddedBlock[];
  authors: string[];
  evidence: FieldEvidence[];
}

/** Returns the text with chrome removed and syndication, bylines, datelines and social posts set apart. */
export function cleanTextLines(text: string): CleanedText {
  const out: CleanedText = { text: '', syndication: [], embedded: [], authors: [], evidence: [] };
  const kept: string[] = [];
  let bodyStarted = false;
  let inTeaserList = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) {
      kept.push('');
      continue;
    }
    // A "You may also like" heading opens a list of other stories' headlines: drop it and them.
    if (TEASER_HEADING.test(line)) {
      inTeaserList = true;
      continue;
    }
    if (inTeaserList && isHeadlineLike(line)) continue;
    inTeaserList = false;
    const rest = classifyLine(line, out, !bodyStarted);
    if (rest !== null) {
      kept.push(rest);
      bodyStarted = true;
    }
  }
  out.text = dropRepeatedParagraphs(kept.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return out;
}

/** Sorts one line: returns the text to keep (possibly shortened), or null when it was chrome or metadata. */
function classifyLine(line: string, out: CleanedText, beforeBody: boolean): string | null {
  if (CHROME_LINES.some((re) => re.test(line)) || IMAGE_ID_LINE.test(line) || SHARE_BUTTONS.test(line))
    return null;
  // The page describing its own rating or review ("Additional sources would strengthen this assessment").
  if (line.length <= MAX_INTERFACE_PARAGRAPH && describesItsOwnRating(line)) return null;
  if ((CREDIT_LINE.test(line) && line.length < 140) || CAPTION_WITH_CREDIT.test(line)) {
    out.embedded.push({ kind: 'caption', text: line });
    return null;
  }
  if (SHOUTED_CTA.test(line) && !/\d/.test(line) && line.length < 40) return null;
  if (SHOUTED_LINE.test(line) && /\p{Lu}{2}/u.test(line) && !WIRE_CREDIT.test(line) && !DATELINE.test(line))
    return null;
  let m = APPEARED_FIRST.exec(line);
  if (m) return syndication(out, 'appeared-first', m[2] as string, line);
  m = ORIGINALLY.exec(line);
  if (m) return syndication(out, 'originally-appeared', m[1] as string, line);
  m = CONTRIBUTED.exec(line);
  if (m?.[1] && line.length < 120) return syndication(out, 'contributed', m[1], line);
  m = REPORTING_LIST.exec(line);
  if (m && line.length < 260) return reportingList(out, m[1] as string, line);
  m = VIA_LINE.exec(line);
  if (m) return syndication(out, 'via', m[1] as string, line);
  m = FROM_LINE.exec(line);
  if (m && beforeBody) return syndication(out, 'contributed', m[1] as string, line);
  // These lines stay in the text: a date line may be the page's only date ("Updated Saturday, Dec 5,
  // 2009"), read by the date cascade, and a copyright line is part of the body extraction measures.
  m = COPYRIGHT_LINE.exec(line) ?? AGENCY_DATE_LINE.exec(line);
  if (m) {
    out.syndication.push({ kind: 'contributed', source: (m[1] as string).trim(), line });
    return line;
  }
  // "Meridian Press Writer" under a byline: furniture that names the outlet the writer works for.
  m = WRITER_LINE.exec(line);
  if (m && beforeBody) return syndication(out, 'contributed', m[1] as string, line);
  m = AUTHORED_VIA.exec(line);
  if (m) {
    if (m[1]) out.evidence.push({ field: 'publishedAt', source: 'text:date-line', value: m[1] });
    out.authors.push((m[2] as string).trim());
    syndication(out, 'authored-via', m[3] as string, line);
    return m[4] ? m[4] : null;
  }
  m = CLOSING_CREDIT.exec(line);
  if (m && !beforeBody) return syndication(out, 'credit', (m[1] ?? m[2]) as string, line);
  m = BYLINE.exec(line);
  if (m && line.length < 100) {
    // "By ANA REIS, Meridian Press Writer": the byline names the outlet too.
    const writer = WRITER_LINE.exec(line.slice(line.indexOf(',') + 1).trim());
    if (line.includes(',') && writer)
      out.syndication.push({ kind: 'contributed', source: (writer[1] as string).trim(), line });
    out.authors.push(
      ...(m[1] as string)
        .split(/,| and /)
        .map((s) => s.trim())
        .filter(Boolean),
    );
    out.embedded.push({ kind: 'byline', text: line });
    return null;
  }
  if (SOCIAL_POST.test(line)) {
    out.embedded.push({ kind: 'social-post', text: line });
    return null;
  }
  if (beforeBody) return stripOpeningCredit(line, out);
  return line;
}

/** Removes a wire credit and dateline (and furniture run in before them) from the first body line. */
function stripOpeningCredit(line: string, out: CleanedText): string {
  const lead = FURNITURE_BEFORE_DATELINE.exec(line)?.[0];
  if (lead) {
    const rest = stripCreditOrDateline(line.slice(lead.length), out);
    return rest === line.slice(lead.length) ? line : rest;
  }
  return stripCreditOrDateline(line, out);
}

/** Removes an opening wire credit or dateline, keeping what follows; the line as it was when it has neither. */
function stripCreditOrDateline(line: string, out: CleanedText): string {
  const slash = SLASH_WIRE_CREDIT.exec(line);
  if (slash) {
    out.syndication.push({ kind: 'contributed', source: (slash[1] as string).trim(), line: slash[0].trim() });
    return line.slice(slash[0].length);
  }
  // "HPA — text": the text stays as it is (an opening name and a dash may be something else).
  const named = NAME_DASH_CREDIT.exec(line);
  if (named) out.syndication.push({ kind: 'contributed', source: named[1] as string, line: named[0].trim() });
  const w = WIRE_CREDIT.exec(line);
  if (w && looksLikeOutletName(w[2] as string)) {
    if (w[1]) out.embedded.push({ kind: 'dateline', text: w[1].trim() });
    // Lower-case initials ("(hpa)") could be an aside: they credit a known outlet only.
    const source = (w[2] as string).trim();
    const kind = /^\p{Ll}/u.test(source) ? 'contributed' : 'wire-credit';
    out.syndication.push({ kind, source, line: w[0].trim() });
    return line.slice(w[0].length);
  }
  // "Lakeport, Nov 18 (HPA) —": agencies that write the place in title case. Such a line may also be a
  // sentence with an aside in brackets, so it credits a known outlet only, and the text stays as it is.
  const t = TITLE_CASE_WIRE_CREDIT.exec(line);
  if (t) out.syndication.push({ kind: 'contributed', source: (t[1] as string).trim(), line: t[0].trim() });
  const d = DATELINE.exec(line);
  if (d) {
    // The place alone: a date written into the dateline is not part of where it was filed.
    out.embedded.push({ kind: 'dateline', text: [d[1], d[2]].filter(Boolean).join(', ').trim() });
    return line.slice(d[0].length);
  }
  return line;
}

/** An outlet name in a credit is capitalised words, not a sentence fragment. */
function looksLikeOutletName(s: string): boolean {
  // Agencies that write their initials in lower case ("BERLIN (xyz) -") count too.
  return /^(?:[A-Z][\w&.'’/-]*(?: [A-Z&][\w&.'’/-]*| of| the| and| for){0,6}|[a-z]{2,4})$/.test(s.trim());
}

/** Each name a "reporting by" list gives, as a contributed credit. */
function reportingList(out: CleanedText, list: string, line: string): null {
  for (const part of list.split(/\s*;\s*/)) {
    const names = REPORTING_PART.exec(part)?.[1];
    if (!names) continue;
    for (const name of names.split(/,\s*(?:and\s+)?|\s+and\s+/)) syndication(out, 'contributed', name, line);
  }
  return null;
}

function syndication(out: CleanedText, kind: SyndicationLine['kind'], source: string, line: string): null {
  out.syndication.push({ kind, source: source.trim(), line });
  return null;
}

/** Paragraphs at least this long that occur again are repeats (slideshow captions), not reporting. */
const MIN_REPEATED_PARAGRAPH = 30;

/** Returns the text with later verbatim repeats of a paragraph removed. */
function dropRepeatedParagraphs(text: string): string {
  const seen = new Set<string>();
  return text
    .split('\n')
    .filter((line) => {
      if (line.length < MIN_REPEATED_PARAGRAPH) return true;
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    })
    .join('\n');
}
