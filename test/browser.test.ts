/**
 * The pages in a real browser (Debian's Chromium through playwright-core) on the demo corpus, served over
 * HTTP on 127.0.0.1: a reader's walk (home → event → a citation → its report → its outlet → the story → an
 * entity), the home filters, search and the source-policy form; every page at 390 px (no wider than the
 * viewport) and 1280 px with screenshots under test/.out/screens; an axe-core check on every page (no
 * serious or critical violation), light and dark. The demo, not the mini corpus: it has stories, entities,
 * disputes and enough events for the filters to narrow a list (about 7 s to build on an idle machine).
 * On each database, in one browser; PostgreSQL's screenshots go under test/.out/screens/postgres.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ingestDemo } from '../bench/demo-score.ts';
import { ROOT } from '../bench/shared-data.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import { NAV } from '../src/server/views/layout.ts';
import type { Store } from '../src/storage/store.ts';
import { browserSkip, launchBrowser, oneAtATime } from './support/browser.ts';
import { testDatabases } from './support/databases.ts';

const skip = browserSkip;

const SHOTS = join(ROOT, 'test', '.out', 'screens');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

interface ListedEvent {
  id: string;
  title: string;
  category: string | null;
  level: string | null;
  independentSources: number;
  storyId: string | null;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

// One browser for both databases' servers, whose tests run side by side (each database's in turn).
describe('pages in a browser', { skip, concurrency: 2 }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  const inTurn = oneAtATime();

  for (const db of testDatabases())
    describe(`pages [${db.name}]`, { skip: db.skip, concurrency: 1 }, () => {
      const shots = db.name === 'sqlite' ? SHOTS : join(SHOTS, db.name);
      let store: Store;
      let app: ReturnType<typeof createApp>;
      let base: string;
      let events: ListedEvent[];
      // Built by one store, served by another as `corroborate serve` opens it.
      before(() =>
        inTurn(async () => {
          const writer = await db.open();
          try {
            await writer.settings.set('dataset.sample', 'fictional');
            await ingestDemo(writer);
          } finally {
            await writer.close();
          }
          store = await db.serve();
          app = createApp(depsFor(store));
          base = await app.listen({ host: '127.0.0.1', port: 0 });
          events = (
            (await (await fetch(`${base}/api/v1/events?limit=200`)).json()) as { events: ListedEvent[] }
          ).events;
          mkdirSync(shots, { recursive: true });
        }),
      );
      after(async () => {
        await app?.close();
        await store?.close();
        await db.cleanup();
      });

      /** A page in a fresh context (its own cookies), with the console's errors and page errors collected. */
      async function open(opts: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
        const context = await browser.newContext({ viewport: DESKTOP, ...opts });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(`console: ${m.text()}`);
        });
        return { page, errors };
      }

      /** Every page of the app a reader can reach, with a short name for its screenshot. */
      async function allPages(): Promise<{ name: string; url: string }[]> {
        const links = async (path: string, prefix: string, n: number): Promise<string[]> => {
          const text = await (await fetch(`${base}${path}`)).text();
          const found = [...text.matchAll(new RegExp(`href="(${prefix}[^"#?]+)"`, 'g'))].map((m) => m[1]!);
          return [...new Set(found)].slice(0, n);
        };
        const stories = [...new Set(events.map((e) => e.storyId).filter((s): s is string => !!s))];
        const entities = await links('/entities', '/entities/', 3);
        const outlets = await links('/outlets', '/outlets/', 3);
        const reports = await links(outlets[0] ?? '/outlets', '/reports/', 2);
        const name = (url: string) =>
          url === '/'
            ? 'home'
            : url
                .replace(/^\//, '')
                .replace(/[^A-Za-z0-9]+/g, '-')
                .slice(0, 60);
        const urls = [
          ...NAV.map((n) => n.href),
          '/search?q=drought',
          '/map?view=world',
          '/entities',
          '/outlets',
          ...entities,
          ...outlets,
          ...reports,
          ...events.map((e) => `/events/${e.id}`),
          ...stories.map((s) => `/stories/${s}`),
          '/no-such-page',
        ];
        return [...new Set(urls)].map((url) => ({ name: name(url), url }));
      }

      it(`walks home → event → a citation → its report → its outlet → the story → an entity [${db.name}]`, async () => {
        const { page, errors } = await open();
        await page.goto(`${base}/`);
        assert.equal(await page.locator('main h1').textContent(), 'Events');
        assert.match((await page.locator('.sample').textContent()) ?? '', /Fictional sample/);
        // An event that belongs to a story and cites its reports.
        const chosen = events.find((e) => e.storyId && e.independentSources >= 2);
        assert.ok(chosen, 'the demo has an event in a story');
        await page.locator(`ul.events a.title[href="/events/${chosen.id}"]`).click();
        await page.waitForURL(`${base}/events/${chosen.id}`);
        assert.equal(await page.locator('main h1').textContent(), chosen.title);

        // A citation mark leads to the report it cites, listed on the page.
        const cite = page.locator('a.cite').first();
        const anchor = (await cite.getAttribute('href')) ?? '';
        assert.match(anchor, /^#report-\d+$/);
        await cite.click();
        await page.waitForURL(`${base}/events/${chosen.id}${anchor}`);
        const cited = page.locator(`li${anchor}`);
        assert.ok(await cited.isVisible(), `the cited entry ${anchor} is on the page`);
        const headline = ((await cited.locator('a[href^="/reports/"]').textContent()) ?? '').trim();
        assert.ok(headline.length > 0, 'the cited entry names its report');

        // Its report page, from the cited entry's link.
        await cited.locator('a[href^="/reports/"]').first().click();
        await page.waitForURL(/\/reports\//);
        assert.equal(await page.locator('main h1').textContent(), headline);
        const reportUrl = page.url();
        const reportPath = new URL(reportUrl).pathname;

        // Its outlet lists it among its reports.
        await page.locator('main .meta a[href^="/outlets/"]').click();
        await page.waitForURL(/\/outlets\/[^/]+$/);
        assert.equal(
          await page.locator(`main a[href="${reportPath}"]`).count(),
          1,
          'the outlet lists the report',
        );
        await page.locator(`main a[href="${reportPath}"]`).click();
        await page.waitForURL(reportUrl);

        // Back to its event, then the story it belongs to, which lists the event.
        await page.locator(`main a[href="/events/${chosen.id}"]`).click();
        await page.waitForURL(`${base}/events/${chosen.id}`);
        await page.locator(`main a[href="/stories/${chosen.storyId}"]`).first().click();
        await page.waitForURL(`${base}/stories/${chosen.storyId}`);
        assert.ok(
          (await page.locator(`main a[href="/events/${chosen.id}"]`).count()) >= 1,
          'the story lists it',
        );
        // Its timeline is drawn at its own size (text the size of the page's), not blown up to the card's width.
        const timeline = page.locator('main .timeline-chart svg');
        const drawn = (await timeline.boundingBox())!.width;
        assert.ok(drawn <= Number(await timeline.getAttribute('width')), `the timeline is ${drawn} px wide`);

        // An entity the story names, from its card.
        const entityLink = page.locator('main a[href^="/entities/"]');
        assert.ok((await entityLink.count()) > 0, 'the story page links its entities');
        const entityPath = (await entityLink.first().getAttribute('href')) ?? '';
        await entityLink.first().click();
        await page.waitForURL(`${base}${entityPath}`);
        const entityName = (await page.locator('main h1').textContent()) ?? '';
        assert.ok(entityName.trim().length > 0, 'the entity page names it');
        // … and one of its events, whose page is reached from it.
        const eventOfEntity = page.locator('main a[href^="/events/"]').first();
        const eventPath = (await eventOfEntity.getAttribute('href')) ?? '';
        await eventOfEntity.click();
        await page.waitForURL(`${base}${eventPath}`);
        assert.ok(
          events.some((e) => eventPath === `/events/${e.id}`),
          'the entity links a listed event',
        );
        assert.deepEqual(errors, [], 'no script or console error on the way');
        await page.context().close();
      });

      it(`narrows the home list with the category and level filters [${db.name}]`, async () => {
        const { page, errors } = await open();
        await page.goto(`${base}/`);
        const all = await page.locator('ul.events:not(.stories) > li').count();
        assert.ok(all >= 10, `the home page lists the demo's events (${all})`);
        // The most common category that is not every event's.
        const counts = new Map<string, number>();
        for (const e of events) if (e.category) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
        const [category, expected] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
        assert.ok(expected < events.length);
        await page.selectOption('form.filters select[name="category"]', category);
        await page.locator('form.filters button[type="submit"]').click();
        await page.waitForURL((u) => u.searchParams.get('category') === category);
        const items = page.locator('ul.events:not(.stories) > li');
        assert.equal(await items.count(), expected, `${category}: ${expected} events`);
        for (const meta of await items.locator('.meta').allTextContents())
          assert.match(meta, new RegExp(category));
        assert.equal(
          await page.locator('select[name="category"]').inputValue(),
          category,
          'the form keeps it',
        );

        // And a level on top of it.
        const level = events.find((e) => e.category === category)!.level!;
        const both = events.filter((e) => e.category === category && e.level === level).length;
        await page.selectOption('form.filters select[name="level"]', level);
        await page.locator('form.filters button[type="submit"]').click();
        await page.waitForURL((u) => u.searchParams.get('level') === level && u.searchParams.has('category'));
        assert.equal(await items.count(), both, `${category} and ${level}: ${both} events`);
        for (const badge of await items.locator('.level').allTextContents())
          assert.equal(badge.trim(), level);
        assert.deepEqual(errors, []);
        await page.context().close();
      });

      it(`finds a word of a report title with the header search and marks it [${db.name}]`, async () => {
        const { page, errors } = await open();
        const chosen = events.find((e) => e.independentSources >= 2)!;
        await page.goto(`${base}/events/${chosen.id}`);
        const titles = await page.locator('li[id^="report-"] a').allTextContents();
        const word = titles
          .join(' ')
          .split(/[^\p{L}]+/u)
          .filter((w) => w.length >= 6)
          .sort((a, b) => b.length - a.length)[0];
        assert.ok(word, `a long word in the report titles (${titles.join(' | ')})`);
        await page.locator('#site-q').fill(word);
        await page.locator('#site-q').press('Enter');
        await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === word);
        await page.waitForSelector('main mark');
        const marks = await page.locator('main mark').allTextContents();
        assert.ok(
          marks.some((m) => m.toLowerCase() === word.toLowerCase()),
          `“${word}” marked: ${marks.join(', ')}`,
        );
        assert.ok(
          (await page.locator(`main a[href="/events/${chosen.id}"]`).count()) >= 1,
          'its event is found',
        );
        assert.deepEqual(errors, []);
        await page.context().close();
      });

      it(`leaves an outlet out with the source-policy form, shows it in the levels, then counts every source [${db.name}]`, async () => {
        const { page, errors } = await open();
        const api = async <T>(path: string) => (await (await fetch(`${base}${path}`)).json()) as T;
        // An event and one of its outlets whose leaving out changes its level, as the API (?exclude=) says.
        let found: { event: ListedEvent; outletId: string; level: string; n: number } | undefined;
        for (const event of events.filter((e) => e.independentSources >= 2)) {
          const { reports } = await api<{ reports: { outletId: string }[] }>(
            `/api/v1/reports?event=${event.id}`,
          );
          for (const outletId of new Set(reports.map((r) => r.outletId))) {
            const e = await api<ListedEvent>(
              `/api/v1/events/${event.id}?exclude=${encodeURIComponent(outletId)}`,
            );
            if (e.level !== event.level)
              found = { event, outletId, level: e.level!, n: e.independentSources };
            if (found) break;
          }
          if (found) break;
        }
        assert.ok(found, 'the demo has an event whose level one outlet decides');
        const { event: chosen, outletId } = found;
        const outletName = (await api<{ name: string }>(`/api/v1/outlets/${encodeURIComponent(outletId)}`))
          .name;
        const onEventPage = async () => {
          await page.goto(`${base}/events/${chosen.id}`);
          const text = (await page.locator('#how-sure').locator('..').textContent()) ?? '';
          const m = /(\d+) independent sources?/.exec(text);
          assert.ok(m, `the event page counts its independent sources: ${text.slice(0, 200)}`);
          return {
            n: Number(m[1]),
            level: ((await page.locator('main .level').first().textContent()) ?? '').trim(),
          };
        };
        const onHomePage = async () => {
          await page.goto(`${base}/?category=${encodeURIComponent(chosen.category ?? '')}`);
          const item = page.locator('ul.events:not(.stories) > li', {
            has: page.locator(`a.title[href="/events/${chosen.id}"]`),
          });
          return ((await item.locator('.level').textContent()) ?? '').trim();
        };
        const before = await onEventPage();
        assert.deepEqual(before, { n: chosen.independentSources, level: chosen.level });
        assert.equal(await onHomePage(), chosen.level);

        await page.goto(`${base}/sources`);
        assert.match((await page.locator('#policy-now').locator('..').textContent()) ?? '', /every source/);
        await page.locator('form.filters input[name="q"]').fill(outletName);
        await page.locator('form.filters button[type="submit"]').click();
        await page.waitForURL((u) => u.pathname === '/sources' && u.searchParams.get('q') === outletName);
        const row = page.locator('table.outlets tbody tr', {
          has: page.getByRole('link', { name: outletName }),
        });
        assert.equal(await row.count(), 1, `the form finds ${outletName}`);
        await row.getByLabel(`Leave out ${outletName}`).check();
        await page.getByRole('button', { name: 'Use these sources' }).click();
        await page.waitForURL((u) => u.pathname === '/sources' && u.searchParams.has('exclude'));
        assert.match((await page.locator('[role="status"]').textContent()) ?? '', /Saved/);
        assert.match((await page.locator('#policy-now').locator('..').textContent()) ?? '', /Leaving out/);

        const without = await onEventPage();
        assert.deepEqual(without, { n: found.n, level: found.level }, `the event page without ${outletName}`);
        assert.equal(await onHomePage(), found.level, `the home list without ${outletName}`);
        console.log(`policy: without ${outletName}, ${chosen.id} goes ${before.level} → ${without.level}`);

        await page.goto(`${base}/sources`);
        await page.getByRole('button', { name: 'Count every source' }).click();
        await page.waitForURL((u) => u.pathname === '/sources' && u.searchParams.get('sources') === 'all');
        assert.match((await page.locator('#policy-now').locator('..').textContent()) ?? '', /every source/);
        assert.deepEqual(await onEventPage(), before, 'back to every source');
        assert.deepEqual(errors, []);
        await page.context().close();
      });

      it(`fits every page in 390 px and screenshots it at 390 and 1280 px [${db.name}]`, async () => {
        const pages = await allPages();
        const phone = await open({ viewport: PHONE });
        const desktop = await open({ viewport: DESKTOP });
        const overflowing: string[] = [];
        // The two widths in parallel (two tabs), each page in turn.
        await Promise.all([
          (async () => {
            for (const { name, url } of pages) {
              await phone.page.goto(`${base}${url}`);
              await phone.page.screenshot({ path: join(shots, `${name}.390.png`), fullPage: true });
              const wide = (await phone.page.evaluate(OVERFLOW_OF)) as string | null;
              if (wide) overflowing.push(`${url} is ${wide}`);
            }
          })(),
          (async () => {
            for (const { name, url } of pages) {
              await desktop.page.goto(`${base}${url}`);
              await desktop.page.screenshot({ path: join(shots, `${name}.1280.png`), fullPage: true });
            }
          })(),
        ]);
        const expected404 = (e: string) => /404|Not Found/i.test(e);
        assert.deepEqual(overflowing, [], overflowing.join('\n'));
        assert.deepEqual(
          phone.errors.filter((e) => !expected404(e)),
          [],
        );
        assert.deepEqual(
          desktop.errors.filter((e) => !expected404(e)),
          [],
        );
        console.log(`${pages.length} pages fit 390 px; screenshots in ${shots}`);
        await phone.page.context().close();
        await desktop.page.context().close();
      });

      it(`passes axe-core on every page with no serious or critical violation, light and dark [${db.name}]`, async () => {
        const pages = await allPages();
        // The site's CSP allows no inline script: only this pass injects axe, so only it bypasses the CSP.
        const runs = [
          { label: 'light 1280', opts: { viewport: DESKTOP, bypassCSP: true }, urls: pages },
          // The phone layout and dark mode on one page of each kind.
          ...(['light', 'dark'] as const).map((scheme) => ({
            label: `${scheme} 390`,
            opts: { viewport: PHONE, bypassCSP: true, colorScheme: scheme },
            urls: onePerKind(pages),
          })),
        ];
        const failures: string[] = [];
        await Promise.all(
          runs.map(async (run) => {
            const { page } = await open(run.opts);
            for (const { url } of run.urls) {
              await page.goto(`${base}${url}`);
              await page.addScriptTag({ content: AXE_SOURCE });
              const violations = (await page.evaluate(
                'axe.run({ resultTypes: ["violations"] }).then((r) => r.violations)',
              )) as AxeViolation[];
              for (const v of violations) {
                const line = `${run.label} ${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
                  .slice(0, 3)
                  .map((n) => n.target.join(' '))
                  .join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`;
                if (v.impact === 'serious' || v.impact === 'critical') failures.push(line);
                else console.log(`axe (minor): ${line}`);
              }
            }
            await page.context().close();
          }),
        );
        assert.deepEqual(failures, [], failures.join('\n'));
      });
    });
});

