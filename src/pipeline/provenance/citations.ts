/**
 * Which outlets a report cites for its facts, as news writes it:
 *   1. find the outlets it names (outlet-mentions.ts), known ones and ones known by the shape of their name;
 *   2. group names written together ("France 24 and Wire Daily report");
 *   3. a group is cited when a citing phrase stands before it ("according to", "told", "citing", "said …
 *      to", "reports" at a clause's end) or after it ("reported", "said", "quoted", "a … correspondent");
 *   4. "the newspaper said" and its kin cite the outlet named last before them.
 * The report's own outlet is never a citation.
 */
import { NEWS_KINDS, outletKey, type Outlet, type OutletKind } from '../../domain/outlet.ts';
import { findOutletMentions, type OutletMention } from './outlet-mentions.ts';

export interface Citation {
  /** The outlet's name: the registry's when it is known, else as the text writes it. */
  name: string;
  outlet: Outlet | null;
  evidence: string;
  /** Cited by a source line of its own ("Outlet → …", "Source: Outlet"), as a relay page labels claims. */
  labelled?: boolean;
}

/** What stands before an outlet's name on a source line: nothing, or "Source:" / "Via". */
const LABEL_BEFORE = /(?:^|\n)[^\S\n]*(?:(?:sources?|via)[^\S\n]*:?[^\S\n]*)?$/i;
/** What follows it: an arrow or a colon opening the label ("Outlet → Source tone: likely"). */
const LABEL_AFTER = /^[^\S\n]*(?:→|->|»|›|:)/;
/** A source line's name alone ("Source: Outlet"). */
const LABEL_ALONE = /^[^\S\n]*(?:\n|$)/;

/** Lower-case words that may stand between a citing phrase and the name ("according to the state-run …"). */
const GAP = "(?:\\p{Ll}[\\p{L}'’-]*\\s+){0,3}";
/**
 * Phrases after which a named outlet is the source of what the sentence says. "According to",
 * "citing" and "reported by" cite any known source; the rest only news outlets (one "tells" an
 * official body things, it does not report them).
 */
const CITE_ANY_BEFORE = new RegExp(
  `\\b(?:according to|as reported by|(?:first |originally )?reported by|citing)\\s+(?:the\\s+)?${GAP}$`,
  'iu',
);
const CITE_NEWS_BEFORE = new RegExp(
  '(?:' +
    [
      `\\b(?:reported in|reporting (?:by|from|in)|wrote in|writing in|in comments to|comments to|(?:said|speaking|appearing|interviewed) on|in an interview on|published (?:in|by)|cited by|quoted (?:by|in)|as saying by|told|tells|tell|telling|talking to|speaking to|spoke to|spoken to|confirmed to|in an interview with|interview with|comes from)\\s+(?:the\\s+){0,2}${GAP}`,
      // "a report from", "the poll for", "a survey, in"
      `\\b(?:report|story|dispatch|poll|survey|analysis|investigation|review|tally)s?,?\\s+(?:published\\s+)?(?:from|by|in|for)\\s+(?:the\\s+)?${GAP}`,
      // "according to Ana Reis of the Harbour Post", "via Ana Reis at Example"
      `\\b(?:according to|via|told|citing)\\s+(?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,3}(?:of|at|from)\\s+(?:the\\s+)?`,
      // "the story from Ana Reis over at the Harbour Post", "a report by two reporters at the Harbour Post"
      `\\b(?:story|report|piece|article|scoop)\\b[^.!?;\\n]{0,60}\\b(?:over at|at|from)\\s+(?:the\\s+)?`,
      // "(via the Harbour Post)"
      `\\(via\\s+(?:the\\s+)?`,
      // "said doctor Ana Reis to the Harbour Post"
      `\\bsaid\\b[^.!?;\\n]{0,80}\\bto\\s+(?:the\\s+){0,2}`,
    ].join('|') +
    ')$',
  'iu',
);
/**
 * What an unknown name is said to be when it is no news outlet: ", a California-based data firm",
 * ", the online retailer" (a description naming news — "a news site" — keeps it an outlet).
 */
