/** Sentence boundaries: punctuation followed by a capital, except after common abbreviations. */
import type { Span } from '../../domain/analysis.ts';

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'gov',
  'sen',
  'rep',
  'rev',
  'hon',
  'pres',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'u.s',
  'u.k',
  'u.n',
  'e.g',
  'i.e',
  'a.m',
  'p.m',
  'approx',
  'dept',
  'est',
  'fig',
  'mt',
  'ft',
]);

/** Returns the spans of the sentences of a text; paragraph breaks always end a sentence. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[^\n]+/g;
  for (let line = re.exec(text); line; line = re.exec(text)) splitLine(line[0], line.index, spans);
  return spans;
}

function splitLine(line: string, offset: number, out: Span[]): void {
  let start = 0;
  const end = /([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
  for (let m = end.exec(line); m; m = end.exec(line)) {
    const stop = m.index + (m[1] as string).length + (m[2] as string).length;
    const before = line.slice(start, m.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    const isAbbrev =
      m[1] === '.' &&
      (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord) || /^(\p{L}\.)+\p{L}$/u.test(lastWord));
    // "at 6 a.m. The union said …": after a time of day, a capitalised word that opens sentences starts a new one.
    const after = line.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const timeThenSentence =
      /^(a\.m|p\.m)$/.test(lastWord) &&
      /^(?:The|A|An|It|He|She|They|We|This|That|These|Those|But|And|In|On|At|By|Police|Officials)\b/.test(
        after,
      );
    if (isAbbrev && !timeThenSentence) continue;
    pushTrimmed(line, offset, start, stop, out);
    start = stop + (m[3] as string).length;
  }
  pushTrimmed(line, offset, start, line.length, out);
}

function pushTrimmed(line: string, offset: number, s: number, e: number, out: Span[]): void {
  while (s < e && /\s/.test(line[s] as string)) s++;
  while (e > s && /\s/.test(line[e - 1] as string)) e--;
  if (e > s) out.push({ start: offset + s, end: offset + e });
}
