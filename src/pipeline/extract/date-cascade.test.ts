import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from './extract.ts';
import { dateInUrl } from './published-date.ts';

// Small hand-written pages, one form each (none copied from a benchmark page).
const BODY =
  '<article><p>The town council approved the new cycle lanes after a long debate about parking on the high street, officials said.</p></article>';
const page = (head: string, afterHeadline = '', lang = 'en', body = BODY) =>
  `<html lang="${lang}"><head><title>Council approves cycle lanes</title>${head}</head><body><h1>Council approves cycle lanes</h1><div class="meta">${afterHeadline}</div>${body}</body></html>`;
const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

/** The publication day and the evidence source of a page. */
function dated(
  html: string,
  url = 'https://news.example/cycle-lanes',
): { day: string | null; source: string } {
  const r = extract({ url, html }, { maxChars: 1e6 });
  assert.equal(r.kind, 'ok');
  if (r.kind !== 'ok') return { day: null, source: '' };
  const ev = r.article.evidence.find((e) => e.field === 'publishedAt');
  return { day: r.article.publishedAt?.slice(0, 10) ?? null, source: ev?.source ?? '' };
}

describe('date cascade: JSON-LD', () => {
  it('reads a NewsArticle', () => {
    const got = dated(
      page(ld({ '@type': 'NewsArticle', headline: 'x', datePublished: '2024-03-12T09:00:00+01:00' })),
    );
    assert.deepEqual(got, { day: '2024-03-12', source: 'json-ld:datePublished' });
  });
  it('reads an Article in an @graph beside a WebSite and an Organization', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'News' },
        { '@type': 'Organization', name: 'News', foundingDate: '1999-01-01' },
        { '@type': 'Article', headline: 'x', datePublished: '2024-03-13T10:00:00+00:00' },
      ],
    };
    assert.equal(dated(page(ld(graph))).day, '2024-03-13');
  });
  it('reads a top-level array and the ReportageNewsArticle and BlogPosting types', () => {
    const list = [
      { '@type': 'BreadcrumbList', itemListElement: [] },
      { '@type': 'ReportageNewsArticle', headline: 'x', datePublished: '2024-03-14' },
    ];
    assert.equal(dated(page(ld(list))).day, '2024-03-14');
    assert.equal(
      dated(page(ld({ '@type': 'BlogPosting', headline: 'x', datePublished: '2024-03-15' }))).day,
      '2024-03-15',
    );
  });
  it('reads an article nested as a WebPage mainEntity, and dates as lists or @value', () => {
    const nested = {
      '@type': 'WebPage',
      name: 'x',
      mainEntity: { '@type': 'NewsArticle', headline: 'x', datePublished: '2024-03-16T08:00:00+02:00' },
    };
    assert.equal(dated(page(ld(nested))).day, '2024-03-16');
    const listed = { '@type': 'NewsArticle', headline: 'x', datePublished: ['2024-03-17T08:00:00Z'] };
    assert.equal(dated(page(ld(listed))).day, '2024-03-17');
    const valued = { '@type': 'NewsArticle', headline: 'x', datePublished: { '@value': '2024-03-18' } };
    assert.equal(dated(page(ld(valued))).day, '2024-03-18');
  });
});

