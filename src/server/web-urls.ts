/**
 * Only web addresses leave the server as links. Ingest refuses other schemes (run/prepare-inputs.ts),
 * but a row stored before that rule, or a view that forgets to check, must not put a javascript: or
 * data: address in front of a reader. So, at the one place every answer passes:
 * - JSON under /api/ (and each line of a JSON-lines export): a string field named `url` or `…Url` with a
 *   scheme other than http(s) is answered as "" (a relative address of this site, /entities/…, passes);
 * - HTML: an href/src/action whose scheme is not http, https or mailto is removed — the element stays,
 *   its text shown, but it is no link.
 */
import { Readable, Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { isWebUrl, schemeOf } from '../lib/web-url.ts';

/** Schemes a page may link to; relative addresses (/events/…, #x, ?after=…) have none and always pass. */
const LINKABLE_SCHEMES = new Set(['http', 'https', 'mailto']);
/** Attributes that make the browser follow or load an address. */
const ADDRESS_ATTRIBUTE =
  /(\s(?:xlink:)?(?:href|src|action|formaction|poster|cite)\s*=\s*)("([^"]*)"|'([^']*)')/gi;

/** Adds the JSON and HTML address filters to the app. */
export function webUrls(app: FastifyInstance): void {
  app.addHook('preSerialization', (req, _reply, payload, done) => {
    if (req.url.startsWith('/api/') && payload !== null && typeof payload === 'object') webOnly(payload);
    done(null, payload);
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    const type = String(reply.getHeader('Content-Type') ?? '');
    if (typeof payload === 'string' && type.startsWith('text/html'))
      return done(null, unlinkOtherSchemes(payload));
    // A JSON-lines export streams: each line goes through the same filter as a JSON answer.
    if (payload instanceof Readable && type.startsWith('application/x-ndjson'))
      return done(null, payload.pipe(jsonLinesWebOnly()));
    done(null, payload);
  });
}

/** Replaces, in place, every string under a `url` / `…Url` key with a scheme other than http(s) by "". */
export function webOnly(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) webOnly(v);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && (k === 'url' || k.endsWith('Url')) && schemeOf(v) !== null && !isWebUrl(v))
      o[k] = '';
    else if (v !== null && typeof v === 'object') webOnly(v);
  }
}

/** Returns a stream that passes JSON lines through webOnly (a line that is no JSON object passes as is). */
function jsonLinesWebOnly(): Transform {
  let rest = '';
  const line = (l: string): string => {
    if (!l.startsWith('{')) return l;
    const o = JSON.parse(l) as unknown;
    webOnly(o);
    return JSON.stringify(o);
  };
  return new Transform({
    transform(chunk: Buffer | string, _enc, cb) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      cb(null, lines.length ? lines.map(line).join('\n') + '\n' : '');
    },
    flush(cb) {
      cb(null, rest ? line(rest) : '');
    },
  });
}

/** Returns the page with every address attribute of a non-linkable scheme removed. */
export function unlinkOtherSchemes(page: string): string {
  return page.replace(
    ADDRESS_ATTRIBUTE,
    (whole, _name: string, _quoted: string, dq?: string, sq?: string) => {
      const raw = dq ?? sq ?? '';
      // A relative address (most links of a page) has no scheme however it is decoded: its first
      // character is neither a letter nor anything a browser drops.
      if (/^[/?#]/.test(raw)) return whole;
      const scheme = schemeOf(decodeAttribute(raw));
      return scheme === null || LINKABLE_SCHEMES.has(scheme) ? whole : '';
    },
  );
}

/** The attribute's value as the browser reads it: entities decoded, whitespace and controls dropped. */
function decodeAttribute(v: string): string {
  return (
    v
      .replace(/&#x([0-9a-f]{1,6});?/gi, (_, h: string) => codePoint(parseInt(h, 16)))
      .replace(/&#(\d{1,7});?/g, (_, d: string) => codePoint(Number(d)))
      .replace(
        /&(colon|tab|newline|amp|quot|apos|lt|gt);/gi,
        (_, n: string) => ENTITIES[n.toLowerCase()] ?? '',
      )
      // eslint-disable-next-line no-control-regex -- a browser drops these inside a scheme ("java\tscript:")
      .replace(/[\u0000-\u0020\u007f]+/g, '')
  );
}

function codePoint(n: number): string {
  return n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

const ENTITIES: Record<string, string> = {
  colon: ':',
  tab: '',
  newline: '',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
};
