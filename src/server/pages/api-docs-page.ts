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
<nav aria-label="Routes"><ul>${routes.map((r) => html`<li><a href="#${anchor(r.path)}"><code>GET ${r.path}</code></a></li>`)}</ul></nav>
${routes.map(route)}`,
  );
}

function route(r: ApiRoute): SafeHtml {
  const answer =
    'schema' in r.answer
      ? html`JSON, schema <code>${r.answer.schema}</code>`
      : html`<code>${r.answer.stream}</code>, streamed${r.answer.line ? html` (each line a <code>${r.answer.line}</code>)` : ''}`;
  const statuses = [
    '200 ' + ('schema' in r.answer ? 'JSON' : r.answer.stream),
    ...(r.redirects ? ['301 moved'] : []),
    '304 not modified',
    '400 bad parameter',
    ...(r.notFound ? ['404 not found'] : []),
    '503 busy (Retry-After)',
  ];
  return html`<section class="card" id="${anchor(r.path)}">
<h2><code>GET ${r.path}</code></h2>
<p>${r.summary}.${r.description ? html` ${r.description}` : ''}</p>
${r.params.length ? params(r.params) : html`<p>No parameters.</p>`}
<p>Answer: ${answer}. Statuses: ${statuses.join(' · ')}.</p>
<p>Example: <code>curl -s 'http://localhost:8080${r.example}'</code></p>
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

function anchor(path: string): string {
  return path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
}
