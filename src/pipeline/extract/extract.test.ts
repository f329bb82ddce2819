import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from './extract.ts';
import { cleanTextLines } from './text-lines.ts';

describe('plain-text cleanup', () => {
  it('drops page chrome lines and keeps the reporting', () => {
    const r = cleanTextLines(
      [
        'Skip to main content',
        '',
        'Already a subscriber? Make sure to log into your account before viewing this content.',
        '',
        'The council met on Tuesday.',
        '',
        '54458872633 42d61d7ebe c',
        '',
        'JOIN THE MOVEMENT',
        '',
        'Share this article',
        '',
        'Advertisement',
        '',
        'It agreed a budget.',
      ].join('\n'),
    );
    assert.equal(r.text, 'The council met on Tuesday.\n\nIt agreed a budget.');
  });

  it('moves syndication lines into metadata', () => {
    const r = cleanTextLines(
      'date 2026-01-10 Authored by Ann Lee via Example Wire,\n\nThe talks ended.\n\nThe post Talks end appeared first on Sample Weekly.',
    );
    assert.equal(r.text, 'The talks ended.');
    assert.deepEqual(
      r.syndication.map((s) => [s.kind, s.source]),
      [
        ['authored-via', 'Example Wire'],
        ['appeared-first', 'Sample Weekly'],
      ],
    );
    assert.deepEqual(r.authors, ['Ann Lee']);
    assert.deepEqual(r.evidence, [{ field: 'publishedAt', source: 'text:date-line', value: '2026-01-10' }]);
  });

  it('reads contribution, "originally published by" and "via" credits, and keeps a list item that only looks like a closing credit', () => {
    const r = cleanTextLines(
      'The talks ended.\n\n- Whether the 35 million figure survives to the next round.\n\nSample Wire contributed reporting.\n\nOriginally published by The Daily Sample.\n\nVia Example Wire',
    );
    assert.equal(r.text, 'The talks ended.\n\n- Whether the 35 million figure survives to the next round.');
    assert.deepEqual(
      r.syndication.map((s) => [s.kind, s.source]),
      [
        ['contributed', 'Sample Wire'],
        ['originally-appeared', 'The Daily Sample'],
        ['via', 'Example Wire'],
      ],
    );
  });

  it('strips an opening wire credit, keeping the dateline apart (non-ASCII capitals too)', () => {
    const r = cleanTextLines(
      'GDAŃSK (Meridian Press Agency) — Dockworkers walked out.\n\n— Meridian Press Agency',
    );
    assert.equal(r.text, 'Dockworkers walked out.');
    assert.deepEqual(
      r.syndication.map((s) => s.kind),
      ['wire-credit', 'credit'],
    );
    assert.deepEqual(r.embedded, [{ kind: 'dateline', text: 'GDAŃSK' }]);
  });

  it('sets bylines and embedded social posts apart', () => {
    const r = cleanTextLines(
      'By Maria Nowak\n\nThe strike began.\n\nSolidarity with the workers pic.twitter.com/abc123 — Union (@union) March 3, 2025',
    );
    assert.equal(r.text, 'The strike began.');
    assert.deepEqual(
      r.embedded.map((e) => e.kind),
      ['byline', 'social-post'],
    );
  });
});

