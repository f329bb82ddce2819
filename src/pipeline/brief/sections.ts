/**
 * The sections briefings are made of, each a list of grounded sentences: what happened, what each
 * independent source says, the disputes side by side, what sources say comes next, the themes
 * behind the headline, and cards for the people, places and organisations the reports name.
 */
import { wordTokens } from '../../lib/text-normalize.ts';
import type { CertaintyLevel, EntityType } from '../../domain/analysis.ts';
import type { Assessment, IndependentSource } from '../../domain/assessment.ts';
import type { GroundedSentence } from './grounding.ts';
import {
  antecedent,
  balancedQuotes,
  citationOf,
  sentenceAt,
  sentencesOf,
  type BriefingText,
  type BriefReport,
} from './writer.ts';
import { MONTH_NAMES } from '../../lib/month-names.ts';

/** A paragraph of a briefing: sentences, with what it is about when it is about something. */
export interface BriefParagraph {
  heading?: string;
  sentences: GroundedSentence[];
  /** In "What the papers say": the independent source, its tone, and the outlets that copied it. */
  source?: {
    label: string;
    outlets: string[];
    copies: string[];
    tone: CertaintyLevel | null;
    cues: string[];
    tier: string;
  };
  /** In "How we got here": the earlier event the line is about. */
  event?: { id: string; title: string; date: string | null; level: string | null };
  /** In disputes: the field and the value this side gives. */
  dispute?: { field: string; value: string; outlets: string[]; settled: string | null };
}

export interface BriefSection {
  key: string;
  heading: string;
  paragraphs: BriefParagraph[];
}

/** Sentences at the top of a report that tell what happened. */
const LEAD = 3;

/** The earliest report of each independent source, the source's own account. */
export function originsOf(
  sources: IndependentSource[],
  reports: BriefReport[],
): { source: IndependentSource; origin: BriefReport; members: BriefReport[] }[] {
  const byId = new Map(reports.map((r) => [r.articleId, r]));
  return sources.flatMap((source) => {
    const members = source.articleIds
      .map((id) => byId.get(id))
      .filter((r): r is BriefReport => !!r)
      .sort(byTime);
    const origin = members[0];
    return origin ? [{ source, origin, members }] : [];
  });
}

