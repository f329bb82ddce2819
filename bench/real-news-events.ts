/**
 * Event places, categories and titles on real news (issue 17): the ECB+ development half, the seed
 * reports and the English MEANTIME articles through the real pipeline into in-memory stores (one per set),
 * scored against the hand labels of `bench/data/real-news/events.json` and `meantime-events.json` (each
 * MEANTIME article its own gold event), and the real pages of ../shared/bench/extraction, each read as a
 * user would give it (its HTML at its address) and scored against `extraction-events.json`. Each gold
 * event is mapped to the predicted event that holds most of its articles. Figures on the report half, the
 * tune half printed beside them (bench/real-news-split.ts): first ECB+ and the seeds alone (as before
 * MEANTIME was labelled), then those three sets combined, then all four with the extraction pages (and the
 * pages alone).
 * `--details` writes every tune-half miss to bench/.out/real-news-events.tune.json (report-half misses
 * are not written: rules are written against the tune half only).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/config.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { readInputs } from '../src/pipeline/acquire/read-inputs.ts';
import { listEvents, type EventJson } from '../src/run/event-views.ts';
import { ingest } from '../src/run/ingest.ts';
import { openStore, type Store } from '../src/storage/store.ts';
import { ingestSet, setFile } from './real-news-ingest.ts';
import { halfOf, type Half } from './real-news-split.ts';
import { ecbWithWebAddresses, ROOT, sharedBench } from './shared-data.ts';

interface Label {
  what?: string;
  note?: string;
  place: { name: string; country: string; alsoCountry?: string } | null;
  category: string;
  alsoRight?: string[];
}

interface Corpus {
  /**
   * Which lines the corpus counts in: ECB+ and the seeds in all; MEANTIME from the combined lines on;
   * the extraction pages only in the lines with them.
   */
  set: 'core' | 'meantime' | 'pages';
  events: EventJson[];
  stories: { id: string; title: string; articleIds: string[] }[];
  /** Article id → text, for the mid-word check. */
  texts: Map<string, string>;
  /** Gold event id → its article ids. */
  gold: Map<string, string[]>;
  /** Articles the product turned away (extraction rejected them): no event holds them. */
  rejected: Set<string>;
}

type Tally = Record<Half, { right: number; total: number }>;

const HALVES: Half[] = ['report', 'tune'];

