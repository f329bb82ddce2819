/**
 * A strict reader of the Atom documents the server writes, for tests: it refuses what an XML 1.0 parser
 * refuses (an unknown entity, a bare '&' or '<', an unquoted attribute, a tag closed out of order, text
 * outside the root) and then checks what RFC 4287 requires of a feed and its entries.
 */
import assert from 'node:assert/strict';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*/;

/** Decodes the predefined and numeric entities; throws on any other '&'. */
function decode(s: string, at: number): string {
  return s.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`bare '&' near offset ${at}`);
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    const v = ENTITIES[name];
    if (v === undefined) throw new Error(`unknown entity &${name}; near offset ${at}`);
    return v;
  });
}

/** Parses a well-formed XML document into its root element; throws on the first error. */
export function parseXmlStrict(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes('>')) throw new Error(`bare '>' in text near offset ${i}`);
    const top = stack.at(-1);
    if (top) top.text += decode(text, i);
    else if (text.trim()) throw new Error(`text outside the root near offset ${i}`);
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`unclosed tag at offset ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim())
        throw new Error(`</${tag.slice(1)}> closes <${open?.name ?? 'nothing'}> at offset ${lt}`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag name at offset ${lt}`);
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    let rest = body.slice(name.length);
    while (rest.trim()) {
      const m = /^\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(rest);
      if (!m) throw new Error(`bad attribute in <${name}> at offset ${lt}: ${rest}`);
      if ((m[1] as string) in el.attrs) throw new Error(`repeated attribute ${m[1]} at offset ${lt}`);
      el.attrs[m[1] as string] = decode(m[2] as string, lt);
      rest = rest.slice(m[0].length);
    }
    if (top) top.children.push(el);
    else if (root) throw new Error(`a second root element at offset ${lt}`);
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** An Atom feed as a reader sees it. */
export interface ParsedFeed {
  id: string;
  title: string;
  updated: string;
  self: string;
  alternate: string;
  entries: {
    id: string;
    title: string;
    updated: string;
    link: string;
    summary: string;
    categories: string[];
  }[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an Atom document strictly and checks RFC 4287's musts; returns what a reader reads. */
export function readAtom(xml: string): ParsedFeed {
  const feed = parseXmlStrict(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.attrs.xmlns, 'http://www.w3.org/2005/Atom');
  const one = (e: XmlElement, name: string) => {
    const found = e.children.filter((c) => c.name === name);
    assert.equal(found.length, 1, `one <${name}> in <${e.name}>`);
    return found[0] as XmlElement;
  };
  const link = (e: XmlElement, rel: string) => {
    const l = e.children.find((c) => c.name === 'link' && (c.attrs.rel ?? 'alternate') === rel);
    assert.ok(l?.attrs.href, `a ${rel} link in <${e.name}>`);
    assert.ok(/^https?:\/\//.test(l.attrs.href), `an absolute ${rel} link: ${l.attrs.href}`);
    return l.attrs.href;
  };
  const updated = one(feed, 'updated').text;
  assert.match(updated, RFC3339);
  const hasAuthor = feed.children.some((c) => c.name === 'author');
  const entries = feed.children
    .filter((c) => c.name === 'entry')
    .map((e) => {
      const u = one(e, 'updated').text;
      assert.match(u, RFC3339);
      assert.ok(hasAuthor || e.children.some((c) => c.name === 'author'), 'an author for each entry');
      return {
        id: one(e, 'id').text,
        title: one(e, 'title').text,
        updated: u,
        link: link(e, 'alternate'),
        summary: one(e, 'summary').text,
        categories: e.children.filter((c) => c.name === 'category').map((c) => c.attrs.term ?? ''),
      };
    });
  assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'entry ids are unique');
  for (const e of entries) assert.ok(e.updated <= updated, "the feed's updated is its newest entry's");
  return {
    id: one(feed, 'id').text,
    title: one(feed, 'title').text,
    updated,
    self: link(feed, 'self'),
    alternate: link(feed, 'alternate'),
    entries,
  };
}
