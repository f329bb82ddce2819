/**
 * An event's disputes, each shown once: the field, then each value side by side with the outlets that
 * give it and the report sentence that says so (cited), and who settled it when settled.
 */
import type { Dispute } from '../../domain/assessment.ts';
import type { BriefSection } from '../../pipeline/brief/sections.ts';
import type { Citations } from './briefing.ts';
import { html, type SafeHtml } from './html.ts';

/** Returns the disputes as one block, taking each side's sentence from the card's "Disputed" section. */
export function disputeBlock(
  disputes: Dispute[],
  section: BriefSection | undefined,
  cite: Citations,
): SafeHtml {
  if (!disputes.length) return html``;
  const said = (field: string, value: string) =>
    section?.paragraphs.find((p) => p.dispute?.field === field && p.dispute.value === value)?.sentences ?? [];
  return html`${disputes.map(
    (
      d,
    ) => html`<div class="dispute" id="dispute-${d.field}"><h3>${d.resolved ? 'Settled' : 'Disputed'}: ${d.field}</h3>
<ul class="sides">${d.values.map(
      (v) =>
        html`<li><span class="value">${v.value}</span> <span class="tone">${v.outlets.join(', ')}</span>${said(d.field, v.value).map((s) => html`<br>${cite.sentence(s)}`)}</li>`,
    )}</ul>
${d.resolved ? html`<p>${d.resolved.by === 'editor' ? 'What stands — an editor settled it' : 'What stands — settled by the rule in force'}: <strong>${d.resolved.value}</strong>${d.resolved.note ? html` (${d.resolved.note})` : ''}</p>` : ''}</div>`,
  )}`;
}

/** Returns the part of a Disputed level's explanation before its values ("... contradict each other on X"). */
export function disputeHeadline(explanation: string): string {
  const i = explanation.indexOf(':');
  return i > 0 ? `${explanation.slice(0, i)}.` : explanation;
}
