import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed, parseFeedText } from './feed-parse.ts';
import { parseOpml, writeOpml } from './opml.ts';

const FEED_URL = 'https://harbour.example/feeds/news.xml';

function items(text: string, url: string | null = FEED_URL) {
  const r = parseFeedText(text, url);
  assert.equal(r.kind, 'ok', r.kind === 'refused' ? r.message : '');
  return r.kind === 'ok' ? r.feed : (null as never);
}

describe('feeds', () => {
  it('reads RSS 2.0 with CDATA, markup in titles, relative links, odd prefixes and missing dates', () => {
    const feed = items(`<?xml version="1.0"?>
<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour &amp; Quay</title><link>https://harbour.example/</link>
<item><title><![CDATA[Quay <b>reopens</b> &amp; ferries return]]></title><link>/2025/06/02/quay</link>
<guid isPermaLink="false">quay-1</guid><description>&lt;p&gt;Repairs &lt;em&gt;done&lt;/em&gt;.&lt;/p&gt;</description>
<c:encoded><![CDATA[<p>The northern quay reopened.</p>]]></c:encoded><pubDate>Mon, 02 Jun 2025 09:30:00 +0200</pubDate>
<dc:creator>Ada Quill</dc:creator><category>Ports</category></item>
<item><title>No date here</title><link>https://harbour.example/no-date</link></item>
<item><guid>https://harbour.example/guid-only</guid><title>Only a guid</title></item>
</channel></rss>`);
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'Harbour & Quay');
    const [a, b, c] = feed.items;
    assert.deepEqual(
      {
        id: a?.id,
        url: a?.url,
        title: a?.title,
        summary: a?.summary,
        content: a?.contentHtml,
        at: a?.publishedAt,
        authors: a?.authors,
        cats: a?.categories,
      },
      {
        id: 'quay-1',
        url: 'https://harbour.example/2025/06/02/quay',
        title: 'Quay reopens & ferries return',
        summary: 'Repairs done.',
        content: '<p>The northern quay reopened.</p>',
        at: '2025-06-02T07:30:00.000Z',
        authors: ['Ada Quill'],
        cats: ['Ports'],
      },
    );
    assert.equal(b?.publishedAt, null);
    assert.equal(b?.id, 'https://harbour.example/no-date');
    assert.equal(c?.url, 'https://harbour.example/guid-only', 'a permalink guid serves as the link');
  });

  it('reads Atom 1.0 with xml:base, html and xhtml constructs, and a forgotten namespace', () => {
    const feed = items(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://harbour.example/news/">
<title type="html">Harbour &lt;i&gt;News&lt;/i&gt;</title><link rel="alternate" href="/"/><link rel="self" href="/feeds/atom"/>
<entry><id>tag:harbour.example,2025:1</id><title type="html">Crane &amp;amp; rails</title>
<link rel="alternate" type="text/html" href="crane-rails"/><link rel="enclosure" href="/x.mp3"/>
<published>2025-06-01T08:00:00+02:00</published><updated>2025-06-01T09:00:00+02:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>New <b>rails</b> laid.</p></div></content>
<author><name>Bo Lind</name></author><category term="ports" label="Ports"/></entry>
<entry><id>urn:x:2</id><title>Updated only</title><link href="https://harbour.example/two"/><updated>2025-06-03T10:00:00Z</updated></entry>
</feed>`);
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Harbour News');
    assert.equal(feed.siteUrl, 'https://harbour.example/');
    const [a, b] = feed.items;
    assert.equal(a?.url, 'https://harbour.example/news/crane-rails');
    assert.equal(a?.title, 'Crane & rails');
    assert.equal(a?.publishedAt, '2025-06-01T08:00:00+02:00');
    assert.match(a?.contentHtml ?? '', /<p>New <b>rails<\/b> laid\.<\/p>/);
    assert.deepEqual([a?.authors, a?.categories], [['Bo Lind'], ['Ports']]);
    assert.equal(b?.publishedAt, '2025-06-03T10:00:00Z', 'an entry with only <updated> is dated by it');
    const bare = items(
      '<feed><entry><id>1</id><title>No xmlns</title><link href="https://harbour.example/1"/></entry></feed>',
    );
    assert.equal(bare.items[0]?.title, 'No xmlns');
  });

  it('reads RDF/RSS 1.0 and JSON Feed 1.1 and 1.0', () => {
    const rdf =
      items(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://harbour.example/"><title>Harbour</title><link>https://harbour.example/</link></channel>
<item rdf:about="https://harbour.example/rdf-1"><title>RDF item</title><link>https://harbour.example/rdf-1</link><dc:date>2025-06-04T12:00:00+01:00</dc:date></item>
</rdf:RDF>`);
    assert.deepEqual(
      [rdf.format, rdf.items[0]?.id, rdf.items[0]?.publishedAt],
      ['rdf', 'https://harbour.example/rdf-1', '2025-06-04T12:00:00+01:00'],
    );
    const json = items(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Harbour',
        home_page_url: 'https://harbour.example/',
        items: [
          {
            id: 'j1',
            url: '/j1',
            title: 'JSON <em>item</em>',
            content_text: 'Line one.\n\nLine two.',
            date_published: '2025-06-05T07:00:00Z',
            authors: [{ name: 'Ada Quill' }],
            tags: ['ports'],
          },
        ],
      }),
    );
    assert.deepEqual(
      [json.format, json.items[0]?.url, json.items[0]?.title, json.items[0]?.authors],
      ['json', 'https://harbour.example/j1', 'JSON item', ['Ada Quill']],
    );
    assert.equal(json.items[0]?.contentHtml, '<p>Line one.</p><p>Line two.</p>');
    const v1 = items(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        items: [{ id: 2, url: 'https://harbour.example/j2', author: { name: 'Bo Lind' } }],
      }),
    );
    assert.deepEqual([v1.items[0]?.id, v1.items[0]?.authors], ['2', ['Bo Lind']]);
  });

  it('decodes by BOM and XML declaration whatever the content type says', () => {
    const rss =
      '<rss version="2.0"><channel><item><title>Caf\u00e9 on the quay</title><link>https://harbour.example/cafe</link></item></channel></rss>';
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss, 'utf8')]);
    const viaBom = parseFeed(bom, 'text/html', FEED_URL);
    assert.equal(viaBom.kind === 'ok' && viaBom.feed.items[0]?.title, 'Café on the quay');
    const latin = Buffer.from(`<?xml version="1.0" encoding="windows-1252"?>${rss}`, 'latin1');
    const viaDecl = parseFeed(latin, 'application/octet-stream', FEED_URL);
    assert.equal(viaDecl.kind === 'ok' && viaDecl.feed.items[0]?.title, 'Café on the quay');
  });

  it('refuses documents that declare entities (billion laughs, external entities) without expanding them', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>
<rss version="2.0"><channel><item><title>&lol9;</title><link>https://harbour.example/x</link></item></channel></rss>`;
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title></item></channel></rss>';
    for (const doc of [laughs, xxe]) {
      const r = parseFeedText(doc, FEED_URL);
      assert.deepEqual(r.kind === 'refused' && [r.reason, /entities/.test(r.message)], ['decode', true]);
    }
  });

  it('says what a document is when it is not a feed', () => {
    for (const [doc, why] of [
      ['<html><body>page</body></html>', /HTML page/],
      ['<opml version="2.0"/>', /OPML/],
      ['{"items": []}', /version/],
      ['plain words', /neither XML nor JSON/],
    ] as const) {
      const r = parseFeedText(doc, FEED_URL);
      assert.ok(r.kind === 'refused' && why.test(r.message), JSON.stringify(r));
    }
  });

  it('reads nested OPML outlines and writes OPML that reads back the same', () => {
    const r = parseOpml(`<?xml version="1.0"?><opml version="1.0"><head><title>Mine</title></head><body>
<outline text="Ports"><outline text="Harbour" type="rss" xmlUrl="https://harbour.example/feed" htmlUrl="https://harbour.example/"/>
<outline text="Quay" type="rss" XMLURL="https://quay.example/atom"/></outline>
<outline text="Harbour again" xmlUrl="https://harbour.example/feed"/><outline text="a folder only"/></body></opml>`);
    assert.equal(r.kind, 'ok');
    const subs = r.kind === 'ok' ? r.subscriptions : [];
    assert.deepEqual(
      subs.map((s) => [s.feedUrl, s.title]),
      [
        ['https://harbour.example/feed', 'Harbour'],
        ['https://quay.example/atom', 'Quay'],
      ],
    );
    const again = parseOpml(writeOpml(subs, 'Corroborate <feeds>', '2025-06-02T00:00:00Z'));
    assert.deepEqual(again.kind === 'ok' && again.subscriptions, subs);
    assert.equal(parseOpml('<rss/>').kind, 'refused');
  });
});
