/** `npm run bench`: every benchmark in bench/, one line each. */
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
import { runWireCopiesBench } from './wire-copies.ts';

const benches: [string, () => Promise<string> | string][] = [
  ['demo', runDemoBench],
  ['briefings', runBriefingsBench],
  ['extraction', runExtractionBench],
  ['extraction-speed', runExtractionSpeedBench],
  ['extraction-dates', runExtractionDatesBench],
  ['own-date-lines', runOwnDateLinesBench],
  ['analyze', runAnalyzeBench],
  ['analyze-times', () => scoreTimes().line],
  ['analyze-certainty', () => scoreCertainty().line],
  ['analyze-quotes', () => scoreQuotes().line],
  ['provenance-copies', () => runCopiesBench(1, 240)],
  ['events', runEventsBench],
  ['warc-import', runWarcImportBench],
  ['real-news-events', () => runRealNewsEventsBench()],
  ['real-news-credits', runRealNewsCreditsBench],
  ['wire-copies', runWireCopiesBench],
  ['real-news-figures', runRealNewsFiguresBench],
  ['real-news-names', runRealNewsNamesBench],
];
for (const [name, run] of benches) {
  try {
    console.log(await run());
  } catch (err) {
    console.log(`${name} failed: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
