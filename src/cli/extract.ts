/** `corroborate extract FILE…`: the article text and metadata of pages or text files, as JSON. */
import type { Command } from 'commander';
import { CorroborateError, badInput } from '../domain/errors.ts';
import { readInputs } from '../pipeline/acquire/read-inputs.ts';
import { extract } from '../pipeline/extract/extract.ts';
import { loadConfig } from './context.ts';

/** Adds the command to the program. */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract the article text and metadata (with evidence) of .html, .html.gz or .txt files')
    .argument('<files...>', 'pages or text files')
    .option('--url <url>', 'the page\'s address, when the file does not say it (one file only)')
    .option('--json', 'print one JSON object (one file)')
    .option('--jsonl', 'print one JSON object a line, each with its "file"')
    .action((files: string[], opts: { url?: string; json?: boolean; jsonl?: boolean }) => {
      const urls = files.filter((p) => /^https?:\/\//i.test(p));
      if (urls.length) throw new CorroborateError('usage', 'fetching URLs is not available in this version; save the page and give the file', urls[0] as string);
      if (opts.url && files.length > 1) throw new CorroborateError('usage', '--url applies to one file only', '--url');
      const config = loadConfig({});
      const { maxArticleChars, maxElements, maxDepth, maxFileBytes } = config.limits;
      const results = readInputs(files, maxFileBytes).inputs.map(({ input, origin }) => {
        const r = extract(opts.url ? { ...input, url: opts.url } : input, { maxChars: maxArticleChars, maxElements, maxDepth });
        if (r.kind === 'rejected') throw badInput(origin.file, `${r.reason}: ${r.message}`);
        return { file: origin.file, ...r.article };
      });
      if (opts.jsonl || results.length > 1) {
        for (const r of results) console.log(JSON.stringify(r));
      } else if (opts.json) {
        const [only] = results;
        const { file: _file, ...article } = only as (typeof results)[number];
        console.log(JSON.stringify(article, null, 2));
      } else {
        for (const r of results) console.log(`# ${r.title ?? r.file}\n${r.outlet ?? ''} ${r.publishedAt ?? ''}\n\n${r.text}\n`);
      }
    });
}