export function byTime(a: BriefReport, b: BriefReport): number {
  return (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.articleId.localeCompare(b.articleId);
}

const STRONG: Record<string, number> = { primary: 0, trusted: 1, standard: 2, low: 3 };

/**
 * What's happened: two to four sentences — the lead of the report the event is named after (its
 * title is that report's headline or opening), else of the most trusted, earliest independent
 * source, then what other sources' leads add (a figure, a name) that the first did not say.
 */
export function whatsHappened(
  text: BriefingText,
  sources: IndependentSource[],
  reports: BriefReport[],
  max = 3,
  eventTitle?: string,
): BriefParagraph {
  const origins = originsOf(sources, reports).filter((o) => o.origin.tone !== 'denied');
  origins.sort(
    (a, b) => (STRONG[a.source.tier] ?? 2) - (STRONG[b.source.tier] ?? 2) || byTime(a.origin, b.origin),
  );
  let pool = origins.length ? origins.map((o) => o.origin) : [...reports].sort(byTime).slice(0, 1);
  const named = eventTitle ? reports.find((r) => r.tone !== 'denied' && opensWith(r, eventTitle)) : undefined;
  if (named) pool = [named, ...pool.filter((r) => r !== named)];
  const out: GroundedSentence[] = [];
  // The opening sentence of the strongest source that has one that stands alone, else its next lead sentence.
  // The named report's sentence that holds the title comes first (its first line may be a heading).
  const titled = named ? [...sentencesOf(named, 0, LEAD)].find((g) => g && holds(g.text, eventTitle)) : null;
  const first =
    (titled ? text.first([titled]) : null) ??
    text.first(pool.map((r) => [...sentencesOf(r, 0, 1)][0] ?? null)) ??
    (pool[0] ? text.first(sentencesOf(pool[0], 1, LEAD)) : null);
  if (first) out.push(first);
  // Further lead sentences, those adding the most names and figures first.
  const said = new Set(out.flatMap((s) => facts(s.text)));
  const more = pool.flatMap((r) => [...sentencesOf(r, 0, LEAD)]).filter((s): s is GroundedSentence => !!s);
  more.sort(
    (a, b) =>
      facts(b.text).filter((f) => !said.has(f)).length - facts(a.text).filter((f) => !said.has(f)).length,
  );
  for (const s of more) {
    if (out.length >= max) break;
    if (!facts(s.text).some((f) => !said.has(f))) continue;
    if (text.take(s)) {
      out.push(s);
      for (const f of facts(s.text)) said.add(f);
    }
  }
  // Chosen for what they add, told in the order of their reports: a quote after the sentence that sets it.
  const order = (g: GroundedSentence) => {
    const c = g.citations.at(-1);
    return [pool.findIndex((r) => r.articleId === c?.articleId), c?.start ?? 0] as const;
  };
  const rest = out.slice(1).sort((a, b) => {
    const [ra, sa] = order(a);
    const [rb, sb] = order(b);
    return ra - rb || sa - sb;
  });
  return { sentences: [...out.slice(0, 1), ...rest] };
}

/** Whether a report's headline or opening sentences hold a title (word for word, case aside). */
function opensWith(r: BriefReport, title: string): boolean {
  const leadEnd = r.analysis.sentences[Math.min(LEAD, r.analysis.sentences.length) - 1]?.end ?? 0;
  return holds(`${r.title ?? ''}\n${r.text.slice(0, leadEnd)}`, title);
}

/** Whether a text holds a title of three words or more, word for word (case and punctuation aside). */
function holds(text: string, title: string | undefined): boolean {
  const words = (t: string) => ` ${wordTokens(t).join(' ')} `;
  const want = words((title ?? '').replace(/…$/, ''));
  return want.trim().split(' ').length >= 3 && words(text).includes(want);
}

/** The names and figures of a sentence, what makes it say something another does not. */
function facts(s: string): string[] {
  return [...s.matchAll(/\d[\d,.]*|\b\p{Lu}[\p{L}’'-]+/gu)]
    .map((m) => m[0])
    .filter((w, i) => i > 0 || /\d/.test(w));
}

/**
 * What the papers say: one paragraph per independent source — what it reports (a sentence the
 * briefing has not said yet), a quote of it verbatim with who said it, its tone, and the outlets
 * that carried it as copies.
 */
export function papersSay(
  text: BriefingText,
  sources: IndependentSource[],
  reports: BriefReport[],
  outletName: (id: string) => string,
): BriefParagraph[] {
  const out: BriefParagraph[] = [];
  for (const { source, origin, members } of originsOf(sources, reports)) {
    const sentences = sourceSays(text, source, origin, members);
    const copies = [...new Set(source.outletIds.map(outletName).filter((n) => n !== origin.outlet))];
    out.push({
      sentences,
      source: {
        label: source.label,
        outlets: [origin.outlet, ...copies],
        copies,
        tone: origin.tone,
        cues: toneCues(origin),
        tier: source.tier,
      },
    });
  }
  return out;
}

/**
 * What one source says. A report of the source's own outlet speaks for it: its first stated sentence
 * ("Outlet reports: …") and a quote. A report that speaks for another outlet (a page citing it, a copy
 * crediting it) says for it only what it says of it: its sentences naming the outlet, or, for a copy
 * that credits the outlet at its head or foot, its opening as the outlet's ("Outlet, via Page, reports:
 * …"); never the page's other sentences, which are not that outlet's.
 */
function sourceSays(
  text: BriefingText,
  source: IndependentSource,
  origin: BriefReport,
  members: BriefReport[],
): GroundedSentence[] {
  const out: GroundedSentence[] = [];
  const opening = (r: BriefReport) => [...sentencesOf(r, 0, 8, { attributed: true })];
  // The source's own outlet (or one of its group: owner, copies) among its reports: they speak for it.
  if (!source.label || members.some((m) => m.outlet === source.label)) {
    const allowed = [origin.outlet];
    const said = text.first(
      members.flatMap(opening).map((s) => s && attributed(s, origin.outlet)),
      allowed,
    );
    if (said) out.push(said);
    const quote = quotedSentence(text, members, allowed);
    if (quote) out.push(quote);
    return out;
  }
  const label = source.label;
  const allowed = [origin.outlet, label];
  const naming = members.flatMap((m) => [...sentencesOf(m, 0, Infinity, { attributed: true })]);
  const said = text.first(
    naming.filter((s) => s && namesOutlet(s.text, label)),
    allowed,
  );
  if (said) out.push(said);
  const claims = said ? [] : members.flatMap((m) => labelledClaims(m, label));
  const claim = text.first(
    claims.map((s) => s && { ...s, text: `${label}, via ${origin.outlet}, reports: ${s.text}` }),
    allowed,
  );
  if (claim) out.push(claim);
  else if (!said) {
    const copy = members.find((m) => m.credited) ?? members.find((m) => creditsAtEdge(m.text, label));
    const lead = copy
      ? text.first(
          opening(copy).map((s) => s && { ...s, text: `${label}, via ${copy.outlet}, reports: ${s.text}` }),
          allowed,
        )
      : null;
    if (lead) out.push(lead);
    const quote = copy ? quotedSentence(text, [copy], allowed) : null;
    if (quote) out.push(quote);
  }
  return out;
}

/**
 * The claims a relay page labels with an outlet on a source line of their own ("Outlet → Source tone:
 * likely", "Source: Outlet"): each the sentence right before such a line.
 */
function labelledClaims(r: BriefReport, outlet: string): (GroundedSentence | null)[] {
  const name = outlet.replace(/^the\s+/i, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`^(?:(?:sources?|via)\\s*:?\\s*)?(?:the\\s+)?${name}\\s*(?:→|->|»|›|:|$)`, 'i');
  return r.analysis.sentences.flatMap((s, i) =>
    i > 0 && line.test(r.text.slice(s.start, s.end).trim()) ? [claimLine(r, i - 1)] : [],
  );
}

/** A labelled claim: its sentence, or the line as the page gives it (a claim line needs no full stop). */
function claimLine(r: BriefReport, i: number): GroundedSentence | null {
  const compressed = [...sentencesOf(r, i, i + 1)][0];
  if (compressed) return compressed;
  const c = citationOf(r, i);
  const text = c.text.replace(/\s+/g, ' ').trim();
  return text.split(' ').length >= 6
    ? { text: /[.!?]$/.test(text) ? text : `${text}.`, citations: [c] }
    : null;
}

/** Whether a sentence names an outlet (as a whole name, not inside another word). */
function namesOutlet(sentence: string, outlet: string): boolean {
  const at = sentence.indexOf(outlet);
  if (at < 0) return false;
  const before = sentence[at - 1] ?? ' ';
  const after = sentence[at + outlet.length] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

/** Whether a report credits an outlet where credits stand: in its first or last lines. */
function creditsAtEdge(text: string, outlet: string): boolean {
  const EDGE = 400;
  return namesOutlet(text.slice(0, EDGE), outlet) || namesOutlet(text.slice(-EDGE), outlet);
}

/** "Outlet reports: …" — the sentence as the source's, unless it already names the outlet. */
function attributed(s: GroundedSentence, outlet: string): GroundedSentence {
  if (s.text.includes(outlet)) return s;
  return { ...s, text: `${outlet} reports: ${s.text}` };
}

/** A report sentence holding a direct quote with its speaker named in it (or in the sentence before). */
function quotedSentence(
  text: BriefingText,
  members: BriefReport[],
  allowed: string[],
): GroundedSentence | null {
  for (const r of members) {
    for (const q of r.analysis.quotes) {
      if (!q.direct || !q.speaker || q.text.split(/\s+/).length < 4) continue;
      const i = sentenceAt(r, q.start);
      if (i < 0) continue;
      const cited = citationOf(r, i);
      let sentence = cited.text.replace(/\s+/g, ' ').trim();
      const citations = [cited];
      const pronoun = /^(he|she|they)$/i.test(q.speaker.text);
      if (pronoun || !sentence.includes(q.speaker.text)) {
        // "…," he said. — the speaker named in a sentence before.
        const said = /\b(he|she) (said|added|told|says)\b/.exec(sentence);
        if (!said) continue;
        // A person the quote's own sentence names could be the one "he" means: no name is put in then.
        const s0 = r.analysis.sentences[i] as { start: number; end: number };
        if (r.analysis.entities.some((e) => e.type === 'PERSON' && e.start >= s0.start && e.end <= s0.end))
          continue;
        // Only a speaker the sentences before leave no doubt about is named; else the quote is passed over.
        const named = antecedent(r, i, said[1] as 'he' | 'she');
        if (named.kind !== 'resolved') continue;
        sentence = sentence.replace(said[0], `${named.name} ${said[2]}`);
        citations.unshift(...named.antecedents);
      }
      if (!balancedQuotes(sentence)) continue;
      const s = { text: sentence, citations };
      if (text.take(s, allowed)) return s;
    }
  }
  return null;
}

/** The cue words of the lead sentences that set the report's tone ("denied", "reportedly", "may"). */
export function toneCues(r: Pick<BriefReport, 'analysis' | 'tone'>): string[] {
  const lead = r.analysis.sentences.slice(0, LEAD);
  const setting = lead.filter((s) => s.certainty.level === r.tone);
  return [...new Set((setting.length ? setting : lead.slice(0, 1)).flatMap((s) => s.certainty.cues))];
}

/**
 * The disputes side by side: for each value, the report sentence that gives it (verbatim) and the
 * outlets giving it; a settled dispute says what stands.
 */
export function disputeParagraphs(
  text: BriefingText,
  assessment: Assessment | null,
  reports: BriefReport[],
): BriefParagraph[] {
  const byId = new Map(reports.map((r) => [r.articleId, r]));
  const out: BriefParagraph[] = [];
  for (const d of assessment?.disputes ?? []) {
    for (const v of d.values) {
      const sentences: GroundedSentence[] = [];
      for (const id of v.articleIds) {
        const r = byId.get(id);
        if (!r) continue;
        const i = r.analysis.sentences.findIndex(
          (s, k) => k < LEAD + 2 && containsValue(r.text.slice(s.start, s.end), v.value),
        );
        const c = i >= 0 ? citationOf(r, i) : null;
        const s = c
          ? { text: `${r.outlet} reports: ${c.text.replace(/\s+/g, ' ').trim()}`, citations: [c] }
          : null;
        if (s && text.take(s, [r.outlet])) {
          sentences.push(s);
          break;
        }
      }
      out.push({
        sentences,
        dispute: { field: d.field, value: v.value, outlets: v.outlets, settled: d.resolved?.value ?? null },
      });
    }
  }
  return out;
}

/** Whether a sentence gives a value: a figure ("3,000" in "3,000" or "3000"), a place, a date. */
function containsValue(sentence: string, value: string): boolean {
  const digits = value.replace(/[^\d]/g, '');
  if (/^[\d,.]+$/.test(value)) return sentence.replace(/(?<=\d),(?=\d{3})/g, '').includes(digits);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = String(Number(value.slice(8, 10)));
    const month = (MONTH_NAMES.en?.[Number(value.slice(5, 7)) - 1] ?? '').split('|')[0] as string;
    return (
      new RegExp(`\\b${day}\\b`).test(sentence) &&
      new RegExp(`\\b${month.charAt(0).toUpperCase()}${month.slice(1, 3)}`).test(sentence)
    );
  }
  return sentence.includes(value);
}

/** Words by which reports say what comes next. */
const NEXT =
  /\b(will|is expected to|are expected to|plans? to|is due to|are due to|is scheduled|are scheduled|next (?:week|month|year|round)|intends? to|is set to|are set to|vowed to|promised to)\b/i;

/** What the sources say comes next: sentences that look ahead, from different reports. */
export function comesNext(text: BriefingText, reports: BriefReport[], max = 3): GroundedSentence[] {
  const out: GroundedSentence[] = [];
  const used = new Set<string>();
  for (const r of [...reports].sort(byTime).reverse()) {
    if (out.length >= max) break;
    if (used.has(r.articleId)) continue;
    for (let i = 1; i < Math.min(r.analysis.sentences.length, 12); i++) {
      const c = citationOf(r, i);
      if (!NEXT.test(c.text)) continue;
      const s = [...sentencesOf(r, i, i + 1)][0] ?? null;
      if (s && text.take(s)) {
        out.push(s);
        used.add(r.articleId);
        break;
      }
    }
  }
  return out;
}

/** Themes behind the headline, each found by the words that mark it. */
const THEMES: [string, RegExp][] = [
  [
    'Causes',
    /\b(because|due to|blamed|caused by|amid|triggered|prompted|in protest at|over (?:pay|wages|plans|concerns|fears)|the result of|led to|after (?:months|years|weeks) of)\b/i,
  ],
  [
    'Obstacles',
    /\b(however|remains? (?:unresolved|divided|apart|open|unclear)|disagree|disputed?|refused?|rejected?|stalled?|obstacles?|sticking points?|opposed|objections?|deadlock|failed to|no agreement|sharp disagreement)\b/i,
  ],
  [
    'What is at stake',
    /\b(could|would|risks?|at stake|threatens?|means that|impact|cost|affect(?:s|ed)?|depends? on|consequences?)\b/i,
  ],
];

/**
 * What's behind the headline: up to four short paragraphs under a theme's heading, each of one to
 * three sentences from different reports, past their opening (the analysis, not the news).
 */
export function behindTheHeadline(text: BriefingText, reports: BriefReport[]): BriefParagraph[] {
  const out: BriefParagraph[] = [];
  const ordered = [...reports].sort(byTime).reverse();
  for (const [heading, cue] of THEMES) {
    const sentences: GroundedSentence[] = [];
    const from = new Set<string>();
    for (const r of ordered) {
      if (sentences.length >= 2) break;
      if (from.has(r.articleId) || r.tone === 'denied') continue;
      for (let i = 1; i < Math.min(r.analysis.sentences.length, 20); i++) {
        const c = citationOf(r, i);
        if (!cue.test(c.text) || NEXT.test(c.text)) continue;
        const s = [...sentencesOf(r, i, i + 1)][0] ?? null;
        if (s && text.take(s)) {
          sentences.push(s);
          from.add(r.articleId);
          break;
        }
      }
    }
    if (sentences.length) out.push({ heading, sentences });
  }
  return out;
}

/** A card for a person, place, organisation or group the reports name. */
export interface EntityCard {
  entityId: string;
  name: string;
  type: EntityType;
  /** How a report describes it ("the board's spokesperson"), with the sentence it is taken from. */
  description: GroundedSentence | null;
  mentions: number;
  reports: number;
  /** Events of this briefing whose reports name it. */
  events: { id: string; title: string }[];
}

/** Cards for the entities the reports name most (at most `max`), each described as a report describes it. */
export function entityCards(
  reports: BriefReport[],
  eventOf: (articleId: string) => { id: string; title: string } | null,
  max = 6,
): EntityCard[] {
  const by = new Map<
    string,
    {
      entityId: string;
      name: string;
      type: EntityType;
      mentions: number;
      reports: Set<string>;
      events: Map<string, string>;
      description: GroundedSentence | null;
    }
  >();
  for (const r of reports) {
    const ev = eventOf(r.articleId);
    for (const e of r.analysis.entities) {
      // One card per name: the linker may give one name two ids (a place and an organisation).
      const key = e.canonical.toLowerCase();
      const card = by.get(key) ?? {
        entityId: e.entityId,
        name: e.canonical,
        type: e.type,
        mentions: 0,
        reports: new Set(),
        events: new Map(),
        description: null,
      };
      card.mentions++;
      card.reports.add(r.articleId);
      if (ev) card.events.set(ev.id, ev.title);
      if (!card.description && e.role && e.role.split(/\s+/).length >= 2) {
        const i = sentenceAt(r, e.start);
        if (i >= 0) {
          const c = citationOf(r, i);
          if (c.text.includes(e.role)) card.description = { text: e.role, citations: [c] };
        }
      }
      by.set(key, card);
    }
  }
  return [...by]
    .filter(([, c]) => c.reports.size >= 2 || c.mentions >= 3)
    .sort(
      (a, b) =>
        b[1].reports.size - a[1].reports.size ||
        b[1].mentions - a[1].mentions ||
        a[1].name.localeCompare(b[1].name),
    )
    .slice(0, max)
    .map(([, c]) => ({
      entityId: c.entityId,
      name: c.name,
      type: c.type,
      description: c.description,
      mentions: c.mentions,
      reports: c.reports.size,
      events: [...c.events].map(([id, title]) => ({ id, title })),
    }));
}
