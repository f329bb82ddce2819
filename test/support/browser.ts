/** Debian's Chromium for the page tests, driven by playwright-core (no browser is downloaded). */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests are skipped: in CI the browser must be there (.ci/run installs it); elsewhere its absence skips them. */
export const browserSkip =
  !existsSync(CHROMIUM) && !process.env.CI ? `no browser at ${CHROMIUM} (apt-get install chromium)` : false;

/** Starts the browser headless, without a sandbox, GPU or background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

/**
 * Runs the functions given one after the other, each once the one before has settled: the databases' stores
 * are built in turn, then their tests run side by side. Building SQLite's holds the event loop for seconds
 * (its reads and writes are synchronous), in which a PostgreSQL connection being opened would time out.
 */
export function oneAtATime(): (fn: () => Promise<void>) => Promise<void> {
  let last: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const next = last.then(fn);
    last = next.catch(() => undefined);
    return next;
  };
}
