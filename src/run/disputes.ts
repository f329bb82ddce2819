/** Orchestration of an editor settling a dispute: the value that stands is stored, the event re-assessed. */
import type { Assessment } from '../domain/assessment.ts';
import { CorroborateError } from '../domain/errors.ts';
import type { RunDeps } from './ingest.ts';
import { recordEditorial } from './editorial-record.ts';
import { settleEvents } from './settle-events.ts';

/** Settles the dispute over `field` of an event with `value` (one of the disputed values); returns the new assessment. */
export async function resolveDispute(
  deps: RunDeps,
  eventId: string,
  field: string,
  value: string,
  note: string | null,
): Promise<Assessment> {
  const { store, clock } = deps;
  if (!(await store.events.get(eventId))) throw new CorroborateError('not-found', 'no such event', eventId);
  const latest = (await store.events.history(eventId)).at(-1);
  const dispute = latest?.disputes.find((d) => d.field === field);
  if (!dispute)
    throw new CorroborateError(
      'usage',
      `no dispute over "${field}" (disputed: ${latest?.disputes.map((d) => d.field).join(', ') || 'nothing'})`,
      eventId,
    );
  const chosen = dispute.values.find(
    (v) => v.value === value || v.value.replace(/,/g, '') === value.replace(/,/g, ''),
  );
  if (!chosen)
    throw new CorroborateError(
      'usage',
      `"${value}" is not one of the disputed values (${dispute.values.map((v) => v.value).join(', ')})`,
      `${eventId} ${field}`,
    );
  const now = clock.now();
  await store.transaction(async (repos) => {
    await repos.events.resolveDispute({
      eventId,
      field,
      value: chosen.value,
      decidedBy: deps.actor ?? 'editor',
      note,
      at: now,
    });
    await repos.events.markPending([eventId], now);
  });
  await settleEvents(store, deps.config, now);
  await recordEditorial(
    store,
    {
      at: now,
      actor: deps.actor ?? 'editor',
      action: 'dispute-resolve',
      subject: { kind: 'event', id: eventId },
      detail: { field, value: chosen.value, note },
    },
    [eventId],
  );
  return (await store.events.history(eventId)).at(-1) as Assessment;
}
