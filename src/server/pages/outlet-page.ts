/**
 * GET /outlets — the outlets by name, each with its kind, owner, tier and how its reports stand in the
 * lineage graph. GET /outlets/:id — one outlet: kind, owner, tier, country, how often it is an origin and
 * how often a copy, its reports newest first. GET /reports/:id — one report: outlet, event, what it copies
 * or credits and what copies it, the cited sentence when the link gives its offsets.
 */
import type { FastifyInstance } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import {
  getOutlet,
  getReport,
  listOutlets,
  type OutletDetail,
  type OutletJson,
  type ReportJson,
} from '../../run/outlet-views.ts';
import type { AppDeps } from '../app-deps.ts';
import { pager } from '../views/pager.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

type Query = Record<string, string | undefined>;

/** One number formatter for the page (toLocaleString builds a new one on every call). */
const NUMBER = new Intl.NumberFormat('en-GB');

/** "1 report", "1,204 reports". */
function counted(n: number, one: string, many = `${one}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}
/** Registers the outlet and report pages. */
export function outletPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: Query }>('/outlets', async (req, reply) => {
    const q = { limit: req.query.limit, after: req.query.after, before: req.query.before };
    const page = await listOutlets(deps.store, q);
    const body = html`<h1>Outlets</h1>
<p class="tone">Who publishes the reports, who owns them, how much their word weighs, and how often their reports are the origin others copy or a copy of another's.</p>
${
  page.outlets.length
    ? html`<table class="outlets"><thead><tr><th scope="col">Outlet</th><th scope="col">Kind</th><th scope="col">Owner</th><th scope="col">Tier</th><th scope="col">Reports</th><th scope="col">Copies</th><th scope="col">Copied by others</th></tr></thead>
<tbody>${page.outlets.map(outletRow)}</tbody></table>`
    : html`<p>No outlets yet.</p>`
}
${pager('/outlets', q, page, ['← Previous', 'Next →'])}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Outlets', sample: await deps.isSample(), current: 'outlets' }, body).value);
  });
  app.get<{ Params: { id: string }; Querystring: Query }>('/outlets/:id', async (req, reply) => {
    const q = { limit: req.query.limit, after: req.query.after, before: req.query.before };
    const o = await getOutlet(deps.store, req.params.id, q);
    if (!o) throw new CorroborateError('not-found', 'no such outlet', req.params.id);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        layout({ title: o.name, sample: await deps.isSample(), current: 'outlets' }, outletBody(o, q)).value,
      );
  });
  app.get<{ Params: { id: string }; Querystring: Query }>('/reports/:id', async (req, reply) => {
    const r = await getReport(deps.store, req.params.id);
    if (!r) throw new CorroborateError('not-found', 'no such report', req.params.id);
    const [article] = await deps.store.articles.getMany([r.id]);
    const cited = citedPassage(article?.text ?? '', req.query.start, req.query.end);
    const body = html`<p class="kicker">Report</p>
<h1>${r.title ?? r.id}</h1>
<div class="meta">${r.outlet ? html`<span><a href="/outlets/${encodeURIComponent(r.outlet.id)}">${r.outlet.name}</a></span>` : ''}${r.publishedAt ? html`<span>${r.publishedAt.slice(0, 16).replace('T', ' ')} UTC</span>` : ''}${r.status !== 'active' ? html`<span>${r.status}</span>` : ''}${r.url ? html`<span><a href="${r.url}" rel="noopener nofollow">original</a></span>` : ''}${r.eventId ? html`<span><a href="/events/${encodeURIComponent(r.eventId)}">its event</a></span>` : ''}<span><a href="/api/v1/reports/${encodeURIComponent(r.id)}">as JSON</a></span></div>
${cited ? html`<figure class="card"><blockquote>${cited}</blockquote><figcaption>The sentence cited.</figcaption></figure>` : ''}
<section class="card" aria-labelledby="lineage"><h2 id="lineage">Where it comes from</h2>
${r.derivesFrom.length ? html`<ul>${r.derivesFrom.map((e) => html`<li>${e.kind === 'copy' ? 'Copies' : e.kind === 'credit' ? 'Credits' : 'Cites'} ${e.toArticle ? html`<a href="/reports/${encodeURIComponent(e.toArticle)}">${e.toOutlet ?? 'a report'}</a>` : (e.toOutlet ?? '')}${e.similarity !== null ? html` <span class="tone">(${Math.round(e.similarity * 100)}% alike)</span>` : ''} <span class="tone">— ${e.evidence}</span></li>`)}</ul>` : html`<p>Its own reporting: it copies, credits or cites no other report we hold.</p>`}
${r.derivedBy.length ? html`<p>${counted(r.derivedBy.length, 'later report')} copy or credit it: ${r.derivedBy.map((e, i) => html`${i ? ', ' : ''}<a href="/reports/${encodeURIComponent(e.from)}">${e.from}</a>`)}</p>` : ''}</section>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(
        layout({ title: r.title ?? 'Report', sample: await deps.isSample(), current: 'outlets' }, body).value,
      );
  });
}

/** The text between the offsets a citation link gives, or null when they are not a short span of the text. */
function citedPassage(text: string, start: string | undefined, end: string | undefined): string | null {
  const [s, e] = [Number(start), Number(end)];
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e <= s || e > text.length || e - s > 2000)
    return null;
  return text.slice(s, e);
}

function outletRow(o: OutletJson): SafeHtml {
  return html`<tr><td data-label="Outlet"><a href="${o.url}">${o.name}</a></td><td data-label="Kind">${o.kind}</td><td data-label="Owner">${o.ownerGroup ?? ''}</td><td data-label="Tier">${o.tier}</td><td data-label="Reports">${o.lineage.reports}</td><td data-label="Copies">${o.lineage.copies}</td><td data-label="Copied by others">${o.lineage.copiedBy}</td></tr>`;
}

function outletBody(o: OutletDetail, q: Query): SafeHtml {
  return html`<p class="meta"><a href="/outlets">← All outlets</a></p>
<p class="kicker">Outlet</p>
<h1>${o.name}</h1>
<dl class="facts">
<dt>Kind</dt><dd>${o.kind}</dd>
<dt>Owner</dt><dd>${o.ownerGroup ?? 'not known'}</dd>
<dt>Tier</dt><dd>${o.tier}</dd>
<dt>Country</dt><dd>${o.country ?? 'not known'}</dd>
${o.domain ? html`<dt>Site</dt><dd>${o.domain}</dd>` : ''}
</dl>
<section class="card" aria-labelledby="lineage"><h2 id="lineage">Origin or copy</h2>
<p>Of its ${counted(o.lineage.reports, 'report')}, ${counted(o.lineage.copies, 'is a copy', 'are copies')} or credit of another's work${o.lineage.reports ? ` (${Math.round((100 * o.lineage.copies) / o.lineage.reports)}%)` : ''}.</p>
<p>It is the origin of ${counted(o.lineage.copiedBy, 'report')} by other outlets that copy or credit it${o.lineage.origins ? html`, from ${counted(o.lineage.origins, 'of its reports', 'of its reports')}` : ''}.</p>
<p class="tone"><a href="/?outlet=${encodeURIComponent(o.id)}">Its events</a> · <a href="/api/v1/outlets/${encodeURIComponent(o.id)}">as JSON</a></p></section>
<section class="card" aria-labelledby="its-reports"><h2 id="its-reports">Its reports, newest first</h2>
${o.reports.length ? html`<ul class="events">${o.reports.map(reportItem)}</ul>` : html`<p>No reports on this page.</p>`}
${pager(`/outlets/${encodeURIComponent(o.id)}`, q, o)}</section>`;
}

function reportItem(r: ReportJson): SafeHtml {
  return html`<li><a class="title" href="/reports/${encodeURIComponent(r.id)}">${r.title ?? r.id}</a>
<div class="meta">${r.publishedAt ? html`<span>${r.publishedAt.slice(0, 10)}</span>` : ''}${r.derivesFrom ? html`<span>${r.derivesFrom.kind === 'copy' ? 'a copy' : 'credits another'}${r.derivesFrom.articleId ? html` of <a href="/reports/${encodeURIComponent(r.derivesFrom.articleId)}">a report</a>` : ''}</span>` : html`<span>own reporting</span>`}<span><a href="/events/${encodeURIComponent(r.eventId)}">its event</a></span></div></li>`;
}
