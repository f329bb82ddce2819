/**
 * Briefings on the demo corpus: every sentence of every event card and story briefing cites report
 * sentences that stand at the offsets given; the grounding checker refuses none; no two sentences of
 * one briefing share more than 60% of their words; every independent source of an event is heard
 * in "What the papers say". Served as JSON, rebuilt when the event changes and not before. On every
 * database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditStore } from '../bench/briefings.ts';
import { ingestDemo } from '../bench/demo-score.ts';
import type { GroundedSentence } from '../src/pipeline/brief/grounding.ts';
import type { BriefSection } from '../src/pipeline/brief/sections.ts';
import type { StoryBriefing } from '../src/pipeline/brief/story-briefing.ts';
import type { EventCard } from '../src/pipeline/brief/event-card.ts';
import { setArticlesStatus } from '../src/run/withdraw.ts';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

const sentencesOf = (sections: BriefSection[]): GroundedSentence[] =>
  sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));

for (const db of testDatabases())
  describe(`briefings on the demo corpus [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      app = createApp(depsFor(store));
    });
    after(async () => {
      await app.close();
      await store.close();
      await db.cleanup();
    });

    it(`grounds every sentence of every card and briefing, repeats none, and hears every independent source [${db.name}]`, async () => {
      const scores = await auditStore(store);
      assert.equal(scores.cards, 15);
      assert.ok(scores.briefings >= 4, `${scores.briefings} story briefings`);
      for (const { subject, audit } of scores.audits) {
        assert.ok(audit.sentences >= 3, `${subject}: ${audit.sentences} sentences`);
        assert.equal(audit.uncited, 0, subject);
        assert.deepEqual(audit.ungrounded, [], subject);
        assert.deepEqual(audit.repeats, [], subject);
        assert.deepEqual(audit.sourcesMissing, [], subject);
      }
    });

    it(`serves cards and briefings as sections of sentences whose citations stand at their offsets in the stored reports [${db.name}]`, async () => {
      const texts = new Map(
        (await store.articles.getMany(await store.articles.idsInTimeOrder())).map((a) => [a.id, a.text]),
      );
      const checkCitations = (where: string, sections: BriefSection[]) => {
        const sentences = sentencesOf(sections);
        assert.ok(sentences.length > 0, where);
        for (const s of sentences) {
          assert.ok(s.citations.length > 0, `${where}: ${s.text}`);
          for (const c of s.citations)
            assert.equal(
              texts.get(c.articleId)?.slice(c.start, c.end),
              c.text,
              `${where}: citation of ${c.articleId} at ${c.start}–${c.end}`,
            );
        }
      };
      for (const id of await store.events.ids()) {
        const card = (await app.inject({ url: `/api/v1/events/${id}/card` })).json() as EventCard;
        assert.deepEqual(
          card.sections.slice(0, 2).map((s) => s.key),
          ['happened', 'papers'],
        );
        checkCitations(`event ${id}`, card.sections);
      }
      const stories = await store.stories.list();
      let briefed = 0;
      for (const s of stories) {
        const r = await app.inject({ url: `/api/v1/stories/${s.id}/briefing` });
        if (r.statusCode !== 200) continue;
        const b = r.json() as StoryBriefing;
        if (!b.latestEventId) continue;
        briefed++;
        assert.deepEqual(
          b.sections.map((x) => x.key),
          ['happened', 'behind', 'papers', 'history', 'deeper'],
        );
        checkCitations(`story ${s.id}`, b.sections);
        const history = b.sections.find((x) => x.key === 'history')?.paragraphs ?? [];
        const dates = history.map((p) => p.event?.date ?? '');
        assert.deepEqual(dates, [...dates].sort(), 'How we got here runs in date order');
        assert.ok(
          b.entities.length > 0 && b.entities.every((e) => e.mentions > 0 && e.events.length > 0),
          'entity cards with counts and events',
        );
      }
      assert.ok(briefed >= 4);
      assert.equal((await app.inject({ url: '/api/v1/stories/no-such-story/briefing' })).statusCode, 404);
    });

    it(`opens What's happened with the report the event's title comes from [${db.name}]`, async () => {
      const words = (t: string) => ` ${(t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
      let checked = 0;
      for (const id of new Set(Object.values(await store.events.assignments()))) {
        const event = await store.events.get(id);
        const card = (await app.inject({ url: `/api/v1/events/${id}/card` })).json() as EventCard;
        const title = words(event?.title.replace(/…$/, '') ?? '');
        // A report whose tone is a denial never opens the paragraph.
        const told = (await store.events.reports(id)).filter((r) => r.tone !== 'denied');
        const reports = await store.articles.getMany(told.map((r) => r.articleId));
        const named = reports.filter((a) =>
          words(`${a.title ?? ''}\n${a.text.slice(0, 400)}`).includes(title),
        );
        if (!named.length) continue;
        const opening = card.sections[0]?.paragraphs[0]?.sentences[0];
        assert.ok(
          opening?.citations.some((c) => named.some((a) => a.id === c.articleId)),
          `event ${id}: "${event?.title}" but opens "${opening?.text}"`,
        );
        checked++;
      }
      assert.ok(checked >= 10, `checked ${checked} events`);
    });

    it(`builds a card again when its event changes, and only then [${db.name}]`, async () => {
      const id = (await store.events.ids())[0] as string;
      const first = (await app.inject({ url: `/api/v1/events/${id}/card` })).json() as EventCard;
      const again = (await app.inject({ url: `/api/v1/events/${id}/card` })).json() as EventCard;
      assert.equal(again.extraction.builtAt, first.extraction.builtAt, 'unchanged: the cached card');
      const reports = await store.events.reports(id);
      const gone = reports[0]?.articleId as string;
      // The card's build time has millisecond steps: wait until the clock has passed it.
      while (new Date().toISOString() <= first.extraction.builtAt) await new Promise((r) => setImmediate(r));
      await setArticlesStatus(
        { store, config: parseConfig({}), clock: fixedClock('2026-01-01T00:00:00Z'), actor: 'test' },
        [gone],
        'withdrawn',
        'taken down',
      );
      const changed = (await app.inject({ url: `/api/v1/events/${id}/card` })).json() as EventCard;
      assert.notEqual(
        changed.extraction.builtAt,
        first.extraction.builtAt,
        'a withdrawn report: built again',
      );
      assert.ok(
        !sentencesOf(changed.sections).some((s) => s.citations.some((c) => c.articleId === gone)),
        'no sentence cites the withdrawn report',
      );
    });
  });
