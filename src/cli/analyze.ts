/** `corroborate analyze FILE [--published-at T] --json` and `analyze --jsonl < articles.jsonl`: sentences, entities, times, quotes, numbers, certainty. */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { readInputs, validateArticleInput } from '../pipeline/acquire/read-inputs.ts';
import { analyzeInput } from '../run/analyze-sources.ts';
import { loadConfig } from './context.ts';

/** Adds the command to the program. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'analyse an article: sentences with certainty, entities (PERSON, ORG, LOCATION, NORP) linked to ids, times anchored on the publication date, quotes with speakers, numbers; offsets are JavaScript string indices into the text',
    )
    .argument('[file]', 'a .txt, .html or .html.gz file (omit with --jsonl)')
    .option(
      '--published-at <iso>',
      "the publication time that relative dates are anchored on (default: the page's own)",
    )
    .option('--json', 'print the analysis as JSON (the default output)')
    .option(
      '--jsonl',
      'read article lines ({"url", "text"|"html", "id"?, "publishedAt"?}) on standard input; write one analysis a line with the same "id"',
    )
    .action(
      async (file: string | undefined, opts: { publishedAt?: string; json?: boolean; jsonl?: boolean }) => {
        const config = loadConfig({});
        if (opts.jsonl) {
          if (file) throw new CorroborateError('usage', '--jsonl reads standard input; give no file', file);
          let n = 0;
          for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
            n++;
            if (!line.trim()) continue;
            let value: unknown;
            try {
              value = JSON.parse(line);
            } catch (err) {
              throw new CorroborateError('bad-input', `not JSON (${(err as Error).message})`, `stdin:${n}`);
            }
            console.log(
              JSON.stringify(
                analyzeInput(
                  validateArticleInput(value, `stdin:${n}`),
                  config,
                  `stdin:${n}`,
                  opts.publishedAt,
                ),
              ),
            );
          }
          return;
        }
        if (!file)
          throw new CorroborateError(
            'usage',
            'give a file, or --jsonl to read article lines on standard input',
            'analyze',
          );
        const [first] = readInputs([file], config.limits.maxFileBytes).inputs;
        if (!first) throw new CorroborateError('bad-input', 'no article in the file', file);
        console.log(JSON.stringify(analyzeInput(first.input, config, file, opts.publishedAt), null, 2));
      },
    );
}