const NOT_NEWS_APPOSITIVE =
  /^\s*,\s+(?:an?|the)\s+(?![^,.;\n]*\b(?:news|media|newspaper|paper|broadcaster|magazine|journal|publication|outlet|wire|agency|station|channel|network|tabloid)\b)[^,.;\n]{0,60}?\b(?:firm|company|corporation|provider|maker|manufacturer|retailer|consultancy|bank|fund|institute|foundation|organi[sz]ation|association|tracker|database|marketplace|platform|service|site|website)\b/iu;

/** "…, reports the Harbour Post." — a citing verb before the name, the clause ending after it. */
const CITE_INVERTED_BEFORE = new RegExp(`\\b(?:reports|reported|says|said)\\s+(?:the\\s+)?${GAP}$`, 'iu');
const CLAUSE_END = /^\s*(?:[.;,)]|\n|$)/;
/** What may follow a name before its verb: what it is ("news agency"), its initials, an aside in commas. */
const NAME_TAIL =
  '(?:\\s+(?:news agency|newspaper|magazine|daily|website|tabloid|television|TV|radio|station|network|news service|wire service|agency))?(?:\\s*\\([^)]{1,20}\\))?(?:\\s*,[^,.\\n]{1,60},)?\\s+(?:(?:has|had|have|also|first|is|was|were|previously|later|then|earlier|originally|exclusively)\\s+){0,2}';
const CITE_ANY_AFTER = new RegExp(`^${NAME_TAIL}(?:reported|reports|first reported)\\b`, 'u');
const CITE_NEWS_AFTER = new RegExp(
  `^${NAME_TAIL}(?:reporting|report|said|says|quoted|quotes|estimates|estimated|suggests|suggested|translated|cited|cites|wrote|writes|confirmed|revealed|highlights|highlighted|details|detail|detailed|notes|noted|provide|provides|provided|broke)\\b`,
  'u',
);
/** "a Harbour Post correspondent said", "Wire Daily journalists filmed", "a Wire Daily poll". */
const STAFF_AFTER =
  /^(?:'s)?(?:\s+\p{Lu}[\p{L}'’-]*){0,4}\s+(?:correspondents?|reporters?|journalists?|photographers?|witness(?:es)?|cameram[ae]n|crews?|poll|survey|tally|count|analysis|investigation|review|report|reporting|story|coverage)\b/u;
/** Names written together: "France 24 and Wire Daily", "the Post, the Herald and Wire Daily". */
const JOINED = /^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?$/iu;
/** "the newspaper said", "the station reported", "told the magazine": the outlet named last before. */
const CHAIN =
  /\b(?:the|this|that)\s+(?:newspaper|paper|daily|magazine|station|broadcaster|network|channel|news agency|agency|news wire|wire service|wire|website|tabloid|outlet)\s+(?:also\s+)?(?:said|says|reported|reports|quoted|added|wrote|writes)\b|\b(?:told|telling|tells)\s+the\s+(?:newspaper|paper|magazine|station|broadcaster|network|channel|news agency|agency|website|tabloid)\b/giu;
/** How far back a chain looks for the outlet it refers to. */
const CHAIN_REACH = 1500;

/** Kinds of outlet whose name a report cites as a news source: the news kinds, and an aggregator. */
const CITED_KINDS: ReadonlySet<OutletKind> = new Set<OutletKind>([...NEWS_KINDS, 'aggregator']);

