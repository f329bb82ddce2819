/**
 * XML for feeds and OPML, parsed safely: htmlparser2 in XML mode (lenient, as real feeds need) never
 * reads a DTD, so no entity is ever expanded and no external entity is ever fetched; a document that
 * declares entities anyway (billion laughs, XXE) is refused outright, since no honest feed needs one.
 * Elements are matched by namespace URI and local name, so odd prefixes (`<a:entry>`) read the same.
 */
import type { Document, Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  rss1: 'http://purl.org/rss/1.0/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  none: '',
} as const;

/** A document refused before parsing, with why. */
export class XmlRefused extends Error {}

/** How far into the document the DTD is looked for (it must come before the root element). */
const PROLOG_SCAN = 64 * 1024;

/** Parses XML text (a BOM is dropped); throws XmlRefused for a document that declares entities. */
export function parseXml(text: string): Document {
  const body = text.replace(/^\uFEFF/, '');
  const prolog = body.slice(0, PROLOG_SCAN);
  const root = prolog.search(/<[A-Za-z_]/);
  const head = root < 0 ? prolog : prolog.slice(0, root);
  if (/<!ENTITY/i.test(head))
    throw new XmlRefused(
      'the document declares XML entities (a DTD); entity expansion is off, so it is refused',
    );
  return parseDocument(body, { xmlMode: true, decodeEntities: true });
}

/** The namespace URI of an element, from the xmlns declarations in scope. */
export function namespaceOf(e: Element): string {
  const colon = e.name.indexOf(':');
  const attr = colon < 0 ? 'xmlns' : `xmlns:${e.name.slice(0, colon)}`;
  for (let n: Element | null = e; n && n.type === 'tag'; n = n.parent as Element | null) {
    const v = n.attribs[attr];
    if (v !== undefined) return v.trim();
  }
  return '';
}

/** An element's local name, lower-cased ("content:encoded" → "encoded"). */
export function localName(e: Element): string {
  const colon = e.name.indexOf(':');
  return (colon < 0 ? e.name : e.name.slice(colon + 1)).toLowerCase();
}

/** True when the element has this local name and, if given, one of these namespaces. */
export function is(e: Element, local: string, ns?: readonly string[]): boolean {
  if (localName(e) !== local) return false;
  return !ns || ns.includes(namespaceOf(e));
}

/** Child elements, optionally only those with a local name (and namespace). */
export function childElements(e: Element | Document, local?: string, ns?: readonly string[]): Element[] {
  const out: Element[] = [];
  for (const c of e.children) {
    if (c.type !== 'tag') continue;
    const el = c as Element;
    if (!local || is(el, local, ns)) out.push(el);
  }
  return out;
}

/** The first child with this name, or null. */
export function child(e: Element, local: string, ns?: readonly string[]): Element | null {
  return childElements(e, local, ns)[0] ?? null;
}

/** The trimmed text of the first such child, or null when absent or empty. */
export function childText(e: Element, local: string, ns?: readonly string[]): string | null {
  const c = child(e, local, ns);
  const t = c ? textContent(c).trim() : '';
  return t || null;
}

/** An attribute read case-insensitively. */
export function attr(e: Element, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(e.attribs)) if (k.toLowerCase() === lower) return v;
  return null;
}

/** The root element of a document, or null. */
export function rootElement(doc: Document): Element | null {
  return childElements(doc)[0] ?? null;
}
