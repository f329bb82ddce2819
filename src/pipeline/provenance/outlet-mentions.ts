/**
 * Where a text names a news outlet: a known outlet by its name, its short name ("Kyodo", "BBC"), an
 * agency's initials ("AFP") or its site ("TMZ.com"); an unknown one by the shape news names have
 * ("the Harbour Daily Herald", "Coastal News", "Example.com", "the news agency HPA", "Kestrel magazine").
 * Whether the text cites the outlet it names is decided by citations.ts.
 */
import { NEWS_KINDS, outletKey, type Outlet } from '../../domain/outlet.ts';
import { initials } from '../../lib/initials.ts';
import { oneOutletEach } from './ambiguous-names.ts';
import { holdsCountryWord } from './country-words.ts';
import { isNotNewsName } from './not-news-names.ts';
import { AGENCY_ABBREVIATION, firstOf, GENERIC_SUFFIX, outletDirectory } from './outlet-directory.ts';
import { findOutletByName } from './resolve-outlet.ts';
import { findStationNames } from './station-names.ts';

export interface OutletMention {
  start: number;
  end: number;
  /** The name as the text writes it. */
  name: string;
  /** The known outlet it names, or null for an outlet known only by the shape of its name. */
  outlet: Outlet | null;
}

/**
 * The last word of a news outlet's name ("Daily Herald", "Coastal Times", "Valley Advocate"): words
 * that name a paper, a programme or a channel. Words that also end names of other things ("Express",
 * "Star", "Leader", "Today") are left out: they would turn companies and titles into outlets.
 */
const OUTLET_WORDS =
  'Times|Post|News|Newswire|Herald|Journal|Tribune|Record|Gazette|Chronicle|Telegraph|Observer|Mirror|Courier|Dispatch|Inquirer|Examiner|Advocate|Bulletin|Register|Reporter|Magazine|Weekly|Globe|Monitor|Radio|TV|Television|Online|Insider|Picayune|World';

/** A capitalised word of a name ("Harbour", "E!", "N.", "Mat-Su"); names do not run across lines. */
const CAP = "\\p{Lu}[\\p{L}\\p{N}!'’.&-]*";
/** A word of a name after its first: not "The" ("Ark. The Harbour Post" is two things). */
const CAP_NEXT = `(?!The\\b)${CAP}`;
/** A hyphened name with an outlet word on one side: "Lakeside Journal-Courier", "Bay Times - Picayune", "WKRT-TV". */
const COMPOUND = `(?:\\p{Lu}[\\p{L}\\p{N}'’&.]*[ \\t]?-[ \\t]?(?:${OUTLET_WORDS})|(?:${OUTLET_WORDS})[ \\t]?-[ \\t]?\\p{Lu}[\\p{L}\\p{N}]*)`;
/**
 * Capitalised words ending in an outlet word ("the Harbour Daily Herald"), a hyphened name with one, or
 * a word that ends in one ("9News"); a group's name may follow ("Sun Times News Group").
 */
