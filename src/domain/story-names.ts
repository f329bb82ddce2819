/**
 * The names an event of a story is matched on when related stories are looked for: the capitalised words
 * of its title after the first (a headline's first word is capitalised whatever it is), and its place.
 */
export function storyNames(title: string, placeName: string | null): string[] {
  return [
    ...new Set([
      ...(title.match(/\b\p{Lu}[\p{L}\p{M}’'-]{2,}/gu) ?? []).filter((_w, i) => i > 0),
      ...(placeName !== null ? [placeName] : []),
    ]),
  ];
}
