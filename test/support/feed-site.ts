/**
 * A fictional news site for acquisition tests: N article pages with distinct generated text (seeded, so
 * the same every run), and the same items as RSS 2.0, Atom 1.0, RDF/RSS 1.0 and JSON Feed documents.
 */
import { mulberry32 } from '../../src/lib/random.ts';

const TOWNS = [
  'Velmora',
  'Ostrava Bay',
  'Karsk',
  'Lindholm',
  'Port Averly',
  'Dunmere',
  'Seltz',
  'Marrow Point',
  'Quillan',
  'Brevik',
];
const BODIES = [
  'the harbour board',
  'the regional council',
  'the ferry operator',
  'the water authority',
  'a local union',
  'the fire service',
  'the port police',
  'the transport ministry',
  'a shipping firm',
  'the weather office',
];
const ACTS = [
  'closed',
  'reopened',
  'inspected',
  'repaired',
  'evacuated',
  'expanded',
  'sold',
  'flooded',
  'fenced off',
  'rebuilt',
];
const THINGS = [
  'the northern quay',
  'a grain terminal',
  'the old lighthouse',
  'two footbridges',
  'the fish market',
  'a container crane',
  'the coastal road',
  'the marina',
  'a drydock',
  'the ferry ramp',
];
const WHYS = [
  'after a storm surge',
  'following an audit',
  'because of cracked pilings',
  'ahead of the winter season',
  'after a fuel spill',
  'during a strike',
  'under a new budget',
  'after residents complained',
  'following a collision',
  'for safety checks',
];

export interface SiteArticle {
  path: string;
  title: string;
  publishedAt: string;
  paragraphs: string[];
}

/** N articles, each on its own day and subject. */
export function siteArticles(n: number, seed = 7): SiteArticle[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const town = TOWNS[i % TOWNS.length] as string;
    const body = pick(BODIES);
    const act = pick(ACTS);
    const thing = pick(THINGS);
    const day = new Date(Date.UTC(2020, 0, 1) + i * 8 * 86_400_000);
    const paragraphs = Array.from({ length: 3 }, (_, p) =>
      Array.from({ length: 3 }, (_, s) => {
        const n1 = Math.floor(r() * 900) + 10;
        return `In ${pick(TOWNS)}, ${pick(BODIES)} ${pick(ACTS)} ${pick(THINGS)} ${pick(WHYS)}, and ${n1} people were affected by item ${i}-${p}-${s}.`;
      }).join(' '),
    );
    paragraphs.unshift(
      `${capital(body)} ${act} ${thing} in ${town} on ${day.toUTCString().slice(0, 16)} ${pick(WHYS)}, officials said.`,
    );
    return {
      path: `/news/${i + 1}`,
      title: `${capital(body)} ${act} ${thing} in ${town} (${i + 1})`,
      publishedAt: day.toISOString(),
      paragraphs,
    };
  });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The article as a page. */
export function articlePage(a: SiteArticle, extraParagraph = ''): string {
  const paras = [...a.paragraphs, ...(extraParagraph ? [extraParagraph] : [])]
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><title>${esc(a.title)} | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post"><meta property="article:published_time" content="${a.publishedAt}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>${esc(a.title)}</h1>${paras}</article><footer>Subscribe to our newsletter</footer></body></html>`;
}

/** RSS 2.0 with relative links and HTML in a title. */
export function rss(items: SiteArticle[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour Post</title><link>/</link>
${items.map((a) => `<item><title><![CDATA[<b>${a.title}</b>]]></title><link>${a.path}</link><guid isPermaLink="false">hp-${a.path}</guid><pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
}

export function atom(items: SiteArticle[], origin: string): string {
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="${origin}/"><title>Harbour Post</title>
${items.map((a) => `<entry><id>${origin}${a.path}</id><title>${esc(a.title)}</title><link rel="alternate" href="${a.path.slice(1)}"/><updated>${a.publishedAt}</updated></entry>`).join('\n')}</feed>`;
}

export function rdf(items: SiteArticle[], origin: string): string {
  return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="${origin}/"><title>Harbour Post</title><link>${origin}/</link></channel>
${items.map((a) => `<item rdf:about="${origin}${a.path}"><title>${esc(a.title)}</title><link>${origin}${a.path}</link><dc:date>${a.publishedAt}</dc:date></item>`).join('\n')}</rdf:RDF>`;
}

export function jsonFeed(items: SiteArticle[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Harbour Post',
    items: items.map((a) => ({ id: a.path, url: a.path, title: a.title, date_published: a.publishedAt })),
  });
}
