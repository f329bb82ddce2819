/**
 * A report's own date line on real text: the MEANTIME Wikinews articles (../shared/data/meantime) in
 * English, Spanish, Italian and Dutch, whose second line is the article's date as each edition writes
 * it ("March 01 , 2008", "1 de marzo de 2008", "1 marzo 2008", "01-Mar-08"). The truth of an article is
 * the English edition's date line read by JavaScript's own Date parser (not by our reader), for every
 * edition of the same Wikinews article. Rules were written from the `airbus` topic only; `apple` and
 * `gm` are reported as held out. Two figures per language: the own-date-line finder (src/lib), and the
 * publication date that `extract` gives the plain text (what ingest stores and analysis anchors on).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownDateLine } from '../src/lib/own-date-line.ts';
import { extract } from '../src/pipeline/extract/extract.ts';
import { ROOT } from './shared-data.ts';

const DIR = join(ROOT, '..', 'shared', 'data', 'meantime');
const LANGS = ['en', 'es', 'it', 'nl'] as const;
/** The topic the rules were written from; the others are held out. */
export const TUNE_TOPIC = 'airbus';

interface Row {
  lang: string;
  topic: string;
  wikinews: string;
  text: string;
}

/** Returns the MEANTIME articles, or null when ../shared/data/meantime is absent. */
export function readMeantime(): Row[] | null {
  if (!existsSync(join(DIR, 'meantime-en.jsonl'))) return null;
  return LANGS.flatMap((l) =>
    readFileSync(join(DIR, `meantime-${l}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((x) => JSON.parse(x) as Row),
  );
}

/** The true day of each Wikinews article: its English date line read by Date.parse. */
export function truthByArticle(rows: Row[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows.filter((x) => x.lang === 'en')) {
    const line = (r.text.split('\n')[1] ?? '').replace(/\s+,/g, ',');
    const t = new Date(`${line} 12:00 UTC`);
    if (!Number.isNaN(t.getTime())) out.set(r.wikinews, t.toISOString().slice(0, 10));
  }
  return out;
}

/** Runs the benchmark and returns its one-line result. */
export function runOwnDateLinesBench(): string {
  const rows = readMeantime();
  if (!rows) return 'own-date-lines skipped: ../shared/data/meantime absent';
  const truth = truthByArticle(rows);
  const parts: string[] = [];
  for (const held of [false, true]) {
    const per = LANGS.map((lang) => {
      const set = rows.filter((r) => r.lang === lang && (r.topic === TUNE_TOPIC) !== held);
      let finder = 0;
      let extracted = 0;
      for (const r of set) {
        const want = truth.get(r.wikinews);
        if (ownDateLine(r.text)?.day === want) finder++;
        const x = extract({ url: `urn:meantime:${r.lang}:${r.wikinews}`, text: r.text }, { maxChars: 1e7 });
        if (x.kind === 'ok' && x.article.publishedAt?.slice(0, 10) === want) extracted++;
      }
      return `${lang} ${(finder / set.length).toFixed(3)}/${(extracted / set.length).toFixed(3)} (n=${set.length})`;
    });
    parts.push(`${held ? 'held-out apple+gm' : `tune ${TUNE_TOPIC}`}: ${per.join(', ')}`);
  }
  return `own-date-lines accuracy to the day, finder/extract publishedAt — ${parts.join(' | ')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runOwnDateLinesBench());
