/**
 * The job queue, for admins (access.ts): how many reports wait, run and wait for a retry, and the
 * dead-letter list (jobs whose retries are spent, with where the report was read and its last error),
 * each retried from here or all at once. The same as `corroborate jobs`, `jobs dead` and `jobs retry`.
 * The queue lives in PostgreSQL; on SQLite the page says so (ingest places reports itself there).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CorroborateError } from '../../domain/errors.ts';
import { JobQueue, type DeadJob } from '../../storage/job-queue.ts';
import { CSRF_INPUT_NAME, formToken } from '../access.ts';
import type { AppDeps } from '../app-deps.ts';
import { plural } from '../views/format.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { fieldText, sendEditorialPage } from './editorial-page.ts';

const TITLE = 'Job queue';

export function jobsPages(app: FastifyInstance, deps: AppDeps): void {
  // Opened at the first request and kept while the app runs (opening installs the queue when missing).
  let opening: Promise<JobQueue> | null = null;
  const queue = (): Promise<JobQueue> => {
    opening ??= JobQueue.open(deps.config.db, deps.store, deps.config.queue).catch((err: unknown) => {
      opening = null; // the next request tries again
      throw err;
    });
    return opening;
  };
  app.addHook('onClose', async () => {
    if (opening) await (await opening.catch(() => null))?.close();
  });

  app.get('/admin/jobs', async (req, reply) =>
    deps.store.dialect === 'postgres'
      ? jobsPage(req, reply, deps, await queue(), null)
      : noQueue(reply, deps),
  );

  app.post('/admin/jobs/retry', { bodyLimit: 64 * 1024 }, async (req, reply) => {
    if (deps.store.dialect !== 'postgres') return noQueue(reply, deps);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const id = fieldText(b.id).trim();
    const all = fieldText(b.all) === '1';
    if (!id === !all)
      throw new CorroborateError('usage', 'name one job to retry, or retry all (not both)', 'retry');
    const q = await queue();
    const retried = await q.retryDead(all ? null : [id]);
    return jobsPage(req, reply, deps, q, html`${plural(retried.length, 'job')} back on the queue.`);
  });
}

async function jobsPage(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  queue: JobQueue,
  note: SafeHtml | null,
): Promise<FastifyReply> {
  const [c, dead] = await Promise.all([queue.counts(), queue.dead()]);
  const token = formToken(req, reply);
  const retry = (fields: SafeHtml, label: string) =>
    html`<form class="inline" method="post" action="/admin/jobs/retry"><input type="hidden" name="${CSRF_INPUT_NAME}" value="${token}">${fields}<button type="submit">${label}</button></form>`;
  const body = html`${note ? html`<p role="status">${note}</p>` : ''}
<p>${c.waiting} waiting, ${c.active} running, ${c.retrying} waiting for a retry, ${plural(c.dead, 'dead job')}; ${plural(c.briefings, 'story briefing')} to rebuild; ${plural(c.feeds, 'feed')} to poll and ${plural(c.fetches, 'page')} to fetch. ${plural(c.workers, 'worker')} (<code>corroborate worker</code>) running to take them.</p>
<h2 id="dead">Dead letters</h2>
${
  dead.length
    ? html`<p>Jobs whose retries are spent, oldest first. A retry puts the report (or the page to fetch) back on the queue with its retries anew. ${retry(html`<input type="hidden" name="all" value="1">`, `Retry all ${dead.length}`)}</p>
<div class="table-wrap"><table class="stack" aria-labelledby="dead"><thead><tr><th scope="col">Dead since</th><th scope="col">Stage</th><th scope="col">Read from</th><th scope="col">Address</th><th scope="col">Last error</th><th scope="col">Retries</th><th scope="col">Job</th></tr></thead>
<tbody>${dead.map((d) => row(d, retry))}</tbody></table></div>`
    : html`<p>No dead jobs.</p>`
}`;
  return sendEditorialPage(reply, deps, TITLE, body);
}

function row(d: DeadJob, retry: (fields: SafeHtml, label: string) => SafeHtml): SafeHtml {
  // The address is shown as text: a dead job's address may be one ingest refused (javascript:, data:).
  return html`<tr><td data-label="Dead since">${d.deadSince.slice(0, 16).replace('T', ' ')} UTC</td><td data-label="Stage">${d.stage}</td><td data-label="Read from">${d.where}</td>
<td data-label="Address"><code>${d.url}</code></td><td data-label="Last error">${d.error}</td><td data-label="Retries">${d.retries}</td>
<td data-label="Job"><code>${d.id}</code> ${retry(html`<input type="hidden" name="id" value="${d.id}">`, 'Retry')}</td></tr>`;
}

function noQueue(reply: FastifyReply, deps: AppDeps): Promise<FastifyReply> {
  return sendEditorialPage(
    reply,
    deps,
    TITLE,
    html`<p>This database is SQLite, which has no job queue: <code>corroborate ingest</code> places the reports itself. The queue and its workers need PostgreSQL (<code>--db postgres://…</code>).</p>`,
  );
}
