/** `corroborate analyze FILE [--published-at T] --json` and `analyze --jsonl < articles.jsonl`: sentences, entities, times, quotes, numbers, certainty. */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { readInputs, validateArticleInput } from '../pipeline/acquire/read-inputs.ts';
import { analyzeInput, analyzeOutcome, type AnalyzeOutput } from '../run/analyze-sources.ts';
import type { Config } from '../config/config.ts';
import type { ArticleInput } from '../domain/article.ts';
import { loadConfig } from './context.ts';
import { InputsFailed, type InputFailure } from './failed-inputs.ts';

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
          await analyzeLines(config, opts.publishedAt);
          return;
        }
        if (!file)
          throw new CorroborateError(
            'usage',
            'give a file, or --jsonl to read article lines on standard input',
            'analyze',
          );
        const read = readInputs([file], config.limits.maxFileBytes);
        const failed = read.failed[0];
        if (failed) throw new InputsFailed([failed]);
        const [first] = read.inputs;
        if (!first) throw new CorroborateError('bad-input', 'no article in the file', file);
        // Offsets index the file's text as it is (control characters and all), not the cleaned copy.
        const given = first.input.text !== undefined ? givenText(file) : undefined;
        console.log(
          JSON.stringify(analyzeInput(first.input, config, file, opts.publishedAt, given), null, 2),
        );
      },
    );
}

function givenText(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/**
 * Reads article lines on standard input and prints one line for every line: its analysis, or
 * `{"line", "id"?, "error": {"kind", "message"}}` for a line that failed (not JSON, a field missing,
 * no text). Ends with exit code 1, naming each failed line, when any failed.
 */
async function analyzeLines(config: Config, publishedAt: string | undefined): Promise<void> {
  if (publishedAt !== undefined && Number.isNaN(Date.parse(publishedAt)))
    throw new CorroborateError('usage', `not a date: ${JSON.stringify(publishedAt)}`, '--published-at');
  const failures: InputFailure[] = [];
  let n = 0;
  let lines = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    lines++;
    const where = `stdin:${n}`;
    const r = analyzeLine(line, where, config, publishedAt);
    if (r.kind === 'ok') {
      console.log(JSON.stringify(r.analysis));
      continue;
    }
    const error = { kind: r.reason, message: r.message };
    console.log(JSON.stringify({ line: n, ...(r.id ? { id: r.id } : {}), error }));
    failures.push({ where, ...error });
  }
  if (failures.length) throw new InputsFailed(failures, `${failures.length} of ${lines} lines failed`);
}

/** One article line's analysis, or why it failed: not JSON, a field missing or wrong, no text. */
function analyzeLine(
  line: string,
  where: string,
  config: Config,
  publishedAt: string | undefined,
):
  | { kind: 'ok'; analysis: AnalyzeOutput }
  | { kind: 'failed'; reason: string; message: string; id: string | null } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { kind: 'failed', reason: 'not-json', message: `not JSON (${(err as Error).message})`, id: null };
  }
  let input: ArticleInput;
  try {
    input = validateArticleInput(value, where);
  } catch (err) {
    if (!(err instanceof CorroborateError)) throw err;
    const message = err.message.slice(where.length + 2);
    return { kind: 'failed', reason: 'bad-input', message, id: idOf(value) };
  }
  const given = (value as { text?: unknown }).text;
  const r = analyzeOutcome(input, config, publishedAt, typeof given === 'string' ? given : undefined);
  return r.kind === 'ok' ? r : { kind: 'failed', reason: r.reason, message: r.message, id: idOf(value) };
}

/** The id a line would have had (its "id", else its "url"), when it gives one. */
function idOf(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' && o.id ? o.id : typeof o.url === 'string' && o.url ? o.url : null;
  return id;
}
