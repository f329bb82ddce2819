/** `corroborate brief event|story` from the command line: text with citations, JSON, and a clear refusal. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventCard } from '../src/pipeline/brief/event-card.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { runCli } from './support/cli.ts';
import { miniCorpusFile } from './support/mini-corpus.ts';

const corpus = miniCorpusFile('brief-cli');
const db = corpus.file;

describe('briefings from the command line', () => {
  before(corpus.create);
  after(corpus.remove);

  it("prints an event card with each sentence's reports, and the same card as JSON", () => {
    const [event] = JSON.parse(runCli(['events', '--json', '--db', db]).stdout) as EventJson[];
    assert.ok(event);
    const text = runCli(['brief', 'event', event.id, '--db', db]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /What's happened\n {4}.+ \[[^\]]+\]\n/);
    const card = JSON.parse(runCli(['brief', 'event', event.id, '--db', db, '--json']).stdout) as EventCard;
    const sentences = card.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
    assert.ok(
      sentences.length > 0 &&
        sentences.every((s) => s.citations.length > 0 && s.citations.every((c) => c.text.length > 0)),
    );
  });

  it('refuses an unknown story, naming it', () => {
    const r = runCli(['brief', 'story', 'sty_missing', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /sty_missing: no such story/);
  });
});