/** Runs the benchmark; returns its lines. */
export async function runRealNewsEventsBench(details = false): Promise<string> {
  const dir = sharedBench('events');
  if (!dir) return 'real-news events skipped: ../shared/bench/events not found';
  const labels = {
    ...readLabels('events.json'),
    ...readLabels('meantime-events.json'),
    ...readLabels('extraction-events.json'),
  };
  const corpora = [await ecbCorpus(dir)];
  const seeds = join(ROOT, '..', 'shared', 'seeds', 'feed.jsonl');
  if (existsFile(seeds)) corpora.push(await seedCorpus(seeds, labels));
  const meantime = await meantimeCorpus(labels);
  if (meantime) corpora.push(meantime);
  const pages = await pageCorpus(labels);
  if (pages) corpora.push(pages);
  const core = tallies();
  const all = tallies();
  const withPages = tallies();
  const pagesAlone = tallies();
  const misses: object[] = [];
  for (const c of corpora) {
    const into = { core: [core, all, withPages], meantime: [all, withPages], pages: [withPages, pagesAlone] }[
      c.set
    ];
    const places = (half: Half, right: boolean) => into.forEach((t) => count(t.places, half, right));
    const categories = (half: Half, right: boolean) => into.forEach((t) => count(t.categories, half, right));
    const titles = (half: Half, right: boolean) => into.forEach((t) => count(t.titles, half, right));
    const byArticle = new Map<string, EventJson>();
    for (const e of c.events) for (const r of e.reports) byArticle.set(r.articleId, e);
    for (const [goldId, articleIds] of c.gold) {
      const label = labels[goldId];
      const predicted = majority(articleIds.map((a) => byArticle.get(a)).filter((e) => !!e));
      // A page the product turned away is scored as no event (no place, no category); elsewhere an
      // article no event holds is left out, as before.
      const turnedAway = !predicted && articleIds.every((a) => c.rejected.has(a));
      if (!label || (!predicted && !turnedAway)) continue;
      const half = halfOf(goldId);
      const place = placeRight(label, predicted);
      if (place !== null) places(half, place);
      const category = (predicted?.category ?? 'other').toLowerCase();
      const catRight = [label.category, ...(label.alsoRight ?? [])].some((c) => c.toLowerCase() === category);
      categories(half, catRight);
      if (half === 'tune' && (place === false || !catRight))
        misses.push({
          goldId,
          label,
          title: predicted?.title ?? '(rejected)',
          place: predicted?.place,
          category,
        });
    }
    for (const t of titled(c)) {
      const why = badTitle(
        t.title,
        t.articleIds.map((a) => c.texts.get(a) ?? ''),
      );
      titles(t.half, why === null);
      if (why && t.half === 'tune') misses.push({ title: t.title, why, articles: t.articleIds.slice(0, 3) });
    }
  }
  if (details) {
    const out = join(ROOT, 'bench', '.out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'real-news-events.tune.json'), JSON.stringify(misses, null, 2));
  }
  const lines = (t: typeof core, set: string) => [
    line(`places (country right)${set}`, t.places, '≥ 0.95'),
    line(`categories right${set}`, t.categories, '≥ 0.85'),
    `real-news titles cut mid-word, a heading, a URL or furniture${set}: ${HALVES.map((h) => `${h === 'tune' ? '[tune] ' : ''}${t.titles[h].total - t.titles[h].right} of ${t.titles[h].total}`).join(' | ')} (target 0)`,
  ];
  return [
    ...lines(core, ', ECB+ and seeds'),
    ...(meantime ? lines(all, ', ECB+, seeds and MEANTIME') : ['real-news MEANTIME skipped: not found']),
    ...(pages
      ? [
          ...lines(withPages, ', with extraction pages (ECB+, seeds, MEANTIME and the pages)'),
          line('places (country right), extraction pages alone', pagesAlone.places, '≥ 0.95'),
          line('categories right, extraction pages alone', pagesAlone.categories, '≥ 0.85'),
          `real-news extraction pages turned away by extraction: ${HALVES.map((h) => `${h === 'tune' ? '[tune] ' : ''}${[...pages.rejected].filter((k) => halfOf(k) === h).length}`).join(' | ')}`,
        ]
      : ['real-news extraction pages skipped: ../shared/bench/extraction not found']),
  ].join('\n');
}

function tallies() {
  return { places: tally(), categories: tally(), titles: tally() };
}

function readLabels(file: string): Record<string, Label> {
  const path = join(ROOT, 'bench/data/real-news', file);
  return (JSON.parse(readFileSync(path, 'utf8')) as { events: Record<string, Label> }).events;
}

function existsFile(p: string): boolean {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The ECB+ articles (file order) through the pipeline. */
async function ecbCorpus(dir: string): Promise<Corpus> {
  const gold = JSON.parse(readFileSync(join(dir, 'ecbplus-dev.gold.json'), 'utf8')) as Record<string, string>;
  const inputs = readInputs([ecbWithWebAddresses(dir)], 1e9).inputs;
  const byGold = new Map<string, string[]>();
  for (const [a, e] of Object.entries(gold)) byGold.set(`ecb-${e}`, [...(byGold.get(`ecb-${e}`) ?? []), a]);
  return run(inputs, byGold);
}

/** The English MEANTIME articles (file order) through the pipeline; each labelled article its own event. */
async function meantimeCorpus(labels: Record<string, Label>): Promise<Corpus | null> {
  const file = setFile('meantime');
  const store = file ? await ingestSet('meantime') : null;
  if (!file || !store) return null;
  const texts = new Map<string, string>();
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as { id: string; text: string };
    texts.set(r.id, r.text);
  }
  const gold = new Map([...texts.keys()].filter((id) => labels[id]).map((id) => [id, [id]]));
  try {
    return { set: 'meantime', ...(await read(store)), texts, gold, rejected: new Set() };
  } finally {
    await store.close();
  }
}

/** The five seeds as the feed delivers them; each labelled seed report is its own gold event. */
async function seedCorpus(file: string, labels: Record<string, Label>): Promise<Corpus> {
  const inputs = readInputs([file], 1e9).inputs;
  const gold = new Map<string, string[]>();
  for (const s of inputs) {
    const id = s.input.id ?? s.input.url;
    if (labels[id]) gold.set(id, [id]);
  }
  return run(inputs, gold);
}

/**
 * The real pages of the extraction benchmark as a user gives them: each page's HTML, read by the
 * product's own file reader (gzip, charset), at the page's address; each labelled page its own event.
 */
async function pageCorpus(labels: Record<string, Label>): Promise<Corpus | null> {
  const dir = sharedBench('extraction');
  if (!dir) return null;
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string }
  >;
  const keys = Object.keys(truth).filter((k) => labels[k]);
  const read = readInputs(
    keys.map((k) => join(dir, 'html', `${k}.html.gz`)),
    1e9,
  );
  const inputs = read.inputs.map((s) => {
    const key = /([0-9a-f]{64})\.html\.gz$/.exec(s.origin.file)?.[1] ?? '';
    return { ...s, input: { ...s.input, id: key, url: truth[key]?.url ?? s.input.url } };
  });
  const unread = new Set(keys.filter((k) => !inputs.some((s) => s.input.id === k)));
  return run(inputs, new Map(keys.map((k) => [k, [k]])), 'pages', unread);
}

