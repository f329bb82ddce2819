/**
 * Quotations with their speakers, kept verbatim (a quote is always an exact span of the text):
 *   1. direct quotes between quote marks (straight or curly, across sentences), the speaker read
 *      after the closing mark (`," said X`, `," she said`), before the opening one (`X said: "`),
 *      elsewhere in the sentence (`X called it "…"`), from the quote it continues, or from the next
 *      sentence when only that one names who spoke;
 *   2. indirect speech: `X said (that) …`, `…, X said.`, `according to X, …`, `X told Y (that) …`.
 * A speaker phrase is resolved to an entity: a name in it; a pronoun back to the last person (he,
 * she) or organisation (it, which, they); a role ("the spokeswoman", "the company") back to the last
 * person or organisation named. Descriptions without a name ("port officials") have no entity.
 */
import type { EntityMention, EntityType, Quote, Span } from '../../domain/analysis.ts';
import { stableId } from '../../lib/hash.ts';
import { englishWords, firstNameSet } from '../../lib/lexicons.ts';
import { nameKey } from './entities.ts';

/** Verbs of saying, in the forms news copy uses around quotes. */
const VERB =
  '(?:said|says|say|saying|told|tells|reported|reports|confirms|denied|denies|disputed|added|adding|warning|insisting|noting|claiming|arguing|adds|stated|wrote|writes|warned|insisted|declared|explained|argued|noted|claimed|announced|urged|asked|acknowledged|admitted|maintained|estimated|confirmed|replied|recalled|predicted|conceded|complained|cautioned)';

/** Pronouns that point back to a speaker, with the kind of entity they point to. */
const PRONOUNS: Record<string, 'PERSON' | 'ORG'> = {
  he: 'PERSON',
  she: 'PERSON',
  it: 'ORG',
  which: 'ORG',
  they: 'ORG',
  who: 'PERSON',
};

/** Role nouns: a person's role, or an organisation's kind. */
const PERSON_ROLES =
  /\b(spokes(?:wo)?man|spokesperson|minister|mayor|president|chief|director|governor|secretary|chair(?:man|woman)?|leader|official|negotiator|envoy|ambassador|judge|prosecutor|lawyer|engineer|councillor|commissioner|executive|head|manager|officer|inspector|captain|commander|general)\b/i;
const PLACE_ROLES = /^(?:the\s+)?(?:city|town|municipality|region|village|country)$/i;
const PLACE_PRECISION: Record<string, 'city' | 'region' | 'country'> = {
  city: 'city',
  town: 'city',
  municipality: 'city',
  village: 'city',
  region: 'region',
  country: 'country',
};
const ORG_ROLES =
  /\b(company|firm|operator|union|ministry|authority|council|government|agency|office|board|group|carrier|line|court|police|service|department|commission|coalition|association|federation|party|regulator|insurer|bank|utility)\b/i;

/** The patterns, compiled once. */
/** Verbs of saying that put the speaker after them ("said Ana Vale"); "told X" names the listener instead. */
const VERB_BEFORE_SPEAKER = VERB.replace('told|tells|', '');
const AFTER_QUOTE = new RegExp(
  `^[,.!?]?\\s*(?:(${VERB_BEFORE_SPEAKER})\\s+((?:[^,.;:"“”](?!\\b${VERB}\\b)){2,90}?)(?=[,.;:]|$)|([^,.;:"“”]{2,90}?)\\s+(${VERB})\\b)`,
  'i',
);
/** `"…," Marek Sobieralski, the union's chairman, told …` */
const AFTER_QUOTE_APPOSED = new RegExp(
  `^[,.!?]?\\s*()()([^,.;:"“”]{2,60}),[^,.;"“”]{2,80},\\s*(${VERB})\\b`,
  'i',
);
/** `"…." Vale said.` / `"…." She added.` */
const SHORT_SAID = new RegExp(`^\\s*(?:[\\p{Lu}][\\p{L}'’-]*\\s+){1,3}(?:${VERB})\\.`, 'u');
const BEFORE_QUOTE = new RegExp(`([^,.;"“”]{2,90}?)\\s+(${VERB})(?:\\s+[\\w’']+){0,4}[:,]?\\s*$`, 'i');
const VERB_IN_SENTENCE = new RegExp(`\\b(${VERB}|called|described|quoted)\\b`, 'gi');
const VERB_NEXT_SENTENCE = new RegExp(`\\b(${VERB}|put it|words were|the words of)\\b`, 'i');
const TAIL_CLAIM = new RegExp(
  `,\\s*(?:(${VERB_BEFORE_SPEAKER})\\s+([^,.;]{2,90})|([^,.;]{2,90}?)\\s+(${VERB})(?:\\s+[\\w’']+){0,4})\\s*[.!?]?\\s*$`,
  'i',
);
/** `, the union said, a number …` / `, the service said;` — an attribution that closes a clause mid-sentence. */
const MID_TAIL = new RegExp(
  `,\\s*((?:[\\w'’.-]+\\s+){0,5}?[\\w'’.-]+)\\s+(said|says|added|reported|confirmed)\\s*(?=[;,])`,
  'iu',
);

