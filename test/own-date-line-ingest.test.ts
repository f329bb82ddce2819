/**
 * Plain reports without a publication time are dated by their own date line when ingested: the date is
 * stored as the report's (what resolution compares) and anchors its analysis. Two reports of the same
 * kind of news, months apart, do not fall into one event. On every database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import type { SourcedInput } from '../src/pipeline/acquire/read-inputs.ts';
import { listEvents, type EventJson } from '../src/run/event-views.ts';
import { ingest } from '../src/run/ingest.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const config = parseConfig({});
const report = (id: string, text: string): SourcedInput => ({
  input: { url: `file:///reports/${id}.txt`, text },
  origin: { file: `/reports/${id}.txt`, line: null },
});
const REPORTS = [
  report(
    'march',
    'Huelga de los transbordadores en Zadar\n12 de marzo de 2024\nLas tripulaciones de los transbordadores de Zadar dejaron de trabajar el martes y los cruces a las islas quedaron suspendidos, según el sindicato.\nEl sindicato pide un aumento salarial y la naviera dijo que se reunirá con los trabajadores el jueves.',
  ),
  report(
    'september',
    'Nueva huelga de los transbordadores en Zadar\n9 de septiembre de 2024\nLas tripulaciones de los transbordadores de Zadar volvieron a parar el lunes y los viajeros esperaron en el puerto, informó el sindicato.\nEl sindicato rechaza la oferta salarial de la naviera y anuncia más paros para el otoño.',
  ),
];

for (const db of testDatabases()) {
  describe(`own date lines at ingest [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let events: EventJson[];
    before(async () => {
      store = await db.open();
      await ingest({ store, config, clock: fixedClock('2024-10-01T00:00:00Z') }, REPORTS);
      events = await listEvents(store);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });

    it('stores the date line as the report date and keeps reports months apart in different events', () => {
      const holding = (id: string) => events.filter((e) => e.reports.some((r) => r.articleId.includes(id)));
      const [march, september] = [holding('march'), holding('september')];
      assert.equal(march.length, 1, JSON.stringify(events.map((e) => e.reports)));
      assert.equal(september.length, 1);
      assert.notEqual(march[0]?.id, september[0]?.id);
      assert.equal(march[0]?.reports[0]?.publishedAt?.slice(0, 10), '2024-03-12');
      assert.equal(september[0]?.reports[0]?.publishedAt?.slice(0, 10), '2024-09-09');
    });
  });
}
