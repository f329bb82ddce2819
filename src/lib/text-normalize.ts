/** Text normalisation shared by stages: whitespace, quotes, word tokens. */

/** Returns text with Unicode NFC, unified line breaks, trimmed lines and at most one blank line in a row. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Returns the lower-cased word tokens of a text (letters and digits, apostrophes inside words kept). */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

/** Returns the paragraphs of a text (split on blank lines, or on single lines when there are none). */
export function paragraphs(text: string): string[] {
  const byBlank = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return byBlank.length > 1
    ? byBlank
    : text
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
}