describe('date cascade: meta tags', () => {
  const forms: [string, string, string][] = [
    ['property', 'article:published_time', '2024-04-01T10:00:00+02:00'],
    ['property', 'og:published_time', '2024-04-02T10:00:00+02:00'],
    ['itemprop', 'datePublished', '2024-04-03T10:00:00+02:00'],
    ['name', 'pubdate', '2024-04-04'],
    ['name', 'publishdate', '2024-04-05'],
    ['name', 'dc.date', '2024-04-06'],
    ['name', 'DC.date.issued', '2024-04-07'],
    ['name', 'dcterms.created', '2024-04-08'],
    ['name', 'sailthru.date', '2024-04-09 10:00:00'],
    ['name', 'parsely-pub-date', '2024-04-10T10:00:00Z'],
    ['name', 'date', '2024-04-11'],
    ['name', 'citation_publication_date', '2024/04/12'],
    ['name', 'pub_date', '20240413'],
  ];
  for (const [attr, name, value] of forms)
    it(`reads <meta ${attr}="${name}">`, () => {
      const got = dated(page(`<meta ${attr}="${name}" content="${value}">`));
      assert.equal(
        got.day,
        value
          .replace(/\//g, '-')
          .replace(/^(\d{4})(\d\d)(\d\d)$/, '$1-$2-$3')
          .slice(0, 10),
      );
      assert.ok(got.source.toLowerCase().includes(name.toLowerCase()), got.source);
    });
});

describe('date cascade: <time>, URL and modification', () => {
  it('prefers the <time> marked pubdate or published, in the article, over a sidebar one', () => {
    const sidebar = '<aside><time datetime="2024-05-30">Other story</time></aside>';
    const own = '<article><time class="published" datetime="2024-05-02T08:00:00+02:00">2 May</time>';
    assert.equal(dated(page('', '', 'en', `${sidebar}${own}${BODY.slice(9)}`)).day, '2024-05-02');
    const pubdate = '<time datetime="2024-05-03T08:00:00+02:00" pubdate>3 May</time>';
    assert.equal(dated(page('', '', 'en', `${sidebar}${pubdate}${BODY}`)).day, '2024-05-03');
    const inArticle = '<article><header><time datetime="2024-05-04">4 May</time></header>';
    assert.equal(dated(page('', '', 'en', `${sidebar}${inArticle}${BODY.slice(9)}`)).day, '2024-05-04');
  });

  it('does not take a modification date for the publication', () => {
    const head =
      '<meta property="article:modified_time" content="2024-06-20T10:00:00Z">' +
      ld({
        '@type': 'NewsArticle',
        headline: 'x',
        dateModified: '2024-06-21',
        datePublished: '2024-06-01T07:00:00Z',
      });
    assert.equal(dated(page(head)).day, '2024-06-01');
    const times =
      '<time class="updated" datetime="2024-06-22T10:00:00Z">22 June</time><time class="entry-date published" datetime="2024-06-02T10:00:00Z">2 June</time>';
    assert.equal(dated(page('', times)).day, '2024-06-02');
    assert.equal(dated(page('', 'Published 3 June 2024 · Updated 9 June 2024')).day, '2024-06-03');
  });

  it('reads dates in URL paths', () => {
    assert.equal(dateInUrl('https://news.example/2024/03/12/cycle-lanes'), '2024-03-12');
    assert.equal(dateInUrl('https://news.example/local/20240312/cycle-lanes'), '2024-03-12');
    assert.equal(dateInUrl('https://news.example/cycle-lanes-2024-03-12'), '2024-03-12');
    assert.equal(dateInUrl('https://news.example/cycle-lanes-20240312.html'), '2024-03-12');
    assert.equal(dateInUrl('https://news.example/2024/mar/12/cycle-lanes'), '2024-03-12');
    assert.equal(dateInUrl('https://news.example/story/12345?d=2024-03-12'), null);
    assert.deepEqual(dated(page(''), 'https://news.example/2024/03/12/cycle-lanes'), {
      day: '2024-03-12',
      source: 'url',
    });
  });
});

describe('date cascade: the local day kept', () => {
  it('keeps the day of a stamp written with its offset', () => {
    const head = ld({ '@type': 'NewsArticle', headline: 'x', datePublished: '2019-11-18T21:24:00-05:00' });
    assert.equal(dated(page(head)).day, '2019-11-18');
  });
  it('re-expresses a UTC stamp by a zone-less wall time of the same instant', () => {
    const head =
      '<meta property="article:published_time" content="2024-02-06T02:30:00Z">' +
      '<meta name="article_date_original" content="Monday, February 5, 2024, 09:30 PM">';
    assert.deepEqual(dated(page(head)), {
      day: '2024-02-05',
      source: 'meta:article:published_time (zone from meta:article_date_original)',
    });
  });
  it('leaves a UTC stamp one day after the URL date as it is (a URL names no zone)', () => {
    const head = '<meta property="article:published_time" content="2024-02-06T03:10:00Z">';
    assert.equal(dated(page(head), 'https://news.example/2024/02/05/cycle-lanes').day, '2024-02-06');
  });
  it("prefers a stamp with an offset to a date-only value that is UTC's day", () => {
    const head =
      '<meta name="sailthru.date" content="2024-07-01">' +
      '<time datetime="2024-06-30T20:08:00-04:00" pubdate>June 30</time>';
    assert.equal(dated(page(head)).day, '2024-06-30');
  });
});

describe('date cascade: bylines and datelines in eleven languages', () => {
  const bylines: [string, string, string][] = [
    ['en', 'By Ada Quill, March 12, 2024', '2024-03-12'],
    ['fr', 'Par Ada Quill, publié le 3 janvier 2025 à 10h30', '2025-01-03'],
    ['de', 'Von Ada Quill, 12. März 2024, 14:05 Uhr', '2024-03-12'],
    ['es', 'Por Ada Quill, 4 de septiembre de 2008', '2008-09-04'],
    ['it', 'di Ada Quill, 12 marzo 2024', '2024-03-12'],
    ['pt', 'Por Ada Quill, 12 de março de 2024', '2024-03-12'],
    ['nl', 'Door Ada Quill, 12 maart 2024', '2024-03-12'],
    ['pl', 'Ada Quill, 12 marca 2024 r.', '2024-03-12'],
    ['ru', 'Ада Квилл, 5 сентября 2023 г.', '2023-09-05'],
    ['uk', 'Ада Квілл, 5 вересня 2023', '2023-09-05'],
    ['tr', 'Ada Quill, 12 Mart 2024 Salı', '2024-03-12'],
  ];
  for (const [lang, line, day] of bylines)
    it(`reads a ${lang} byline`, () => {
      const got = dated(page('', line, lang));
      assert.equal(got.day, day, `${lang}: ${line}`);
      assert.ok(got.source.startsWith('text:'), got.source);
    });

  it('reads all-numeric dates in the order of the page language', () => {
    assert.equal(dated(page('', 'Posted 05/10/2018', 'en-US')).day, '2018-05-10');
    assert.equal(dated(page('', 'Publié le 05/10/2018', 'fr')).day, '2018-10-05');
    assert.equal(dated(page('', 'Yayınlanma: 05/10/2018', 'tr')).day, '2018-10-05');
    assert.equal(dated(page('', 'Opublikowano 12.03.2024', 'pl')).day, '2024-03-12');
  });

  it('does not take a written date of another year than the URL files the page under', () => {
    const got = dated(
      page('', 'The law signed on August 14, 1935 is at stake.'),
      'https://news.example/2010/politics/story',
    );
    assert.equal(got.day, null);
  });
});

describe("date cascade: a plain report's own date line", () => {
  it('dates a plain text by the date line under its title', () => {
    for (const [line, day] of [
      ['4 de septiembre de 2008', '2008-09-04'],
      ['12. März 2024', '2024-03-12'],
      ['3 janvier 2025', '2025-01-03'],
      ['March 01 , 2008', '2008-03-01'],
      ['2026-01-10', '2026-01-10'],
      ['01-Mar-08', '2008-03-01'],
    ]) {
      const r = extract(
        {
          url: 'urn:x',
          text: `Council approves cycle lanes\n${line}\nThe council approved the lanes on Tuesday.`,
        },
        { maxChars: 1e6 },
      );
      assert.ok(
        r.kind === 'ok' && r.article.publishedAt === day,
        `${line}: ${r.kind === 'ok' ? r.article.publishedAt : ''}`,
      );
      assert.ok(r.kind === 'ok' && r.article.evidence.some((e) => e.source === 'text:own-date-line'));
    }
  });
  it('does not take a date inside a sentence for the report date', () => {
    const r = extract(
      {
        url: 'urn:x',
        text: 'Council approves cycle lanes\nThe plan first tabled on 4 March 2021 was approved on Tuesday.',
      },
      { maxChars: 1e6 },
    );
    assert.ok(r.kind === 'ok' && r.article.publishedAt === null);
  });
});
