/**
 * Tokens for the entity tagger, with their offsets: words (with inner apostrophes, hyphens and the
 * dots of abbreviations such as "U.S."), numbers, and single punctuation marks. A possessive "'s"
 * is its own token, so "Zelensky's" tags "Zelensky".
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’&][\p{L}\p{M}\p{N}]+)*|['’]s\b|\S/gu;

/** Splits a text (or a span of it, given by `from`) into tokens with absolute offsets. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    let word = m[0];
    let start = from + m.index;
    // "Zelensky's" → "Zelensky" + "'s"
    const poss = /^(.+?)(['’]s)$/u.exec(word);
    if (poss && poss[1] && /\p{L}/u.test(poss[1])) {
      out.push({ text: poss[1], start, end: start + poss[1].length });
      start += poss[1].length;
      word = poss[2] as string;
    }
    out.push({ text: word, start, end: start + word.length });
  }
  return out;
}
