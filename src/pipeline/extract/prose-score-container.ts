/**
 * A second opinion on where the article is, by a different algorithm from the first stage's
 * (html-body.ts): a Readability-style score of every candidate block.
 *   1. each paragraph scores 1 + its commas + one point per 100 characters (at most 3), and passes its
 *      score to its parent (whole), grandparent (half) and great-grandparent (a third);
 *   2. a candidate starts from its tag and its class and id names (article words up, boilerplate down);
 *   3. a candidate's score is scaled down by the share of its text in links;
 *   4. the best candidate is joined by the siblings that score near it or are prose paragraphs.
 * It reads a fresh copy of the page (the first stage changes the tree it reads).
 */
import type { AnyNode, Element } from 'domhandler';
import { findAll, getAttributeValue, textContent } from 'domutils';
import {
  boilerplateKind,
  e2len,
  isArticleish,
  linkDensity,
  POSITIVE,
  SIBLING_PARAGRAPH,
  type ContainerPicker,
  type Deadline,
} from './html-body.ts';

/** A paragraph shorter than this (characters) is not scored (Readability's own bar). */
const MIN_PARAGRAPH = 25;

/** Points per this many characters of a paragraph, up to MAX_LENGTH_POINTS. */
const CHARS_PER_POINT = 100;
const MAX_LENGTH_POINTS = 3;

/** Weight of a class or id name that says article (+) or boilerplate (−). */
const NAME_WEIGHT = 25;

/** Starting points of a candidate by tag: containers of prose up, lists and headings down. */
const TAG_POINTS: Record<string, number> = {
  div: 5,
  article: 5,
  section: 3,
  pre: 3,
  td: 3,
  blockquote: 3,
  main: 3,
  form: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  address: -3,
  th: -5,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
};

/** A sibling joins when it scores at least this share of the best candidate (and SIBLING_MIN points). */
const SIBLING_SHARE = 0.2;
const SIBLING_MIN = 10;

/** A sibling paragraph with links over this share of its text is navigation, not prose. */
const SIBLING_LINK_SHARE = 0.25;

/** Returns the container(s) of the best-scoring candidate and its joining siblings. */
export const proseScoreContainer: ContainerPicker = (root: AnyNode[], deadline: Deadline) => {
  const scores = new Map<Element, number>();
  const add = (e: Element | null, n: number) => {
    if (!e || e.type !== 'tag' || e.name === 'body' || e.name === 'html') return;
    if (!scores.has(e)) scores.set(e, startingPoints(e));
    scores.set(e, (scores.get(e) as number) + n);
  };
  for (const p of findAll((e) => e.name === 'p' || e.name === 'pre' || ownProse(e), root)) {
    deadline.check();
    if (unlikely(p)) continue;
    const text = textContent(p).replace(/\s+/g, ' ').trim();
    if (text.length < MIN_PARAGRAPH) continue;
    const points =
      1 +
      (text.match(/[,،、，]/g)?.length ?? 0) +
      Math.min(MAX_LENGTH_POINTS, Math.floor(text.length / CHARS_PER_POINT));
    const parent = p.parent as Element | null;
    add(parent, points);
    add(parent?.parent as Element | null, points / 2);
    add(parent?.parent?.parent as Element | null, points / 3);
  }
  // Scaling by links only lowers a score, so candidates are read best raw score first and the walk
  // stops once no raw score can beat the best scaled one (link density is a walk of the subtree).
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const [e, raw] of [...scores].sort((a, b) => b[1] - a[1])) {
    if (raw <= bestScore) break;
    const score = raw * (1 - linkDensity(e));
    scores.set(e, score);
    if (score > bestScore) [best, bestScore] = [e, score];
  }
  if (!best) return { picked: [], kind: 'second-opinion' };
  const parent = best.parent as Element | null;
  if (!parent || parent.type !== 'tag') return { picked: [best], kind: 'second-opinion' };
  const bar = Math.max(SIBLING_MIN, SIBLING_SHARE * bestScore);
  const picked = parent.children.filter((c): c is Element => {
    if (c === best) return true;
    if (c.type !== 'tag') return false;
    const e = c as Element;
    if (unlikely(e)) return false;
    if ((scores.get(e) ?? -Infinity) >= bar) return true;
    return (
      e.name === 'p' &&
      textContent(e).trim().length >= SIBLING_PARAGRAPH &&
      linkDensity(e) < SIBLING_LINK_SHARE
    );
  });
  return { picked, kind: 'second-opinion' };
};

/** A div or section whose own loose text (outside blocks) is a paragraph: pages that break with <br>. */
function ownProse(e: Element): boolean {
  return (e.name === 'div' || e.name === 'section') && e2len(e) >= MIN_PARAGRAPH;
}

/** Tag points plus the name weight. */
function startingPoints(e: Element): number {
  return (TAG_POINTS[e.name] ?? 0) + nameWeight(e);
}

function nameWeight(e: Element): number {
  if (isArticleish(e)) return NAME_WEIGHT;
  const kind = boilerplateKind(e);
  if (kind) return -NAME_WEIGHT;
  const names = `${getAttributeValue(e, 'class') ?? ''} ${getAttributeValue(e, 'id') ?? ''}`.toLowerCase();
  return names.split(/[\s_-]+/).some((w) => POSITIVE.has(w)) ? NAME_WEIGHT : 0;
}

/** Inside an element named as boilerplate (strong or weak) and not inside the page's article markup. */
function unlikely(e: Element): boolean {
  for (let n: Element | null = e; n && n.type === 'tag'; n = n.parent as Element | null) {
    if (isArticleish(n)) return false;
    if (boilerplateKind(n) !== null) return true;
  }
  return false;
}
