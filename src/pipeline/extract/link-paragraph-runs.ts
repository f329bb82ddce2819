/**
 * Other stories' headlines set as paragraphs: a run of sibling paragraphs that are each nothing but a
 * link ("You may also like…" followed by three linked headlines). Lists of links are caught as lists
 * (html-body.ts); these look like prose to every test but their links.
 */
import type { AnyNode, Element } from 'domhandler';
import { findAll, removeElement, textContent } from 'domutils';

/** Paragraphs in a row it takes to be a run (one linked paragraph can be a "read the report" line). */
const MIN_RUN = 2;

/** A paragraph is a linked headline when links hold at least this share of its text … */
const HEADLINE_LINK_SHARE = 0.9;
/** … and it is at most this long (characters): a headline, not a paragraph of linked prose. */
const MAX_HEADLINE = 200;

/** A lead-in right before the run ("Read more:", "You may also like...") is at most this long. */
const MAX_LEAD_IN = 40;
const LEAD_IN_END = /(:|\.\.\.|…)$/;

/** Removes every run of linked-headline paragraphs (and the short lead-in before it) under the nodes. */
export function dropLinkParagraphRuns(nodes: AnyNode[]): void {
  const parents = new Set<Element>();
  for (const p of findAll((e) => e.name === 'p', nodes))
    if (p.parent?.type === 'tag') parents.add(p.parent as Element);
  for (const parent of parents) {
    const kids = parent.children.filter((c): c is Element => c.type === 'tag');
    let run: Element[] = [];
    const flush = (before: Element | undefined) => {
      if (run.length >= MIN_RUN) {
        if (before && isLeadIn(before)) removeElement(before);
        for (const e of run) removeElement(e);
      }
      run = [];
    };
    kids.forEach((e, i) => {
      if (isLinkedHeadline(e)) {
        run.push(e);
        return;
      }
      flush(kids[i - run.length - 1]);
    });
    flush(kids[kids.length - run.length - 1]);
  }
}

function isLinkedHeadline(e: Element): boolean {
  if (e.name !== 'p') return false;
  const text = textContent(e).trim();
  if (!text || text.length > MAX_HEADLINE) return false;
  const linked = findAll((c) => c.name === 'a', e.children).reduce(
    (n, a) => n + textContent(a).trim().length,
    0,
  );
  return linked / text.length >= HEADLINE_LINK_SHARE;
}

function isLeadIn(e: Element): boolean {
  const text = textContent(e).trim();
  return (
    e.name === 'p' &&
    text.length > 0 &&
    text.length <= MAX_LEAD_IN &&
    LEAD_IN_END.test(text) &&
    !findAll((c) => c.name === 'a', e.children).length
  );
}
