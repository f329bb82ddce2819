/**
 * Briefing benchmark: every event card and story briefing of the demo corpus and the two held-out
 * corpora, audited — sentences, citations, sentences the grounding checker refuses, the largest word
 * overlap between two sentences of one briefing, independent sources missing from "What the papers say".
 */
import { auditBriefing, type BriefingAudit } from '../src/pipeline/brief/audit.ts';
import { getEventCard } from '../src/run/event-views.ts';
import { getStoryBriefing } from '../src/run/story-views.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { DEMO_DIR, HOLDOUT_2_DIR, HOLDOUT_DIR, ingestDemo } from './demo-score.ts';

export interface BriefingScores {
  cards: number;
  briefings: number;
  audits: { subject: string; audit: BriefingAudit }[];
  ms: number;
}

/** Audits every card and briefing in the store. */
export async function auditStore(store: Store): Promise<BriefingScores> {
  const outlets = (await store.outlets.list()).map((o) => o.name);
  const audits: BriefingScores['audits'] = [];
  const t0 = performance.now();
  let cards = 0;
  let briefings = 0;
  for (const id of await store.events.ids()) {
    const card = await getEventCard(store, id);
    if (!card) continue;
    cards++;
    const sources = (await store.events.history(id)).at(-1)?.sources.map((s) => s.label) ?? [];
    audits.push({
      subject: `event ${id}`,
      audit: auditBriefing(card.sections, card.entities, sources, outlets),
    });
  }
  for (const s of await store.stories.list()) {
    const b = await getStoryBriefing(store, s.id);
    if (!b) continue;
    briefings++;
    const latest = b.latestEventId ? (await store.events.history(b.latestEventId)).at(-1) : undefined;
    audits.push({
      subject: `story ${s.id}`,
      audit: auditBriefing(b.sections, b.entities, latest?.sources.map((x) => x.label) ?? [], outlets),
    });
  }
  return { cards, briefings, audits, ms: performance.now() - t0 };
}

export function formatBriefingScores(name: string, s: BriefingScores): string {
  const sum = (f: (a: BriefingAudit) => number) => s.audits.reduce((n, a) => n + f(a.audit), 0);
  const max = Math.max(0, ...s.audits.map((a) => a.audit.maxOverlap));
  const missing = sum((a) => a.sourcesMissing.length);
  return `${name} cards ${s.cards} briefings ${s.briefings} sentences ${sum((a) => a.sentences)} uncited ${sum((a) => a.uncited)} ungrounded ${sum((a) => a.ungrounded.length)} repeats>60% ${sum((a) => a.repeats.length)} max_overlap ${max.toFixed(2)} sources_missing ${missing} | ${(s.ms / 1000).toFixed(1)} s to write`;
}

async function run(name: string, dir: string): Promise<string> {
  const store = await openStore(':memory:');
  try {
    await ingestDemo(store, dir);
    const scores = await auditStore(store);
    const detail = scores.audits.flatMap((a) => [
      ...a.audit.ungrounded.map((u) => `  ${a.subject} ungrounded: ${u.text} ${JSON.stringify(u.problems)}`),
      ...a.audit.repeats.map(([x, y]) => `  ${a.subject} repeats: ${x} ~ ${y}`),
      ...a.audit.sourcesMissing.map((m) => `  ${a.subject} source missing: ${m}`),
    ]);
    return [formatBriefingScores(name, scores), ...detail].join('\n');
  } finally {
    await store.close();
  }
}

/** Audits the demo corpus and the two held-out corpora; one line each, then any failures. */
export async function runBriefingsBench(): Promise<string> {
  return [
    await run('briefings demo', DEMO_DIR),
    await run('briefings holdout', HOLDOUT_DIR),
    await run('briefings holdout-2', HOLDOUT_2_DIR),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runBriefingsBench());
