/**
 * Briefing sections as HTML: each sentence followed by numbered links to the reports it cites (the
 * cited sentence shown on hover), and the list of those reports at the end.
 */
import type { GroundedSentence } from '../../pipeline/brief/grounding.ts';
import type { BriefParagraph, BriefSection, EntityCard } from '../../pipeline/brief/sections.ts';
import { levelBadge, plural } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface CitedReport {
  articleId: string;
  outlet: string;
  url: string;
  title: string | null;
  publishedAt: string | null;
}

/** Numbers the reports a briefing cites, in the order it first cites them. */
export class Citations {
  private readonly numbers = new Map<string, number>();
  constructor(private readonly reports: Map<string, CitedReport>) {}

  /** A sentence with its citation marks. */
  sentence(s: GroundedSentence): SafeHtml {
    const marks = [...new Map(s.citations.map((c) => [c.articleId, c])).values()].map((c) => {
      let n = this.numbers.get(c.articleId);
      if (n === undefined) this.numbers.set(c.articleId, (n = this.numbers.size + 1));
      return html`<a class="cite" href="#report-${n}" title="${c.text}">${n}</a>`;
    });
    return html`<span class="sentence">${s.text}</span><sup>${marks}</sup> `;
  }

  /** The numbered list of the reports cited so far. */
  list(): SafeHtml {
    const rows = [...this.numbers].map(([id, n]) => {
      const r = this.reports.get(id);
      const label = r?.title ?? id;
      return html`<li id="report-${n}" value="${n}">${r?.outlet ?? ''}${r?.publishedAt ? html`, ${r.publishedAt.slice(0, 10)}` : ''}: ${reportLink(id, label, r?.url)}</li>`;
    });
    return rows.length
      ? html`<section class="card sources"><h2>Reports cited</h2><ol>${rows}</ol></section>`
      : html``;
  }
}

/** A section of paragraphs (a heading over each paragraph that has one). */
export function sectionHtml(
  section: BriefSection,
  cite: Citations,
  extra: (p: BriefParagraph) => SafeHtml | string = () => '',
): SafeHtml {
  const paragraphs = section.paragraphs.filter((p) => p.sentences.length || p.source || p.event);
  if (!paragraphs.length) return html``;
  return html`<section class="card brief brief-${section.key}"><h2>${section.heading}</h2>
${paragraphs.map((p) => html`${p.heading ? html`<h3>${p.heading}</h3>` : ''}<p>${extra(p)}${p.sentences.map((s) => cite.sentence(s))}</p>`)}</section>`;
}

/** What an independent source's paragraph says about the source: its outlets, tone and copies. */
export function sourceLead(p: BriefParagraph): SafeHtml | string {
  const s = p.source;
  if (!s) return '';
  return html`<span class="source">${s.label}</span> <span class="tone">source tone: ${s.tone ?? 'unknown'}${s.cues.length ? html` (${s.cues.map((q, i) => html`${i ? ', ' : ''}“${q}”`)})` : ''}${s.copies.length ? html` · also carried by ${s.copies.join(', ')}` : ''}</span><br>`;
}

/** A line of "How we got here" or of a dispute: the event it is about. */
export function eventLead(p: BriefParagraph): SafeHtml | string {
  const e = p.event;
  const d = p.dispute;
  return html`${e ? html`<span class="when">${e.date ?? ''}</span> <a href="/events/${encodeURIComponent(e.id)}">${e.title}</a> ${levelBadge(e.level)}<br>` : ''}${d ? html`<strong>${d.value}</strong> <span class="tone">(${d.field}: ${d.outlets.join(', ')})</span><br>` : ''}`;
}

/**
 * More on these topics: a card per entity. An entity named in every event of the briefing (`eventCount`)
 * says so instead of listing the same event links again on each card.
 */
export function entitiesHtml(
  entities: EntityCard[],
  cite: Citations,
  eventCount = 0,
  pages: ReadonlyMap<string, string> = new Map(),
): SafeHtml {
  if (!entities.length) return html``;
  const name = (e: EntityCard) => {
    const key = pages.get(e.name);
    return key ? html`<a href="/entities/${encodeURIComponent(key)}">${e.name}</a>` : e.name;
  };
  const where = (e: EntityCard) =>
    e.events.length > 1 && e.events.length === eventCount
      ? html`<br><span class="tone">In every event of this story</span>`
      : e.events.length > 1
        ? html`<br><span class="tone">In: ${e.events.map((ev, i) => html`${i ? ' · ' : ''}<a href="/events/${encodeURIComponent(ev.id)}">${ev.title}</a>`)}</span>`
        : '';
  return html`<section class="card brief"><h2>More on these topics</h2><ul class="entities">
${entities.map((e) => html`<li><strong>${name(e)}</strong> <span class="tone">${e.type.toLowerCase()} · ${plural(e.mentions, 'mention')} in ${plural(e.reports, 'report')}</span>${e.description ? html`<br>${cite.sentence(e.description)}` : ''}${where(e)}</li>`)}
</ul></section>`;
}

/** A report's title linking to its page here, and its original beside it when that is a web address. */
export function reportLink(articleId: string, label: string, url: string | undefined): SafeHtml {
  const original =
    url && /^https?:\/\//i.test(url) ? html` (<a href="${url}" rel="noopener nofollow">original</a>)` : '';
  return html`<a href="/reports/${encodeURIComponent(articleId)}">${label}</a>${original}`;
}
