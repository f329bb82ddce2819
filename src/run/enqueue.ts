/**
 * `ingest --queue`: reports read by the command line put on the job queue for workers to place, and, with
 * `--follow`, waited for until every one is placed or dead.
 */
import { resolve } from 'node:path';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import type { JobQueue, JobState } from '../storage/job-queue.ts';
import type { Progress } from './progress.ts';

export interface QueuedSummary {
  read: number;
  queued: number;
  /** On the queue already (the same report queued before, waiting, running or finished lately): one job. */
  alreadyQueued: number;
}

export interface FollowedSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  dead: { where: string; message: string }[];
}

/** Queues the inputs; each names the file it was read from by its absolute path (a worker may run elsewhere). */
export async function enqueueInputs(
  queue: JobQueue,
  inputs: SourcedInput[],
): Promise<QueuedSummary & { ids: string[] }> {
  const r = await queue.enqueue(
    inputs.map((s) => ({ input: s.input, origin: { ...s.origin, file: resolve(s.origin.file) } })),
  );
  return { read: inputs.length, queued: r.queued, alreadyQueued: r.known, ids: r.ids };
}

/**
 * Waits until every job is placed or dead, asking the queue every `pollMs`; returns their outcomes.
 * `wheres` names each job's report for the dead ones.
 */
export async function followJobs(
  queue: JobQueue,
  ids: string[],
  wheres: string[],
  progress: Progress,
  pollMs = 500,
): Promise<FollowedSummary> {
  const unique = [...new Set(ids)];
  progress.start(unique.length, 'placed');
  let states = new Map<string, JobState>();
  for (;;) {
    states = await queue.states(unique);
    const finished = unique.filter((id) => {
      const s = states.get(id)?.state;
      return s === 'done' || s === 'dead';
    }).length;
    progress.tick(finished);
    if (finished === unique.length) break;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  progress.stop();
  const out: FollowedSummary = { inserted: 0, updated: 0, unchanged: 0, dead: [] };
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) return;
    seen.add(id);
    const s = states.get(id) as JobState;
    if (s.state === 'done') out[s.outcome]++;
    else if (s.state === 'dead') out.dead.push({ where: wheres[i] as string, message: s.error });
  });
  return out;
}
