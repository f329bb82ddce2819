/**
 * Merging, splitting and reprocessing from the command line, on every database: `events merge|split|lineage`,
 * `reprocess`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventJson } from '../src/run/event-views.ts';
import { runCli } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';
import { miniCorpusAt } from './support/mini-corpus.ts';

for (const db of testDatabases())
  describe(`events from the command line [${db.name}]`, { skip: db.skip }, () => {
    /** The database holding the mini corpus, as `--db` names it. */
    let address: string;
    const events = () => JSON.parse(runCli(['events', '--json', '--db', address]).stdout) as EventJson[];
    before(async () => {
      address = await miniCorpusAt(db);
    });
    after(() => db.cleanup());

    it(`merges one event into another, records it, and names where a merged id lives on [${db.name}]`, () => {
      const [council, fire] = events() as [EventJson, EventJson];
      const merged = runCli([
        'events',
        'merge',
        council.id,
        fire.id,
        '--reason',
        'test merge',
        '--db',
        address,
        '--json',
      ]);
      assert.equal(merged.code, 0, merged.stderr);
      assert.deepEqual(
        events().map((e) => e.id),
        [fire.id],
      );
      const lineage = JSON.parse(
        runCli(['events', 'lineage', council.id, '--db', address, '--json']).stdout,
      ) as {
        current: string;
        entries: { kind: string; reason: string; decidedBy: string }[];
      };
      assert.equal(lineage.current, fire.id);
      assert.deepEqual(
        lineage.entries.map((e) => [e.kind, e.reason, e.decidedBy]),
        [['merge', 'test merge', 'cli']],
      );
      const again = runCli(['events', 'merge', council.id, fire.id, '--db', address]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, new RegExp(`${council.id}: event was merged into ${fire.id}`));
    });

    it(`splits reports off an event and refuses a split that would empty it [${db.name}]`, () => {
      const [fire] = events() as [EventJson];
      const council = fire.reports.find((r) => r.articleId === 'm4') as { articleId: string };
      const split = runCli(['events', 'split', fire.id, council.articleId, '--db', address, '--json']);
      assert.equal(split.code, 0, split.stderr);
      const { newEventId } = JSON.parse(split.stdout) as { newEventId: string };
      assert.equal(events().length, 2);
      assert.ok(
        events().some((e) => e.id === newEventId && e.reports.map((r) => r.articleId).join() === 'm4'),
      );
      // The plain list counts in words a reader would write: "1 report", never "1 reports".
      const listed = runCli(['events', '--db', address]).stdout;
      const line = listed.split('\n').find((l) => l.includes(`[${newEventId}]`)) ?? '';
      assert.match(line, /\b1 report, \d+ independent sources?\b/);
      assert.doesNotMatch(listed, /\b1 (?:reports|events|independent sources)\b/);
      assert.match(listed, /^2 events$/m);
      const all = runCli(['events', 'split', newEventId, 'm4', '--db', address]);
      assert.equal(all.code, 2);
      assert.match(all.stderr, /at least one report on each side/);
    });

    it(`reprocesses from a stage, keeping what editors decided, and refuses an unknown stage [${db.name}]`, () => {
      const before = events().map((e) => [e.id, e.reports.map((r) => r.articleId).sort()]);
      const r = runCli(['reprocess', '--from', 'analyze', '--db', address, '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).reports, 4);
      assert.deepEqual(
        events().map((e) => [e.id, e.reports.map((x) => x.articleId).sort()]),
        before,
      );
      const bad = runCli(['reprocess', '--from', 'extract', '--db', address]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--from: unknown stage "extract"/);
    });
  });
