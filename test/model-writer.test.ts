/**
 * The optional language-model writer against a stand-in chat-completions server started here: its
 * grounded sentences are used and marked; sentences with a changed figure, an invented quote, no
 * citation or a citation it was not given are refused and the default writer's stand; a failing
 * endpoint leaves the default card whole. Without a configured address nothing is sent. On every database.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ingestDemo } from '../bench/demo-score.ts';
import { DEFAULT_CONFIG, type BriefConfig } from '../src/config/config.ts';
import { parseAnswer } from '../src/pipeline/brief/model-writer.ts';
import { groundingProblems } from '../src/pipeline/brief/grounding.ts';
import { getEventCard } from '../src/run/event-views.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';

/** What the stand-in answers, by the path it is called at. */
function answer(path: string, numbered: { n: number; text: string }[]): string {
  // A model's compression: the first clause of each of the first sentences given (those of "What's happened").
  const clause = (t: string) => {
    const cut = t.split(', ')[0] as string;
    return cut.split(/\s+/).length >= 6 && !/["“”]/.test(cut) ? `${cut.replace(/[.!?]$/, '')}.` : t;
  };
  const plain = numbered.filter((s) => !/["“”]/.test(s.text)).slice(0, 3);
  const good = plain.map((s) => `${clause(s.text).replace(/\.$/, '')} [${s.n}].`);
  if (path === '/grounded') return good.join(' ');
  const withFigure = numbered.find((s) => /\d/.test(s.text) && !/["“”]/.test(s.text)) as {
    n: number;
    text: string;
  };
  const changed = withFigure.text.replace(/\d+/, (d) => String(Number(d) + 7));
  return [
    ...good.slice(0, 1),
    `${changed} [${withFigure.n}]`,
    `A spokesman called it "a disaster for everyone" [${withFigure.n}].`,
    'Officials expect the situation to improve soon.',
    `${withFigure.text} [${numbered.length + 5}]`,
  ].join(' ');
}

for (const db of testDatabases())
  describe(`the language-model writer (stand-in endpoint) [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let server: Server;
    let base: string;
    const calls: {
      path: string;
      auth: string | undefined;
      body: { model: string; messages: { role: string; content: string }[] };
    }[] = [];
    before(async () => {
      store = await db.open();
      await ingestDemo(store);
      server = createServer((req, res) => {
        let raw = '';
        req.on('data', (c) => (raw += c));
        req.on('end', () => {
          const body = JSON.parse(raw) as (typeof calls)[number]['body'];
          calls.push({ path: req.url ?? '', auth: req.headers.authorization, body });
          if (req.url === '/broken') {
            res.writeHead(500).end('{}');
            return;
          }
          const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
          const numbered = [...user.matchAll(/^\[(\d+)\] (.*)$/gm)].map((m) => ({
            n: Number(m[1]),
            text: m[2] as string,
          }));
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              choices: [{ message: { role: 'assistant', content: answer(req.url ?? '', numbered) } }],
            }),
          );
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const addr = server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });
    after(async () => {
      await new Promise((r) => server.close(r));
      await store.close();
      await db.cleanup();
    });
    const settings = (path: string): BriefConfig => ({
      ...DEFAULT_CONFIG.brief,
      modelUrl: `${base}${path}`,
      model: 'stand-in',
      modelKey: 'secret',
    });
    const eventWithFigures = async () => {
      for (const id of await store.events.ids()) {
        const card = await getEventCard(store, id);
        const happened = card?.sections.find((s) => s.key === 'happened')?.paragraphs[0]?.sentences ?? [];
        if (happened.length >= 2 && happened.some((s) => /\d/.test(s.text))) return id;
      }
      throw new Error('no demo event with figures');
    };

    it(`uses grounded model sentences, marked as the model's, each citing report sentences it was given [${db.name}]`, async () => {
      const id = await eventWithFigures();
      const card = (await getEventCard(store, id, settings('/grounded'))) as Awaited<
        ReturnType<typeof getEventCard>
      > & { modelWriter?: { used: number; refused: unknown[]; error: string | null } };
      const call = calls.at(-1);
      assert.equal(call?.body.model, 'stand-in');
      assert.equal(call?.auth, 'Bearer secret');
      assert.match(call?.body.messages[1]?.content ?? '', /^\[1\] /);
      assert.ok(card?.modelWriter && card.modelWriter.used >= 2, JSON.stringify(card?.modelWriter));
      const happened = card?.sections.find((s) => s.key === 'happened')?.paragraphs[0]?.sentences ?? [];
      const byModel = happened.filter((s) => s.writer === 'model');
      assert.ok(byModel.length >= 2);
      for (const s of happened) assert.deepEqual(groundingProblems(s.text, s.citations), [], s.text);
    });

    it(`refuses a changed figure, an invented quote, an uncited sentence and a citation it was not given [${db.name}]`, async () => {
      const id = await eventWithFigures();
      const plain = await getEventCard(store, id);
      const card = (await getEventCard(store, id, settings('/ungrounded'))) as NonNullable<
        Awaited<ReturnType<typeof getEventCard>>
      > & { modelWriter: { used: number; refused: { text: string; why: string }[] } };
      const why = card.modelWriter.refused.map((r) => r.why).join(' | ');
      assert.match(why, /number \d+/);
      assert.match(why, /quote/);
      assert.match(why, /cites nothing/);
      assert.match(why, /not given/);
      const happened = card.sections.find((s) => s.key === 'happened')?.paragraphs[0]?.sentences ?? [];
      assert.ok(!happened.some((s) => /a disaster for everyone/.test(s.text)));
      for (const s of happened) assert.deepEqual(groundingProblems(s.text, s.citations), [], s.text);
      // Fewer than two grounded sentences: the default writer's paragraph stands whole.
      if (card.modelWriter.used === 0)
        assert.deepEqual(
          happened.map((s) => s.text),
          plain?.sections.find((s) => s.key === 'happened')?.paragraphs[0]?.sentences.map((s) => s.text),
        );
    });

    it(`keeps the default card when the endpoint fails, and sends nothing when none is configured [${db.name}]`, async () => {
      const id = await eventWithFigures();
      const before = calls.length;
      const plain = await getEventCard(store, id, DEFAULT_CONFIG.brief);
      assert.equal(calls.length, before, 'no address, no call');
      const card = (await getEventCard(store, id, settings('/broken'))) as NonNullable<
        Awaited<ReturnType<typeof getEventCard>>
      > & { modelWriter: { error: string | null } };
      assert.match(card.modelWriter.error ?? '', /500/);
      assert.deepEqual(card.sections, plain?.sections);
    });
  });

describe('the language-model writer: its answer', () => {
  it('reads citations in either bracket style from the answer', () => {
    assert.deepEqual(
      parseAnswer('Ships queued outside the port [2][5]. Talks resume on Friday [3, 4]. No citation here.'),
      [
        { text: 'Ships queued outside the port.', refs: [2, 5] },
        { text: 'Talks resume on Friday.', refs: [3, 4] },
        { text: 'No citation here.', refs: [] },
      ],
    );
  });
});
