import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from './extract.ts';
import { dateInUrl, inRunningProse, normaliseDate } from './published-date.ts';
import { writtenDates } from './written-dates.ts';

describe('publication dates', () => {
  it('normalises dates written in markup', () => {
    assert.equal(normaliseDate('2019-11-19T10:05:00-05:00'), '2019-11-19T10:05:00-05:00');
    assert.equal(normaliseDate('2019-11-19 10:05'), '2019-11-19T10:05');
    assert.equal(normaliseDate('20191119'), '2019-11-19');
    assert.equal(normaliseDate('1574175900'), '2019-11-19T15:05:00.000Z');
    assert.equal(normaliseDate('November 19, 2019'), '2019-11-19');
    assert.equal(normaliseDate('next week'), null);
  });

  it('reads dates in URL paths and bylines', () => {
    assert.equal(dateInUrl('https://news.example/2019/11/19/story-slug'), '2019-11-19');
    assert.equal(dateInUrl('https://news.example/politics/2019-11-19-story'), '2019-11-19');
    assert.equal(dateInUrl('https://news.example/story/12345'), null);
    assert.deepEqual(
      writtenDates('By Ada Quill | Published Nov. 19, 2019 at 9:00 a.m.', 'en').map((d) => [
        d.day,
        d.hour,
        d.minute,
      ]),
      [['2019-11-19', 9, 0]],
    );
    assert.deepEqual(writtenDates('By Ada Quill', 'en'), []);
    assert.deepEqual(
      writtenDates('Posted 9:24 pm ET, Nov 18, 2019 · Updated Nov 19, 2019', 'en').map((d) => [
        d.day,
        d.offsetMinutes,
        d.updated,
      ]),
      [
        ['2019-11-18', -300, false],
        ['2019-11-19', null, true],
      ],
    );
    // Numeric dates follow the page's language: day first in Portuguese and British English.
    assert.equal(writtenDates('05/10/2018 - Publicado por Ana', 'pt-BR')[0]?.day, '2018-10-05');
    assert.equal(writtenDates('05/10/2018', 'en-GB')[0]?.day, '2018-10-05');
    assert.equal(writtenDates('05/10/2018', 'en-US')[0]?.day, '2018-05-10');
  });

  it('falls back from markup to the URL, then to the byline, with evidence', () => {
    const body =
      '<article><p>The ferry resumed service after repairs to its ramp were completed on the northern quay.</p></article>';
    const fromUrl = extract(
      { url: 'https://news.example/2024/03/05/ferry', html: `<html><body>${body}</body></html>` },
      { maxChars: 1e6 },
    );
    assert.ok(
      fromUrl.kind === 'ok' &&
        fromUrl.article.publishedAt === '2024-03-05' &&
        fromUrl.article.evidence.some((e) => e.source === 'url'),
    );
    const fromByline = extract(
      {
        url: 'https://news.example/ferry',
        html: `<html><body><article><p class="byline">By Ada Quill, March 5, 2024</p>${body.slice(9)}</body></html>`,
      },
      { maxChars: 1e6 },
    );
    assert.ok(
      fromByline.kind === 'ok' &&
        fromByline.article.publishedAt === '2024-03-05' &&
        fromByline.article.evidence.some((e) => e.source === 'text:byline'),
    );
    const fromMicrodata = extract(
      {
        url: 'https://news.example/x',
        html: `<html><body><span itemprop="datePublished" content="2024-03-04T18:00:00+01:00"></span>${body}</body></html>`,
      },
      { maxChars: 1e6 },
    );
    assert.ok(
      fromMicrodata.kind === 'ok' && fromMicrodata.article.publishedAt === '2024-03-04T18:00:00+01:00',
    );
  });

  const BODY =
    '<article><p>The ferry resumed service after repairs to its ramp were completed on the northern quay, officials said.</p></article>';
  const page = (head: string, afterHeadline = '', lang = 'en') =>
    `<html lang="${lang}"><head><title>Ferry resumes service</title>${head}</head><body><h1>Ferry resumes service</h1><div class="meta">${afterHeadline}</div>${BODY}</body></html>`;
  const published = (html: string, url = 'https://news.example/ferry') => {
    const r = extract({ url, html }, { maxChars: 1e6 });
    assert.equal(r.kind, 'ok');
    return r.kind === 'ok' ? r.article.publishedAt : null;
  };
  const ld = (o: object) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

  it("re-expresses a UTC stamp in the publisher's zone when the page shows the same instant", () => {
    const stamp = ld({
      '@type': 'NewsArticle',
      headline: 'Ferry resumes service',
      datePublished: '2019-11-20T01:50:59Z',
    });
    // A visible time to the minute gives the offset; the calendar day is the reader's.
    assert.equal(published(page(stamp, 'By Ada Quill · Nov. 19, 2019 5:50 PM')), '2019-11-19T17:50:59-08:00');
    // A written zone gives it too ("ET" in November is UTC−5).
    assert.equal(published(page(stamp, 'Nov 19, 2019 at 8:50 pm ET')), '2019-11-19T20:50:59-05:00');
    // Another stamp of the same instant that carries an offset.
    assert.equal(
      published(page(`${stamp}<meta name="sailthru.date" content="2019-11-19 17:51:00 -0800">`)),
      '2019-11-19T17:50:59-08:00',
    );
    // A visible time of another moment leaves the stamp as it is.
    assert.equal(published(page(stamp, 'Nov. 19, 2019 3:12 PM')), '2019-11-20T01:50:59Z');
    // A stamp that carries its own offset is kept.
    assert.equal(
      published(
        page(
          ld({ '@type': 'NewsArticle', headline: 'x', datePublished: '2019-11-19T10:00:00+01:00' }),
          'Nov. 19, 2019 5:50 PM',
        ),
      ),
      '2019-11-19T10:00:00+01:00',
    );
  });

  it('skips placeholder dates and reads dates from any JSON-LD node about the page', () => {
    const placeholder = ld({ '@type': 'NewsArticle', headline: 'x', datePublished: '0001-01-01T00:00:00Z' });
    assert.equal(published(page(placeholder), 'https://news.example/2019/11/19/ferry'), '2019-11-19');
    const review =
      ld({ '@type': 'WebPage', name: 'Ferry' }) +
      ld({ '@type': 'Organization', name: 'News', foundingDate: '1990-01-01', datePublished: '2001-01-01' }) +
      ld({ '@type': 'ClaimReview', datePublished: '2019-11-18T10:15:00+00:00' });
    assert.equal(published(page(review)), '2019-11-18T10:15:00+00:00');
    // A raw line break inside a JSON string is read, not skipped.
    const raw =
      '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry", "articleBody": "Line one.\nLine two.", "datePublished": "2019-11-17T08:00:00+01:00"}</script>';
    assert.equal(published(page(raw)), '2019-11-17T08:00:00+01:00');
  });

  it('reads a date written under the headline when the page has no machine-readable one', () => {
    assert.equal(published(page('', 'By Carrie Quill November 15, 2019')), '2019-11-15');
    assert.equal(published(page('', '05/10/2018 - Publicado por: Ana Lima', 'pt-BR')), '2018-10-05');
    assert.equal(published(page('', 'Comments are open')), null);
  });
});

describe('inRunningProse', () => {
  it('leaves a date the article tells of, takes a byline or dateline date', () => {
    const prose =
      'Harbour workers marked the anniversary of the strike that the union began on March 3, 1968 in the port.';
    assert.ok(inRunningProse(prose, 'March 3, 1968'));
    assert.ok(
      !inRunningProse('By Ana Reis and Tom Berg, Staff Reporters, March 3, 2024 9:10 am', 'March 3, 2024'),
    );
    assert.ok(!inRunningProse('Published on March 3, 2024', 'March 3, 2024'));
    assert.ok(
      !inRunningProse('Harbour strike enters its second week | Updated March 3, 2024', 'March 3, 2024'),
    );
  });
});
