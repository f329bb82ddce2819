/**
 * importWarc: the response records of a WARC 1.0/1.1 file (gzipped or not) streamed, decoded and
 * ingested in batches, with counts of new, updated, unchanged and failed items; an archive cut short is
 * a named failure, the whole records before the cut kept.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import type { SourcedInput } from '../pipeline/acquire/read-inputs.ts';
import { decodeHtml } from '../pipeline/acquire/decode.ts';
import { cleanArticleInput } from '../pipeline/acquire/strip-controls.ts';
import { BATCH, emptyResult, fail, ingestCounted, type AcquireResult } from './acquire.ts';
import type { RunDeps } from './ingest.ts';
import { silentProgress } from './progress.ts';
import { collectGarbage } from '../lib/collect-garbage.ts';

/** Streams a WARC file's HTML responses into the store; an archive cut short is a `truncated` failure. */
export async function importWarc(deps: RunDeps, path: string): Promise<AcquireResult> {
  const result = emptyResult();
  const progress = deps.progress ?? silentProgress();
  const maxBytes = deps.config.fetch.maxBytes;
  const total = statSync(path).size;
  const MB = 1024 * 1024;
  const stream = warcStream(path);
  const parser = new WARCParser(stream.source);
  progress.start(Math.max(1, Math.ceil(total / MB)), 'MB');
  let batch: SourcedInput[] = [];
  let n = 0;
  let truncated: string | null = null;
  let corrupt = false;
  let lastEnd = 0;
  let lastFromRecord = 0;
  let whole = 0;
  try {
    for await (const record of parser) {
      n++;
      lastEnd = recordEnd(parser, record);
      const input = await warcInput(record, `${path} record ${n}`, maxBytes, result);
      whole = n;
      if (!input) continue;
      // Stored a batch at a time, the newest record held back: if it turns out cut short, it is dropped.
      if (batch.length >= BATCH) {
        await ingestCounted(deps, batch, result);
        batch = [];
        // The batch's pages, documents and analyses are garbage now: collected at once, so the memory
        // of a long import stays flat (lib/collect-garbage.ts).
        collectGarbage();
        progress.tick(Math.floor(stream.read() / MB));
      }
      batch.push(input);
      lastFromRecord = n;
    }
    const left = stream.fed() - lastEnd;
    if (left < RECORD_TRAILER_BYTES) {
      truncated = `record ${n} is cut short; ${n - 1} records read before it`;
      if (lastFromRecord === n) batch.pop();
    } else if (left > RECORD_TRAILER_BYTES)
      truncated = `${left} bytes after record ${n} are not a whole record; ${n} records read before them`;
  } catch (err) {
    // An error of the gzip stream is the archive's fault: cut short, or corrupt from some point on.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!stream.failed() && !code.startsWith('Z_')) throw err;
    const cutShort = code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((err as Error).message);
    corrupt = !cutShort;
    truncated = `the gzip stream is ${cutShort ? 'cut short' : 'corrupt'} after ${whole} whole records (${(err as Error).message})`;
  }
  // The records read before the cut are kept; the archive itself is failed, and named as cut short.
  await ingestCounted(deps, batch, result);
  if (truncated)
    fail(result, path, {
      kind: corrupt ? 'decode' : 'truncated',
      message: `${corrupt ? 'corrupt' : 'truncated'} archive: ${truncated}`,
    });
  progress.tick(Math.ceil(total / MB));
  progress.stop();
  return result;
}

/** One WARC record as an article input, or null when it is not one (counted skipped or failed). */
async function warcInput(
  record: WARCRecord,
  where: string,
  maxBytes: number,
  result: AcquireResult,
): Promise<SourcedInput | null> {
  if (record.warcType !== 'response' || !record.httpHeaders) {
    result.skipped++;
    return null;
  }
  const url = record.warcTargetURI ?? '';
  const status = Number(record.httpHeaders.statusCode);
  const type = record.httpHeaders.headers.get('content-type') ?? '';
  if (status !== 200 || !/^https?:/i.test(url) || !/html|xhtml/i.test(type)) {
    result.skipped++;
    return null;
  }
  const bytes = await readCapped(record, maxBytes);
  if (!bytes) {
    fail(result, `${where} (${url})`, {
      kind: 'too-large',
      message: `the response is over ${maxBytes} bytes`,
    });
    return null;
  }
  const decoded = decodeHtml(bytes, type);
  if (decoded.kind === 'rejected') {
    fail(result, `${where} (${url})`, { kind: decoded.reason, message: decoded.message });
    return null;
  }
  return { input: cleanArticleInput({ url, html: decoded.text }), origin: { file: url, line: null } };
}

/**
 * The archive's bytes as the parser reads them: unpacked here when gzipped (so that a gzip stream cut
 * short is an error, which warcio alone passes over in silence), with counts of the bytes read from
 * the file and fed to the parser.
 */
function warcStream(path: string): {
  source: Readable;
  read: () => number;
  fed: () => number;
  failed: () => boolean;
} {
  let read = 0;
  let fed = 0;
  let failed = false;
  const count = (add: (n: number) => void) =>
    new Transform({
      transform(chunk: Buffer, _e, cb) {
        add(chunk.length);
        cb(null, chunk);
      },
    });
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  const gzipped = readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  closeSync(fd);
  const stages: (Readable | Transform)[] = [
    createReadStream(path, { highWaterMark: 256 * 1024 }),
    count((n) => (read += n)),
    ...(gzipped ? [createGunzip()] : []),
    count((n) => (fed += n)),
  ];
  const source = pipeline(stages as unknown as [Readable, Transform], (err) => {
    if (err) failed = true;
  }) as unknown as Readable;
  return { source, read: () => read, fed: () => fed, failed: () => failed };
}

/** A record ends with two line breaks ("\r\n\r\n") after its stated length. */
const RECORD_TRAILER_BYTES = 4;

/**
 * Where the record should end in the unpacked archive: warcio ends a record cut short without a word,
 * so its offset of the record's headers' end (a field it keeps for indexing) plus the record's stated
 * length is compared with the bytes there were.
 */
function recordEnd(parser: WARCParser, record: WARCRecord): number {
  const headersEnd = (parser as unknown as { _warcHeadersLength: number })._warcHeadersLength;
  return headersEnd + record.warcContentLength;
}

/** A record's decoded content, or null when it is over the cap (the rest is skipped unread). */
async function readCapped(record: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
