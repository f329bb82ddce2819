/** The pages in a real browser (Debian's Chromium through playwright-core): list → event page, with a screenshot. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from '../bench/shared-data.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { sqliteDatabase } from './support/databases.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// In CI the browser must be there (.ci/run installs it); elsewhere its absence skips these tests, saying so.
const skip =
  !existsSync(CHROMIUM) && !process.env.CI ? `no browser at ${CHROMIUM} (apt-get install chromium)` : false;

describe('pages in a browser', { skip }, () => {
  const db = sqliteDatabase();
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let browser: Browser;
  let base: string;
  before(async () => {
    store = await db.open();
    await loadMiniCorpus(store);
    app = createApp(depsFor(store));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await app.close();
    await store.close();
    await db.cleanup();
  });

  it('goes from the event list to an event page and back', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${base}/`);
    assert.equal(await page.locator('h1').textContent(), 'Events');
    assert.equal(await page.locator('.events li').count(), 2);
    assert.match((await page.locator('.sample').textContent()) ?? '', /Fictional sample/);
    const shots = join(ROOT, 'test', '.screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'home.png'), fullPage: true });
    await page.getByText('Fire breaks out at Valletta grain warehouse').click();
    await page.waitForURL(/\/events\//);
    assert.match((await page.locator('h1').textContent()) ?? '', /Valletta/);
    assert.equal(await page.locator('table.reports:not(.fields) tbody tr').count(), 3);
    assert.match((await page.locator('.level').first().textContent()) ?? '', /Likely/);
    await page.screenshot({ path: join(shots, 'event.png'), fullPage: true });
    await page.getByText('← All events').click();
    await page.waitForURL(`${base}/`);
    await page.close();
  });
});
