/** `corroborate brief event|story` from the command line, on every database: text with citations, JSON, and a clear refusal. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventCard } from '../src/pipeline/brief/event-card.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { runCli } from './support/cli.ts';
import { testDatabases } from './support/databases.ts';
import { miniCorpusAt } from './support/mini-corpus.ts';

for (const db of testDatabases())
  describe(`briefings from the command line [${db.name}]`, { skip: db.skip }, () => {
    /** The database holding the mini corpus, as `--db` names it. */
    let address: string;
    before(async () => {
      address = await miniCorpusAt(db);
    });
    after(() => db.cleanup());

    it(`prints an event card with each sentence's reports, and the same card as JSON [${db.name}]`, () => {
      const [event] = JSON.parse(runCli(['events', '--json', '--db', address]).stdout) as EventJson[];
      assert.ok(event);
      const text = runCli(['brief', 'event', event.id, '--db', address]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /What's happened\n {4}.+ \[[^\]]+\]\n/);
      const card = JSON.parse(
        runCli(['brief', 'event', event.id, '--db', address, '--json']).stdout,
      ) as EventCard;
      const sentences = card.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
      assert.ok(
        sentences.length > 0 &&
          sentences.every((s) => s.citations.length > 0 && s.citations.every((c) => c.text.length > 0)),
      );
    });

    it(`refuses an unknown story, naming it [${db.name}]`, () => {
      const r = runCli(['brief', 'story', 'sty_missing', '--db', address]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /sty_missing: no such story/);
    });
  });