/** Any verb of saying or "according to": a sentence without one holds no reported speech. */
const ANY_SPEECH = new RegExp(`\\b(?:${VERB}|according to)\\b`, 'i');

/** A name right after a preposition is no subject. */
const AFTER_PREPOSITION = /\b(?:in|at|near|into|outside|across|through|around)\s+(?:the\s+)?$/i;

/** The core verbs of saying: a subject holding one of them is a claim of its own. */
const VERB_TEST =
  /\b(?:said|says|say|told|tells|reported|reports|added|adds|confirmed|confirms|denied|denies)\b/i;
const VERB_ANY = new RegExp(`\\b(${VERB})\\b`, 'gi');
const LISTENER = "|reporters|journalists|the \\w+|a \\w+|[\\p{Lu}][\\p{L}’'-]+(?:\\s+[\\p{Lu}][\\p{L}’'-]+)*";
const LEAD_WORDS =
  'on \\w+|in a \\w+|late \\w+|earlier|later|yesterday|today|last \\w+|this \\w+|separately|in an interview|in a statement|at a \\w+ conference';
const LEAD_SAID = new RegExp(`^(?:\\s+(?:${LEAD_WORDS}))*\\s*(?:that\\b)?`, 'u');
const LEAD_TOLD = new RegExp(`^(?:\\s+(?:${LEAD_WORDS}${LISTENER}))*\\s*(?:that\\b)?`, 'u');

const MIN_QUOTE_CHARS = 3;

/** Words that are never a speaker on their own. */
const NOT_SUBJECTS = new Set([
  'and',
  'but',
  'or',
  'has',
  'have',
  'had',
  'also',
  'then',
  'as',
  'so',
  'that',
  'this',
  'there',
  'here',
  'is',
  'was',
  'were',
  'are',
  'be',
  'been',
  'later',
  'earlier',
  'again',
  'yet',
  'still',
  'had',
  'not',
]);
const MAX_SUBJECT_WORDS = 10;

interface Resolved {
  text: string;
  entityId: string | null;
}

/**
 * Returns the quotations of a text (direct and indirect), in order. A speaker named by capitalised
 * words the entity tagger missed ("Councillor Duarte Meireles said") becomes an entity mention too:
 * the subject of a verb of saying is a person or an organisation. Those mentions are added to
 * `entities` (the array is extended in place, kept in text order).
 */
