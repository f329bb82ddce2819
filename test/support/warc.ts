/** WARC files for import tests and benchmarks, written record by record with warcio (WARC/1.1 or 1.0, gzipped per record or not). */
import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { articlePage, siteArticles } from './feed-site.ts';

export interface WarcPlan {
  /** HTML response records (each with its request record before it). */
  pages: number;
  gzip: boolean;
  version?: 'WARC/1.0' | 'WARC/1.1';
  origin?: string;
}

/** Writes the WARC; returns how many records it holds. */
export async function writeWarc(path: string, plan: WarcPlan): Promise<number> {
  const origin = plan.origin ?? 'https://harbour.example';
  const version = plan.version ?? 'WARC/1.1';
  const fd = openSync(path, 'w');
  let records = 0;
  const put = async (record: WARCRecord) => {
    writeSync(fd, await WARCSerializer.serialize(record, { gzip: plan.gzip }));
    records++;
  };
  const enc = new TextEncoder();
  try {
    await put(
      WARCRecord.createWARCInfo({ filename: path, warcVersion: version }, { software: 'corroborate tests' }),
    );
    const articles = siteArticles(plan.pages, 3);
    for (const [i, a] of articles.entries()) {
      const url = `${origin}${a.path}`;
      const date = a.publishedAt;
      await put(
        WARCRecord.create(
          {
            url,
            date,
            type: 'request',
            warcVersion: version,
            httpHeaders: { Host: 'harbour.example' },
            statusline: `GET ${a.path} HTTP/1.1`,
          },
          [enc.encode('')],
        ),
      );
      // Every tenth page is sent gzip-encoded, as servers do.
      const html = enc.encode(articlePage(a));
      const gz = i % 10 === 9;
      await put(
        WARCRecord.create(
          {
            url,
            date,
            type: 'response',
            warcVersion: version,
            statusline: 'HTTP/1.1 200 OK',
            httpHeaders: {
              'Content-Type': 'text/html; charset=utf-8',
              ...(gz ? { 'Content-Encoding': 'gzip' } : {}),
            },
          },
          [gz ? new Uint8Array(gzipSync(html)) : html],
        ),
      );
    }
    // Records that are not articles: an image, a redirect, a metadata record.
    await put(
      WARCRecord.create(
        {
          url: `${origin}/logo.png`,
          type: 'response',
          warcVersion: version,
          statusline: 'HTTP/1.1 200 OK',
          httpHeaders: { 'Content-Type': 'image/png' },
        },
        [new Uint8Array([137, 80, 78, 71])],
      ),
    );
    await put(
      WARCRecord.create(
        {
          url: `${origin}/old`,
          type: 'response',
          warcVersion: version,
          statusline: 'HTTP/1.1 301 Moved',
          httpHeaders: { Location: '/news/1' },
        },
        [enc.encode('')],
      ),
    );
    await put(
      WARCRecord.create(
        {
          url: `${origin}/news/1`,
          type: 'metadata',
          warcVersion: version,
          warcHeaders: { 'Content-Type': 'application/warc-fields' },
        },
        [enc.encode('outlinks: /news/2\r\n')],
      ),
    );
  } finally {
    closeSync(fd);
  }
  return records;
}
