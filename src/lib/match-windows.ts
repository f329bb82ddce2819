/**
 * Stretches of a text around the matches of a pattern, merged where they touch and widened to whole
 * words: where a costly parser needs to look, when most of a text holds nothing for it.
 */

/** Returns [from, to) windows reaching `before` and `after` characters around each match of `re` (flag g). */
export function matchWindows(text: string, re: RegExp, before: number, after: number): [number, number][] {
  const windows: [number, number][] = [];
  for (const m of text.matchAll(re)) {
    let from = Math.max(0, m.index - before);
    let to = Math.min(text.length, m.index + m[0].length + after);
    // Widened to whole words, so a window never starts inside a word or a number.
    while (from > 0 && /\S/.test(text[from - 1] as string)) from--;
    while (to < text.length && /\S/.test(text[to] as string)) to++;
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}