/** Returns the outlets (other than the report's own) that the text cites, each with the words that show it. */
export function findCitations(text: string, known: Outlet[], own: Outlet | null): Citation[] {
  const mentions = findOutletMentions(text, known, own?.country).filter((m) => !isOwn(m, own));
  const cited = new Map<OutletMention, string>();
  const labelled = new Set<OutletMention>();
  for (const m of mentions) {
    const before = text.slice(Math.max(0, m.start - 20), m.start);
    if (!LABEL_BEFORE.test(before)) continue;
    const after = text.slice(m.end, m.end + 200);
    const named = /(?:sources?|via)[^\S\n]*:?[^\S\n]*$/i.test(before);
    if (LABEL_AFTER.test(after) || (named && LABEL_ALONE.test(after))) {
      labelled.add(m);
      cited.set(m, `${before.replace(/^[\s\S]*\n/, '')}${m.name}${after.split('\n')[0]}`.trim());
    }
  }
  for (const group of groupsOf(text, mentions)) {
    if (group.every((m) => labelled.has(m))) continue;
    const evidence = citingWords(text, group);
    if (evidence) for (const m of group) cited.set(m, evidence);
  }
  for (const c of text.matchAll(CHAIN)) {
    const m = mentions.filter((x) => x.end <= c.index && c.index - x.end < CHAIN_REACH && isNews(x)).pop();
    if (m && !cited.has(m)) cited.set(m, `${m.name} … ${c[0]}`);
  }
  const out = new Map<string, Citation>();
  for (const m of mentions) {
    const evidence = cited.get(m);
    if (evidence === undefined) continue;
    const key = m.outlet ? `id:${m.outlet.id}` : outletKey(m.name);
    // One outlet written two ways ("WKRT-TV", "WKRT-TV Channel") is one citation: the first.
    if ([...out.keys()].some((k) => k === key || (!m.outlet && (k.startsWith(key) || key.startsWith(k)))))
      continue;
    out.set(key, {
      name: m.outlet?.name ?? m.name,
      outlet: m.outlet,
      evidence,
      ...(labelled.has(m) ? { labelled: true } : {}),
    });
  }
  return [...out.values()];
}

/** A mention of the report's own outlet: by id, or a name its own name ends with ("the Daily News"). */
function isOwn(m: OutletMention, own: Outlet | null): boolean {
  if (!own) return false;
  if (m.outlet) return m.outlet.id === own.id;
  const key = outletKey(m.name);
  const ownKey = outletKey(own.name);
  // Its site names it too: "the Daily News" on baydailynews.example, "Example.com" on sports.example.com.
  const labels = (own.domains ?? (own.domain ? [own.domain] : [])).flatMap((d) =>
    d.split('.').map(outletKey),
  );
  const bare = key.replace(/(?:com|net|org)$/, '');
  return (
    (key.length >= 4 && ownKey.endsWith(key)) ||
    labels.some((l) => l === bare || l === `the${bare}` || (bare.length >= 5 && l.endsWith(bare)))
  );
}

function isNews(m: OutletMention): boolean {
  return !m.outlet || CITED_KINDS.has(m.outlet.kind);
}

/** Mentions in text order, those written together in one group. */
function groupsOf(text: string, mentions: OutletMention[]): OutletMention[][] {
  const groups: OutletMention[][] = [];
  for (const m of mentions) {
    const last = groups[groups.length - 1]?.at(-1);
    if (last && JOINED.test(text.slice(last.end, m.start))) groups[groups.length - 1]?.push(m);
    else groups.push([m]);
  }
  return groups;
}

/** The words that make a group of named outlets a citation, or null when none do. */
function citingWords(text: string, group: OutletMention[]): string | null {
  const first = group[0] as OutletMention;
  const last = group[group.length - 1] as OutletMention;
  const news = group.every(isNews);
  const before = text.slice(Math.max(0, first.start - 120), first.start);
  const after = text.slice(last.end, last.end + 120);
  if (!last.outlet && NOT_NEWS_APPOSITIVE.test(after)) return null;
  const names = text.slice(first.start, last.end);
  const b = CITE_ANY_BEFORE.exec(before) ?? (news ? CITE_NEWS_BEFORE.exec(before) : null);
  if (b) return `${b[0]}${names}`;
  const inverted = news ? CITE_INVERTED_BEFORE.exec(before) : null;
  if (inverted && CLAUSE_END.test(after)) return `${inverted[0]}${names}`;
  const a =
    CITE_ANY_AFTER.exec(after) ?? (news ? (CITE_NEWS_AFTER.exec(after) ?? STAFF_AFTER.exec(after)) : null);
  if (!a) return null;
  // "People said …" opening a sentence, where the text also writes "people": the word, not the outlet.
  if (group.length === 1 && ordinaryWordAtSentenceStart(text, first)) return null;
  return `${names}${a[0]}`;
}

/** A one-word name opening a sentence that the text also writes in lower case ("People said" beside "people"). */
function ordinaryWordAtSentenceStart(text: string, m: OutletMention): boolean {
  if (/\s/.test(m.name)) return false;
  const atStart = /(?:^|[.!?"“”]\s+|\n\s*)$/.test(text.slice(Math.max(0, m.start - 3), m.start));
  return atStart && new RegExp(`\\b${m.name.toLowerCase()}\\b`).test(text);
}
