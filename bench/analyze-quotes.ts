/**
 * Quote attribution against hand labels (bench/data/quotes.json: direct and indirect quotations of
 * the three fictional corpora with their speakers, labelled by reading; see its README). A labelled
 * quote counts as right when we report a quote over its words and name the same speaker (compared by
 * linking key, or surname), or name none where the report names none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis } from '../src/domain/analysis.ts';
import type { ArticleInput } from '../src/domain/article.ts';
import { analyze } from '../src/pipeline/analyze/analyze.ts';
import { nameKey } from '../src/pipeline/analyze/entities.ts';
import { extract } from '../src/pipeline/extract/extract.ts';
import { ROOT } from './shared-data.ts';

interface GoldQuote {
  corpus: 'demo' | 'holdout' | 'holdout-2';
  reportId: string;
  quote: string;
  direct: boolean;
  speaker: string | null;
  hard?: string;
}

const DIRS = { demo: 'demo', holdout: 'holdout', 'holdout-2': 'holdout-2' } as const;

/** The text with whitespace collapsed, and a map from its offsets back to the original's. */
function collapse(text: string): { flat: string; back: number[] } {
  let flat = '';
  const back: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (!space && flat) {
        flat += ' ';
        back.push(i);
      }
      space = true;
    } else {
      flat += ch;
      back.push(i);
      space = false;
    }
  }
  return { flat, back };
}

function sameSpeaker(gold: string, ours: string): boolean {
  const g = nameKey(gold.replace(/^the\s+/i, ''));
  const o = nameKey(ours.replace(/^the\s+/i, ''));
  if (!g || !o) return false;
  // The same name, a surname, or an organisation's short form ("Baltgate" for "Baltgate Terminals").
  return (
    g === o ||
    g.endsWith(` ${o}`) ||
    o.endsWith(` ${g}`) ||
    g.startsWith(`${o} `) ||
    o.startsWith(`${g} `) ||
    (!o.includes(' ') && g.split(' ').at(-1) === o) ||
    (!g.includes(' ') && o.split(' ').at(-1) === g)
  );
}

export function scoreQuotes(): { line: string; misses: string[] } {
  const gold = JSON.parse(readFileSync(join(ROOT, 'bench', 'data', 'quotes.json'), 'utf8')) as GoldQuote[];
  const cache = new Map<string, { a: Analysis; flat: string; back: number[] } | null>();
  const reports = new Map<string, Map<string, ArticleInput>>();
  let right = 0;
  let found = 0;
  let named = 0;
  let namedRight = 0;
  const misses: string[] = [];
  for (const g of gold) {
    const key = `${g.corpus}/${g.reportId}`;
    if (!cache.has(key)) {
      let rs = reports.get(g.corpus);
      if (!rs) {
        rs = new Map(
          readFileSync(join(ROOT, 'data', DIRS[g.corpus], 'reports.jsonl'), 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => {
              const r = JSON.parse(l) as ArticleInput & { id: string };
              return [r.id, r] as const;
            }),
        );
        reports.set(g.corpus, rs);
      }
      const input = rs.get(g.reportId);
      const r = input ? extract(input, { maxChars: 10_000_000 }) : null;
      if (!input || !r || r.kind !== 'ok') cache.set(key, null);
      else {
        const title = input.title ?? r.article.title ?? '';
        const text = title ? `${title}\n\n${r.article.text}` : r.article.text;
        cache.set(key, {
          a: analyze({ id: g.reportId, text, publishedAt: input.publishedAt ?? null }),
          ...collapse(text),
        });
      }
    }
    const c = cache.get(key);
    const at = c ? c.flat.indexOf(g.quote.replace(/\s+/g, ' ')) : -1;
    if (!c || at < 0) {
      misses.push(`${key} not in text: ${g.quote.slice(0, 60)}`);
      continue;
    }
    const start = c.back[at] as number;
    const end = (c.back[at + g.quote.replace(/\s+/g, ' ').length - 1] as number) + 1;
    const q = c.a.quotes.find((x) => x.start < end && start < x.end);
    if (g.speaker) named++;
    if (!q) {
      misses.push(
        `${key} no quote found (${g.direct ? 'direct' : 'indirect'}, ${g.speaker ?? 'no speaker'}): ${g.quote.slice(0, 70)}`,
      );
      continue;
    }
    found++;
    const entity = q.speaker?.entityId
      ? c.a.entities.find((e) => e.entityId === q.speaker?.entityId)
      : undefined;
    const ours = entity?.canonical ?? (q.speaker?.entityId ? q.speaker.text : null);
    const ok = g.speaker === null ? ours === null : ours !== null && sameSpeaker(g.speaker, ours);
    if (ok) right++;
    if (ok && g.speaker) namedRight++;
    if (!ok)
      misses.push(
        `${key} speaker ${JSON.stringify(ours ?? q.speaker?.text ?? null)} ≠ ${JSON.stringify(g.speaker)}${g.hard ? ` (${g.hard})` : ''}: ${g.quote.slice(0, 60)}`,
      );
  }
  const line = `analyze-quotes ${gold.length} labelled quotes: speaker right ${right} (${(right / gold.length).toFixed(3)}); found ${found}; of the ${named} with a named speaker, ${namedRight} right (${(namedRight / Math.max(1, named)).toFixed(3)})`;
  return { line, misses };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { line, misses } = scoreQuotes();
  console.log(line);
  if (process.argv.includes('--misses')) for (const m of misses) console.log(`  ${m}`);
}
