/**
 * A story's title: what its events share, said in words one of their titles uses ("Security guarantees
 * for Ukraine"), not the title of whichever event came first.
 */
import { wordTokens } from '../../lib/text-normalize.ts';
import type { EventCandidate } from './types.ts';
import { STOPWORDS } from './stopwords.ts';

const MIN_WORDS = 3;
const MAX_WORDS = 6;

/**
 * Returns the title of a story of these events: the phrase of an event title (3–6 words, not opening or
 * closing on a function word or a figure, holding a common noun — a person's or place's name alone is
 * who or where, not what the thread is about) whose words all its events hold (three or more), rarer
 * words first; else the title of the event most reports tell (the latest of those).
 */
export function storyTitle(events: EventCandidate[], rarity: (term: string) => number): string {
  const best = [...events].sort(
    (a, b) =>
      b.profile.articleCount - a.profile.articleCount ||
      (b.event.date?.start ?? '').localeCompare(a.event.date?.start ?? ''),
  )[0];
  if (!best) return '';
  // A phrase names the thread only when every event holds it, and there are three or more to agree.
  if (events.length < 3) return best.event.title;
  const need = events.length;
  let top: { phrase: string; score: number } | null = null;
  for (const phrase of new Set(events.flatMap((e) => phrasesOf(e.event.title)))) {
    const content = wordTokens(phrase).filter((w) => w.length > 2 && !STOPWORDS.has(w));
    if (!content.length) continue;
    // Every event must hold it: the first that does not ends the count (a story of hundreds of events
    // tries each phrase of each title).
    if (!events.every((e) => content.every((w) => (e.profile.terms[w] ?? 0) > 0))) continue;
    const covered = need;
    // What the thread is about is said by its common words; names (who, where) weigh a quarter.
    const lower = new Set(phrase.split(/\s+/).filter((w) => /^\p{Ll}/u.test(w)));
    const score = covered * content.reduce((s, w) => s + rarity(w) * (lower.has(w) ? 1 : 0.25), 0);
    if (!top || score > top.score) top = { phrase, score };
  }
  if (!top) return best.event.title;
  return top.phrase[0]?.toUpperCase() + top.phrase.slice(1);
}

/** Words that join the parts of a noun phrase ("guarantees for Ukraine", "pay and cranes"). */
const PHRASE_LINKS = new Set(['of', 'for', 'on', 'over', 'and', 'in', 'at', 'with', 'to', 'from', 'near']);

/**
 * The candidate phrases of a title: runs of words within one clause (no comma, colon or dash inside)
 * shaped like a noun phrase — joined only by prepositions or "and"; no word in -ed (an action, "injured",
 * not a subject), none ending in -ing; not opening on a word right after a name ("Tallport forces",
 * "Ilves met": a name then a lower-case word is mostly a subject and its verb).
 */
function phrasesOf(title: string): string[] {
  const out: string[] = [];
  for (const clause of title.split(/[,;:!?()"“”]|\s[-–—]\s/)) {
    const words = clause.split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const prev = words[i - 1];
      if (prev && /^\p{Lu}/u.test(prev) && /^\p{Ll}/u.test(words[i] as string) && i - 1 > 0) continue;
      for (let n = MIN_WORDS; n <= MAX_WORDS && i + n <= words.length; n++) {
        const run = words.slice(i, i + n);
        if (!edgeWord(run[0] as string) || !edgeWord(run[n - 1] as string)) continue;
        if (/ing$/i.test(run[n - 1] as string)) continue;
        // A name then a word in -s is mostly a subject and its verb ("Kent checks", "Ilves resigns").
        if (run.some((w, k) => k > 0 && /^\p{Ll}+[^s]s$/u.test(w) && /^\p{Lu}/u.test(run[k - 1] as string)))
          continue;
        const bare = run.map((w) => w.toLowerCase().replace(/[.'’]+$/, ''));
        if (bare.some((w) => (STOPWORDS.has(w) && !PHRASE_LINKS.has(w)) || /^\p{L}{2,}ed$/u.test(w)))
          continue;
        // A common noun in lower case: a run of capitalised words is a name, not a subject.
        if (!run.some((w) => /^\p{Ll}{3,}$/u.test(w) && !STOPWORDS.has(w))) continue;
        out.push(run.join(' ').replace(/[.'’]+$/, ''));
      }
    }
  }
  return out;
}

/** A word a phrase may open or close on: not a function word, not a figure. */
function edgeWord(w: string): boolean {
  const t = w.toLowerCase().replace(/[.'’]+$/, '');
  return /^\p{L}[\p{L}'’-]*$/u.test(t) && !STOPWORDS.has(t);
}
