/** Older and newer links for keyset-paged lists. */
import { html, type SafeHtml } from './html.ts';

/** Links to the pages before and after this one (labels say which way the list runs), keeping the other parameters. */
export function pager(
  path: string,
  q: Record<string, string | undefined>,
  page: { next: string | null; prev: string | null },
  labels: [string, string] = ['← Newer', 'Older →'],
): SafeHtml | '' {
  if (!page.next && !page.prev) return '';
  const link = (dir: 'after' | 'before', cursor: string) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v && k !== 'after' && k !== 'before') params.set(k, v);
    params.set(dir, cursor);
    return `${path}?${params.toString()}`;
  };
  return html`<nav class="pager" aria-label="Pages">${page.prev ? html`<a rel="prev" href="${link('before', page.prev)}">${labels[0]}</a>` : html`<span></span>`}${page.next ? html`<a rel="next" href="${link('after', page.next)}">${labels[1]}</a>` : ''}</nav>`;
}
