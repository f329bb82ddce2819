/**
 * An event's title: the founding report's whole headline, else its first sentence that states something,
 * cut at a clause boundary or a word — never a URL, a time stamp, a section heading or a fragment of a word.
 */
import type { ArticleRecord } from '../../domain/article.ts';
import { englishWords } from '../../lib/lexicons.ts';
import { notAStatement } from '../../lib/sentence-kind.ts';

/** Longest event title taken from a report's sentence; a longer one is cut at a word and marked "…". */
const MAX_TITLE_CHARS = 120;

/**
 * An event's title from its founding report: the report's headline unless that is a question or
 * a list item, else its first sentence that states something (not a section heading, a question,
 * a list item or the page speaking to its reader), cut at a word.
 */
export function titleOf(rec: ArticleRecord): string {
  const headline = headlineOf(rec);
  if (headline) return headline;
  const stated = statedLead(rec);
  return cutAtWord(withoutOpeningTime(stated?.text ?? firstSentence(rec)), MAX_TITLE_CHARS);
}

/**
 * A report's headline as a title: its own title, else the headline line at the top of a plain report,
 * without a label before it ("Breaking News: …"); null when it has none or the one it has is a URL, a
 * question or a list item.
 */
export function headlineOf(rec: ArticleRecord): string | null {
  return rec.article.title ? asHeadline(rec.article.title, rec.article.text) : topHeadline(rec.article.text);
}

/**
 * A headline line as a title: without a label before it or a site's name after it, and without a last
 * word the page cut short ("… on the Bay tr…"); null when what is left is not a title (a URL, a question,
 * a list item, page furniture, a section label, a site's name or one word).
 */
export function asHeadline(line: string, text = ''): string | null {
  const headline = wholeWordsOnly(
    withoutSiteName(line.replace(/\s+/g, ' ').trim().replace(HEADLINE_LABEL, '')),
    text,
  );
  const kind = notAStatement(headline);
  return (kind === null || kind === 'heading') && isTitleShaped(headline) ? headline : null;
}

/** Whether a line could stand as a title: not furniture, a section label, a site's name, an address or one word. */
export function isTitleShaped(line: string): boolean {
  const t = line.replace(/…$|\.{3}$/, '').trim();
  return (
    /\s/.test(t) &&
    !isFurnitureLine(t) &&
    !SECTION_LABEL.test(t) &&
    !isSiteName(t) &&
    !/https?:|www\.|\.(?:com|org|net|co\.uk)\b/i.test(t)
  );
}

/**
 * A site's name after a headline: a segment of up to four words after a bar ("… | Outlet", "… | World | Outlet": a headline
 * is rarely split by a bar), or a short one after a dash that reads as a name (capitalised words, "… -
 * City Daily News") when what comes before it is a headline of five words or more.
 */
function withoutSiteName(headline: string): string {
  let t = headline;
  for (;;) {
    const bar = /\s+[|•·]\s+((?:\S+\s+){0,3}\S+)$/u.exec(t);
    const dash =
      /\s+[-–—]\s+((?:\p{Lu}[\p{L}\p{N}.&'’]*)(?:\s+\p{Lu}[\p{L}\p{N}.&'’]*){0,3}(?:\s+\d{1,3})?)$/u.exec(t);
    const cut =
      bar ??
      (dash && (SITE_WORD.test(dash[1] as string) || SITE_INITIALS.test(dash[1] as string)) ? dash : null);
    if (!cut || t.slice(0, cut.index).split(/\s+/).length < MIN_TOP_HEADLINE_WORDS) return t;
    t = t.slice(0, cut.index).trim();
  }
}

/** A word news sites put in their names ("Daily News", "The Herald", "NewsOnline", "ABC7", "KTLA 5"). */
const SITE_WORD =
  /(?:news|times|post|herald|tribune|journal|gazette|daily|telegraph|guardian|express|chronicle|observer|independent|online|today|wire|press|mail|star|media|network|radio|tv|magazine|insider|report|review|week(?:ly)?|\.com|\.org|\.net)\b/i;

