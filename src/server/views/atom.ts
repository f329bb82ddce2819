/** Atom 1.0 documents for the level-change feeds; every text escaped. */

export interface AtomEntry {
  id: string;
  title: string;
  /** ISO 8601. */
  updated: string;
  link: string;
  summary: string;
}

/** Returns an Atom feed document. */
export function atomFeed(f: {
  id: string;
  title: string;
  link: string;
  self: string;
  entries: AtomEntry[];
}): string {
  const updated = f.entries.reduce(
    (max, e) => (e.updated > max ? e.updated : max),
    '1970-01-01T00:00:00.000Z',
  );
  const entries = f.entries
    .map(
      (e) =>
        `<entry><id>${x(e.id)}</id><title>${x(e.title)}</title><updated>${x(e.updated)}</updated><link rel="alternate" href="${x(e.link)}"/><summary>${x(e.summary)}</summary></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${x(f.id)}</id><title>${x(f.title)}</title><updated>${x(updated)}</updated><author><name>Corroborate</name></author><link rel="alternate" href="${x(f.link)}"/><link rel="self" href="${x(f.self)}"/>
${entries}
</feed>
`;
}

function x(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
