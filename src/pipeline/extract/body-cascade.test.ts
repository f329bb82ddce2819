/** One hand-written page for each branch of the body cascade, each checking the text and the evidence. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extract } from './extract.ts';

/** Invented story paragraphs, long enough to read as prose. */
const STORY = [
  'The river authority opened the northern sluice gates on Monday morning, after three days of rain raised the water level by almost two metres, and asked farmers downstream to move their animals to higher fields.',
  'Engineers said the dam itself was sound, but that the reservoir would stay close to its limit until Thursday, when the rain is forecast to ease, and that a second set of gates could be opened if needed.',
  'In the villages below the dam, volunteers filled sandbags through the night, and the regional school board closed four schools near the riverbank as a precaution for the rest of the week.',
];

const paragraphs = (xs: string[]) => xs.map((p) => `<p>${p}</p>`).join('\n');

/** Returns the text and the body evidence of a page. */
function bodyOf(html: string): { text: string; source: string; why: string } {
  const r = extract({ url: 'https://news.example/story', html }, { maxChars: 1_000_000 });
  assert.equal(r.kind, 'ok');
  if (r.kind !== 'ok') throw new Error('rejected');
  const e = r.article.evidence.find((x) => x.field === 'body');
  assert.ok(e, 'the body choice is in the evidence');
  return { text: r.article.text, source: e.source, why: e.value };
}

describe('body cascade', () => {
  it('1. takes the own extractor when nothing about its text is doubtful', () => {
    const b = bodyOf(`<html><body><nav><a href="/">Home</a></nav>
      <article><h1>Gates opened</h1>${paragraphs(STORY)}</article></body></html>`);
    assert.equal(b.source, 'own-extractor');
    assert.match(b.why, /no doubt/);
    assert.equal(b.text, STORY.join('\n\n'));
  });

  it('2–3. asks a second opinion on a link-dense text and takes it when it is the story without the links', () => {
    const links = [
      'Council approves the new bridge over the eastern canal',
      'Heavy snow closes the mountain pass for a second day',
      'Library reopens after a year of repairs to its roof',
    ];
    const b = bodyOf(`<html><body><article><h1>Gates opened</h1>
      <div class="story-text">${paragraphs(STORY)}</div>
      <div class="more">${links.map((l) => `<p><a href="/x">${l}</a> Read on.</p>`).join('')}</div>
      </article></body></html>`);
    assert.equal(b.source, 'second-opinion');
    assert.match(b.why, /doubtful: link share 0\.\d\d/);
    assert.match(b.why, /→ second-opinion/);
    assert.equal(b.text, STORY.join('\n\n'));
  });

  it('2–3. asks no second opinion of a short text without links (it could only trim links)', () => {
    const short = STORY[0] as string;
    const b = bodyOf(`<html><body><article><h1>Gates opened</h1><p>${short}</p></article></body></html>`);
    assert.equal(b.source, 'own-extractor');
    assert.match(
      b.why,
      /doubtful: shorter than 500 characters; no second opinion \(no links to trim\) → own-extractor/,
    );
    assert.equal(b.text, short);
  });

  it('2–3. keeps the first text when the second opinion reads the same', () => {
    // Links inside the prose make the text doubtful; the second opinion finds the same container.
    const linked = STORY.map((p, i) =>
      i === 1 ? p.replace('Engineers said the dam itself was sound', (m) => `<a href="/e">${m}</a>`) : p,
    );
    const b = bodyOf(
      `<html><body><article><h1>Gates opened</h1>${paragraphs(linked)}</article></body></html>`,
    );
    assert.equal(b.source, 'own-extractor');
    assert.match(b.why, /doubtful: link share 0\.\d\d; second opinion .*the same text → own-extractor/);
  });

  it('2–3. keeps the first text when the second opinion drops part of the story', () => {
    // Most of the story sits in a block named like page furniture: the first stage keeps it (it holds
    // most of the prose), the second opinion's scorer passes over it and takes the rest alone.
    const b = bodyOf(`<html><body><div class="page">
      <div class="intro-widget">${paragraphs(STORY.slice(0, 2))}</div>
      <div class="rest"><p>${STORY[2]}</p></div>
      <div class="more"><p><a href="/x">Council approves the new bridge over the eastern canal</a></p></div>
      </div></body></html>`);
    assert.equal(b.source, 'own-extractor');
    assert.match(b.why, /doubtful: link share/);
    assert.match(b.why, /keeping \d+% of the first, links −0\.\d\d → own-extractor/);
    assert.ok(b.text.startsWith(STORY.join('\n\n')), b.text);
  });

  it('4. takes the JSON-LD articleBody when the page shows a teaser of it', () => {
    const ld = { '@type': 'NewsArticle', headline: 'Gates opened', articleBody: STORY.join('\n\n') };
    const b = bodyOf(`<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
      <body><article><h1>Gates opened</h1><p>${STORY[0]}</p><p>Subscribe to read the whole story.</p></article></body></html>`);
    assert.equal(b.source, 'json-ld-body');
    assert.match(b.why, /holds \d+% of the JSON-LD articleBody/);
    assert.equal(b.text, STORY.join('\n\n'));
  });

  it('4. ignores a JSON-LD "body" that is only a summary', () => {
    const ld = { '@type': 'NewsArticle', headline: 'Gates opened', articleBody: 'Sluice gates opened.' };
    const b = bodyOf(`<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
      <body><article><h1>Gates opened</h1>${paragraphs(STORY)}</article></body></html>`);
    assert.equal(b.source, 'own-extractor');
    assert.equal(b.text, STORY.join('\n\n'));
  });
});
