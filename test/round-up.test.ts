/**
 * A report of several events (a daily round-up) backs each event for the passage that tells of it;
 * a report of one event with subheadings stays whole. Through the real pipeline, on every database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import type { SourcedInput } from '../src/pipeline/acquire/read-inputs.ts';
import type { EventCard } from '../src/pipeline/brief/event-card.ts';
import { getEvent, getEventCard, listEvents, type EventJson } from '../src/run/event-views.ts';
import { ingest } from '../src/run/ingest.ts';
import { reprocess } from '../src/run/reprocess.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const day = '2025-06-03';
const quake =
  "A magnitude 6.1 earthquake struck near Valparaíso on Tuesday, damaging houses in the hills above the port and cutting power to thousands of homes. Chile's disaster agency said two people were injured and that schools would stay closed on Wednesday.";
const ferry =
  "Ferry crews in Zadar walked off the job on Tuesday, halting crossings to the islands for the day. The seafarers' union said the strike was over a pay offer of three percent and a new summer rota.";
const dam =
  'Thousands of people marched through Lyon on Tuesday against a planned dam on the upper Rhône. Organisers said the march drew 8,000 people; the prefecture put the figure lower.';

const config = parseConfig({});
const input = (id: string, outlet: string, title: string, text: string): SourcedInput => ({
  input: {
    id,
    url: `https://${outlet.toLowerCase().replace(/\s+/g, '-')}.example/${id}`,
    outlet,
    publishedAt: `${day}T18:00:00Z`,
    title,
    text,
  },
  origin: { file: 'round-up', line: 1 },
});

const REPORTS: SourcedInput[] = [
  input(
    'q1',
    'Andes Courier',
    'Earthquake damages houses near Valparaíso',
    `${quake}\n\nEngineers began checking the port's cranes and the coastal road on Tuesday evening.`,
  ),
  input(
    'q2',
    'Pacific Wire',
    'Quake shakes Valparaíso, two injured',
    `${quake.replace('A magnitude 6.1', 'A 6.1-magnitude')}\n\nAftershocks were felt in Viña del Mar through the afternoon.`,
  ),
  input(
    'f1',
    'Adriatic Post',
    'Zadar ferry crews strike over pay',
    `${ferry}\n\nThe operator said it would meet the union on Thursday.`,
  ),
  input(
    'f2',
    'Dalmatia Daily',
    'Island crossings halted as Zadar ferry crews walk out',
    `${ferry.replace('walked off the job', 'stopped work')}\n\nTravellers waited at the quay for buses to other ports.`,
  ),
  input(
    'd1',
    'Rhône Gazette',
    'Lyon march against upper Rhône dam',
    `${dam}\n\nThe regional council is due to vote on the dam in September.`,
  ),
  input(
    'd2',
    'Lyon Herald',
    'Thousands march in Lyon against dam plan',
    `${dam.replace('marched through', 'walked through')}\n\nFarmers' groups and anglers joined the march.`,
  ),
  // A round-up: three headed sections, three events.
  input(
    'r1',
    'Evening Digest',
    'The day in brief',
    [
      'Here is what happened on Tuesday.',
      'Chile',
      'Houses in the hills above Valparaíso were damaged when a 6.1 quake hit the coast on Tuesday; two people were hurt and power was lost across much of the city.',
      'Croatia',
      'Island ferries out of Zadar stayed in port on Tuesday as crews stopped work in a dispute over a three percent pay offer and the summer timetable.',
      'France',
      'Marchers filled the streets of Lyon on Tuesday to oppose a dam planned on the upper Rhône; organisers counted 8,000 people.',
    ].join('\n'),
  ),
  // One event with subheadings: stays whole.
  input(
    's1',
    'Coastal Review',
    'Zadar ferry strike strands island travellers',
    [
      ferry,
      'What happens next',
      'The union and the operator are due to meet on Thursday; the union said further stoppages were possible if the offer was not improved for the crews in Zadar.',
      'Background',
      'Crossings from Zadar to the islands carry about 4,000 passengers a day in June, most of them residents and seasonal workers travelling to the islands.',
    ].join('\n'),
  ),
];

for (const db of testDatabases()) {
  describe(`reports of several events [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let events: EventJson[];
    const deps = () => ({ store, config, clock: fixedClock('2025-06-04T00:00:00Z') });
    before(async () => {
      store = await db.open();
      await ingest(deps(), REPORTS);
      events = await listEvents(store);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });
    const holding = (articleId: string) =>
      events.filter((e) => e.reports.some((r) => r.articleId === articleId));

    it(`groups the single-event reports into three events [${db.name}]`, () => {
      const a = (id: string) => holding(id).map((e) => e.id);
      assert.equal(events.length, 3, events.map((e) => e.title).join(' | '));
      assert.deepEqual(a('q1'), a('q2'));
      assert.deepEqual(a('f1'), a('f2'));
      assert.deepEqual(a('d1'), a('d2'));
    });

    it(`lets the round-up back each of the three events with the passage that tells of it [${db.name}]`, async () => {
      const backed = holding('r1');
      assert.equal(backed.length, 3, 'the round-up backs all three events');
      const text = REPORTS[6]?.input.text as string;
      for (const e of backed) {
        const row = e.reports.find((r) => r.articleId === 'r1');
        if (!row?.passage) continue; // its first event holds it whole
        const passage = text.slice(row.passage.start, row.passage.end);
        const own = e.reports.find((r) => r.articleId !== 'r1')?.articleId.charAt(0);
        assert.ok(
          passage.includes({ q: 'Valparaíso', f: 'Zadar', d: 'Lyon' }[own as 'q' | 'f' | 'd']),
          `the passage backing ${e.title} tells of it`,
        );
      }
      assert.equal(
        backed.filter((e) => e.reports.find((r) => r.articleId === 'r1')?.passage).length,
        2,
        'two events are backed by a passage, the first by the report',
      );
      const dam = backed.find((e) => e.reports.some((r) => r.articleId === 'd1')) as EventJson;
      // d2 reprints d1 (one source); the round-up's passage is the second.
      assert.equal(dam.independentSources, 2, 'the round-up counts as an independent source of the march');
      const detail = (await getEvent(store, dam.id)) as EventJson;
      assert.ok(
        detail.fields?.numbers.participants?.some((v) => v.articleIds.includes('r1')),
        'its passage gives the march its figure',
      );
    });

    it(`cites a round-up's passage at its offsets in the stored report, on every event's card [${db.name}]`, async () => {
      const texts = new Map(
        (await store.articles.getMany(await store.articles.idsInTimeOrder())).map((a) => [a.id, a.text]),
      );
      let beyondStart = 0;
      for (const e of events) {
        const card = (await getEventCard(store, e.id)) as EventCard;
        for (const c of card.sections.flatMap((x) =>
          x.paragraphs.flatMap((p) => p.sentences.flatMap((y) => y.citations)),
        )) {
          assert.equal(
            texts.get(c.articleId)?.slice(c.start, c.end),
            c.text,
            `${e.id}: ${c.articleId} at ${c.start}`,
          );
          if (
            c.start > 0 &&
            e.reports.some((r) => r.articleId === c.articleId && r.passage && r.passage.start > 0)
          )
            beyondStart++;
        }
      }
      assert.ok(beyondStart > 0, "some citation falls in a passage after the round-up's first");
    });

    it(`keeps a report of one event with subheadings whole [${db.name}]`, () => {
      assert.equal(holding('s1').length, 1);
      assert.deepEqual(
        holding('s1').map((e) => e.id),
        holding('f1').map((e) => e.id),
      );
      assert.equal(holding('s1')[0]?.reports.find((r) => r.articleId === 's1')?.passage, undefined);
    });

    it(`reprocesses a round-up to the same events [${db.name}]`, async () => {
      const before = events.map((e) => [
        e.id,
        e.reports.map((r) => `${r.articleId}${r.passage ? `@${r.passage.start}` : ''}`).sort(),
      ]);
      await reprocess(deps(), 'resolve');
      const again = (await listEvents(store)).map((e) => [
        e.id,
        e.reports.map((r) => `${r.articleId}${r.passage ? `@${r.passage.start}` : ''}`).sort(),
      ]);
      assert.deepEqual(again.sort(), before.sort());
    });

    it(`reaches the same grouping when the round-up arrives first, once reprocessed [${db.name}]`, async () => {
      const other = await db.open();
      try {
        await ingest(
          { store: other, config, clock: fixedClock('2025-06-04T00:00:00Z') },
          [...REPORTS].reverse(),
        );
        await reprocess({ store: other, config, clock: fixedClock('2025-06-05T00:00:00Z') }, 'resolve');
        const groups = async (st: Store) =>
          (await listEvents(st))
            .map((e) =>
              e.reports
                .map((r) => `${r.articleId}${r.passage ? `@${r.passage.start}` : ''}`)
                .sort()
                .join(' '),
            )
            .sort();
        assert.deepEqual(await groups(other), await groups(store));
        for (const e of await listEvents(other)) assert.ok(await other.events.get(e.id));
      } finally {
        await other.close();
      }
    });
  });
}