async function run(
  inputs: ReturnType<typeof readInputs>['inputs'],
  gold: Map<string, string[]>,
  set: Corpus['set'] = 'core',
  rejected = new Set<string>(),
): Promise<Corpus> {
  const store = await openStore(':memory:');
  try {
    const idOf = new Map(inputs.map((s) => [whereOf(s), s.input.id ?? s.input.url]));
    await ingest({ store, config: parseConfig({}), clock: fixedClock('2026-02-01T00:00:00Z') }, inputs, {
      onRejected: (where) => rejected.add(idOf.get(where) ?? where),
    });
    const texts = new Map(inputs.map((s) => [s.input.id ?? s.input.url, s.input.text ?? '']));
    // A page's text is what the product extracted from its HTML. Each report's own headline is part of
    // what a title is checked against: a title that is a report's whole headline is not cut mid-word.
    for (const a of await store.articles.getMany(inputs.map((s) => s.input.id ?? s.input.url)))
      texts.set(a.id, [a.title, texts.get(a.id) || a.text].filter(Boolean).join('\n'));
    return { set, ...(await read(store)), texts, gold, rejected };
  } finally {
    await store.close();
  }
}

/** A store's events and its stories with their articles. */
async function read(store: Store): Promise<Pick<Corpus, 'events' | 'stories'>> {
  const events = await listEvents(store);
  const articlesOf = new Map(events.map((e) => [e.id, e.reports.map((r) => r.articleId)]));
  const stories = [];
  for (const s of await store.stories.list()) {
    const ids = (await store.stories.eventIds(s.id)).flatMap((e) => articlesOf.get(e) ?? []);
    stories.push({ id: s.id, title: s.title, articleIds: ids });
  }
  return { events, stories };
}

/** Whether the predicted place has the label's country (none predicted: wrong); null when the label has no place. */
function placeRight(label: Label, predicted: EventJson | undefined): boolean | null {
  if (!label.place) return null;
  const country = predicted?.place?.country ?? null;
  return country !== null && (country === label.place.country || country === label.place.alsoCountry);
}

/** The event most of the articles are in (the first such on a tie). */
function majority(events: EventJson[]): EventJson | undefined {
  const n = new Map<string, number>();
  for (const e of events) n.set(e.id, (n.get(e.id) ?? 0) + 1);
  return events.slice().sort((a, b) => (n.get(b.id) ?? 0) - (n.get(a.id) ?? 0))[0];
}

/** Every event and story title with its articles and its half (that of most of its articles). */
function titled(c: Corpus): { title: string; articleIds: string[]; half: Half }[] {
  const all = [
    ...c.events.map((e) => ({ title: e.title, articleIds: e.reports.map((r) => r.articleId) })),
    ...c.stories,
  ];
  return all
    .filter((t) => t.articleIds.length > 0)
    .map((t) => {
      const tune = t.articleIds.filter((a) => halfOf(a) === 'tune').length;
      return { ...t, half: tune * 2 >= t.articleIds.length ? 'tune' : 'report' };
    });
}

