/**
 * Reader submissions, from the public form to an editor's decision:
 * 1. `submit`: a reader proposes an address for an event. It is checked (http(s), no credentials, not
 *    pointing at this machine's neighbourhood) and stored as pending; the same address for the same
 *    event again is counted on the first, and a full review queue refuses new ones.
 * 2. `fetchQueued`: in the background, each pending address is fetched through the acquisition stage's
 *    fetcher (its SSRF guard on every connection and redirect, its size and time limits); the page is
 *    kept with the submission for the editor to preview, or why it could not be fetched.
 * 3. `approveSubmission`: the page is ingested like any report; if the resolver placed it elsewhere, it
 *    is moved into the event it was submitted for (the editor's decision), which is re-assessed.
 *    `rejectSubmission` changes nothing but the queue. Both are written to the audit log with the
 *    event's independent sources and level before and after.
 */
import { randomBytes } from 'node:crypto';
import { CorroborateError } from '../domain/errors.ts';
import type { Submission } from '../domain/editorial.ts';
import { canonicalUrl } from '../lib/url.ts';
import { addressPolicy, hostRefusal } from '../pipeline/acquire/address-guard.ts';
import { fetchPage } from '../pipeline/acquire/fetch-page.ts';
import { Fetcher } from '../pipeline/acquire/fetcher.ts';
import type { Submitted } from '../storage/editorial-repository.ts';
import { extractLimits } from '../config/config.ts';
import { cleanArticleInput } from '../pipeline/acquire/strip-controls.ts';
import { contentHash } from '../pipeline/provenance/provenance.ts';
import { EventIndex, placeReport } from '../pipeline/resolve/index.ts';
import { assessWith } from './assess-events.ts';
import { recordEditorial } from './editorial-record.ts';
import { ingest, knownOutlets, reportRecord, type RunDeps } from './ingest.ts';
import { prepareInputs } from './prepare-inputs.ts';
import { mergeEvents, splitEvent } from './regroup.ts';

export const MAX_URL_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 1000;
export const MAX_REASON_LENGTH = 500;

/** A submission as a reader gives it. */
export interface SubmissionRequest {
  eventId: string;
  url: string;
  note?: string | null;
}

/** An event's standing: what a decision changes. */
export interface Standing {
  level: string | null;
  independentSources: number;
  reports: number;
}

/** Checks and stores a reader's submission; refuses it with a usage error naming what is wrong. */
export async function submit(deps: RunDeps, req: SubmissionRequest): Promise<Submitted> {
  const { store, config, clock } = deps;
  const event = await store.events.get(req.eventId);
  if (!event) throw new CorroborateError('not-found', 'no such event', req.eventId);
  const url = checkedUrl(req.url);
  const note = (req.note ?? '').trim();
  if ([...note].length > MAX_NOTE_LENGTH)
    throw new CorroborateError('usage', `a note has at most ${MAX_NOTE_LENGTH} characters`, 'note');
  const refusal = await hostRefusal(new URL(url).hostname, addressPolicy(config.fetch.allowHosts));
  if (refusal)
    throw new CorroborateError(
      'usage',
      `this address cannot be fetched: ${refusal}; give the address of a page on the public web`,
      'url',
    );
  const canonical = canonicalUrl(url);
  const done = await store.submissions.submit(
    pendingSubmission(newId(), url, canonical, event.id, note, clock.now()),
    config.editorial.maxPending,
  );
  if ('full' in done)
    throw new CorroborateError(
      'full',
      `the review queue is full (${done.full} submissions wait for an editor); please try again in a few hours`,
    );
  return done;
}

