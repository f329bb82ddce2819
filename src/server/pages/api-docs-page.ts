/**
 * The API docs page (/api/docs): every /api/v1 route with its parameters, its answers and an example
 * request, rendered on the server from the same table as /api/openapi.json (no script, no CDN).
 */
import type { ApiParam, ApiRoute } from '../api/openapi.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** Returns the docs page of the routes; `document` is the OpenAPI document they are described in. */
export function apiDocsPage(routes: ApiRoute[], document: Record<string, unknown>): SafeHtml {
  const info = document.info as { description: string };
  return layout(
    { title: 'API', sample: false, current: 'api' },
    html`<h1>API</h1>
<p>${info.description}</p>
<p>The machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
Every answer carries an ETag; send it back in If-None-Match to get 304 when nothing changed.</p>
<p>Editors' routes need the session cookie of a login (<a href="/login">/login</a>); every request that changes something needs the <code>X-CSRF-Token</code> that <code>GET /api/v1/session</code> gives, sent with the cookies it set.</p>
<nav aria-label="Routes"><ul>${routes.map((r) => html`<li><a href="#${anchor(r)}"><code>${r.method ?? 'GET'} ${r.path}</code></a>${r.access ? ` (${r.access}s)` : ''}</li>`)}</ul></nav>
${routes.map(route)}`,
  );
}

function route(r: ApiRoute): SafeHtml {
  const answer =
    'schema' in r.answer
      ? html`JSON, schema <code>${r.answer.schema}</code>`
      : html`<code>${r.answer.stream}</code>, streamed${r.answer.line ? html` (each line a <code>${r.answer.line}</code>)` : ''}`;
  const post = r.method === 'POST';
  const statuses = [
    (post && !r.access ? '202 ' : '200 ') + ('schema' in r.answer ? 'JSON' : r.answer.stream),
    ...(r.redirects ? ['301 moved'] : []),
    ...(post ? [] : ['304 not modified']),
    '400 bad parameter',
    ...(r.access ? ['401 not logged in'] : []),
    ...(r.access || post ? ['403 not allowed or no CSRF token'] : []),
    ...(r.notFound ? ['404 not found'] : []),
    ...(post && r.access ? ['409 already decided'] : []),
    ...(post && !r.access ? ['429 too many (Retry-After)'] : []),
    '503 busy (Retry-After)',
  ];
  const curl = post
    ? `curl -s -X POST -b cookies -H 'X-CSRF-Token: TOKEN'${r.body ? ` -H 'Content-Type: application/json' -d '{…}'` : ''} 'http://localhost:8080${r.example}'`
    : `curl -s${r.access ? ' -b cookies' : ''} 'http://localhost:8080${r.example}'`;
  return html`<section class="card" id="${anchor(r)}">
<h2><code>${r.method ?? 'GET'} ${r.path}</code></h2>
<p>${r.summary}.${r.description ? html` ${r.description}` : ''}${r.access ? html` For ${r.access}s only.` : ''}</p>
${r.body ? html`<p>Body: JSON, schema <code>${r.body}</code>.</p>` : ''}
${r.params.length ? params(r.params) : html`<p>No parameters.</p>`}
<p>Answer: ${answer}. Statuses: ${statuses.join(' · ')}.</p>
<p>Example: <code>${curl}</code></p>
</section>`;
}

function params(list: ApiParam[]): SafeHtml {
  return html`<table class="params"><thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Description</th></tr></thead>
<tbody>${list.map(
    (p) =>
      html`<tr><td><code>${p.name}</code>${p.in === 'path' || p.required ? ' (required)' : ''}</td><td>${p.in}</td><td>${p.description}${allowed(p)}</td></tr>`,
  )}</tbody></table>`;
}

function allowed(p: ApiParam): SafeHtml | string {
  const values = (p.schema?.enum as unknown[] | undefined)?.filter((v) => v !== null);
  return values?.length
    ? html` — one of ${values.map((v, i) => html`${i ? ', ' : ''}<code>${String(v)}</code>`)}`
    : '';
}

function anchor(r: ApiRoute): string {
  const id = r.path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  return r.method && r.method !== 'GET' ? `${r.method.toLowerCase()}-${id}` : id;
}
