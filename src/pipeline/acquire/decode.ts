/**
 * Bytes of a page to text, honouring (in order) a byte-order mark, the HTTP Content-Type charset,
 * and a <meta charset> or http-equiv declaration (or, for feeds and XHTML, the XML declaration's
 * encoding) in the first 4 KB; UTF-8 otherwise. Bytes that are valid UTF-8 with multi-byte sequences
 * are read as UTF-8 whatever a legacy declaration says (a page re-saved as UTF-8 keeps its old
 * <meta charset>; real legacy text is almost never valid UTF-8 by chance). Bytes that are not text at
 * all (sniff-binary.ts) are rejected as `not-text`.
 * Legacy encodings (windows-125x, ISO-8859-x, Shift_JIS, EUC-JP, GB18030, Big5, KOI8) go through
 * the WHATWG TextDecoder, which knows their labels and aliases.
 */
import { TextDecoder } from 'node:util';
import { notTextReason } from './sniff-binary.ts';

/** How far into the page a <meta charset> is looked for (the HTML standard's prescan reads 1024 bytes; pages often put it later). */
const META_SCAN_BYTES = 4096;

type Source = 'bom' | 'http-header' | 'meta' | 'default' | 'utf-8-bytes';

export type DecodeResult =
  | { kind: 'ok'; text: string; encoding: string; source: Source }
  | { kind: 'rejected'; reason: 'decode' | 'not-text'; message: string };

/** Returns the page's text and the encoding used, or a rejection when the encoding is unknown or the bytes are not text. */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodeResult {
  const r = decodeBytes(bytes, contentType);
  if (r.kind === 'rejected') return r;
  const notText = notTextReason(bytes, r.text);
  return notText ? { kind: 'rejected', reason: 'not-text', message: notText } : r;
}

function decodeBytes(bytes: Uint8Array, contentType?: string | null): DecodeResult {
  const bom = bomEncoding(bytes);
  if (bom) return decodeAs(bytes.subarray(bom.length), bom.encoding, 'bom');
  const header = contentType ? charsetOf(contentType) : null;
  if (header) return preferUtf8(bytes, header) ?? decodeAs(bytes, header, 'http-header');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, META_SCAN_BYTES));
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
  if (meta) return preferUtf8(bytes, meta) ?? decodeAs(bytes, meta, 'meta');
  return decodeAs(bytes, 'utf-8', 'default');
}

/** Declared encodings that are not overridden by UTF-8-looking bytes (UTF-8 itself; UTF-16 is not byte-compatible). */
const NOT_LEGACY = /^(utf-?8|unicode-1-1-utf-8|utf-?16(be|le)?|unicode|ucs-2)$/i;

/** The page read as UTF-8 when a legacy encoding is declared but the bytes are valid UTF-8 with multi-byte sequences. */
function preferUtf8(bytes: Uint8Array, label: string): DecodeResult | null {
  if (NOT_LEGACY.test(label.trim()) || !bytes.some((b) => b >= 0x80)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { kind: 'ok', text, encoding: 'utf-8', source: 'utf-8-bytes' };
  } catch {
    return null;
  }
}

/**
 * windows-1252's 0x80–0x9F (WHATWG table; 0 marks the five unassigned bytes, which map to C1 controls).
 * Node 20's TextDecoder drops these bytes for windows-1252 and its aliases (latin1, iso-8859-1,
 * ascii), which would lose the curly quotes and dashes of many older pages, so they are mapped here.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] || b : b)),
    );
  }
  return out;
}

function decodeAs(bytes: Uint8Array, label: string, source: Source): DecodeResult {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim().toLowerCase());
  } catch {
    return {
      kind: 'rejected',
      reason: 'decode',
      message: `unknown character encoding "${label}" (from ${source})`,
    };
  }
  if (decoder.encoding === 'windows-1252')
    return { kind: 'ok', text: decodeWindows1252(bytes), encoding: 'windows-1252', source };
  return { kind: 'ok', text: decoder.decode(bytes), encoding: decoder.encoding, source };
}

function bomEncoding(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** Returns the charset parameter of a Content-Type header, or null. */
export function charsetOf(contentType: string): string | null {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? null;
}
