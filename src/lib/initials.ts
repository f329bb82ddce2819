/** Returns the initials of a name's capitalised words, hyphenated words counted apart ("Agence France-Presse" → "AFP"). */
export function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
}