/** The address of a submission, or a usage error saying why it cannot be one. */
export function checkedUrl(raw: string): string {
  const text = raw.trim();
  if (!text) throw new CorroborateError('usage', 'give the address of the report', 'url');
  if (text.length > MAX_URL_LENGTH)
    throw new CorroborateError('usage', `an address has at most ${MAX_URL_LENGTH} characters`, 'url');
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new CorroborateError('usage', 'not a web address (it should start with https://)', 'url');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new CorroborateError('usage', 'only http and https addresses can be submitted', 'url');
  if (u.username || u.password)
    throw new CorroborateError('usage', 'an address with a user name or password cannot be submitted', 'url');
  return u.href;
}

/** Fetches pending submissions not fetched yet (oldest first, at most `limit`); returns how many. */
export async function fetchQueued(deps: RunDeps, fetcher: Fetcher, limit = 20): Promise<number> {
  const queued = await deps.store.submissions.queuedForFetch(limit);
  for (const s of queued) {
    const got = await fetchPage(fetcher, s.url);
    if (got.kind === 'ok') await deps.store.submissions.fetched(s.id, { input: got.input });
    else if (got.kind === 'failed')
      await deps.store.submissions.fetched(s.id, { error: `${got.failure.kind}: ${got.failure.message}` });
    else
      await deps.store.submissions.fetched(s.id, {
        error: 'the server answered "not modified" to a first request',
      });
  }
  return queued.length;
}

/** What an editor sees of a fetched page before deciding: as extracted, the way ingest would read it. */
export interface SubmissionPreview {
  url: string;
  title: string | null;
  outlet: string | null;
  publishedAt: string | null;
  authors: string[];
  words: number;
  /** The opening of its text, at most PREVIEW_CHARS. */
  opening: string;
  /** Why extraction refused it (it could not be approved), or null. */
  refused: string | null;
}

const PREVIEW_CHARS = 1500;

/** The preview of a fetched submission, or null when nothing was fetched. */
export async function previewSubmission(deps: RunDeps, id: string): Promise<SubmissionPreview | null> {
  const input = await deps.store.submissions.input(id);
  if (!input) return null;
  let refused: string | null = null;
  const [p] = prepareInputs(
    [{ input, origin: { file: input.url, line: null } }],
    extractLimits(deps.config.limits),
    (_w, _r, m) => (refused = m),
  );
  const a = p?.extracted;
  return {
    url: input.url,
    title: a?.title ?? null,
    outlet: a?.outlet ?? null,
    publishedAt: a?.publishedAt ?? null,
    authors: a?.authors ?? [],
    words: a ? (a.text.match(/[\p{L}\p{N}]+/gu) ?? []).length : 0,
    opening: a ? a.text.slice(0, PREVIEW_CHARS) : '',
    refused,
  };
}

/** What approving a submission would do, computed without storing anything. */
export interface Projection {
  /**
   * Where the resolver would put the report on its own: in the event it was submitted for ('this'), in
   * another event ('other'), in a new event ('new'). Approval puts it in the submitted-for event whatever
   * the resolver says; 'other' and 'new' are a sign that the report may tell of another event.
   */
  placement: { kind: 'this' } | { kind: 'new' } | { kind: 'other'; eventId: string; title: string };
  /** Whether the report is stored already (submitted again, or fetched by a feed). */
  stored: boolean;
  /** The stored report it copies (a syndicated copy adds no independent source), or null. */
  copyOf: { articleId: string; title: string | null } | null;
  before: Standing;
  after: Standing;
}

/**
 * What approving a fetched submission would change: where the resolver would place its report and the
 * event's level, independent sources and reports after. Null when nothing was fetched, the page could not
 * be read as a report, or the event is gone. Reads every event's profile, as an ingest does.
 */
