/**
 * GET /sources — the reader's source policy as a form instead of URL editing: the outlets that have
 * reports (by name, searchable with `?q=`, a page at a time) each with "leave out" and "count lower";
 * submitting sets the policy cookie (reader-policy.ts) the way `?exclude=`/`?lower=` always did, and
 * "Count every source" clears it. Plain GET forms: it works without JavaScript.
 */
import type { FastifyInstance } from 'fastify';
import type { Outlet } from '../../domain/outlet.ts';
import type { ReaderPolicy } from '../../pipeline/assess/reader-level.ts';
import { outletsById, policyOutlets, type PolicyOutletsPage } from '../../run/policy-outlets.ts';
import type { AppDeps } from '../app-deps.ts';
import { readerPolicy } from '../reader-policy.ts';
import { plural } from '../views/format.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

interface SourcesQuery {
  q?: string;
  after?: string;
  exclude?: unknown;
  lower?: unknown;
}

/** Registers the source-policy form. */
export function sourcesPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/sources', async (req, reply) => {
    const query = req.query as SourcesQuery;
    const policy = readerPolicy(req, reply);
    const submitted = query.exclude !== undefined || query.lower !== undefined;
    const search = typeof query.q === 'string' ? query.q.slice(0, 100) : '';
    const after = typeof query.after === 'string' ? query.after : undefined;
    const page = await policyOutlets(deps.store, { query: search, after });
    const named = await outletsById(deps.store, [...(policy?.exclude ?? []), ...(policy?.lower ?? [])]);
    const body = html`<h1>Your sources</h1>
<p>Leave out outlets you do not want counted, or count an outlet lower (as a low-tier outlet: never trusted, never primary). Every level you see on this site — events, stories, the API — is then worked out from the sources you count. Your choice is kept in a cookie in this browser; nothing about you is stored here.</p>
${current(policy, named, submitted)}
<form class="filters" method="get" action="/sources" role="search" aria-label="Find an outlet">
<label>Outlet name or address <input type="search" name="q" value="${search}" maxlength="100"></label>
<button type="submit">Find</button>${search ? html` <a href="/sources">Show all</a>` : ''}
</form>
${choices(page, policy, search, after)}`;
    // The page shows the reader's own policy (from the cookie): no shared cache may keep it.
    return reply
      .header('Cache-Control', 'private, no-store')
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Your sources', sample: await deps.isSample(), current: 'sources' }, body).value);
  });
}

/** The policy in force, with the reset. */
function current(policy: ReaderPolicy | null, named: Map<string, Outlet>, submitted: boolean): SafeHtml {
  const names = (ids: string[]) => ids.map((id) => named.get(id)?.name ?? id).join(', ');
  const saved = submitted
    ? html`<p role="status">Saved. <a href="/">See the events with your sources</a>.</p>`
    : '';
  if (!policy)
    return html`<section class="card" aria-labelledby="policy-now"><h2 id="policy-now">Your policy now</h2>${saved}<p>You count every source.</p></section>`;
  return html`<section class="card" aria-labelledby="policy-now"><h2 id="policy-now">Your policy now</h2>${saved}
${policy.exclude.length ? html`<p>Leaving out: ${names(policy.exclude)}.</p>` : ''}
${policy.lower.length ? html`<p>Counting lower: ${names(policy.lower)}.</p>` : ''}
<form method="get" action="/sources"><input type="hidden" name="sources" value="all"><button type="submit">Count every source</button></form></section>`;
}

/** The outlets of this page with their two checkboxes; the policy's other outlets ride along hidden. */
function choices(
  page: PolicyOutletsPage,
  policy: ReaderPolicy | null,
  search: string,
  after: string | undefined,
): SafeHtml {
  if (!page.outlets.length)
    return html`<p>${search ? 'No outlet with reports matches that.' : 'No outlet has reports yet.'}</p>`;
  const exclude = new Set(policy?.exclude ?? []);
  const lower = new Set(policy?.lower ?? []);
  const shown = new Set(page.outlets.map((o) => o.id));
  const hidden = (name: string, ids: Set<string>) =>
    [...ids]
      .filter((id) => !shown.has(id))
      .map((id) => html`<input type="hidden" name="${name}" value="${id}">`);
  const box = (name: string, label: string, o: Outlet, on: boolean) =>
    html`<label><input type="checkbox" name="${name}" value="${o.id}"${on ? html` checked` : ''}> <span class="visually-hidden">${label} ${o.name}</span></label>`;
  return html`<form method="get" action="/sources">
<input type="hidden" name="exclude" value=""><input type="hidden" name="lower" value="">
${search ? html`<input type="hidden" name="q" value="${search}">` : ''}${after ? html`<input type="hidden" name="after" value="${after}">` : ''}
${hidden('exclude', exclude)}${hidden('lower', lower)}
<table class="outlets"><caption>${plural(page.matching, 'outlet')} with reports${search ? html` matching “${search}”` : ''}</caption>
<thead><tr><th scope="col">Outlet</th><th scope="col">Kind</th><th scope="col">Tier</th><th scope="col">Leave out</th><th scope="col">Count lower</th></tr></thead>
<tbody>${page.outlets.map(
    (o) =>
      html`<tr><th scope="row"><a href="/outlets/${encodeURIComponent(o.id)}">${o.name}</a> <span class="tone">${o.id}</span></th><td data-label="Kind">${o.kind}</td><td data-label="Tier">${o.tier}</td><td data-label="Leave out">${box('exclude', 'Leave out', o, exclude.has(o.id))}</td><td data-label="Count lower">${box('lower', 'Count lower', o, lower.has(o.id))}</td></tr>`,
  )}</tbody></table>
<p><button type="submit">Use these sources</button></p>
</form>
${pager(search, after, page.next)}`;
}

/** "First page" and "Next →" links keeping the search (never the policy: the cookie holds it). */
function pager(search: string, after: string | undefined, next: string | null): SafeHtml | '' {
  if (!next && !after) return '';
  const link = (cursor: string | null) => {
    const params = new URLSearchParams();
    if (search) params.set('q', search);
    if (cursor) params.set('after', cursor);
    const s = params.toString();
    return s ? `/sources?${s}` : '/sources';
  };
  return html`<nav class="pager" aria-label="Pages">${after ? html`<a href="${link(null)}">← First page</a>` : html`<span></span>`}${next ? html`<a rel="next" href="${link(next)}">Next →</a>` : ''}</nav>`;
}
