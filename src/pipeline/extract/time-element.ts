/** The page's own <time datetime> among all of its <time> elements (sidebars and comments have theirs). */
import type { Element } from 'domhandler';
import { getAttributeValue } from 'domutils';

/** Marks of a publication time on the element or its parent: pubdate, itemprop, a "published" class. */
const PUBLISHED_MARK = /\b(pub-?date|publish(ed)?|posted|date-?published|created|article[_-]?(time|date))\b/i;
/** Marks of a later version: an "updated" or "modified" time is not the publication. */
const UPDATED_MARK = /\b(updated?|modified|date-?modified|last-?edit(ed)?)\b/i;
/** Containers of the article's own header, where its byline time lives. */
const ARTICLE_CONTAINERS = new Set(['article', 'header', 'main']);
/** How many ancestors are looked at for an article container. */
const MAX_ANCESTORS = 12;

/**
 * Returns the <time> element that most likely gives the publication time, and whether it is marked as an
 * update (taken only when the page has no other: an unmodified post's one time is often marked so).
 */
export function publicationTimeElement(times: Element[]): { element: Element; updated: boolean } | undefined {
  const dated = times.filter((t) => getAttributeValue(t, 'datetime'));
  const marks = (t: Element) =>
    [t, t.parent as Element | null]
      .map((e) =>
        e && e.type === 'tag'
          ? `${getAttributeValue(e, 'class') ?? ''} ${getAttributeValue(e, 'itemprop') ?? ''}`
          : '',
      )
      .join(' ');
  const hasPubdate = (t: Element) =>
    'pubdate' in t.attribs || /datePublished/.test(getAttributeValue(t, 'itemprop') ?? '');
  const updated = (t: Element) => !hasPubdate(t) && UPDATED_MARK.test(marks(t));
  const element =
    dated.find(hasPubdate) ??
    dated.find((t) => !updated(t) && PUBLISHED_MARK.test(marks(t))) ??
    dated.find((t) => !updated(t) && inArticle(t)) ??
    dated.find((t) => !updated(t));
  if (element) return { element, updated: false };
  return dated[0] ? { element: dated[0], updated: true } : undefined;
}

function inArticle(t: Element): boolean {
  let e = t.parent as Element | null;
  for (let i = 0; e && i < MAX_ANCESTORS; i++, e = e.parent as Element | null)
    if (e.type === 'tag' && ARTICLE_CONTAINERS.has(e.name)) return true;
  return false;
}
