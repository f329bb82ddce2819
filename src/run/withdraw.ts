/**
 * Orchestration of withdrawals: an outlet took a report down (or retracted it). The report stays
 * stored but leaves the assessments; the events it backs are re-assessed at once, and an event every
 * report of which is withdrawn becomes Retracted (its level history keeps what it was).
 */
import type { ArticleStatus } from '../domain/article.ts';
import { CorroborateError } from '../domain/errors.ts';
import type { RunDeps } from './ingest.ts';
import { recordEditorial } from './editorial-record.ts';
import { settleEvents } from './settle-events.ts';

export interface WithdrawSummary {
  articles: number;
  /** The events re-assessed, with their level now. */
  events: { id: string; level: string | null }[];
}

/** Marks the articles withdrawn (or, with `status` 'active', restores them) and re-assesses their events. */
export async function setArticlesStatus(
  deps: RunDeps,
  ids: string[],
  status: ArticleStatus,
  reason: string,
): Promise<WithdrawSummary> {
  const { store, clock } = deps;
  const now = clock.now();
  for (const id of ids)
    if (!(await store.articles.get(id))) throw new CorroborateError('not-found', 'no such article', id);
  const events = new Set<string>();
  const eventsOf = new Map<string, string[]>();
  await store.transaction(async (repos) => {
    for (const id of ids) {
      await repos.articles.setStatus(id, status, now);
      eventsOf.set(id, await repos.events.eventsOfArticle(id));
      for (const e of eventsOf.get(id) ?? []) events.add(e);
    }
    await repos.events.markPending([...events], now);
  });
  await settleEvents(store, deps.config, now);
  for (const id of ids)
    await recordEditorial(
      store,
      {
        at: now,
        actor: deps.actor ?? 'system',
        action: status === 'withdrawn' ? 'article-withdraw' : 'article-restore',
        subject: { kind: 'article', id },
        detail: { reason },
      },
      eventsOf.get(id) ?? [],
    );
  const out: WithdrawSummary['events'] = [];
  for (const id of [...events].sort())
    out.push({ id, level: (await store.events.history(id)).at(-1)?.level ?? null });
  return { articles: ids.length, events: out };
}
