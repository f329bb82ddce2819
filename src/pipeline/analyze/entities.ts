/**
 * Entity mentions: runs of capitalised words, typed by cue words and the country gazetteer,
 * linked within a document (a bare surname joins the full name met earlier) and across documents
 * (the same canonical form gives the same id).
 */
import type { EntityMention, EntityType, Span } from '../../domain/analysis.ts';
import { stableId } from '../../lib/hash.ts';
import { COUNTRY_BY_CAPITAL, COUNTRY_BY_DEMONYM, COUNTRY_BY_NAME } from '../../lib/countries.ts';

/** Words that make a name an organisation ("Baltic Stevedores' Union", "Ministry of Finance"). */
const ORG_WORDS = /\b(union|ministry|agency|council|commission|office|court|authority|company|group|corporation|corp|inc|ltd|party|association|federation|bank|university|institute|press|radio|times|gazette|service|department|committee|board|compact|coalition|alliance|police|army|navy|brigade|organisation|organization|foundation|fund|network|news|tribunal|parliament|assembly|senate|congress|cabinet|government|secretariat|directorate|observer|standard|monitor|courier|ledger|lantern|journal|post|herald|daily|club|forum|operator|terminal|port|airlines?|holdings|partners|systems|media|watch)\b/i;

/** Titles that introduce a person ("Minister Anna Berg", "Mayor Rui Costa"). */
const PERSON_TITLES = /\b(president|prime minister|minister|mayor|chancellor|governor|senator|spokesperson|spokesman|spokeswoman|secretary|general|colonel|captain|chief|director|judge|justice|ambassador|envoy|negotiator|commissioner|chair|chairman|chairwoman|leader|engineer|inspector|professor|dr|mr|mrs|ms|king|queen|pope|sheikh|rabbi|bishop)\.?\s+$/i;

/** Words that introduce a place ("in Porto", "near Patras"). */
const PLACE_PREPOSITIONS = /\b(in|near|at|from|to|outside|across|around|towards|toward|into)\s+$/i;

/** Capitalised words that start sentences or name months and days, not entities, when alone. */
const NOT_NAMES = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'but', 'and', 'or', 'if', 'when', 'while', 'after', 'before', 'as', 'at', 'in', 'on', 'for', 'of', 'by', 'with', 'from', 'to', 'his', 'her', 'their', 'our', 'its', 'there', 'some', 'many', 'most', 'one', 'two', 'three', 'no', 'not', 'yes', 'what', 'who', 'why', 'how', 'where', 'under', 'over', 'during', 'since', 'until', 'about', 'meanwhile', 'however', 'also', 'still', 'then', 'now', 'today', 'yesterday', 'tomorrow',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'mr', 'mrs', 'ms', 'dr']);

/** Lower-case words allowed inside a name ("Ministry of Water and Environment", "Port of Gdańsk"). */
const NAME_JOINERS = new Set(['of', 'de', 'da', 'do', 'dos', 'van', 'von', 'der', 'la', 'le', 'del', 'al', 'for', 'the']);

/** Title words that may open a capitalised run; the name is what follows them ("Ukrainian President Ana Vale"). */
const TITLE_IN_RUN = /^(?:.*\s)?(?:President|Prime Minister|PM|Minister|Mayor|Councillor|Councilor|Chancellor|Governor|Deputy|Superintendent|Senator|Secretary|General|Colonel|Captain|Chief|Director|Judge|Ambassador|Envoy|Commissioner|Chair|Chairman|Chairwoman|Inspector|Professor|Dr|Mr|Mrs|Ms|King|Queen|Spokesperson|Spokesman|Spokeswoman|Engineer)\.?\s+/;

/** Returns the entity mentions of a text, given its sentence spans. */
export function findEntities(text: string, sentences: Span[]): EntityMention[] {
  const raw: EntityMention[] = [];
  for (const s of sentences) for (const m of capitalisedRuns(text, s)) raw.push(m);
  return linkWithinDocument(raw);
}