/**
 * Run in the page (a string: this project's TypeScript has no DOM types): null when the page fits the
 * viewport, else its width and the outermost elements past the right edge.
 */
const OVERFLOW_OF = `(() => {
  const vw = window.innerWidth;
  if (document.documentElement.scrollWidth <= vw) return null;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    const parent = el.parentElement && el.parentElement.getBoundingClientRect();
    if (r.right <= vw + 0.5 || (parent && parent.right > vw + 0.5)) continue;
    const cls = el.getAttribute('class');
    out.push('<' + el.tagName.toLowerCase() + (cls ? ' class="' + cls + '"' : '') + '> right ' + Math.round(r.right));
    if (out.length >= 3) break;
  }
  return document.documentElement.scrollWidth + ' px wide: ' + out.join('; ');
})()`;

/** The first page of each kind (path's first segment), so the phone and dark passes stay short. */
function onePerKind<T extends { url: string }>(pages: T[]): T[] {
  const seen = new Set<string>();
  return pages.filter(({ url }) => {
    const kind =
      url
        .split(/[/?]/)
        .filter(Boolean)
        .slice(0, url.startsWith('/api/') ? 2 : 1)
        .join('/') || '/';
    const key = `${kind}${/^\/[a-z]+\/./.test(url) && !url.startsWith('/api/') ? '/:id' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
