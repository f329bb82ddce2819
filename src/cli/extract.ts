/** `corroborate extract FILE|URL…`: the article text and metadata of pages or text files, as JSON. */
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { extractSources } from '../run/extract-sources.ts';
import { loadConfig } from './context.ts';
import { InputsFailed } from './failed-inputs.ts';

/** Adds the command to the program. */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description(
      'extract the article text and metadata (with evidence) of pages: .html, .html.gz or .txt files, or http(s) URLs (fetched politely, private addresses refused)',
    )
    .argument('<sources...>', 'files or URLs')
    .option('--url <url>', "the page's address, when the file does not say it (one source only)")
    .option('--json', 'print one JSON object (one source)')
    .option('--jsonl', 'print one JSON object a line, each with its "file" (the file or URL it came from)')
    .action(async (sources: string[], opts: { url?: string; json?: boolean; jsonl?: boolean }) => {
      if (opts.url && sources.length > 1)
        throw new CorroborateError('usage', '--url applies to one source only', '--url');
      const results = await extractSources(sources, loadConfig({}), opts.url);
      const failures = results.flatMap((r) =>
        'error' in r ? [{ where: r.file, kind: r.error.kind, message: r.error.message }] : [],
      );
      if (opts.jsonl || results.length > 1) {
        // One line for every input, the error object for the ones that failed.
        for (const r of results) console.log(JSON.stringify(r));
      } else if (opts.json) {
        const first = results[0];
        if (first && !('error' in first)) {
          const { file: _file, ...article } = first;
          console.log(JSON.stringify(article, null, 2));
        }
      } else {
        for (const r of results)
          if (!('error' in r))
            console.log(`# ${r.title ?? r.file}\n${r.outlet ?? ''} ${r.publishedAt ?? ''}\n\n${r.text}\n`);
      }
      if (failures.length)
        throw new InputsFailed(
          failures,
          results.length > 1 ? `${failures.length} of ${results.length} inputs failed` : null,
        );
    });
}
