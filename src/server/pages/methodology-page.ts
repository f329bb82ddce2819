/** GET /methodology — "How we assess confidence", written from the settings in force (not a fixed text). */
import type { FastifyInstance } from 'fastify';
import { SAME_PLACE_KM } from '../../pipeline/assess/assess.ts';
import { COUNT_CLASSES, SAME_FIGURE } from '../../pipeline/assess/disputes.ts';
import type { AppDeps } from '../app-deps.ts';
import { levelBadge } from '../views/format.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Registers the methodology page. */
export function methodologyPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/methodology', async (_req, reply) => {
    const c = deps.confidence;
    const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
    const body = html`<h1>How we assess confidence</h1>
<p>Every event is placed on one level of a ladder, from the reports behind it. The thresholds below are the ones this installation runs with. How well the stages that feed it work is measured on the <a href="/quality">quality page</a>.</p>
<section class="card"><h2>Independent sources, not reports</h2>
<ul>
<li>A <strong>copy</strong> of another report (it holds most of the other's five-word phrases) is the same source as its original, however many sites reprint it.</li>
<li>A report that <strong>credits</strong> a wire or another outlet ("(Agency) —", "Originally published by") counts for that outlet, not for itself.</li>
<li>Outlets with the <strong>same owner</strong> count as one source.</li>
<li>A report whose lead only <strong>cites</strong> another outlet ("according to X") counts for X.</li>
</ul></section>
<section class="card"><h2>The levels</h2>
<p>${levelBadge('Unconfirmed')} Reported by one independent source.</p>
<p>${levelBadge('Likely')} At least ${n(c.likelySources, 'independent source', 'independent sources')} agree on the core facts.</p>
<p>${levelBadge('Verified')} At least ${n(c.verifiedSources, 'independent source', 'independent sources')}, of which at least ${n(c.verifiedTrusted, 'is', 'are')} trusted-tier or primary (official) sources.</p>
<p>${levelBadge('Disputed')} Independent sources contradict each other on a core fact:</p>
<ul><li>a core count — ${COUNT_CLASSES.map(([k]) => k).join(', ')}. Figures within ${Math.round(SAME_FIGURE * 100)}% of each other agree ("about 35" and "35"); vague quantities ("hundreds") dispute nothing;</li>
<li>the date, where reports write it out as a calendar date ("on 12 November"); dates a day apart agree (an overnight event, another time zone), and a date a week or more before the report is background;</li>
<li>the place, where reports say the event happened in towns more than ${SAME_PLACE_KM} km apart (a dateline is where the reporter files from, and a report naming both towns contradicts neither).</li></ul>
<p>A report that <em>denies</em> the event or a detail of it is shown beside the reports that tell of it, with the words that deny.</p>
<p>A dispute stays open until an editor settles it${c.disputeRule === 'trusted-majority' ? ', or until one value is backed by at least two trusted or primary independent sources while no other value has any' : ' (no rule settles disputes on its own here)'}; a settled dispute no longer makes the event Disputed, and the event says who settled it.</p>
<p>${levelBadge('Retracted')} Every report behind the event has been withdrawn by its outlet.</p>
<p>Each change of level is kept with its time and reason; the event page shows the current one with what would raise it.</p></section>
<section class="card"><h2>Source tone</h2>
<p>Each report's tone is read from its opening sentences: <em>certain</em>, <em>likely</em>, <em>possible</em>, <em>attributed</em> (it reports what someone said) or <em>denied</em>, with the words that show it.</p></section>
<section class="card"><h2>Your own source policy</h2>
<p>On the <a href="/sources">sources page</a> you can choose outlets to leave out or to count as low-tier (or add <code>?exclude=OUTLET</code> or <code>?lower=OUTLET</code> to an address); the levels you see are recomputed from the sources you count, and kept in a cookie until <a href="/?sources=all">you count every source again</a>. Nothing is stored about you.</p></section>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(
        layout(
          { title: 'How we assess confidence', sample: await deps.isSample(), current: 'methodology' },
          body,
        ).value,
      );
  });
}
