/**
 * Credits and citations on real news (bench/data/real-news/credits.json, labelled by reading each
 * article): the product's provenance stage runs over each labelled article, one report at a time,
 * against the shipped outlet registry, and its credits and citations are compared with the labels.
 * Prints recall ("found") and precision of (article, outlet, kind) and of (article, outlet) on the
 * report half, with the tune half beside it, marked.
 *   npx tsx bench/real-news-credits.ts [--misses]   (--misses lists the tune half's misses and extras)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleInput } from '../src/domain/article.ts';
import { outletKey, type Outlet } from '../src/domain/outlet.ts';
import type { Lineage } from '../src/domain/provenance.ts';
import { shippedOutlets } from '../src/pipeline/acquire/outlet-registry.ts';
import { extract } from '../src/pipeline/extract/extract.ts';
import { traceProvenance } from '../src/pipeline/provenance/provenance.ts';
import { findOutletByName, resolveOutlet } from '../src/pipeline/provenance/resolve-outlet.ts';
import { halfOf, type Half } from './real-news-split.ts';
import { ROOT } from './shared-data.ts';

export type LinkKind = 'credit' | 'citation';
export interface Link {
  kind: LinkKind;
  outlet: string;
}

const SHARED = join(ROOT, '..', 'shared');

/** Every real article of the set by id, in the project's input format (null when the shared data is absent). */
export function realArticles(): Map<string, ArticleInput> | null {
  const ecb = join(SHARED, 'bench', 'events', 'ecbplus-dev.jsonl');
  if (!existsSync(ecb)) return null;
  const out = new Map<string, ArticleInput>();
  const jsonl = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as ArticleInput & { id: string });
  for (const a of jsonl(ecb)) out.set(a.id, a);
  const meantime = join(SHARED, 'data', 'meantime', 'meantime-en.jsonl');
  if (existsSync(meantime))
    for (const a of jsonl(meantime)) out.set(a.id, { id: a.id, url: `urn:meantime:${a.id}`, text: a.text });
  const seeds = join(SHARED, 'seeds', 'feed.jsonl');
  if (existsSync(seeds)) for (const a of jsonl(seeds)) out.set(a.id, a);
  // Extraction pages: their human-marked article body, as plain text, at their own address.
  const pages = join(SHARED, 'bench', 'extraction', 'ground-truth.json');
  if (existsSync(pages)) {
    const gt = JSON.parse(readFileSync(pages, 'utf8')) as Record<
      string,
      { articleBody: string; url: string }
    >;
    for (const [key, p] of Object.entries(gt)) out.set(key, { id: key, url: p.url, text: p.articleBody });
  }
  return out;
}

/**
 * The credits and citations the product finds in one report, alone, against the shipped registry
 * (ECB+'s older articles have no address: each is given an outlet of its own, named for its id).
 */
export function productLinks(input: ArticleInput, known: Outlet[] = shippedOutlets()): Link[] {
  const given =
    input.url.startsWith('urn:') && !input.outlet ? { ...input, outlet: `paper ${input.id}` } : input;
  const ex = extract(given, { maxChars: 5_000_000 });
  if (ex.kind !== 'ok') return [];
  const outlet = resolveOutlet({ url: ex.article.url, name: ex.article.outlet, known });
  const { provenance } = traceProvenance(
    {
      articleId: input.id ?? input.url,
      extracted: ex.article,
      outlet,
      candidates: [],
      knownOutlets: [...known, outlet],
    },
    { copySimilarity: 0.5 },
  );
  return linksOf(provenance.lineage);
}

/** Credits and citations of a lineage, one per outlet (an outlet both credited and cited is a credit). */
export function linksOf(lineage: Lineage[]): Link[] {
  const out = new Map<string, Link>();
  for (const l of lineage) {
    if (l.kind === 'copy') continue;
    const name = l.kind === 'credit' ? l.source : l.outlet;
    const k = nameKey(name);
    if (l.kind === 'credit' || !out.has(k)) out.set(k, { kind: l.kind, outlet: name });
  }
  return [...out.values()];
}

/** A comparison key for an outlet name: the registry's name when it knows the outlet, else the name. */
export function nameKey(name: string): string {
  const known = findOutletByName(name, shippedOutlets());
  return outletKey((known?.name ?? name).replace(/\.(?:com|net|org|co\.uk)$/i, ''));
}

interface Tally {
  labelled: number;
  predicted: number;
  hitStrict: number;
  hitOutlet: number;
  articles: number;
}

/** Runs the benchmark and returns its lines. */
export async function runRealNewsCreditsBench(): Promise<string> {
  const texts = realArticles();
  const labelsPath = join(ROOT, 'bench', 'data', 'real-news', 'credits.json');
  if (!texts) return 'real-news-credits skipped: ../shared/bench/events not found';
  const labels = (
    JSON.parse(readFileSync(labelsPath, 'utf8')) as {
      articles: Record<string, { outlets: Link[] }>;
    }
  ).articles;
  const tally: Record<Half, Tally> = {
    tune: { labelled: 0, predicted: 0, hitStrict: 0, hitOutlet: 0, articles: 0 },
    report: { labelled: 0, predicted: 0, hitStrict: 0, hitOutlet: 0, articles: 0 },
  };
  const misses: string[] = [];
  for (const [id, label] of Object.entries(labels)) {
    const input = texts.get(id);
    if (!input) continue;
    const half = halfOf(id);
    const t = tally[half];
    const gold = new Map(label.outlets.map((l) => [nameKey(l.outlet), l]));
    const found = new Map(productLinks(input).map((l) => [nameKey(l.outlet), l]));
    t.articles++;
    t.labelled += gold.size;
    t.predicted += found.size;
    for (const [k, g] of gold) {
      const f = found.get(k);
      if (f) t.hitOutlet++;
      if (f?.kind === g.kind) t.hitStrict++;
      else misses.push(`${half}\t${id}\tmissed ${g.kind} ${g.outlet}${f ? ` (found as ${f.kind})` : ''}`);
    }
    for (const [k, f] of found) if (!gold.has(k)) misses.push(`${half}\t${id}\textra ${f.kind} ${f.outlet}`);
  }
  const lines = [
    'Credits and citations on real news (bench/data/real-news/credits.json; report half, tune half beside it)',
  ];
  const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : 'n/a');
  const row = (name: string, f: (t: Tally) => string) =>
    lines.push(`  ${name.padEnd(34)} ${f(tally.report).padEnd(22)} tune: ${f(tally.tune)}`);
  row('articles / labelled links', (t) => `${t.articles} / ${t.labelled}`);
  row('found (outlet and kind)', (t) => `${ratio(t.hitStrict, t.labelled)} (${t.hitStrict}/${t.labelled})`);
  row(
    'precision (outlet and kind)',
    (t) => `${ratio(t.hitStrict, t.predicted)} (${t.hitStrict}/${t.predicted})`,
  );
  row('found (outlet only)', (t) => `${ratio(t.hitOutlet, t.labelled)} (${t.hitOutlet}/${t.labelled})`);
  row('precision (outlet only)', (t) => `${ratio(t.hitOutlet, t.predicted)} (${t.hitOutlet}/${t.predicted})`);
  // The tune half's misses only: rules are written looking at those (`--misses=report` to audit the other half).
  const shown = process.argv.find((a) => a.startsWith('--misses'));
  if (shown)
    lines.push(...misses.filter((m) => m.startsWith(shown === '--misses=report' ? 'report' : 'tune')));
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runRealNewsCreditsBench());