describe('HTML extraction', () => {
  const page = `<!doctype html><html lang="en"><head><title>Bridge closes after cracks found | Sample Courier</title>
<meta property="og:site_name" content="Sample Courier"><link rel="canonical" href="https://courier.example/bridge?utm_source=x">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge closes after cracks found","datePublished":"2025-09-30T08:00:00+01:00","author":{"@type":"Person","name":"Rui Costa"}}</script></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav><div class="cookie-banner">We use cookies. Accept all</div>
<article><h1>Bridge closes after cracks found</h1><div class="byline">By Rui Costa</div><time datetime="2025-09-30">30 Sep</time>
<p>The city closed the footbridge on Tuesday after engineers found cracks in two of its cables during an inspection.</p>
<figure><img src="a.jpg"><figcaption>The bridge at dusk. Photo: Ana Reis</figcaption></figure>
<div class="share-bar">Share on Facebook Share on X</div>
<p>"We will not reopen it until every cable has been tested," the city engineer said at a briefing on the riverbank.</p>
<h2>What happens next</h2><p>Pedestrians are being directed to the lower deck of the road bridge, about 400 metres downstream.</p>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Mayor opens new market</a></li></ul></aside></article>
<div class="newsletter">Sign up for our daily briefing</div><footer>© Sample Courier</footer></body></html>`;

  it('keeps the article body with headings and drops chrome, captions and related links', () => {
    const r = extract({ url: 'https://courier.example/bridge', html: page }, { maxChars: 1e6 });
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    const a = r.article;
    assert.match(a.text, /^The city closed the footbridge/);
    assert.match(a.text, /\n\nWhat happens next\n\n/);
    for (const junk of [
      'Home',
      'cookies',
      'Share on',
      'Related stories',
      'Mayor opens',
      'Sign up',
      'Photo: Ana Reis',
      '©',
    ])
      assert.ok(!a.text.includes(junk), junk);
    assert.deepEqual(a.embedded.map((e) => e.kind).sort(), ['byline', 'caption']);
  });

  it('reads metadata with its evidence, without the site-name suffix', () => {
    const r = extract({ url: 'https://courier.example/bridge', html: page }, { maxChars: 1e6 });
    if (r.kind !== 'ok') throw new Error('rejected');
    assert.equal(r.article.title, 'Bridge closes after cracks found');
    assert.equal(r.article.outlet, 'Sample Courier');
    assert.equal(r.article.publishedAt, '2025-09-30T08:00:00+01:00');
    assert.equal(r.article.canonicalUrl, 'https://courier.example/bridge');
    assert.deepEqual(r.article.authors, ['Rui Costa']);
    assert.equal(r.article.language, 'en');
    assert.ok(
      r.article.evidence.some((e) => e.field === 'publishedAt' && e.source === 'json-ld:datePublished'),
    );
  });

  it('rejects input without text and input over the size cap', () => {
    assert.deepEqual(extract({ url: 'u', html: '<nav>Home</nav>' }, { maxChars: 1e6 }).kind, 'rejected');
    const big = extract({ url: 'u', text: 'x'.repeat(101) }, { maxChars: 100 });
    assert.equal(big.kind === 'rejected' && big.reason, 'too-large');
  });

  it('refuses a page that overruns its time budget, with a reason', () => {
    const html = `<article>${'<p>The council met on Tuesday to discuss the budget for the coming year and agreed on most items.</p>'.repeat(20000)}</article>`;
    const r = extract({ url: 'u', html }, { maxChars: 1e8, timeBudgetMs: 1 });
    assert.equal(r.kind === 'rejected' && r.reason, 'timeout');
  });

  it('refuses pages over the element and depth caps without crashing', () => {
    const deep = `${'<div>'.repeat(100_000)}<p>Deep text that would overflow a recursive walk.</p>${'</div>'.repeat(100_000)}`;
    const r = extract({ url: 'u', html: deep }, { maxChars: 1e8 });
    assert.equal(r.kind === 'rejected' && r.reason, 'too-complex');
    const wide = `<body>${'<span>x</span>'.repeat(300)}</body>`;
    const w = extract({ url: 'u', html: wide }, { maxChars: 1e8, maxElements: 200 });
    assert.equal(w.kind === 'rejected' && w.message, '301 elements is over the limit of 200');
  });
});

describe('datelines on real first lines', () => {
  it('reads a dated dateline with a double hyphen, and furniture run in before it', () => {
    const r = cleanTextLines('Font Size LISBON (Mar. 4) -- Ferry crews stopped work on Tuesday over pay.');
    assert.equal(r.text, 'Ferry crews stopped work on Tuesday over pay.');
    assert.deepEqual(r.embedded, [{ kind: 'dateline', text: 'LISBON' }]);
  });
  it('keeps a first line whose capitalised opening is not a dateline', () => {
    const line = 'Harbour Master NATO ships arrived in the port on Tuesday.';
    assert.equal(cleanTextLines(line).text, line);
  });
});

describe('wire datelines and reporting lines', () => {
  it('reads a dated wire dateline as a credit, the place as the dateline', () => {
    const r = cleanTextLines('PORTO, March 3 (HPA) — Ferry crews stopped work on Monday over pay.');
    assert.equal(r.text, 'Ferry crews stopped work on Monday over pay.');
    assert.deepEqual(
      r.syndication.map((s) => [s.kind, s.source]),
      [['wire-credit', 'HPA']],
    );
    assert.deepEqual(r.embedded, [{ kind: 'dateline', text: 'PORTO' }]);
  });
  it('reads "Reporting by …; Editing by …" as a contributed credit', () => {
    const r = cleanTextLines(
      'Ferry crews stopped work.\nReporting by Harbour Press Agency; Editing by Ana Reis.',
    );
    assert.equal(r.text, 'Ferry crews stopped work.');
    assert.deepEqual(
      r.syndication.map((s) => [s.kind, s.source]),
      [['contributed', 'Harbour Press Agency']],
    );
  });
});
