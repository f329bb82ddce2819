/**
 * `extract` over a mix of files and URLs, in the order given: files are read (and unpacked, decoded)
 * from disk, URLs fetched through the guarded fetcher. Each result carries the file or URL it came from;
 * a source that fails is a result too — its error, with the kind and message — and the rest go on.
 * A file that cannot be read as input at all (missing, of an unknown type, a malformed JSONL line) is
 * still thrown, naming it, before anything is printed.
 */
import { extractLimits, type Config } from '../config/config.ts';
import type { ArticleInput, ExtractedArticle } from '../domain/article.ts';
import { fetchPage } from '../pipeline/acquire/fetch-page.ts';
import { Fetcher } from '../pipeline/acquire/fetcher.ts';
import { readInputs } from '../pipeline/acquire/read-inputs.ts';
import { extract } from '../pipeline/extract/extract.ts';

export type ExtractedSource = ExtractedArticle & { file: string };

/** A source that gave no article: where it came from and why. */
export interface FailedSource {
  file: string;
  error: { kind: string; message: string };
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

type Item = { input: ArticleInput; from: string } | FailedSource;

/** Extracts each source; `url` overrides the page address (one source only). */
export async function extractSources(
  sources: string[],
  config: Config,
  url?: string,
): Promise<(ExtractedSource | FailedSource)[]> {
  const limits = extractLimits(config.limits);
  const fetcher = sources.some(isUrl) ? new Fetcher(config.fetch) : null;
  try {
    // Files are read first, so that one that cannot be read at all stops the command before any output.
    const read = new Map(
      sources.filter((s) => !isUrl(s)).map((s) => [s, readFile(s, config.limits.maxFileBytes)]),
    );
    const out: (ExtractedSource | FailedSource)[] = [];
    for (const source of sources) {
      const items = isUrl(source)
        ? [await fetchSource(fetcher as Fetcher, source)]
        : (read.get(source) ?? []);
      for (const item of items) {
        if ('error' in item) {
          out.push(item);
          continue;
        }
        const r = extract(url ? { ...item.input, url } : item.input, limits);
        out.push(
          r.kind === 'rejected'
            ? { file: item.from, error: { kind: r.reason, message: r.message } }
            : { file: item.from, ...r.article },
        );
      }
    }
    return out;
  } finally {
    await fetcher?.close();
  }
}

function readFile(source: string, maxFileBytes: number): Item[] {
  const r = readInputs([source], maxFileBytes);
  return [
    ...r.inputs.map(({ input, origin }) => ({
      input,
      from: origin.line ? `${origin.file}:${origin.line}` : origin.file,
    })),
    ...r.failed.map((f) => ({ file: f.where, error: { kind: f.kind, message: f.message } })),
  ];
}

async function fetchSource(fetcher: Fetcher, source: string): Promise<Item> {
  const got = await fetchPage(fetcher, source);
  if (got.kind === 'failed')
    return {
      file: source,
      error: {
        kind: got.failure.kind,
        message: `fetch failed (${got.failure.kind}): ${got.failure.message}`,
      },
    };
  if (got.kind === 'not-modified')
    return {
      file: source,
      error: {
        kind: 'not-modified',
        message: 'the server answered 304 Not Modified to an unconditional request',
      },
    };
  return { input: got.input, from: source };
}
