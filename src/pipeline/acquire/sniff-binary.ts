/**
 * Bytes that are not text, told apart before they become an "article" titled in garbage: a file
 * format's magic number at the start, or decoded text thick with control characters or undecodable
 * bytes. Real pages and texts have none of either (a stray NUL or a few bad bytes stay far below).
 */

/** Magic numbers of formats that are often saved or served under a page's name. */
const MAGIC: readonly { format: string; bytes: readonly number[]; at?: number }[] = [
  { format: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { format: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { format: 'a WebP image', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 },
  { format: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { format: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { format: 'a zip archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { format: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { format: 'a 7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { format: 'an MP4 video', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { format: 'an ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { format: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
];

/** How much of the text is looked at: enough for a verdict, bounded for huge inputs. */
const SAMPLE_CHARS = 65_536;

/**
 * Share of control characters (C0 but tab, line feed, carriage return, form feed) above which the
 * text is binary. Random bytes give 12–20% (32 of 256 byte values, more once UTF-8 decoding merges
 * the high bytes); text files have none, and a page with stray NULs or escape codes a few per
 * thousand. 5% sits between, with a margin of more than two on each side.
 */
const MAX_CONTROL_SHARE = 0.05;

/**
 * Share of undecodable characters (U+FFFD) above which the text is binary. Random bytes read as
 * UTF-8 give about half; a page with a few bad bytes, or a legacy page read in the wrong encoding
 * (whose ASCII markup still decodes), stays well below. 30% calls only the hopeless ones not text.
 */
const MAX_REPLACEMENT_SHARE = 0.3;

/** Returns why the bytes (and the text decoded from them) are not text, or null when they are text. */
export function notTextReason(bytes: Uint8Array, text: string): string | null {
  for (const m of MAGIC) {
    const at = m.at ?? 0;
    if (bytes.length >= at + m.bytes.length && m.bytes.every((b, i) => bytes[at + i] === b))
      return `the bytes are ${m.format}, not text`;
  }
  const sample = text.slice(0, SAMPLE_CHARS);
  if (!sample.length) return null;
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
    else if (c === 0xfffd) replacements++;
  }
  if (controls / sample.length > MAX_CONTROL_SHARE)
    return `binary data: ${percent(controls / sample.length)} of the characters are control characters`;
  if (replacements / sample.length > MAX_REPLACEMENT_SHARE)
    return `binary data: ${percent(replacements / sample.length)} of the bytes cannot be decoded`;
  return null;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
