import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl, hostOf } from './url.ts';

describe('URLs', () => {
  it('canonicalises for identity: host case, fragment, tracking parameters, default port, trailing slash', () => {
    assert.equal(
      canonicalUrl('HTTPS://News.Example:443/a/b/?utm_source=x&id=2&fbclid=y#top'),
      'https://news.example/a/b?id=2',
    );
    assert.equal(canonicalUrl('not a url'), 'not a url');
  });
  it('gives the host without www', () => {
    assert.equal(hostOf('https://www.example.org/x'), 'example.org');
    assert.equal(hostOf('urn:x'), null);
  });
});