export async function projectSubmission(deps: RunDeps, id: string): Promise<Projection | null> {
  const { store, config, clock } = deps;
  const s = await store.submissions.get(id);
  const input = s?.eventId ? await store.submissions.input(id) : null;
  if (!s?.eventId || !input || !(await store.events.get(s.eventId))) return null;
  const [p] = prepareInputs(
    [{ input: cleanArticleInput(input), origin: { file: input.url, line: null } }],
    extractLimits(config.limits),
    () => undefined,
  );
  if (!p) return null;
  const now = clock.now();
  const eventId = s.eventId;
  const before = await standing(deps, eventId);
  const [seen] = await store.articles.findSeen({
    urls: [p.id, p.extracted.url, p.extracted.canonicalUrl],
  });
  const outlets = await knownOutlets(store, config);
  const { record } = await reportRecord(
    deps,
    outlets,
    { ...p, id: seen?.id ?? p.id },
    contentHash(p.extracted),
    now,
  );
  const copy = record.provenance.lineage.find((l) => l.kind === 'copy');
  // Placed as ingest would place it, against every stored event, storing nothing.
  // The placement asks for the events of two reports only: this one's, if stored, and its copy's origin.
  const asked = [seen?.id, copy?.kind === 'copy' ? copy.ofArticleId : undefined].filter(
    (a) => a !== undefined,
  );
  const [events, assignments] = await Promise.all([
    store.events.withProfiles(),
    store.events.assignments(asked),
  ]);
  const storedIn = seen ? assignments[seen.id] : undefined;
  const placed = placeReport(
    record,
    { index: new EventIndex(events), eventOf: (a) => assignments[a] },
    config.resolve,
    now,
  );
  const placedIn = placed.how === 'founded' ? null : placed.event.event.id;
  const other = placedIn !== null && placedIn !== eventId ? await store.events.get(placedIn) : null;
  const a = await assessWith(store, eventId, [record], outlets, config.confidence, now);
  const copied = copy?.kind === 'copy' ? (await store.articles.getMany([copy.ofArticleId]))[0] : undefined;
  return {
    placement:
      placedIn === null
        ? { kind: 'new' }
        : other
          ? { kind: 'other', eventId: other.id, title: other.title }
          : { kind: 'this' },
    stored: Boolean(seen),
    copyOf: copy?.kind === 'copy' ? { articleId: copy.ofArticleId, title: copied?.title ?? null } : null,
    before,
    after: {
      level: a.level,
      independentSources: a.sources.length,
      reports: before.reports + (storedIn === eventId ? 0 : 1),
    },
  };
}

/** An event's level, independent sources and reports as they stand. */
export async function standing(deps: RunDeps, eventId: string): Promise<Standing> {
  const latest = (await deps.store.events.history(eventId)).at(-1);
  return {
    level: latest?.level ?? null,
    independentSources: latest?.sources.length ?? 0,
    reports: (await deps.store.events.reports(eventId)).length,
  };
}

/**
 * Approves a pending, fetched submission: its page is ingested and joins the event it was submitted
 * for, which is re-assessed. Returns the report and the event's standing before and after.
 */
export async function approveSubmission(
  deps: RunDeps,
  id: string,
): Promise<{ submission: Submission; articleId: string; before: Standing; after: Standing }> {
  const { store, clock } = deps;
  const s = await pending(deps, id);
  if (!s.eventId) throw new CorroborateError('usage', 'this submission names no event', id);
  const target = await store.events.get(s.eventId);
  if (!target)
    throw new CorroborateError('not-found', 'its event no longer exists (merged or removed)', s.eventId);
  if (s.fetchState !== 'fetched')
    throw new CorroborateError(
      'usage',
      s.fetchState === 'queued'
        ? 'its page has not been fetched yet; try again shortly'
        : 'its page could not be fetched',
      id,
    );
  const input = await store.submissions.input(id);
  if (!input) throw new CorroborateError('usage', 'its fetched page is missing', id);
  const before = await standing(deps, target.id);
  const editorial = { ...deps, actor: deps.actor ?? 'editor' };
  await ingest(editorial, [{ input, origin: { file: s.url, line: null } }]);
  const [seen] = await store.articles.findSeen({ urls: [input.url] });
  if (!seen) throw new CorroborateError('bad-input', 'the page was not stored as a report', s.url);
  const placed = (await store.events.eventsOfArticle(seen.id))[0];
  if (placed && placed !== target.id) {
    const reason = `submission ${id} approved for this event`;
    const alone = (await store.events.reports(placed)).length === 1;
    const from = alone ? placed : (await splitEvent(editorial, placed, [seen.id], reason)).newEventId;
    await mergeEvents(editorial, from, target.id, reason);
  }
  const now = clock.now();
  if (!(await store.submissions.review(id, 'approved', editorial.actor, now)))
    throw new CorroborateError('conflict', 'another editor decided this submission first', id);
  await store.submissions.became(id, seen.id);
  const after = await standing(deps, target.id);
  await recordEditorial(
    store,
    {
      at: now,
      actor: editorial.actor,
      action: 'submission-approve',
      subject: { kind: 'event', id: target.id },
      detail: { submission: id, url: s.url, report: seen.id, before, after },
    },
    [target.id],
  );
  return { submission: { ...s, status: 'approved', articleId: seen.id }, articleId: seen.id, before, after };
}

