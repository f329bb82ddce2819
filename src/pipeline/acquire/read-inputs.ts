/**
 * Reading input files into ArticleInput, adapted at the edge: JSONL (one article a line),
 * plain .txt and .html files, and folders of them. Every problem names its file and line. A path that
 * cannot be read at all (no such file, a type not read) is refused before anything is read; a bad item
 * (a JSONL line that is not JSON or lacks a field, an empty or oversized file, a page whose bytes are not
 * text) is a failed input, named with its reason, and the rest are read on.
 * Control characters are removed from every field here, where inputs become ArticleInput.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ArticleInput, InputOrigin } from '../../domain/article.ts';
import { badInput, CorroborateError } from '../../domain/errors.ts';
import { decodeHtml } from './decode.ts';
import { notTextReason } from './sniff-binary.ts';
import { cleanArticleInput, stripControls } from './strip-controls.ts';

/** An input with the place it was read from. */
export interface SourcedInput {
  input: ArticleInput;
  origin: InputOrigin;
}

/** An input file that was read but holds no text to take in (binary bytes, an encoding not known). */
export interface ReadFailure {
  where: string;
  kind: 'not-text' | 'decode' | 'bad-input' | 'too-large';
  message: string;
}

type ReadItem = SourcedInput | ReadFailure;

/** File types read, by extension; pages are decoded from bytes (BOM, <meta charset>), gzipped pages unpacked. */
const READERS: Record<string, (path: string, bytes: Buffer) => ReadItem[]> = {
  '.jsonl': (path, bytes) => readJsonl(path, utf8(bytes)),
  '.ndjson': (path, bytes) => readJsonl(path, utf8(bytes)),
  '.txt': (path, bytes) => [readText(path, bytes)],
  '.html': (path, bytes) => [readPage(path, bytes)],
  '.htm': (path, bytes) => [readPage(path, bytes)],
  '.html.gz': (path, bytes) => {
    const unpacked = gunzipOr(path, bytes);
    return [Buffer.isBuffer(unpacked) ? readPage(path, unpacked) : unpacked];
  },
};

/** Returns the file's type as READERS knows it (".html.gz" counts as one). */
function fileType(path: string): string {
  const lower = path.toLowerCase();
  return lower.endsWith('.html.gz') ? '.html.gz' : extname(lower);
}

function fileUrl(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

function utf8(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function readText(path: string, bytes: Buffer): ReadItem {
  const text = utf8(bytes);
  const notText = notTextReason(bytes, text);
  if (notText) return { where: path, kind: 'not-text', message: notText };
  return { input: cleanArticleInput({ url: fileUrl(path), text }), origin: { file: path, line: null } };
}

function readPage(path: string, bytes: Buffer): ReadItem {
  const r = decodeHtml(bytes);
  if (r.kind === 'rejected') return { where: path, kind: r.reason, message: r.message };
  return {
    input: cleanArticleInput({ url: fileUrl(path), html: r.text }),
    origin: { file: path, line: null },
  };
}

function gunzipOr(path: string, bytes: Buffer): Buffer | ReadFailure {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
  } catch (err) {
    return { where: path, kind: 'decode', message: `cannot unpack gzip (${(err as Error).message})` };
  }
}

/** A gzipped page may unpack to at most this many bytes (a bomb is refused, not unpacked). */
const MAX_GUNZIPPED_BYTES = 50 * 1024 * 1024;

export interface ReadResult {
  inputs: SourcedInput[];
  /** Files read that hold no text to take in, each with its reason (the others are read on). */
  failed: ReadFailure[];
  /** Files inside folders that were passed over because their type is not read. */
  skipped: string[];
}

/** Returns the inputs in the given files and folders; throws a bad-input error naming the first problem. */
export function readInputs(paths: string[], maxFileBytes: number): ReadResult {
  const out: ReadResult = { inputs: [], failed: [], skipped: [] };
  for (const p of paths) {
    const st = statOr(p);
    if (!st) throw badInput(p, 'no such file or folder');
    if (st.isDirectory()) readFolder(p, out, maxFileBytes);
    else sortItems(readFile(p, st.size, maxFileBytes, true), out);
  }
  return out;
}

function sortItems(items: ReadItem[], out: ReadResult): void {
  for (const item of items) {
    if ('input' in item) out.inputs.push(item);
    else out.failed.push(item);
  }
}

function readFolder(dir: string, out: ReadResult, maxFileBytes: number): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statOr(p);
    if (!st) continue;
    if (st.isDirectory()) readFolder(p, out, maxFileBytes);
    else if (READERS[fileType(name)]) sortItems(readFile(p, st.size, maxFileBytes, false), out);
    else out.skipped.push(p);
  }
}

function readFile(path: string, size: number, maxFileBytes: number, explicit: boolean): ReadItem[] {
  const ext = fileType(path);
  const reader = READERS[ext];
  if (!reader) {
    if (explicit)
      throw badInput(
        path,
        `unknown file type "${ext || '(none)'}": expected .jsonl, .txt, .html, .html.gz or a folder`,
      );
    return [];
  }
  if (size > maxFileBytes)
    return [
      { where: path, kind: 'too-large', message: `file is ${size} bytes, over the limit of ${maxFileBytes}` },
    ];
  const bytes = readFileSync(path);
  if (!stripControls(bytes.toString('utf8')).trim())
    return [{ where: path, kind: 'bad-input', message: 'file is empty: the report has no text' }];
  return reader(path, bytes);
}

/** Each line an input, or a failure naming the file and line (the other lines are read on). */
function readJsonl(path: string, text: string): ReadItem[] {
  const out: ReadItem[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `${path}:${i + 1}`;
    try {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw badInput(where, `not valid JSON (${(err as Error).message})`);
      }
      out.push({ input: validateArticleInput(value, where), origin: { file: path, line: i + 1 } });
    } catch (err) {
      if (!(err instanceof CorroborateError)) throw err;
      const message = err.where ? err.message.slice(err.where.length + 2) : err.message;
      out.push({ where, kind: 'bad-input', message });
    }
  });
  return out;
}

/** Returns the value as an ArticleInput (control characters removed), or throws a bad-input error naming the field at fault. */
export function validateArticleInput(value: unknown, where: string): ArticleInput {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badInput(where, 'expected a JSON object');
  const o = value as Record<string, unknown>;
  for (const k of ['url', 'outlet', 'publishedAt', 'title', 'text', 'html', 'id']) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string')
      throw badInput(where, `"${k}" must be a string`);
  }
  const str = (k: string) => (typeof o[k] === 'string' ? stripControls(o[k] as string) : undefined);
  const url = str('url')?.trim();
  if (!url) throw badInput(where, 'missing "url"');
  const text = str('text');
  const html = str('html');
  if (!text?.trim() && !html?.trim()) throw badInput(where, 'the report has no text: give "text" or "html"');
  const publishedAt = str('publishedAt');
  if (publishedAt && Number.isNaN(Date.parse(publishedAt)))
    throw badInput(where, `"publishedAt" is not an ISO-8601 date: ${JSON.stringify(publishedAt)}`);
  const input: ArticleInput = { url };
  for (const k of ['id', 'outlet', 'title'] as const)
    if (str(k)?.trim()) input[k] = (str(k) as string).trim();
  if (publishedAt) input.publishedAt = new Date(publishedAt).toISOString();
  if (html?.trim()) input.html = html;
  else input.text = text;
  return input;
}

function statOr(p: string) {
  try {
    return statSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CorroborateError('bad-input', (err as Error).message, p);
  }
}
