/**
 * The entities of one event, from the stored analysis of its reports (pure: no storage).
 *   1. each report's PERSON, ORG and LOCATION mentions are grouped by the analyzer's linking key
 *      (nameKey: case, diacritics and transliteration variants folded), the report's own outlet and the
 *      outlets it credits or cites left out;
 *   2. across the event's reports a bare word joins the one longer name it starts ("Baltgate" →
 *      "Baltgate Terminals") or the one person's name it ends ("Rehm" → "Tobias Rehm");
 *   3. an entity counts for the event when a report's lead names it or two reports name it;
 *   4. its kind is the majority of its mentions' types (a gazetteer-linked place votes strongly);
 *   5. its description is what a report says it is — the role the analyzer attached to a person
 *      ("Presiding judge", ", the union's chairman,") or an appositive after an organisation (", the
 *      country's largest port operator,") — with the sentence it stands in; none rather than a guess.
 */
import type { Analysis, EntityMention, EntityType } from '../domain/analysis.ts';
import { outletKey } from '../domain/outlet.ts';
import type { Lineage } from '../domain/provenance.ts';
import { nameKey } from '../pipeline/analyze/entities.ts';
import { LEAD_SENTENCES } from '../pipeline/resolve/index.ts';

export type EntityKind = 'person' | 'organisation' | 'place' | 'other';
export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organisation', 'place', 'other'];

/** The kind of entity a mention type names. */
export function entityKindOf(type: EntityType): EntityKind {
  return type === 'PERSON'
    ? 'person'
    : type === 'ORG'
      ? 'organisation'
      : type === 'LOCATION'
        ? 'place'
        : 'other';
}

