/**
 * The five seed documents (../shared/seeds, real text) through the real pipeline, read at test time and
 * never copied here: as a feed delivers them (with publication times) and as the bare .txt files.
 * What an editor must not see: a heading, a question or an interface line as an event's title or as a
 * stated fact; a fragment left by a syndication line; meetings of different months in one event.
 * On every database.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { readInputs, type SourcedInput } from '../src/pipeline/acquire/read-inputs.ts';
import { getEventCard, listEvents, type EventJson } from '../src/run/event-views.ts';
import { ingest } from '../src/run/ingest.ts';
import { getStoryBriefing } from '../src/run/story-views.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases, type TestDatabase } from './support/databases.ts';

const SEEDS = join(import.meta.dirname, '..', '..', 'shared', 'seeds');
const skip = existsSync(join(SEEDS, 'feed.jsonl')) ? false : `no seeds at ${SEEDS}`;
const config = parseConfig({});

/** A line that reads as a heading: short, no closing punctuation. */
function isHeadingLine(line: string): boolean {
  const s = line.trim();
  return s.length > 0 && s.split(/\s+/).length <= 10 && !/[.!?"”’]$/.test(s);
}

/** Lines of the seed texts that are headings (computed from the seeds, not written here). */
function headingLines(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const l of t.split('\n')) if (isHeadingLine(l)) out.add(l.trim().toLowerCase());
  return out;
}

