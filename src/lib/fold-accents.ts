/**
 * Accent folding for the PostgreSQL search index: 'São João' → 'Sao Joao', one character for one, so a
 * passage found in folded text is the same span of the original. SQLite's FTS5 tokenizer folds on its own
 * (remove_diacritics 2); PostgreSQL's 'simple' configuration does not, and its unaccent extension may not be
 * installable, and a translate() in SQL with this table costs about 10 µs a character — so the fold is done
 * here, before text reaches the database.
 */

/** Unicode blocks whose accented letters are folded (Latin, Greek, Cyrillic, Latin Extended Additional). */
const FOLDED_RANGES: [number, number][] = [
  [0x00c0, 0x024f],
  [0x0370, 0x03ff],
  [0x0400, 0x04ff],
  [0x1e00, 0x1eff],
];

/**
 * Letters with no canonical decomposition that readers still type without their stroke; and the characters
 * of markup, made spaces: PostgreSQL's parser would read '<script>' in a report's text as a tag, leave its
 * word out of the index and out of ts_headline's output (which would then no longer be the text's own).
 */
const EXTRA_FOLDS: Record<string, string> = {
  '<': ' ',
  '>': ' ',
  '&': ' ',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
};

const FOLDS: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  for (const [lo, hi] of FOLDED_RANGES)
    for (let cp = lo; cp <= hi; cp++) {
      const c = String.fromCharCode(cp);
      const base = c.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length === 1 && base !== c) out.set(c, base);
    }
  for (const [c, base] of Object.entries(EXTRA_FOLDS)) out.set(c, base);
  return out;
})();

/** Any character FOLDS has: the text is scanned natively, and only these are looked up. */
const FOLDABLE = new RegExp(
  `[${[...FOLDS.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`,
  'g',
);

/** Returns the text with accents stripped and markup characters made spaces; its length is unchanged. */
export function foldAccents(text: string): string {
  return text.replace(FOLDABLE, (c) => FOLDS.get(c) ?? c);
}

/** Lower-case base letter → the letters that fold to it, in either case. */
const VARIANTS: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  for (const [c, base] of FOLDS) {
    if (!/\p{L}/u.test(base)) continue;
    const key = base.toLowerCase();
    out.set(key, (out.get(key) ?? '') + c);
  }
  return out;
})();

/**
 * Returns the letters that fold to this one (any case), beside it: what a search for it matches in text
 * that was not folded. Empty for a letter nothing folds to.
 */
export function accentVariants(letter: string): string {
  return VARIANTS.get(letter.toLowerCase()) ?? '';
}