/** The URL slug of a name: its linking key (variants folded) with every run of other characters a hyphen. */
export function entitySlug(name: string): string {
  return nameKey(name)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** The stable key of an entity (its page is `/entities/<key>`): kind, then the slug of its name. */
export function entityKey(name: string, kind: EntityKind): string {
  return `${kind}-${entitySlug(name)}`;
}

/** A sentence of a report that says who or what an entity is. */
export interface EntityDescription {
  /** The describing words ("presiding judge", "the country's largest port operator"). */
  text: string;
  articleId: string;
  /** The sentence's offsets in the report's text. */
  start: number;
  end: number;
}

/** One entity as one event's reports give it. */
export interface EventEntity {
  slug: string;
  name: string;
  kind: EntityKind;
  mentions: number;
  description: EntityDescription | null;
}

/** A report of the event, as the entity index reads it. */
export interface EntityReport {
  articleId: string;
  text: string;
  publishedAt: string | null;
  analysis: Pick<Analysis, 'sentences' | 'entities'>;
  /** The report's outlet and the outlets it credits or cites: their names are sources, not entities. */
  outletName: string | null;
  lineage: Lineage[];
}

/** A person's role is kept when it has at least this many words ("Presiding judge"; a bare "General" is not). */
const MIN_ROLE_WORDS = 2;

/** A one-word name no gazetteer knows ("Crane" in a headline) counts only when the event names it this often. */
const MIN_BARE_WORD_MENTIONS = 2;

/** Where two names run together in one span: "and", "of", "on", "with", "at", then an optional "the". */
const COMPOUND_JOINT = / (?:and|of|on|with|at|for) (?:the )?/g;

/** Votes a mention casts for its kind; a place the gazetteer linked is hardly anything else. */
const LINKED_PLACE_VOTES = 3;

/**
 * An appositive after an organisation's name: ", the/a <at most six words> <head noun>" closed by a
 * comma, a full stop or a relative clause. The head nouns say what kind of body it is; a bare
 * ", the company said" (no modifier) is left out by requiring a word between the article and the head.
 */
const ORG_APPOSITIVE =
  /^,\s+((?:the|a|an)\s+(?:[\p{L}'’-]+\s+){1,6}?(?:company|group|firm|operator|agency|organi[sz]ation|party|union|alliance|body|authority|regulator|bank|watchdog|militia|movement|charity|carrier|airline|insurer|manufacturer|producer|broadcaster|coalition|bloc|ministry|court|association|federation|council|network|institute|university|fund))(?=\s*[,.;]|\s+(?:that|which|whose|based)\b)/u;

/**
 * A role set before a person's name by a comma, at the start of a sentence or clause: "The union's
 * chairman, Tomas Brandt, said …". The words must begin with an article and end with a role noun.
 */
const ROLE_THEN_NAME =
  /(?:^|[,;:]\s+)((?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\p{L}'’-]+\s+){0,5}?(?:chair(?:man|woman|person)?|spokes(?:wo)?man|spokesperson|minister|president|director|chief executive|mayor|governor|leader|head|secretary|ambassador|commander|judge|prosecutor|envoy|negotiator)),\s+$/u;

interface Tally {
  names: Map<string, number>;
  votes: Map<EntityKind, number>;
  mentions: number;
  reports: Set<string>;
  inLead: boolean;
  /** Some mention was linked to the gazetteer. */
  linked: boolean;
  description: (EntityDescription & { publishedAt: string }) | null;
}

/** Collects an event's reports one by one (so a big event is read in bounded batches) and returns its entities. */
export class EventEntityCollector {
  private readonly byKey = new Map<string, Tally>();

  /** Adds one report's mentions. */
  add(r: EntityReport): void {
    const sources = new Set(
      [
        r.outletName,
        ...r.lineage.map((l) => (l.kind === 'credit' ? l.source : l.kind === 'citation' ? l.outlet : null)),
      ]
        .filter((s): s is string => !!s)
        .map(outletKey),
    );
    const leadEnd = r.analysis.sentences[Math.min(LEAD_SENTENCES, r.analysis.sentences.length) - 1]?.end ?? 0;
    for (const m of r.analysis.entities) {
      if (m.type === 'NORP' || sources.has(outletKey(m.canonical))) continue;
      const key = nameKey(m.canonical);
      if (!key || !/\p{L}/u.test(key)) continue;
      const t = this.tally(key);
      t.names.set(m.canonical, (t.names.get(m.canonical) ?? 0) + 1);
      const kind = entityKindOf(m.type);
      t.votes.set(kind, (t.votes.get(kind) ?? 0) + (m.place ? LINKED_PLACE_VOTES : 1));
      t.mentions++;
      t.reports.add(r.articleId);
      if (m.start < leadEnd) t.inLead = true;
      if (m.place) t.linked = true;
      const d = describe(r, m);
      const at = r.publishedAt ?? '';
      if (d && (!t.description || at > t.description.publishedAt)) t.description = { ...d, publishedAt: at };
    }
  }

  /** The event's entities (steps 2–4 of the file comment), by key. */
  result(): EventEntity[] {
    this.joinBareWords();
    const out: EventEntity[] = [];
    for (const [key, t] of this.byKey) {
      if (!t.inLead && t.reports.size < 2) continue;
      if (!key.includes(' ') && !t.linked && t.mentions < MIN_BARE_WORD_MENTIONS) continue;
      if (this.isCompound(key)) continue;
      const name = top(t.names);
      const kind = topKind(t.votes);
      const description = t.description && kind !== 'place' ? withoutTime(t.description) : null;
      out.push({ slug: entitySlug(name), name, kind, mentions: t.mentions, description });
    }
    return out.filter((e) => e.slug);
  }

  /** Two names the tagger ran together ("<org> and the <union>", "<person> of the <board>"): both are counted apart. */
  private isCompound(key: string): boolean {
    for (const m of key.matchAll(COMPOUND_JOINT)) {
      const left = key.slice(0, m.index);
      const right = key.slice((m.index ?? 0) + m[0].length);
      // "and" or a "the" in the joint hardly stands inside one name ("Bank of England" has neither).
      const loose = m[0].startsWith(' and') || m[0].endsWith('the ');
      const [l, r] = [this.byKey.has(left), this.byKey.has(right)];
      if (loose ? l || r : l && r) return true;
    }
    return false;
  }

  private tally(key: string): Tally {
    let t = this.byKey.get(key);
    if (!t) {
      t = {
        names: new Map(),
        votes: new Map(),
        mentions: 0,
        reports: new Set(),
        inLead: false,
        linked: false,
        description: null,
      };
      this.byKey.set(key, t);
    }
    return t;
  }

  /** Step 2: a one-word name that begins exactly one longer name, or ends exactly one person's name, is that name. */
  private joinBareWords(): void {
    const long = [...this.byKey.keys()].filter((k) => k.includes(' '));
    for (const [key, t] of [...this.byKey]) {
      if (key.includes(' ') || t.linked) continue; // a place the gazetteer linked stays itself
      const starts = long.filter((k) => k.startsWith(`${key} `));
      const ends = long.filter(
        (k) => k.endsWith(` ${key}`) && topKind(this.byKey.get(k)!.votes) === 'person',
      );
      const into =
        starts.length === 1 && !ends.length
          ? starts[0]
          : ends.length === 1 && !starts.length
            ? ends[0]
            : null;
      const target = into ? this.byKey.get(into) : undefined;
      if (!target) continue;
      target.mentions += t.mentions;
      for (const id of t.reports) target.reports.add(id);
      target.inLead ||= t.inLead;
      target.description ??= t.description;
      this.byKey.delete(key);
    }
  }
}

/** What a report says the mentioned entity is, with the sentence saying it; null when it says nothing sure. */
function describe(r: EntityReport, m: EntityMention): EntityDescription | null {
  const s = r.analysis.sentences.find((x) => x.start <= m.start && m.end <= x.end);
  if (!s) return null;
  const sentence = r.text.slice(s.start, s.end);
  let text: string | null = null;
  if (m.type === 'PERSON' && m.role && m.role.split(/\s+/).length >= MIN_ROLE_WORDS) text = m.role;
  if (m.type === 'PERSON' && !text)
    text = ROLE_THEN_NAME.exec(r.text.slice(Math.max(s.start, m.start - 90), m.start))?.[1] ?? null;
  if (m.type === 'ORG')
    text = ORG_APPOSITIVE.exec(r.text.slice(m.end, Math.min(s.end, m.end + 120)))?.[1] ?? null;
  if (!text || !sentence.includes(text)) return null;
  return { text, articleId: r.articleId, start: s.start, end: s.end };
}

function withoutTime(d: EntityDescription & { publishedAt: string }): EntityDescription {
  return { text: d.text, articleId: d.articleId, start: d.start, end: d.end };
}

/** The most frequent spelling; on a tie the longer, then the first in order. */
function top(names: Map<string, number>): string {
  return [...names].sort(
    (a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]),
  )[0]![0];
}

/** The kind most mentions give; on a tie person, then organisation, then place. */
function topKind(votes: Map<EntityKind, number>): EntityKind {
  let best: EntityKind = 'other';
  let n = 0;
  for (const k of ENTITY_KINDS) {
    const v = votes.get(k) ?? 0;
    if (v > n) [best, n] = [k, v];
  }
  return best;
}
