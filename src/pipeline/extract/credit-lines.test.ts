/** Credit lines set apart from the text (text-lines.ts), on lines written for the project. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanTextLines } from './text-lines.ts';

const body = 'Ferry crews stopped work on Monday over pay, the union said.';
const credits = (text: string) => cleanTextLines(text).syndication.map((s) => [s.kind, s.source]);

describe('credit lines', () => {
  it("reads an agency's name over its date, and keeps the line (it may be the page's only date)", () => {
    assert.deepEqual(credits(`Strike halts ferries\nHPA, Tuesday 2 Jul 2024\n${body}`), [
      ['contributed', 'HPA'],
    ]);
    assert.deepEqual(credits(`Northern News Agency Sep 18, 2024, 02.16PM IST\n${body}`), [
      ['contributed', 'Northern News Agency'],
    ]);
    assert.match(cleanTextLines(`HPA, Tuesday 2 Jul 2024\n${body}`).text, /Tuesday 2 Jul 2024/);
  });
  it('reads a title-case dateline\'s agency ("Lakeport, Nov 18 (HPA) —") and leaves the text as it is', () => {
    assert.deepEqual(credits(`Lakeport, Nov 18 (HPA) — ${body}`), [['contributed', 'HPA']]);
    assert.deepEqual(credits(`Port Vale, Ruritania (Harbour Press Agency) - ${body}`), [
      ['contributed', 'Harbour Press Agency'],
    ]);
    assert.match(cleanTextLines(`Lakeport, Nov 18 (HPA) — ${body}`).text, /^Lakeport, Nov 18/);
  });
  it('reads a copyright line, keeping it in the text', () => {
    const out = cleanTextLines(`${body}\n© 2024 Harbour Press Agency. All rights reserved.`);
    assert.deepEqual(
      out.syndication.map((s) => s.source),
      ['Harbour Press Agency'],
    );
    assert.match(out.text, /rights reserved/);
  });
  it('reads wire datelines, "(Agency) —", "— Agency", "Reporting by" and "Additional reporting by"', () => {
    assert.deepEqual(credits(`PORTO, March 3 (HPA) — ${body}`), [['wire-credit', 'HPA']]);
    assert.deepEqual(credits(`(Northern Wire) - ${body}`), [['wire-credit', 'Northern Wire']]);
    assert.deepEqual(credits(`${body}\n— Harbour Press Agency`), [['credit', 'Harbour Press Agency']]);
    assert.deepEqual(credits(`${body}\nReporting by Northern Wire; Editing by Ana Reis`), [
      ['contributed', 'Northern Wire'],
    ]);
    assert.deepEqual(credits(`${body}\nAdditional reporting by Ana Reis`), [['contributed', 'Ana Reis']]);
  });
  it("reads a writer's outlet under or in a byline, a copyright notice alone, lower-case initials", () => {
    assert.deepEqual(credits(`By Ana Reis\nHarbour Press Agency Writer\n${body}`), [
      ['contributed', 'Harbour Press Agency'],
    ]);
    assert.deepEqual(credits(`By ANA REIS, Harbour Press Business Writer\n${body}`), [
      ['contributed', 'Harbour Press'],
    ]);
    assert.deepEqual(credits(`${body}\nCopyright (c) 2009 The Harbour Press Agency`), [
      ['contributed', 'Harbour Press Agency'],
    ]);
    assert.deepEqual(credits(`PORTO (hpa) -- ${body}`), [['contributed', 'hpa']]);
    assert.deepEqual(credits(`${body}\nThe writer said the ferries would run again.`), []);
  });
});
