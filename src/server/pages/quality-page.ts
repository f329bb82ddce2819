/**
 * GET /quality — the project's measured benchmark figures and the command that reproduces each, from
 * bench/results/quality.json (written by `npm run bench`; read once per process).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { formatDate } from '../views/format.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';

/** The file the benchmarks write, as committed with the code it measured. */
export const QUALITY_FILE = new URL('../../../bench/results/quality.json', import.meta.url);

/** What bench/run-all.ts writes. */
export interface QualityFile {
  measuredAt: string;
  how: string;
  command: string;
  benches: { name: string; measures: string; figure: string; command: string; ok?: boolean }[];
}

let quality: QualityFile | null | undefined;

/** Returns the figures, or null when the file is missing or unreadable (the page then says so). */
export function readQuality(): QualityFile | null {
  if (quality !== undefined) return quality;
  try {
    const q = JSON.parse(readFileSync(QUALITY_FILE, 'utf8')) as QualityFile;
    quality = Array.isArray(q.benches) ? q : null;
  } catch {
    quality = null;
  }
  return quality;
}

/** Registers the quality page. */
export function qualityPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/quality', async (_req, reply) => {
    const q = readQuality();
    const body = html`<h1>How well it works</h1>
<p>Corroborate measures itself. Each figure below is what a benchmark in <code>bench/</code> printed; the command beside it runs that benchmark alone, and <code>${q?.command ?? 'npm run bench'}</code> runs them all and rewrites these figures. Figures on the fictional demo corpus show the path works end to end; those on real news (held-out halves, never tuned on) show how well it generalises. <a href="/methodology">How confidence is assessed</a>.</p>
${
  q
    ? html`<p class="meta"><span>Measured ${formatDate({ start: q.measuredAt, end: q.measuredAt, precision: 'day' })}</span><span>${q.how}</span></p>
<table class="quality"><thead><tr><th scope="col">Benchmark</th><th scope="col">What it measures</th><th scope="col">Figure</th><th scope="col">Reproduce</th></tr></thead><tbody>
${q.benches.map((b) => html`<tr${b.ok === false ? html` class="failed"` : ''}><th scope="row">${b.name}</th><td data-label="Measures">${b.measures}</td><td data-label="Figure">${b.figure}</td><td data-label="Reproduce"><code>${b.command}</code></td></tr>`)}
</tbody></table>`
    : html`<p>No figures recorded yet: run <code>npm run bench</code>, which writes <code>bench/results/quality.json</code>.</p>`
}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(
        layout({ title: 'How well it works', sample: await deps.isSample(), current: 'quality' }, body).value,
      );
  });
}