function capitalisedRuns(text: string, s: Span): EntityMention[] {
  const out: EntityMention[] = [];
  const sentence = text.slice(s.start, s.end);
  const re = /[\p{Lu}][\p{L}\p{M}'’.-]*(?:\s+(?:(?:of|de|da|do|dos|van|von|der|la|le|del|al|for|the)\s+)?[\p{Lu}][\p{L}\p{M}'’.-]*)*/gu;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    let name = m[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
    let start = s.start + m.index;
    const words = name.split(/\s+/);
    // A sentence-initial function word is not part of the name ("The Port of Gdańsk" keeps "Port of Gdańsk").
    if (words.length > 1 && NOT_NAMES.has((words[0] as string).toLowerCase())) {
      const drop = (words[0] as string).length + 1;
      name = name.slice(drop);
      start += drop;
    }
    const titled = TITLE_IN_RUN.exec(name);
    let titledPerson = false;
    if (titled && titled[0].length < name.length) {
      start += titled[0].length;
      name = name.slice(titled[0].length);
      titledPerson = true;
    }
    while (name.includes(' ') && NAME_JOINERS.has(name.split(/\s+/).at(-1)?.toLowerCase() ?? '')) name = name.replace(/\s+\S+$/, '');
    const atSentenceStart = start === s.start;
    const lower = name.toLowerCase();
    if (NOT_NAMES.has(lower) || name.length < 2) continue;
    const preceding = text.slice(Math.max(0, start - 40), start);
    const type = titledPerson ? 'PERSON' : typeOf(name, preceding, atSentenceStart);
    if (type === null) continue;
    out.push({ start, end: start + name.length, text: name, type, entityId: '', canonical: name });
  }
  return out;
}

/** Returns the entity type a capitalised run most likely has, or null when it is probably not a name. */
function typeOf(name: string, preceding: string, atSentenceStart: boolean): EntityType | null {
  if (/\.(com|org|net|co)$/i.test(name)) return 'ORG';
  const lower = name.toLowerCase();
  if (COUNTRY_BY_DEMONYM.has(lower)) return 'NORP';
  if (COUNTRY_BY_NAME.has(lower) || COUNTRY_BY_CAPITAL.has(lower)) return 'LOCATION';
  if (ORG_WORDS.test(name) && name.includes(' ')) return 'ORG';
  if (PERSON_TITLES.test(preceding)) return 'PERSON';
  if (PLACE_PREPOSITIONS.test(preceding) && !name.includes(' ')) return 'LOCATION';
  const words = name.split(/\s+/).length;
  if (words >= 2 && words <= 4 && !ORG_WORDS.test(name)) return 'PERSON';
  if (ORG_WORDS.test(name)) return 'ORG';
  if (/^[\p{Lu}]{2,6}$/u.test(name)) return 'ORG'; // an acronym
  // A lone unknown word: kept only if it turns out to be the surname of a person named earlier.
  return atSentenceStart ? null : UNRESOLVED;
}

/** Marks a lone capitalised word whose type only the rest of the document can tell. */
const UNRESOLVED = 'UNRESOLVED' as EntityType;

/** Links a bare surname to the full name met earlier in the document, then gives every mention its id. */
function linkWithinDocument(mentions: EntityMention[]): EntityMention[] {
  const persons: string[] = [];
  const kept: EntityMention[] = [];
  for (const m of mentions) {
    if (m.type === 'PERSON' && m.text.includes(' ')) persons.push(m.text);
    if (!m.text.includes(' ')) {
      const full = persons.find((p) => p.endsWith(` ${m.text}`));
      if (full) {
        m.type = 'PERSON';
        m.canonical = full;
      }
    }
    if (m.type === UNRESOLVED) continue;
    kept.push(m);
    const country = m.type === 'LOCATION' ? COUNTRY_BY_NAME.get(m.canonical.toLowerCase()) : undefined;
    if (country) m.canonical = country.name;
    m.entityId = stableId('ent', m.type, m.canonical.toLowerCase());
  }
  return kept;
}