const SHAPED_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:The[ \\t]+)?(?:(?:${CAP_NEXT}[ \\t]+){0,3}${COMPOUND}|(?:${CAP_NEXT}[ \\t]+){1,4}(?:${OUTLET_WORDS}))|\\p{N}+(?:News|TV))(?:[ \\t]+(?:Agency|Service|Group|Media|Network|Company))?(?![\\p{L}\\p{N}-])`,
  'gu',
);
/** A site named as an outlet: "Example.com", "Sample. com" (tokenised text puts a space after the dot). */
const SITE_NAME =
  /(?<![\p{L}\p{N}.])(\p{Lu}[\p{L}\p{N}-]*)\.\s?(com|net|org|info|co\.uk|COM|NET|ORG)(?![\p{L}\p{N}])/gu;
/** "the news agency HPA", "celebrity website Example", "the weekly Vela", "state television Vela": the name follows what it is. */
const NAMED_AFTER = new RegExp(
  `\\b(?:news agency|press agency|newspaper|daily|weekly|magazine|website|news site|news website|news portal|news outlet|tabloid|broadcaster|television station|television channel|television network|TV station|TV channel|radio station|news channel|state television|state TV|state radio)[ \\t]+(${CAP}(?:[ \\t]+${CAP_NEXT}){0,3})`,
  'gu',
);
/** "Kestrel magazine", "the Vela newspaper", "Vela daily": the name comes first (not "a Lakeland newspaper"). */
const NAMED_BEFORE = new RegExp(
  `(?<!\\b(?:an?|one|another|local)\\s+)(?<![\\p{L}\\p{N}])(${CAP}(?:[ \\t]+${CAP_NEXT}){0,2})[ \\t]+(?:newspaper|magazine|daily|weekly|news agency|tabloid|news site|news website|news portal|TV station|television station|radio station)\\b`,
  'gu',
);
/** "according to The Register": a title's capital "The" in mid-sentence marks a one-word outlet name. */
const TITLED_NAME =
  /(?<=[\p{Ll},;:][ \t]+)The[ \t]+(\p{Lu}[\p{Ll}'’-]{2,})(?![ \t]+\p{Lu})(?![\p{L}\p{N}])/gu;
/** Short names a report uses for an outlet it named before ("the Post", "the Times", "The News"). */
const SHORT_NAME = new RegExp(
  `\\b[Tt]he\\s+(?:Daily\\s+)?(${OUTLET_WORDS})(?![\\p{L}\\p{N}])(?!\\s+\\p{Lu})`,
  'gu',
);

/**
 * Returns the outlets the text names, in text order, a longer name winning over one inside it. A name
 * two known outlets share ("ABC") is the one of `country` (the report's outlet's) or of the country the
 * text speaks of, else left unresolved.
 */
export function findOutletMentions(text: string, known: Outlet[], country?: string | null): OutletMention[] {
  const named = oneOutletEach(text, knownMentions(text, known), country);
  // A shape at a known name's span is that name, resolved as above.
  const spans = new Set(named.map((m) => `${m.start}:${m.end}`));
  const all = [...named, ...shapedMentions(text, known).filter((m) => !spans.has(`${m.start}:${m.end}`))];
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: OutletMention[] = [];
  for (const m of all) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      // Overlap: the longer name wins ("Bay Times-Picayune" over "Times"), a known outlet on a tie.
      const longer = m.end - m.start > last.end - last.start;
      const tie = m.end - m.start === last.end - last.start;
      if (longer || (tie && m.outlet && !last.outlet)) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return resolveShortNames(text, kept);
}

/** Mentions of known outlets by their names, short names, initials and sites. */
function knownMentions(text: string, known: readonly Outlet[]): OutletMention[] {
  // A name is looked for where its first two words stand in the text as words (its one word, for a name
  // of one; not "AgenceFrance" run together): the text's words and pairs of words are looked up in the
  // index of names by those, so a report costs about the same whatever the number of known outlets, and
  // each name's pattern is tried only there.
  const at = new Map<string, number[]>();
  const note = (key: string, start: number) => {
    const list = at.get(key);
    if (list) list.push(start);
    else at.set(key, [start]);
  };
  let previous: { word: string; start: number } | null = null;
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    note(word, m.index);
    if (previous) note(`${previous.word} ${word}`, previous.start);
    previous = { word, start: m.index };
  }
  const { byKey } = nameIndex(known);
  const found: IndexedVariant[] = [];
  for (const key of at.keys()) found.push(...(byKey.get(key) ?? []));
  found.sort((a, b) => a.rank - b.rank); // in the list's order, as the outlets were listed
  const out: OutletMention[] = [];
  for (const { v, outlet: o } of found) {
    const { variant, key, lead } = v;
    // Its words, in any case; whole words are checked apart (a letter class under the case-blind flag
    // costs a millisecond to compile, for every name).
    const pattern = (v.at ??= new RegExp(variantPattern(variant), 'iuy'));
    let after = 0;
    for (const start of at.get(key) ?? []) {
      if (start - lead < after) continue; // within the name found before
      pattern.lastIndex = start - lead;
      const m = pattern.exec(text);
      if (!m) continue;
      const end = m.index + m[0].length;
      if (JOINED_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
      if (JOINED_AFTER.test(text.slice(end, end + 2))) continue;
      after = end;
      if (!/^\p{Lu}|^\p{N}/u.test(m[0]) && /^\p{Lu}/u.test(variant)) continue; // "people" is not People
      if (AGENCY_ABBREVIATION.test(variant) && m[0] !== variant) continue; // "Ap" is not AP
      if (partOfLongerName(text, m.index, end)) continue;
      out.push({ start: m.index, end, name: m[0], outlet: o });
    }
  }
  return out;
}

/** A word: letters and digits; and what is between words. */
const WORD = /[\p{L}\p{N}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
/** What may not touch a name before it, or after it: it would be part of another word. */
const JOINED_BEFORE = /[\p{L}\p{N}&-]$/u;
const JOINED_AFTER = /^[\p{L}\p{N}&]/u;

interface IndexedVariant {
  v: Variant;
  outlet: Outlet;
  /** Its place among all the list's variants, outlet by outlet. */
  rank: number;
}

/** The variants of a list of outlets by their first two words, and how many of the list's outlets it holds. */
interface NameIndex {
  byKey: Map<string, IndexedVariant[]>;
  outlets: number;
  variants: number;
  last: Outlet | undefined;
}

/**
 * One index per list of outlets, built once and extended as the list grows (a run appends the outlets it
 * meets); a list changed otherwise is indexed again.
 */
const nameIndexes = new WeakMap<readonly Outlet[], NameIndex>();

function nameIndex(known: readonly Outlet[]): NameIndex {
  let index = nameIndexes.get(known);
  if (!index || known.length < index.outlets || known[index.outlets - 1] !== index.last)
    nameIndexes.set(known, (index = { byKey: new Map(), outlets: 0, variants: 0, last: undefined }));
  for (; index.outlets < known.length; index.outlets++) {
    const outlet = known[index.outlets] as Outlet;
    for (const v of variantsOf(outlet)) {
      const entry = { v, outlet, rank: index.variants++ };
      const same = index.byKey.get(v.key);
      if (same) same.push(entry);
      else index.byKey.set(v.key, [entry]);
    }
  }
  index.last = known[index.outlets - 1];
  return index;
}

/** "VOA Pentagon correspondent", "Harbour Post Extremism Watch Desk reporter": a desk or beat, then staff. */
const BEAT_THEN_STAFF =
  /^(?:[ \t]+\p{Lu}[\p{L}'’-]*){1,4}[ \t]+(?:correspondent|reporter|editor|bureau|desk|columnist|journalist|producer|anchor)s?\b/u;

/** Words that open sentences without being part of a name after them. */
const FUNCTION_WORD =
  /^(?:the|a|an|this|that|these|those|its|their|our|his|her|but|and|yet|so|when|while|after|before|as|in|on|at|for|meanwhile|earlier|later|also|then|now)$/i;

/** A name followed by another capitalised word ("Sun Valley") or preceded by one ("Frontier Times") is part of a longer name. */
function partOfLongerName(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 80);
  if (/^[ \t]+\p{Lu}/u.test(after) && !BEAT_THEN_STAFF.test(after)) return true;
  const before = text.slice(Math.max(0, start - 30), start);
  const prev = /(\p{Lu}[\p{L}'’.-]*)[ \t]+$/u.exec(before);
  // An article or a joining word opening a sentence ("A Harbour Post reporter") does not make a longer
  // name; any other capitalised word does, even a sentence's first ("Frontier Daily Sample").
  return !!prev && !FUNCTION_WORD.test(prev[1] as string);
}

interface Variant {
  variant: string;
  /** Its first two words (its word, if one) in lower case, as the text's words are read. */
  key: string;
  /** How many characters its pattern matches before that word ("¡" of "¡Hola!"). */
  lead: number;
  /** Its pattern, matching only where it is set to start (sticky); made when first needed. */
  at: RegExp | null;
}

/** Each outlet's variants with their patterns, made once. */
const variantCache = new WeakMap<Outlet, Variant[]>();

function variantsOf(o: Outlet): Variant[] {
  let v = variantCache.get(o);
  if (!v) {
    v = nameVariants(o).map((variant) => ({
      variant,
      key: variant.toLowerCase().split(NOT_WORD).filter(Boolean).slice(0, 2).join(' '),
      lead: Math.max(0, (variant.split(NAME_GAP).find(Boolean) ?? '').search(/[\p{L}\p{N}]/u)),
      at: null,
    }));
    variantCache.set(o, v);
  }
  return v;
}

/** The ways a text names a known outlet: its name and aliases, without "The", without "News Agency", its initials (agencies), its site. */
function nameVariants(o: Outlet): string[] {
  const name = o.name.replace(/\s*\([^)]*\)$/, '');
  const out = new Set([name, name.replace(/^the\s+/i, '')]);
  for (const a of o.aliases ?? []) out.add(a).add(a.replace(/^the\s+/i, ''));
  if (NEWS_KINDS.has(o.kind)) {
    // "Kyodo" for Kyodo News; not a paper's ("Detroit" for a Detroit News), nor a place ("Kenya", "Arab").
    const short = name.replace(GENERIC_SUFFIX, '');
    if (short.length >= 3 && short !== name && o.kind !== 'newspaper' && !holdsCountryWord(short))
      out.add(short);
    // An agency's initials, unless the registry lists how it abbreviates itself (then only those).
    const abbreviation = initials(name.replace(/^the\s+/i, ''));
    const listed = !!o.aliases?.length;
    if ((o.kind === 'wire' || o.kind === 'state-media') && !listed && AGENCY_ABBREVIATION.test(abbreviation))
      out.add(abbreviation);
    for (const d of o.domains ?? (o.domain ? [o.domain] : [])) if (!d.includes('/')) out.add(d);
  }
  return [...out].filter((v) => outletKey(v).length >= 2);
}

/** What separates the words of a name. */
const NAME_GAP = /[\s'’.&-]+/;

/** A name as a pattern: its words with any spacing or hyphen between them ("Agence - France Presse"). */
function variantPattern(name: string): string {
  const words = name.split(NAME_GAP).filter(Boolean);
  return words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join("[\\s'’.&-]*");
}

/** Mentions of outlets known only by the shape of their names. */
function shapedMentions(text: string, known: Outlet[]): OutletMention[] {
  const out: OutletMention[] = [];
  const add = (start: number, name: string, titled = false) => {
    // "The" opens most names and is left out, but a one-word title keeps it ("The Lantern").
    const trimmed = titled ? name : name.replace(/^(?:The|THE)\s+/, '');
    const at = start + name.indexOf(trimmed);
    const site = /^(.+?)\.\s?([a-z.]+)$/i.exec(trimmed);
    const written = site ? `${site[1]}.${site[2]}` : trimmed;
    const outlet =
      (site && firstOf(outletDirectory(known).host, written.toLowerCase())) ||
      findOutletByName(written, known) ||
      abbreviated(trimmed, known);
    out.push({ start: at, end: at + trimmed.length, name: written, outlet });
  };
  for (const m of text.matchAll(SHAPED_NAME)) add(m.index, m[0]);
  for (const m of text.matchAll(SITE_NAME)) add(m.index, m[0]);
  for (const m of text.matchAll(TITLED_NAME)) add(m.index, m[0], true);
  for (const re of [NAMED_AFTER, NAMED_BEFORE])
    for (const m of text.matchAll(re)) {
      const name = m[1] as string;
      // "the Israeli newspaper Vela": a nationality before the outlet word is not its name.
      if (re === NAMED_BEFORE && /^\s+\p{Lu}/u.test(text.slice(m.index + m[0].length))) continue;
      add(m.index + m[0].indexOf(name), name);
    }
  for (const st of findStationNames(text)) out.push({ ...st, outlet: null });
  for (const m of text.matchAll(TITLE_INITIALS)) {
    const letters = m[1] as string;
    const outlet = titleOfInitials(letters, known);
    if (outlet)
      out.push({ start: m.index + m[0].indexOf(letters), end: m.index + m[0].length, name: letters, outlet });
  }
  // A shape followed by another capitalised word is the start of some other name ("Harbour Times Square");
  // a page's section label or a data site is not a news outlet.
  return out.filter(
    (m) =>
      !/^(?:The|A|An|This|That|In|On|At)$/.test(m.name) &&
      !/^[ \t]+\p{Lu}/u.test(text.slice(m.end, m.end + 3)) &&
      (m.outlet !== null || !isNotNewsName(m.name)),
  );
}

/** A title's initials after "the" or a citing phrase: "the NYHP says", "according to NYHP" for the New York Harbour Post. */
const TITLE_INITIALS = /\b(?:[Tt]he|[Aa]ccording to|told|citing)[ \t]+(\p{Lu}{3,5})(?![\p{L}\p{N}])/gu;

/**
 * The one known newspaper, magazine or broadcaster of three or more capitalised words whose initials
 * these are (a paper's readers abbreviate its title so); null when none or several.
 */
function titleOfInitials(letters: string, known: Outlet[]): Outlet | null {
  const matches = outletDirectory(known).titleInitials.get(letters) ?? [];
  return matches.length === 1 ? (matches[0]?.outlet ?? null) : null;
}

/**
 * A known outlet a shaped name abbreviates: "NY Harbour Post" is the New York Harbour Post (its leading
 * capitals are the initials of the known name's first words, the rest the same).
 */
function abbreviated(name: string, known: Outlet[]): Outlet | null {
  const words = name.split(/\s+/);
  const lead = (words[0] ?? '').replace(/\./g, '');
  let rest = words.slice(1);
  let acronym = lead;
  // "N. Y. Daily News": initials written apart.
  while (/^\p{Lu}\.?$/u.test(rest[0] ?? '') && /^\p{Lu}+$/u.test(acronym)) {
    acronym += (rest[0] as string).replace('.', '');
    rest = rest.slice(1);
  }
  if (!/^\p{Lu}{2,4}$/u.test(acronym) || !rest.length) return null;
  // The known names whose first words have these initials and whose other words are the rest.
  const key = `${acronym.length}|${acronym}|${outletKey(rest.join(' '))}`;
  return firstOf(outletDirectory(known).leadInitials, key);
}

/** "The Post" names the outlet named before whose name ends so; left out when none was. */
function resolveShortNames(text: string, mentions: OutletMention[]): OutletMention[] {
  // "the Daily News" after "the Bay City Daily News": the same outlet.
  const out = mentions.map((m, i) => {
    if (m.outlet) return m;
    const key = outletKey(m.name);
    const earlier = mentions
      .slice(0, i)
      .reverse()
      .find((x) => key.length >= 4 && outletKey(x.outlet?.name ?? x.name).endsWith(key) && x.name !== m.name);
    return earlier ? { ...m, name: earlier.outlet?.name ?? earlier.name, outlet: earlier.outlet } : m;
  });
  for (const m of text.matchAll(SHORT_NAME)) {
    const word = m[1] as string;
    const start = m.index + m[0].indexOf(word);
    if (out.some((x) => start >= x.start && start < x.end)) continue;
    const earlier = [...out]
      .reverse()
      .find((x) => x.start < start && new RegExp(`${word}$`).test(x.outlet?.name ?? x.name));
    // With none named before, it is the report's own outlet or one it never named: no mention.
    if (earlier) out.push({ start, end: start + word.length, name: earlier.name, outlet: earlier.outlet });
  }
  return out.sort((a, b) => a.start - b.start);
}
