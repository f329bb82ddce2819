import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from './extract.ts';
import { dateInText, dateInUrl, normaliseDate } from './published-date.ts';

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
    assert.equal(dateInText('By Ada Quill | Published Nov. 19, 2019 at 9:00 a.m.'), '2019-11-19');
    assert.equal(dateInText('By Ada Quill'), null);
  });

  it('falls back from markup to the URL, then to the byline, with evidence', () => {
    const body = '<article><p>The ferry resumed service after repairs to its ramp were completed on the northern quay.</p></article>';
    const fromUrl = extract({ url: 'https://news.example/2024/03/05/ferry', html: `<html><body>${body}</body></html>` }, { maxChars: 1e6 });
    assert.ok(fromUrl.kind === 'ok' && fromUrl.article.publishedAt === '2024-03-05' && fromUrl.article.evidence.some((e) => e.source === 'url'));
    const fromByline = extract({ url: 'https://news.example/ferry', html: `<html><body><article><p class="byline">By Ada Quill, March 5, 2024</p>${body.slice(9)}</body></html>` }, { maxChars: 1e6 });
    assert.ok(fromByline.kind === 'ok' && fromByline.article.publishedAt === '2024-03-05' && fromByline.article.evidence.some((e) => e.source === 'text:byline'));
    const fromMicrodata = extract({ url: 'https://news.example/x', html: `<html><body><span itemprop="datePublished" content="2024-03-04T18:00:00+01:00"></span>${body}</body></html>` }, { maxChars: 1e6 });
    assert.ok(fromMicrodata.kind === 'ok' && fromMicrodata.article.publishedAt === '2024-03-04T18:00:00+01:00');
  });
});
