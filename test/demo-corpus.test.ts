/** The demo corpus holds what issue #2 asks of it, and its gold agrees with it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_DIR, readDemoGold } from '../bench/demo-score.ts';
import { validateArticleInput } from '../src/pipeline/acquire/read-inputs.ts';
import type { ArticleInput } from '../src/domain/article.ts';

const reports: ArticleInput[] = readFileSync(join(DEMO_DIR, 'reports.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l, i) => validateArticleInput(JSON.parse(l), `reports.jsonl:${i + 1}`));
const outlets = JSON.parse(readFileSync(join(DEMO_DIR, 'outlets.json'), 'utf8')) as {
  name: string;
  domain: string;
  kind: string;
  owner: string | null;
}[];
const gold = readDemoGold();
const idOf = (r: ArticleInput) => r.id ?? r.url;

describe('demo corpus', () => {
  it('has at least 80 reports from at least 14 outlets, every one in the gold', () => {
    assert.ok(reports.length >= 80, `${reports.length} reports`);
    assert.ok(new Set(reports.map((r) => r.outlet)).size >= 14);
    assert.deepEqual(reports.map(idOf).sort(), Object.keys(gold.reports).sort());
    assert.equal(new Set(reports.map(idOf)).size, reports.length, 'ids are unique');
  });

  it('has the outlet kinds the issue names, with fictional domains', () => {
    const kinds = new Set(outlets.map((o) => o.kind));
    for (const k of ['wire', 'state-broadcaster', 'government', 'blog', 'aggregator'])
      assert.ok(kinds.has(k), k);
    const owners = outlets.map((o) => o.owner).filter(Boolean);
    assert.ok(
      owners.some((o, i) => owners.indexOf(o) !== i),
      'two outlets share an owner',
    );
    for (const o of outlets)
      assert.match(o.domain, /\.example$/, `${o.name} has a reserved fictional domain`);
    for (const r of reports) assert.match(new URL(r.url).hostname, /\.example$/);
  });

  it('mixes full HTML pages and plain text with chrome lines', () => {
    assert.ok(reports.filter((r) => r.html).length >= 15, 'HTML pages');
    const chrome =
      /^(Skip to main content|Already a subscriber|Subscribe now|Share this article|JOIN THE MOVEMENT|Advertisement|\d{6,} [0-9a-f]{6,})/m;
    assert.ok(reports.filter((r) => r.text && chrome.test(r.text)).length >= 10, 'text with chrome lines');
  });

  it('covers at least 12 events over at least 8 months, in at least 3 stories', () => {
    const events = Object.values(gold.events);
    assert.ok(events.length >= 12);
    const months = new Set(events.map((e) => e.date.slice(0, 7)));
    const dates = events.map((e) => e.date).sort();
    const span = (Date.parse(dates.at(-1) as string) - Date.parse(dates[0] as string)) / 86_400_000 / 30.4;
    assert.ok(span >= 8, `${span.toFixed(1)} months`);
    assert.ok(months.size >= 8);
    assert.ok(new Set(events.map((e) => e.story).filter(Boolean)).size >= 3);
    for (const level of ['Unconfirmed', 'Likely', 'Verified', 'Disputed'])
      assert.ok(
        events.some((e) => e.level === level),
        level,
      );
  });

  it('has at least 3 look-alike pairs: same place and story, different dates', () => {
    const events = Object.values(gold.events);
    let pairs = 0;
    events.forEach((a, i) =>
      events.slice(i + 1).forEach((b) => {
        if (
          a.story &&
          a.story === b.story &&
          a.place.name === b.place.name &&
          a.category === b.category &&
          a.date !== b.date
        )
          pairs++;
      }),
    );
    assert.ok(pairs >= 3, `${pairs} look-alike pairs`);
  });

  it('records copy, credit and citation relations between real reports, and a number dispute', () => {
    const ids = new Set(Object.keys(gold.reports));
    for (const kind of ['copy', 'credit', 'citation'] as const)
      assert.ok(
        gold.relations.some((r) => r.kind === kind),
        kind,
      );
    for (const r of gold.relations.filter((x) => x.kind === 'copy'))
      assert.ok(ids.has(r.from) && ids.has(r.to), `${r.from} → ${r.to}`);
    assert.ok(Object.values(gold.events).some((e) => e.disputes.some((d) => d.values.length >= 2)));
  });

  it('has hedged, attributed and denied reports, relative dates and appeared-first footers', () => {
    const all = reports.map((r) => r.text ?? r.html ?? '').join('\n');
    for (const cue of [
      /expected to/i,
      /reportedly/i,
      /\bdenied\b/i,
      /according to/i,
      /appeared first on/i,
      /\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/,
      /\blast month\b/i,
    ])
      assert.match(all, cue);
  });
});