export function findQuotes(
  text: string,
  entities: EntityMention[],
  sentences: Span[] = [{ start: 0, end: text.length }],
): Quote[] {
  const direct = directQuotes(text, entities, sentences);
  const indirect = indirectQuotes(text, entities, sentences, direct);
  // 'Ana Vale said the evacuation had gone "without a serious incident"': a quote that ends a reported
  // clause is the words of that clause's speaker.
  for (const d of direct) {
    const clause = indirect.find(
      (i) => i.end <= d.start && /^[\s"“‘']*$/.test(text.slice(i.end, d.start)) && i.speaker?.entityId,
    );
    if (clause) d.speaker = clause.speaker;
  }
  entities.sort((a, b) => a.start - b.start);
  return [...direct, ...indirect].sort((a, b) => a.start - b.start);
}

/** Roles and titles before a name in a speaker phrase ("company spokeswoman Agnieszka Drozd", "Councillor X"). */
const LEADING_ROLE =
  /^(?:(?:the|a|an|its|his|her|their)\s+)?(?:(?:[\p{Ll}][\p{L}'’-]*|Councill?or|Mayor|Minister|President|Engineer|Judge|Dr|Mr|Mrs|Ms|Professor|Chief|Director|Spokesperson|Spokeswoman|Spokesman|Inspector|Captain|General|Colonel)\s+)*/u;
const NAME_RUN =
  /^[\p{Lu}][\p{L}\p{M}'’.-]*(?:\s+(?:(?:of|de|da|dos|van|von|der|the|and|for)\s+)?[\p{Lu}][\p{L}\p{M}'’.-]*){0,5}$/u;
const ORG_HEAD =
  /\b(?:union|office|ministry|agency|council|authority|board|company|group|terminals?|engenharia|radio|times|observer|standard|post|news|press|gazette|service|department|court|police|coalition|association|federation|syndicate|reederei|bank|party|government|commission|network|monitor|tribune)\b/i;

/** A capitalised name in a speaker phrase that no entity covers, made a mention; null when there is none. */
function nameInPhrase(phrase: string, at: number, entities: EntityMention[]): Resolved | null {
  // "The French syndicate's Hélène Marchetti-Roux": what comes before the possessive is not the name.
  const possessive = /^.*['’]s\s+(?=\p{Lu})/u.exec(phrase)?.[0] ?? '';
  const role = possessive || (LEADING_ROLE.exec(phrase)?.[0] ?? '');
  // "Olivier Chappuis-Réal of the Lake Board": the person, before the body they speak for.
  let name =
    phrase
      .slice(role.length)
      .replace(/['’]s$/, '')
      .split(/\s+of\s+(?:the\s+)?(?=\p{Lu})/u)[0]
      ?.trim() ?? '';
  // "Coalition leader Wanjiru Kamau", "Superintendent Peter Mwangangi": the name is the capitalised
  // run at the end, from its first known first name (or after the last lower-case word).
  if (!NAME_RUN.test(name))
    name =
      /(?:^|\s)((?:[\p{Lu}][\p{L}\p{M}'’.-]*\s+){1,3}[\p{Lu}][\p{L}\p{M}'’.-]*)$/u.exec(name)?.[1] ?? name;
  const words0 = name.split(/\s+/);
  const firstKnown = words0.findIndex((w) => firstNameSet().has(w.toLowerCase()));
  if (firstKnown > 0 && words0.length - firstKnown >= 2) name = words0.slice(firstKnown).join(' ');
  if (!name || !NAME_RUN.test(name) || /^(?:The|A|An|It|He|She|They|We|I|This|That)$/.test(name)) return null;
  // A lone capitalised ordinary word opening a sentence ("Residents said") is no name.
  if (!name.includes(' ') && englishWords().has(name.toLowerCase())) return null;
  const start = at + phrase.lastIndexOf(name);
  const end = start + name.length;
  const words = name.split(/\s+/);
  const personCue =
    /\b(?:spokes\w*|councill?or|mayor|minister|president|engineer|judge|chair\w*|director|lawyer|resident|chief|dr|mr|mrs|ms|professor|inspector)\b/i.test(
      role,
    );
  const type: EntityType = ORG_HEAD.test(name)
    ? 'ORG'
    : personCue ||
        firstNameSet().has((words[0] as string).toLowerCase()) ||
        (words.length >= 2 && words.length <= 3)
      ? 'PERSON'
      : 'ORG';
  // Entities the tagger found inside a longer name ("Western Greece" in "Region of Western Greece") give way to it.
  const inside = entities.filter((e) => e.start >= start && e.end <= end && e.end - e.start < end - start);
  if (
    inside.length &&
    words.length >= 2 &&
    inside.length === entities.filter((e) => e.start < end && start < e.end).length
  ) {
    for (const e of inside) entities.splice(entities.indexOf(e), 1);
  }
  const overlapping = entities.find((e) => e.start < end && start < e.end);
  if (overlapping) {
    // The subject of a verb of saying is no place: a name the tagger read as one is retyped.
    if (overlapping.type !== 'LOCATION' || overlapping.start !== start || overlapping.end !== end)
      return null;
    overlapping.type = type;
    overlapping.entityId = stableId('ent', type, nameKey(overlapping.canonical));
    return { text: overlapping.text, entityId: overlapping.entityId };
  }
  const mention: EntityMention = {
    start,
    end,
    text: name,
    type,
    entityId: stableId('ent', type, nameKey(name)),
    canonical: name,
  };
  entities.push(mention);
  return { text: name, entityId: mention.entityId };
}

const sentenceOf = (sentences: Span[], at: number): Span | undefined =>
  sentences.find((s) => s.start <= at && at < s.end);

/** Pass 1: quotes between marks. */
function directQuotes(text: string, entities: EntityMention[], sentences: Span[]): Quote[] {
  const out: Quote[] = [];
  const re = /“([^”\n]+)”|"([^"\n]+)"/g;
  for (const m of text.matchAll(re)) {
    const inner = (m[1] ?? m[2]) as string;
    if (inner.trim().length < MIN_QUOTE_CHARS) continue;
    const start = m.index;
    const end = start + m[0].length;
    const innerStart = start + 1;
    const quoteText = inner.replace(/,$/, '');
    const sentence = sentenceOf(sentences, start) ?? {
      start: Math.max(0, start - 200),
      end: Math.min(text.length, end + 200),
    };
    const found =
      speakerAfter(text, end, entities) ??
      speakerBefore(text, start, sentence, entities) ??
      speakerInSentence(text, start, end, sentence, entities) ??
      continued(out, text, start) ??
      speakerPreviousSentence(text, start, sentence, sentences, entities) ??
      speakerNextSentence(text, sentence, sentences, entities);
    out.push({
      start: innerStart,
      end: innerStart + quoteText.length,
      text: quoteText,
      speaker: found?.speaker ?? null,
      verb: found?.verb ?? null,
      direct: true,
    });
  }
  return out;
}

type Found = { speaker: Resolved; verb: string };

/** `"…," said X` / `"…," X said` / `"…," she said`. */
function speakerAfter(text: string, end: number, entities: EntityMention[]): Found | null {
  const after = text.slice(end, Math.min(text.length, end + 160));
  // A quote that ends its own sentence ("… redundancies.") is followed by a new sentence, which names
  // its speaker only in the short form `"…." Vale said.`
  if (/[.!?]\s*["”]$/.test(text.slice(Math.max(0, end - 3), end)) && !SHORT_SAID.test(after)) return null;
  const m = AFTER_QUOTE.exec(after) ?? AFTER_QUOTE_APPOSED.exec(after);
  if (!m) return null;
  const phrase = (m[2] || m[3] || '').trim();
  const at = end + after.indexOf(phrase);
  const speaker = resolve(text, phrase, at, entities);
  return speaker ? { speaker, verb: (m[1] || m[4] || '').toLowerCase() } : null;
}

/** `X said: "…"` / `X told reporters, "…"`. */
function speakerBefore(text: string, start: number, sentence: Span, entities: EntityMention[]): Found | null {
  const before = text.slice(Math.max(sentence.start, start - 200), start);
  const m = BEFORE_QUOTE.exec(before);
  if (!m) return null;
  const phrase = (m[1] as string).trim();
  const at = start - before.length + before.lastIndexOf(phrase);
  const speaker = resolve(text, phrase, at, entities);
  return speaker ? { speaker, verb: (m[2] as string).toLowerCase() } : null;
}

/** `X called it "…"`, `X said the company was "disappointed"`: a speech verb with its subject elsewhere in the sentence. */
function speakerInSentence(
  text: string,
  start: number,
  end: number,
  sentence: Span,
  entities: EntityMention[],
): Found | null {
  const s = text.slice(sentence.start, sentence.end);
  for (const v of s.matchAll(VERB_IN_SENTENCE)) {
    const at = sentence.start + v.index;
    if (at >= start && at < end) continue; // inside the quote
    const subject = subjectBefore(text, sentence.start, at);
    const apposed = appositionSubject(text, sentence.start, at, entities);
    const resolved = subject ? resolve(text, subject.phrase, subject.at, entities) : null;
    const speaker =
      apposed && (!resolved?.entityId || /^\p{Ll}/u.test(subject?.phrase ?? '')) ? apposed : resolved;
    if (speaker) return { speaker, verb: (v[1] as string).toLowerCase() };
  }
  return null;
}

/** A quote that opens a paragraph or follows another closely, with no speaker of its own, continues the last one. */
function continued(prior: Quote[], text: string, start: number): Found | null {
  const last = prior.at(-1);
  if (!last?.speaker || start - last.end > 400) return null;
  const between = text.slice(last.end, start).replace(/^[,.!?]?["”]/, '');
  if (/[“"]/.test(between)) return null;
  return { speaker: last.speaker, verb: last.verb ?? 'said' };
}

/** A quote that opens its sentence right after one in which a named speaker says something continues that speaker. */
function speakerPreviousSentence(
  text: string,
  start: number,
  sentence: Span,
  sentences: Span[],
  entities: EntityMention[],
): Found | null {
  if (start - sentence.start > 2) return null;
  const prev = [...sentences].reverse().find((s) => s.end <= sentence.start);
  if (!prev || sentence.start - prev.end > 3) return null;
  return speakerInSentence(text, -1, -1, prev, entities);
}

/** `"…" That was how Ana Vale put it on Monday.`: only the next sentence, with a verb of saying, names the speaker. */
function speakerNextSentence(
  text: string,
  sentence: Span,
  sentences: Span[],
  entities: EntityMention[],
): Found | null {
  const next = sentences.find((s) => s.start >= sentence.end);
  if (!next || next.start - sentence.end > 3) return null;
  const body = text.slice(next.start, next.end);
  const verb = VERB_NEXT_SENTENCE.exec(body);
  if (!verb) return null;
  const person = entities.find((e) => e.start >= next.start && e.end <= next.end && e.type === 'PERSON');
  return person
    ? { speaker: { text: person.text, entityId: person.entityId }, verb: (verb[1] as string).toLowerCase() }
    : null;
}

/** The subject of a verb at `verbAt`: the words before it back to a clause boundary, at most MAX_SUBJECT_WORDS. */
/** The subject that opens a stretch of a sentence: a capitalised run after a dateline and a leading function word, else its first words. */
function openingSubject(whole: string): string {
  const body = whole
    .replace(/^[\p{Lu}\s,.'’-]{3,}\s+[—–-]\s+/u, '')
    .replace(
      /^(?:The|A|An|In|On|At|After|Before|By|For|From|With|During|Since|Earlier|Later|Meanwhile)\s+(?=\p{Ll})/u,
      '',
    );
  const opening = /^(?:(?:[\p{Lu}][\p{L}'’.-]*|of|the|and|for|de)\s*)+/u.exec(body)?.[0]?.trim();
  const usable =
    opening &&
    !/^(?:The|A|An|In|On|At|It|This|That|They)$/.test(opening) &&
    opening.split(/\s+/).length <= MAX_SUBJECT_WORDS;
  return usable ? opening : body.split(/\s+/).slice(0, 3).join(' ');
}

function subjectBefore(
  text: string,
  from: number,
  verbAt: number,
  entities: EntityMention[] = [],
): { phrase: string; at: number } | null {
  const before = text.slice(from, verbAt);
  // A participle ("…, warning that …", "claiming …") speaks for the person the sentence is about (else its body).
  if (/^\w+ing\b/.test(text.slice(verbAt, verbAt + 14)) && /,\s*$/.test(before)) {
    const inSentence = entities.filter((e) => e.start >= from && e.end <= verbAt);
    const who =
      inSentence.filter((e) => e.type === 'PERSON').at(-1) ??
      inSentence.filter((e) => e.type === 'ORG').at(-1);
    if (who) return { phrase: who.text, at: who.start };
    const head = openingSubject(before.replace(/,\s*$/, ''));
    return head ? { phrase: head, at: from + before.indexOf(head) } : null;
  }
  // A relative pronoun ("Beatrice Lüthi, who said …") stands for the name just before it.
  const relative = /,\s*(who|which)\s+$/i.exec(before);
  if (relative)
    return {
      phrase: relative[1] as string,
      at: from + relative.index + relative[0].indexOf(relative[1] as string),
    };
  // Clause boundaries; "and"/"but" only before a lower-case word ("… and said"), not inside a name ("Port and City Press Office").
  let conj = -1;
  for (const m of before.matchAll(/ (?:and|but|while) (?=\p{Ll})/gu)) conj = m.index;
  const cut = Math.max(
    before.lastIndexOf(','),
    before.lastIndexOf(';'),
    before.lastIndexOf(':'),
    before.lastIndexOf('”'),
    before.lastIndexOf('"'),
    conj,
  );
  // Auxiliaries and adverbs between subject and verb ("X, the mediator, has said") belong to neither.
  const AUX = /^\s*(?:has|have|had|also|has also|had also|will|would|again|later|earlier|then|once)?\s*$/i;
  let phrase = before.slice(cut + 1);
  // Appositions and time phrases between subject and verb: "Sobieralski, the union's leader, said" / "X on Tuesday said".
  if (AUX.test(phrase) && cut > 0) {
    const earlier = before.slice(0, cut);
    const c2 = Math.max(earlier.lastIndexOf(','), earlier.lastIndexOf(';'));
    phrase = earlier.slice(c2 + 1);
  }
  const trimmed = phrase
    .trim()
    .replace(/^(?:and|but|while|who|which|also)\b\s*/i, '')
    .replace(/\s+(?:has|have|had|also|has also|had also|will|would|again|later|earlier|then)$/i, '')
    .trim();
  // A verb shared by two clauses ("Baltgate rejected the figure and said …"): the sentence's subject speaks.
  if (!trimmed || /^(?:and|but|also|then)$/i.test(trimmed)) {
    // The whole stretch before the conjunction: its last named person or body is the subject.
    const whole = before.slice(0, Math.max(0, cut)).trim();
    if (!whole) return null;
    // Its subject opens it: the words up to the first lower-case verb-like word ("Police fired …" → "Police").
    const head = openingSubject(whole);
    return head ? { phrase: head, at: from + before.indexOf(head) } : null;
  }
  const words = trimmed.split(/\s+/).filter(Boolean);
  if (!words.length || words.length > MAX_SUBJECT_WORDS) return null;
  // A clause, not a subject: it opens with an -ing form or "that", or runs long without a capital.
  if (/^(?:[a-z]\w*ing|that|to|if|when|because)\b/.test(trimmed)) return null;
  return { phrase: trimmed, at: from + text.slice(from, verbAt).lastIndexOf(trimmed) };
}

/**
 * The entity a verb's subject names through an apposition: "Lusoarco Engenharia, the firm that built
 * the bridge, said …" — the last person or organisation followed by a comma-enclosed phrase up to the verb.
 */
function appositionSubject(
  text: string,
  from: number,
  verbAt: number,
  entities: EntityMention[],
): Resolved | null {
  const candidates = entities.filter(
    (e) => e.start >= from && e.end <= verbAt && (e.type === 'PERSON' || e.type === 'ORG'),
  );
  for (const e of candidates.reverse()) {
    const gap = text.slice(e.end, verbAt);
    if (/^,[^;:"“”]{2,160},\s*(?:\w+\s+){0,2}$/.test(gap) && !/\b(?:said|says|told|added)\b/i.test(gap))
      return { text: e.text, entityId: e.entityId };
  }
  return null;
}

/** A plural description ("analysts", "fruit growers") and a place after "at", "on", "in", "near" or "from". */
const DESCRIPTION_WITH_PLACE =
  /^((?:[\p{Lu}]?[\p{Ll}]+\s+){0,2}[\p{Lu}]?[\p{Ll}]+s)\s+(?:at|on|in|near|from)\s+/u;

/** Resolves a speaker phrase to an entity; null when the phrase is no subject at all. */
function resolve(text: string, phrase: string, at: number, entities: EntityMention[]): Resolved | null {
  // "Analysts at two Hamburg brokerages", "fruit growers on the lower Rhône": a description of people,
  // with a place or body after a preposition, names no one — whatever the tagger made of that name.
  // A speaker phrase opening with a quote mark or a conjunction is a piece of another clause.
  if (/^["“”]|^(?:and|but|or)\s/i.test(phrase.trim())) return null;
  // "Lusoarco Engenharia, which said": the name just before the relative pronoun.
  if (/^(?:which|who)$/i.test(phrase.trim())) {
    const before = [...entities].reverse().find((e) => e.end <= at && /^,\s*$/.test(text.slice(e.end, at)));
    if (before && before.type !== 'LOCATION') return { text: phrase, entityId: before.entityId };
  }
  const described = DESCRIPTION_WITH_PLACE.exec(phrase);
  if (described && !firstNameSet().has((described[1] as string).toLowerCase()))
    return { text: phrase, entityId: null };
  const inside = entities.filter((e) => e.start >= at && e.end <= at + phrase.length);
  const person = inside.filter((e) => e.type === 'PERSON').at(-1);
  const org = inside.filter((e) => e.type === 'ORG').at(-1);
  const named = person ?? org;
  if (named) return { text: named.text, entityId: named.entityId };
  const words = phrase
    .toLowerCase()
    .replace(/[^\p{L}\s'’-]/gu, ' ')
    .replace(/\s+(?:also|too|then|again)$/, '')
    .trim()
    .split(/\s+/);
  if (words.length === 1 && NOT_SUBJECTS.has(words[0] as string)) return null;
  // A phrase ending in a conjunction ("built and", "welcomed the plan but") is a clause cut short, not a subject.
  if (/\b(?:and|but|or)$/i.test(phrase.trim())) return null;
  const head = words.at(-1) ?? '';
  // "the paper", "the broadcaster": the last news outlet named.
  if (
    /^(?:the\s+)?(?:paper|newspaper|broadcaster|station|agency|outlet|daily|weekly)$/i.test(phrase.trim())
  ) {
    const outlet = [...entities]
      .reverse()
      .find(
        (e) =>
          e.end <= at &&
          e.type === 'ORG' &&
          /\b(?:times|standard|post|news|herald|gazette|journal|tribune|observer|radio|press|courier|daily|monitor|ledger|review|chronicle|telegraph|express)\b/i.test(
            e.canonical,
          ),
      );
    if (outlet) return { text: phrase, entityId: outlet.entityId };
  }
  if (PLACE_ROLES.test(phrase.trim())) {
    // "The city said …": the city last named (a country for "the country", a region for "the region"),
    // else the place last named.
    const precision = PLACE_PRECISION[head];
    const earlier = [...entities].reverse().filter((e) => e.end <= at && e.type === 'LOCATION');
    const place = earlier.find((e) => e.place?.precision === precision) ?? earlier[0];
    if (place) return { text: phrase, entityId: place.entityId };
  }
  // A capitalised title without a name ("Deputy Regional Governor for Civil Protection"), unlike "Councillor Duarte Meireles".
  const titled =
    /^(?:[\p{Lu}][\p{L}'’-]*\s+)*(?:for\s+|of\s+)?(?:[\p{Lu}][\p{L}'’-]*\s*)*$/u.test(phrase.trim()) &&
    PERSON_ROLES.test(phrase.slice((LEADING_ROLE.exec(phrase)?.[0] ?? '').length));
  const kind =
    PRONOUNS[head] ??
    (words.length <= 7 &&
    PERSON_ROLES.test(phrase) &&
    (/^(the|a|an|its|his|her|their)\b/i.test(phrase) || titled || /['’]s\s/.test(phrase))
      ? 'PERSON'
      : null) ??
    (words.length <= 5 && ORG_ROLES.test(phrase) && /^(the|its|his|her|their)\b/i.test(phrase)
      ? 'ORG'
      : null);
  if (kind) {
    // A role names its kind ("the union" → the last organisation called "… Union"); a pronoun takes the last of its kind.
    // Candidates are the names that could be a subject: not those after a preposition ("in Kibera", "at the Gardens").
    const earlier = [...entities]
      .reverse()
      .filter(
        (e) =>
          e.end <= at &&
          e.type === kind &&
          !AFTER_PREPOSITION.test(text.slice(Math.max(0, e.start - 14), e.start)),
      );
    const byHead = PRONOUNS[head]
      ? undefined
      : earlier.find((e) => e.canonical.toLowerCase().split(/\s+/).includes(head));
    // "he"/"she": a person named in full (or already linked to a full name) before a bare one-word guess.
    const person =
      kind === 'PERSON' && PRONOUNS[head]
        ? earlier.slice(0, 4).find((e) => e.canonical.includes(' '))
        : undefined;
    // A role named before the person ("the authority's spokesperson … Reto Vale, the spokesperson,"): the next person soon after.
    const later =
      kind === 'PERSON' && !PRONOUNS[head]
        ? entities.find((e) => e.start >= at + phrase.length && e.start - at < 400 && e.type === 'PERSON')
        : undefined;
    // An organisation's role ("the service", "the company") only where a body of that kind was named.
    const fallback = kind === 'ORG' && !PRONOUNS[head] ? undefined : earlier[0];
    const antecedent = byHead ?? person ?? fallback ?? later;
    if (antecedent) return { text: phrase, entityId: antecedent.entityId };
    return { text: phrase, entityId: null };
  }
  const named2 = nameInPhrase(phrase, at, entities);
  if (named2) return named2;
  // A stretch with a finite verb ("the bridge was built", "talks are chaired") is a clause, not a speaker.
  if (/\b(?:was|were|is|are|been|has|have|had|will|would)\b/i.test(phrase)) return null;
  // A description without a name ("port officials", "a resident"): a speaker, but no entity.
  return words.length <= MAX_SUBJECT_WORDS && words.some((w) => w.length > 1)
    ? { text: phrase, entityId: null }
    : null;
}

/** Pass 2: reported speech outside quote marks. */
function indirectQuotes(
  text: string,
  entities: EntityMention[],
  sentences: Span[],
  direct: Quote[],
): Quote[] {
  const out: Quote[] = [];
  const insideDirect = (a: number, b: number) => direct.some((q) => q.start - 1 <= a && b <= q.end + 1);
  const overlapsDirect = (a: number, b: number) => direct.some((q) => q.start - 1 < b && a < q.end + 1);
  for (const s of sentences) {
    const body = text.slice(s.start, s.end);
    // Most sentences report nothing: no verb of saying, no "according to".
    if (!ANY_SPEECH.test(body)) continue;
    const push = (cs: number, ce: number, speaker: Resolved | null, verb: string) => {
      let a = cs;
      let b = ce;
      while (a < b && /[\s,“"]/.test(text[a] as string)) a++;
      // A reported clause runs up to a direct quote that follows it, never into it.
      const next = direct.find((q) => q.start - 1 >= a && q.start - 1 < b);
      if (next) b = next.start - 1;
      while (b > a && /[\s.,;:!?”"“]/.test(text[b - 1] as string)) b--;
      if (b - a < 12 || overlapsDirect(a, b)) return;
      out.push({ start: a, end: b, text: text.slice(a, b), speaker, verb, direct: false });
    };
    // "According to X, CLAUSE" / "CLAUSE, according to X."
    const acc = /\baccording to ([^,.;]{2,80})/i.exec(body);
    if (acc) {
      const at = s.start + acc.index + acc[0].indexOf(acc[1] as string);
      const speaker = resolve(text, (acc[1] as string).trim(), at, entities);
      const after = body.slice(acc.index + acc[0].length);
      if (acc.index < 3 || (/^,/.test(after) && after.length > 14))
        push(s.start + acc.index + acc[0].length, s.end, speaker, 'according to');
      else push(s.start, s.start + acc.index, speaker, 'according to');
      continue;
    }
    // "CLAUSE, X said." / "CLAUSE, said X."
    const tail = TAIL_CLAIM.exec(body);
    const tailPhrase = (tail?.[2] ?? tail?.[3] ?? '').trim();
    // The speaker after the clause is short and names someone ("…, the ministry said"), not a clause of its own.
    const shortSpeaker =
      tailPhrase.split(/\s+/).length <= 7 &&
      !/\b(?:would|will|could|had|has|was|were|is|are|that)\b/i.test(tailPhrase);
    if (tail && shortSpeaker && !insideDirect(s.start + tail.index, s.end)) {
      const phrase = tailPhrase;
      const at = s.start + tail.index + tail[0].indexOf(phrase);
      const speaker = resolve(text, phrase, at, entities);
      if (speaker) {
        push(s.start, s.start + tail.index, speaker, (tail[1] ?? tail[4] ?? '').toLowerCase());
        continue;
      }
    }
    // "CLAUSE, the union said, a number …" / "CLAUSE, X said; …": the attribution closes the clause mid-sentence.
    const mid = MID_TAIL.exec(body);
    if (mid && mid.index > 12 && !insideDirect(s.start + mid.index, s.start + mid.index + mid[0].length)) {
      const phrase = (mid[1] as string).trim();
      const at = s.start + mid.index + mid[0].indexOf(phrase);
      const speaker = phrase.split(/\s+/).length <= 6 ? resolve(text, phrase, at, entities) : null;
      if (speaker) {
        push(s.start, s.start + mid.index, speaker, (mid[2] as string).toLowerCase());
        continue;
      }
    }
    // "X said (on Tuesday) (that) CLAUSE", "X told reporters (that) CLAUSE"; several in one sentence
    // ("X said …, while Y said …") each end where the next one's subject begins.
    const claims: { speaker: Resolved; verb: string; clauseStart: number; subjectAt: number }[] = [];
    for (const v of body.matchAll(VERB_ANY)) {
      const at = s.start + v.index;
      if (overlapsDirect(at, at + v[0].length)) continue;
      // '"…," said the governor, Ana Vale.': the verb attributes the direct quote before it; what follows is no reported clause.
      if (direct.some((q) => q.end <= at && /^[\s,.!?”"’']*$/.test(text.slice(q.end, at)))) continue;
      const subject = subjectBefore(text, s.start, at, entities);
      // A verb whose subject holds another verb of saying is reported inside that claim ("said … had reported …").
      if (subject && VERB_TEST.test(subject.phrase)) continue;
      const apposed = appositionSubject(text, s.start, at, entities);
      const resolved = subject ? resolve(text, subject.phrase, subject.at, entities) : null;
      // "Lena Hartmann, a spokeswoman for the authority, said": the named subject before the apposition speaks.
      const speaker =
        apposed && (!resolved?.entityId || /^\p{Ll}/u.test(subject?.phrase ?? '')) ? apposed : resolved;
      if (!speaker) continue;
      const subjectAt = subject?.at ?? at;
      const rest = body.slice(v.index + v[0].length);
      // Skip the listener, time and manner words before the reported clause.
      // Skip the listener ("told reporters", "told the council", "told Coastline Radio") and time and
      // manner words ("on Tuesday", "in a statement") before the reported clause.
      const lead = (/^(?:told|tells|asked|warned|urged)$/i.test(v[1] as string) ? LEAD_TOLD : LEAD_SAID).exec(
        rest,
      );
      claims.push({
        speaker,
        verb: (v[1] as string).toLowerCase(),
        clauseStart: at + v[0].length + (lead ? lead[0].length : 0),
        subjectAt,
      });
    }
    claims.forEach((c, i) => {
      const next = claims[i + 1];
      let end = s.end;
      if (next) {
        // The clause ends at the boundary before the next subject (", while", "; ", " and ").
        const gap = text.slice(c.clauseStart, next.subjectAt);
        const cut = Math.max(
          gap.lastIndexOf(','),
          gap.lastIndexOf(';'),
          gap.lastIndexOf(' and '),
          gap.lastIndexOf(' while '),
          gap.lastIndexOf(' but '),
        );
        end = cut > 0 ? c.clauseStart + cut : next.subjectAt;
      }
      if (end - c.clauseStart >= 12) push(c.clauseStart, end, c.speaker, c.verb);
    });
  }
  return out;
}