/** A broadcaster's call letters or an outlet's initials, with a channel number ("KVAL 4", "ABC7"). */
const SITE_INITIALS = /^\p{Lu}{2,6}\s?\d{0,2}$/u;

/**
 * A site's name standing alone as a line ("Daily Herald", "The Morning Post", "NewsOnline"): at most three
 * capitalised words, the last a word news sites put in their names.
 */
function isSiteName(line: string): boolean {
  const words = line.split(/\s+/);
  return (
    words.length <= 3 &&
    words.every((w) => /^\p{Lu}/u.test(w) || w === 'the') &&
    /(?:news|times|post|herald|tribune|journal|gazette|daily|telegraph|guardian|express|chronicle|observer|independent|online|today|wire|press|mail|media|network|radio|tv|magazine)(?:\.com|\.org|\.net)?$/i.test(
      words[words.length - 1] as string,
    )
  );
}

/** A section label a page heads its parts with ("Top Stories", "Related articles", "What we know"). */
const SECTION_LABEL =
  /^(?:(?:local|world|national|international|business|sports?|latest|breaking|top|more|related|recommended|trending|popular|most (?:read|popular|viewed)|editor(?:'|’)?s)(?:\s+(?:news|stories|articles|headlines|updates|videos?|coverage|content|picks?))?|what(?:'|’)?s happened|what (?:we|to) know|why it matters|the big picture|key (?:points|facts|takeaways)|go deeper|in pictures|live (?:updates|blog|coverage)|read (?:more|next)|more on this(?: topic)?|you (?:may|might) also like)\.?$/i;

/** A headline the page cut short with an ellipsis ("… on the Bay tr…"): without its last word unless the text holds it whole. */
function wholeWordsOnly(headline: string, text: string): string {
  const m = /\s+(\p{L}+)\s*(?:…|\.{3})$/u.exec(headline);
  if (!m) return headline;
  const esc = (m[1] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(?<!\\p{L})${esc}(?!\\p{L})`, 'u').test(text)) return headline;
  return `${headline.slice(0, m.index).replace(/[\s,;:–—-]+$/, '')}…`;
}

/** A report's first sentence that states something (not a heading, an address, a question…), with its end. */
export function statedLead(rec: ArticleRecord): { text: string; end: number } | null {
  const text = rec.article.text;
  for (const s of rec.analysis.sentences) {
    const t = text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
    if (notAStatement(t) === null && isTitleShaped(t)) return { text: t, end: s.end };
  }
  return null;
}

/** A page's label before a headline: "Breaking News: …", "UPDATE - …", "Exclusive: …", "Watch: …". */
const HEADLINE_LABEL =
  /^(?:breaking(?: news)?|just in|update[ds]?|exclusive|watch|video|live|photos?|opinion|analysis)\s*[:|–—-]\s+(?=\S)/i;

/** The report's first sentence (or its first 300 characters), spaces collapsed. */
function firstSentence(rec: ArticleRecord): string {
  const s = rec.analysis.sentences[0];
  return (s ? rec.article.text.slice(s.start, s.end) : rec.article.text.slice(0, 300))
    .replace(/\s+/g, ' ')
    .trim();
}

/** An opening time adverbial of a lead ("On January 6-7, 2026, …", "Late on Tuesday, …"): the event's date says it. */
const OPENING_TIME =
  /^(?:(?:late|early)\s+)?(?:on|in|by|since|during)\s+[^,]{0,40}?(?:\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|night)[^,]{0,20}(?:,\s*\d{4})?,\s+(?=\S)/i;

/**
 * An opening circumstance of a lead, set off by a comma ("With a month left in office, …", "Amid
 * rising prices, …", "Three days after the vote, …"): what happened comes after it. At most this many
 * words, so that a lead whose subject is a long phrase keeps it.
 */
const OPENING_CIRCUMSTANCE =
  /^(?:(?:(?:just|shortly|soon|only|moments|hours|days|weeks|months|\S+\s+(?:minutes|hours|days|weeks|months|years))\s+)?(?:after|before)|with|without|amid|despite|following|as|facing)\s+[^,]{3,80},\s+(?=\S)/i;
const MAX_CIRCUMSTANCE_WORDS = 10;

/** Shortest rest of a lead, once its opening is left out, for it still to say what happened. */
const MIN_REST_CHARS = 20;

/** A lead sentence as a title: without its opening time adverbial or circumstance, capitalised. */
function withoutOpeningTime(sentence: string): string {
  let rest = sentence.replace(OPENING_TIME, '');
  const circumstance = OPENING_CIRCUMSTANCE.exec(rest)?.[0];
  if (circumstance && circumstance.split(/\s+/).length <= MAX_CIRCUMSTANCE_WORDS + 1)
    rest = rest.slice(circumstance.length);
  const out =
    rest === sentence || rest.length < MIN_REST_CHARS
      ? sentence
      : rest.charAt(0).toUpperCase() + rest.slice(1);
  return withoutDropCaps(out);
}

/** A lead's first word set in capitals by the page's style ("SEVENTEEN hours after …"), written as a word. */
function withoutDropCaps(title: string): string {
  const first = /^(\p{Lu}{3,})(?=\s+\p{Ll})/u.exec(title)?.[1];
  return first && englishWords().has(first.toLowerCase())
    ? first.charAt(0) + first.slice(1).toLowerCase() + title.slice(first.length)
    : title;
}

/** Fewest words of a plain report's first line for it to be read as the report's headline (a section label is shorter). */
const MIN_TOP_HEADLINE_WORDS = 5;

/** How many lines of a plain report's top are read for its headline (an address and a time stamp may come first). */
const TOP_LINES = 4;

/**
 * A line of page furniture at the top of a report: a time stamp or byline ("Posted: May 24, 2005",
 * "Updated 4:08 p.m. ET", "PUBLISHED: 22:07 GMT, 7 July 2012", "By Jane Doe", "By JANE DOE and JOHN ROE,
 * Staff Writer"), or a line that is nothing but a date and a time ("May 2, 2013, 1:12 PM", "11/30/09
 * 05:40 PM ET"); see also PAGE_FURNITURE.
 */
const FURNITURE_LINE =
  /^(?:first\s+|last\s+)?(?:posted|updated|published|modified|released?|story created|filed)\b/i;

/** A name in a byline: one to four capitalised words (case matters: "By the river, …" is no byline). */
const NAME = "\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3}";
/** What may follow a byline's names: a role or an outlet ("Staff Writer", "Reuters"). */
const ROLE = "(?:\\p{Lu}[\\p{L}.'’-]*|staff|writer|reporter|correspondent|editor|of|for|the)";
const BYLINE = new RegExp(
  `^(?:By|BY|by)\\s+${NAME}(?:\\s*(?:,|and|&)\\s*${NAME})*(?:\\s*[,|•·–—-]\\s*${ROLE}(?:\\s+${ROLE}){0,4})?$`,
  'u',
);

/**
 * The page's own furniture, whatever line it stands on: advertising and sharing labels, sign-up and
 * follow prompts, photo captions and credits, "Read more" links, audio and reading-time labels, story
 * labels ("Breaking News", "Developing story"), gallery counters, credit lines and copyright notices.
 */
const PAGE_FURNITURE = [
  /^(?:advert(?:isement|ising)?|sponsored(?: content)?|ad|promoted|share(?: this(?: article| story| page)?| on \w+)?|sharing is caring!?|tweet|print|e-?mail|comments?|save|close|caption|menu|search|skip to (?:main )?content)\W*$/i,
  /^(?:sign up|subscribe to|register (?:for|to)|join our|get our|never miss)\b/i,
  /^follow\s+(?:us\b|@|\S+\s+on\s+(?:twitter|x|facebook|instagram|tiktok|linkedin)\b)/i,
  /^\(?(?:(?:photo|image|picture|photograph|video|graphic|illustration)s?(?:\s+(?:credit|copyright|courtesy)s?)?|credits?|copyright|courtesy(?: of)?)\s*[:|/©]/i,
  /^(?:image|photo|picture)\s+(?:credit|copyright|courtesy)\b/i,
  /^(?:read more|read next|continue reading|see also|also read|related|more)\b\s*(?:[:»›>…-]|$|(?:on|about|from|stories|articles)\b)/i,
  /^(?:listen to (?:this|the) (?:article|story)|\d+\s*(?:min(?:ute)?s?)\s+(?:read|listen))\b/i,
  /^(?:breaking(?: news)?|just in|developing(?: story)?|live|exclusive|update)\W*$/i,
  /^(?:\w+\s+)?\d+\s+of\s+\d+(?!\d|\s+\p{Ll})/u,
  /^(?:(?:additional\s+)?reporting|editing|writing|compiled|produced) by\b/i,
  /^(?:©|copyright\b|all rights reserved)/i,
  /^story continues below\b/i,
];

/** A cookie notice: cookies, and the site, the browsing or the reader's consent. */
function isCookieNotice(line: string): boolean {
  return (
    /\bcookies?\b/i.test(line) &&
    /\b(?:website|site|brows(?:ing|er)|experience|polic(?:y|ies)|consent|accept|settings|preferences)\b/i.test(
      line,
    )
  );
}

/** The words of a date or a time: month and day names, clock words, time zones. */
const DATE_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|[ap]m|[ap]|m|gmt|utc|bst|cet|cest|[ecmp][sd]?t|ist|aest|at|on|of|the|by|\d+(?:st|nd|rd|th|am|pm|[ap])?)$/i;

/** Whether a line is page furniture rather than a headline (FURNITURE_LINE, or only date and time words). */
export function isFurnitureLine(line: string): boolean {
  if (
    FURNITURE_LINE.test(line) ||
    BYLINE.test(line) ||
    PAGE_FURNITURE.some((re) => re.test(line)) ||
    isCookieNotice(line)
  )
    return true;
  const words = line.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length > 0 && words.every((w) => DATE_WORD.test(w));
}

/**
 * A plain report's headline: among its first lines (a source address and a time stamp may come first),
 * the first that is neither and reads as a heading of five words or more; null when the text opens with a
 * sentence or a short label.
 */
function topHeadline(text: string): string | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, TOP_LINES);
  for (const line of lines) {
    const kind = notAStatement(line);
    if (kind === 'url' || isFurnitureLine(line)) continue;
    if (kind !== 'heading' || line.split(/\s+/).length < MIN_TOP_HEADLINE_WORDS) return null;
    return asHeadline(line);
  }
  return null;
}

/**
 * Where a sentence may be cut and still say something whole: before a comma, a semicolon or a dash, or
 * before a word that opens a purpose or circumstance clause ("… met in Lisbon | to discuss …",
 * "… talks | as part of …", "… | amid …").
 */
const CLAUSE_BOUNDARY =
  /(?:[,;:]| [—–-])\s+|\s+(?=(?:to|as|amid|after|before|while|following|despite|because|but|which|where|when|in order to)\s)/g;

/**
 * The text whole when it fits; else cut at its last clause boundary past half of `max` (a whole clause,
 * no ellipsis), else at a word followed by "…". Never inside a word.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let clause = -1;
  for (const m of text.slice(0, max).matchAll(CLAUSE_BOUNDARY)) if (m.index > max / 2) clause = m.index;
  if (clause > 0) return text.slice(0, clause).replace(/[\s,;:–—-]+$/, '');
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}