/** Sentences an editor would read as stated facts: a question, a heading, the page speaking to its reader. */
function notAFact(sentence: string, headings: Set<string>): string | null {
  const s = sentence.trim();
  const unquoted = s.replace(/["“][^"”]*["”]/g, '');
  if (/\?\s*$/.test(unquoted)) return 'a question';
  if (/^[-–•]\s/.test(s)) return 'a list item';
  if (headings.has(s.toLowerCase())) return 'a heading';
  if (/\b(you|your|you've|you're)\b/i.test(unquoted)) return 'addressed to the reader';
  if (/\b(this assessment|confidence ratings?|editorial review|reviewed by an editor)\b/i.test(unquoted))
    return "the page's own interface";
  return null;
}

/** The month (1–12) of the first "Month D" date a text writes, or null. */
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
function firstWrittenMonth(text: string): number | null {
  const m = new RegExp(`\\b(${MONTHS.join('|')}) \\d{1,2}\\b`, 'i').exec(text);
  return m ? MONTHS.indexOf((m[1] as string).toLowerCase()) + 1 : null;
}

async function readout(store: Store, inputs: SourcedInput[]) {
  await ingest({ store, config, clock: fixedClock('2026-02-01T00:00:00Z') }, inputs);
  const events = await listEvents(store);
  const stated: { where: string; text: string }[] = [];
  for (const e of events) {
    const card = await getEventCard(store, e.id);
    for (const section of card?.sections ?? [])
      for (const p of section.paragraphs)
        for (const s of p.sentences) stated.push({ where: `card ${e.id} ${section.key}`, text: s.text });
  }
  for (const sid of new Set(events.map((e) => e.storyId).filter((x): x is string => !!x))) {
    const b = await getStoryBriefing(store, sid);
    for (const section of b?.sections ?? [])
      for (const p of section.paragraphs)
        for (const s of p.sentences) stated.push({ where: `story ${sid} ${section.key}`, text: s.text });
  }
  return { events, stated };
}

function commonChecks(
  db: TestDatabase,
  read: () => { events: EventJson[]; stated: { where: string; text: string }[] },
  texts: () => string[],
) {
  it(`titles no event with a heading, a question or a list item [${db.name}]`, () => {
    const headings = headingLines(texts());
    for (const e of read().events) {
      const why = notAFact(e.title, headings);
      assert.equal(why, null, `event title "${e.title}" is ${why}`);
      assert.ok(!e.title.endsWith('…') || /\s\S+…$/.test(e.title), `title cut mid-word: "${e.title}"`);
    }
  });
  it(`states no heading, question or interface line as a fact [${db.name}]`, () => {
    const headings = headingLines(texts());
    const bad = read()
      .stated.map((s) => ({ ...s, why: notAFact(s.text, headings) }))
      .filter((s) => s.why);
    assert.deepEqual(
      bad.map((s) => `${s.where}: ${s.why}: ${s.text}`),
      [],
    );
  });
}

for (const db of testDatabases())
  describe(`the seeds as a feed delivers them [${db.name}]`, { skip: skip || db.skip }, () => {
    let store: Store;
    let out: Awaited<ReturnType<typeof readout>>;
    let inputs: SourcedInput[] = [];
    before(async () => {
      store = await db.open();
      inputs = readFileSync(join(SEEDS, 'feed.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l, i) => ({ input: JSON.parse(l), origin: { file: 'feed.jsonl', line: i + 1 } }));
      out = await readout(store, inputs);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });
    commonChecks(
      db,
      () => out,
      () => inputs.map((s) => s.input.text ?? ''),
    );
    it(`keeps meetings of different months in different events [${db.name}]`, () => {
      const month = new Map(inputs.map((s) => [s.input.id, s.input.publishedAt?.slice(0, 7)]));
      for (const e of out.events) {
        const months = new Set(e.reports.map((r) => month.get(r.articleId)));
        assert.ok(months.size <= 1, `event "${e.title}" holds reports of ${[...months].join(', ')}`);
      }
    });
    it(`counts the event-card page for the outlets it labels its claims with, not for itself [${db.name}]`, () => {
      const card = out.events.find((e) => e.reports.some((r) => r.articleId === 'seed-004'));
      assert.equal(card?.independentSources, 2, `${card?.title}: ${card?.independentSources}`);
    });
    it(`threads the meetings into one story [${db.name}]`, () => {
      const stories = new Set(out.events.map((e) => e.storyId));
      assert.equal(out.events.length >= 4 && stories.size, 1, `stories: ${[...stories].join(', ')}`);
      assert.ok(!stories.has(null));
    });
    it(`says under an outlet a page cites only what the page says of it, or the outlet's own copy [${db.name}]`, async () => {
      let heard = 0;
      for (const e of out.events) {
        const outletOf = new Map(e.reports.map((r) => [r.articleId, r.outlet]));
        const card = await getEventCard(store, e.id);
        for (const p of card?.sections.find((x) => x.key === 'papers')?.paragraphs ?? []) {
          const label = p.source?.label ?? '';
          for (const s of p.sentences) {
            const credits = (id: string) =>
              e.lineage.some((l) => l.from === id && l.kind === 'credit' && l.toOutlet === label);
            const own = s.citations.some((c) => outletOf.get(c.articleId) === label || credits(c.articleId));
            assert.ok(own || s.text.includes(label), `under ${label}: ${s.text}`);
            heard++;
          }
        }
      }
      assert.ok(heard >= 6, `${heard} sentences under sources`);
    });
  });

for (const db of testDatabases())
  describe(`the seeds as bare .txt files [${db.name}]`, { skip: skip || db.skip }, () => {
    let store: Store;
    let out: Awaited<ReturnType<typeof readout>>;
    let files: string[] = [];
    before(async () => {
      store = await db.open();
      files = readdirSync(SEEDS)
        .filter((f) => /^\d+_.*\.txt$/.test(f))
        .map((f) => join(SEEDS, f));
      const read = readInputs(files, 10_000_000);
      out = await readout(store, read.inputs);
    });
    after(async () => {
      await store.close();
      await db.cleanup();
    });
    commonChecks(
      db,
      () => out,
      () => files.map((f) => readFileSync(f, 'utf8')),
    );
    it(`leaves no fragment of a syndication line in the text [${db.name}]`, async () => {
      for (const e of out.events)
        for (const r of e.reports) {
          const a = await store.articles.get(r.articleId);
          const first = a?.text.split('\n')[0] ?? '';
          assert.ok(!/^\p{Ll}\S*[,.;:]/u.test(first), `${r.articleId} begins with a fragment: "${first}"`);
        }
    });
    it(`keeps reports whose own text dates them to different months apart [${db.name}]`, () => {
      const month = new Map(files.map((f) => [`file://${f}`, firstWrittenMonth(readFileSync(f, 'utf8'))]));
      for (const e of out.events) {
        const months = new Set(e.reports.map((r) => month.get(r.articleId)).filter((m) => m !== null));
        assert.ok(months.size <= 1, `event "${e.title}" holds reports of months ${[...months].join(', ')}`);
      }
    });
  });