/**
 * A line of page furniture: a time stamp ("Posted: …", "Updated May 2, …", "Release: 03 / 08 / 2013" —
 * the word followed by a colon, a date or "on"/"at", so a headline such as "Release patch for …" is not
 * one), a byline, a share or navigation label.
 */
const FURNITURE =
  /^(?:(?:first |last )?(?:posted|updated|published|released?|story created|last updated)(?::|\s+(?:on|at)\b|\s+\d|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)\w*\b)|by\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,2}$|(?:home|news|sports?|business|world|politics|entertainment|opinion|video|photos?|latest( news)?|breaking news|top stories|related (?:articles|stories)|advertisement|share( this)?|comments?|menu|search|sign in|log in|subscribe|skip to (?:main )?content|print|email)$)/iu;

/**
 * Section headings news pages and briefings use ("What's happened", "Why it matters", "Related stories");
 * a title of one word is a label too.
 */
const SECTION_HEADING =
  /^(?:what(?:'|’)?s happened|what(?:'|’)?s behind the headline|what the papers say|how we got here|go deeper|more on (?:these|this) topics?|why it matters|what to know|what we know|key (?:points|facts)|related(?: stories| articles| coverage| content)?|top stories|latest(?: news| updates)?|read more|more news|most (?:read|popular)|in pictures|live(?: updates| blog)?|background|analysis|forecast and implications|impact on readers|the big picture|editor(?:'|’)?s picks?|recommended|trending|sponsored(?: content)?)\.?$/i;

/** A date or time line ("May 2, 2013, 1: 12 PM", "11 / 30 / 09 05: 40 PM ET"). */
const DATE_LINE =
  /^[\s\d/:.,-]*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|mon|tue|wed|thu|fri|sat|sun|am|pm|a\. ?m\.|p\. ?m\.|gmt|bst|et|edt|est|[\s\d/:.,-])+$/i;

/** Why a title is one no editor would publish, or null when it is a title. */
export function badTitle(title: string, sources: string[]): string | null {
  const t = title.trim();
  if (/https?\b|www\.|\.\s?(?:com|org|net|co\.uk)\b/i.test(t) || /\p{L} \/ [^/]*\p{L}[^/]* \/ /u.test(t))
    return 'a URL';
  if (FURNITURE.test(t) || DATE_LINE.test(t)) return 'page furniture';
  if (SECTION_HEADING.test(t) || !/\s/.test(t.replace(/…$/, ''))) return 'a heading';
  if (cutMidWord(t, sources)) return 'cut mid-word';
  return null;
}

/**
 * Whether a title ends inside a word: its last word (without a closing "…") stands in no source as a
 * whole word but starts a longer one there ("… as part of an e…" where the text says "effort").
 */
function cutMidWord(title: string, sources: string[]): boolean {
  const last = /(\p{L}+)\W*…?$/u.exec(title)?.[1];
  if (!last) return false;
  const esc = last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const whole = new RegExp(`(?<!\\p{L})${esc}(?!\\p{L})`, 'u');
  const prefix = new RegExp(`(?<!\\p{L})${esc}\\p{L}`, 'u');
  return !sources.some((s) => whole.test(s)) && sources.some((s) => prefix.test(s));
}

function tally(): Tally {
  return { report: { right: 0, total: 0 }, tune: { right: 0, total: 0 } };
}

function count(t: Tally, half: Half, right: boolean): void {
  t[half].total++;
  if (right) t[half].right++;
}

function line(name: string, t: Tally, target: string): string {
  const f = (h: Half) =>
    `${h === 'tune' ? '[tune] ' : ''}${t[h].total ? (t[h].right / t[h].total).toFixed(3) : 'n/a'} (${t[h].right}/${t[h].total})`;
  return `real-news ${name}: report ${f('report')} | ${f('tune')} (target ${target})`;
}

/** Where an input was read from, as ingest names it to `onRejected` ("file" or "file:line"). */
function whereOf(s: { origin: { file: string; line: number | null } }): string {
  return s.origin.line === null ? s.origin.file : `${s.origin.file}:${s.origin.line}`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(await runRealNewsEventsBench(process.argv.includes('--details')));