/** Rejects a pending submission with a reason kept for editors; nothing else changes. */
export async function rejectSubmission(deps: RunDeps, id: string, reason: string): Promise<Submission> {
  const s = await pending(deps, id);
  const why = reason.trim();
  if (!why) throw new CorroborateError('usage', 'give a reason for the rejection (editors see it)', 'reason');
  if ([...why].length > MAX_REASON_LENGTH)
    throw new CorroborateError('usage', `a reason has at most ${MAX_REASON_LENGTH} characters`, 'reason');
  const actor = deps.actor ?? 'editor';
  const now = deps.clock.now();
  if (!(await deps.store.submissions.review(id, 'rejected', actor, now, why)))
    throw new CorroborateError('conflict', 'another editor decided this submission first', id);
  await deps.store.audit.record({
    at: now,
    actor,
    action: 'submission-reject',
    subject: { kind: 'submission', id },
    detail: { url: s.url, event: s.eventId, reason: why },
  });
  return { ...s, status: 'rejected', reason: why, reviewedBy: actor, reviewedAt: now };
}

async function pending(deps: RunDeps, id: string): Promise<Submission> {
  const s = await deps.store.submissions.get(id);
  if (!s) throw new CorroborateError('not-found', 'no such submission', id);
  if (s.status !== 'pending')
    throw new CorroborateError('conflict', `this submission was already ${s.status}`, id);
  return s;
}

function pendingSubmission(
  id: string,
  url: string,
  canonical: string,
  eventId: string,
  note: string,
  now: string,
): Submission {
  return {
    id,
    url,
    canonicalUrl: canonical,
    eventId,
    note: note || null,
    submittedBy: null,
    status: 'pending',
    reviewedBy: null,
    reviewedAt: null,
    createdAt: now,
    times: 1,
    articleId: null,
    fetchState: 'queued',
    fetchError: null,
    reason: null,
  };
}

function newId(): string {
  return `sub-${randomBytes(8).toString('hex')}`;
}

/**
 * Fetches submissions in the background, one run at a time: `kick` after a submission starts a run (or
 * asks the running one to look again); `idle` resolves when nothing is being fetched.
 */
export class SubmissionFetching {
  private running: Promise<void> | null = null;
  private again = false;
  private fetcher: Fetcher | null = null;

  constructor(
    private readonly deps: RunDeps,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run()
      .catch(this.onError)
      .finally(() => (this.running = null));
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    await this.idle();
    await this.fetcher?.close();
    this.fetcher = null;
  }

  private async run(): Promise<void> {
    this.fetcher ??= new Fetcher(this.deps.config.fetch);
    do {
      this.again = false;
      while ((await fetchQueued(this.deps, this.fetcher)) > 0);
    } while (this.again);
  }
}
