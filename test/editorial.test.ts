/**
 * Readers submit, editors review, nobody else gets in — against the running app (a real HTTP server on
 * 127.0.0.1) on SQLite and PostgreSQL:
 * - every route of the router declares who may use it; anonymous and reader requests to editor and
 *   admin routes get 401, editors on admin routes 403; a route added without a declaration fails;
 * - state changes need this site's CSRF token: cross-site posts, missing tokens and a token of an ended
 *   session are refused, and change nothing;
 * - submissions pointing at loopback, private, link-local or metadata addresses are refused at once
 *   with a clear message, and by redirect when fetched, without anything being fetched there;
 * - approving a submission changes the event's sources and level on its page and in the API, and the
 *   audit log shows it; rejecting changes nothing but the queue;
 * - the login lock-out, session revocation and password change.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { parseConfig, type Config } from '../src/config/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { addUser, LOCK_AFTER_FAILURES, setUserDisabled } from '../src/run/accounts.ts';
import type { EventJson } from '../src/run/event-views.ts';
import { reprocess } from '../src/run/reprocess.ts';
import type { Standing } from '../src/run/submissions.ts';
import { accessOf } from '../src/server/access.ts';
import { servedRoutes } from '../src/server/api/openapi.ts';
import { createApp, depsFor } from '../src/server/app.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { Client, csrfOf } from './support/editorial-client.ts';
import { loadMiniCorpus } from './support/mini-corpus.ts';
import { startWebServer, TEST_HOST, type WebServer } from './support/web-server.ts';

const ADMIN = { name: 'ada', password: 'admin password one' };
const EDITOR = { name: 'ed', password: 'editor password one' };

/** Waits until `check` holds, polling; fails with `what` after the deadline (a condition, not a fixed time). */
async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The page a submitted address serves: a report of the council vote by another outlet. */
const REPORT_PAGE = `<!doctype html><html><head><title>Mdina council approves road budget</title>
<meta property="og:site_name" content="Valley Gazette"><meta property="article:published_time" content="2025-09-10T15:00:00Z">
</head><body><article><h1>Mdina council approves road budget</h1>
<p>Councillors in Mdina backed the town's spending plan on Tuesday evening by seven votes to two, our reporter at the meeting saw.</p>
<p>Most of the money goes to mending roads and new street lamps; the mayor told the chamber that work starts in the spring after a long debate.</p>
</article></body></html>`;

for (const db of testDatabases()) {
  describe(`editorial access [${db.name}]`, { skip: db.skip }, () => {
    let store: Store;
    let config: Config;
    let app: ReturnType<typeof createApp>;
    let base: string;
    let site: WebServer;
    let councilEvent: string;

    before(async () => {
      site = await startWebServer();
      site.route('/council', (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end(REPORT_PAGE),
      );
      site.route('/council-again', (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(REPORT_PAGE.replace('long debate', 'short debate')),
      );
      store = await db.open();
      await loadMiniCorpus(store);
      config = parseConfig({
        file: {
          fetch: { allowHosts: [TEST_HOST], politenessDelayMs: 0 },
          editorial: { submitsPerClientMinute: 1000, submitsPerMinute: 1000 },
        },
      });
      const deps = { store, clock: systemClock() };
      await addUser(deps, { name: ADMIN.name, role: 'admin', password: ADMIN.password }, 'test');
      await addUser(deps, { name: EDITOR.name, role: 'editor', password: EDITOR.password }, 'test');
      app = createApp(depsFor(store, config.confidence, config.brief, config));
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const events = (await (await fetch(`${base}/api/v1/events`)).json()) as { events: EventJson[] };
      councilEvent = (events.events.find((e) => /council/i.test(e.title)) as EventJson).id;
    });
    after(async () => {
      await app.close();
      await store.close();
      await site.close();
      await db.cleanup();
    });

    it('declares every route; refuses anonymous and reader requests to editor and admin routes (401), editors on admin routes (403)', async () => {
      const routes = servedRoutes(app);
      assert.ok(routes.length > 60, `${routes.length} routes`);
      const guarded = routes.filter((r) => {
        const access = accessOf(r.method, r.path.replace(/\{(\w+)\}/g, ':$1'));
        assert.ok(access, `${r.method} ${r.path} has no declaration`);
        return access !== 'public' && r.method !== 'HEAD';
      });
      assert.ok(guarded.length >= 20, `${guarded.length} guarded routes`);
      const anonymous = new Client(base);
      const reader = new Client(base);
      reader.cookies.set(
        'corroborate_sources',
        encodeURIComponent(JSON.stringify({ exclude: ['x'], lower: [] })),
      );
      const editor = new Client(base);
      assert.equal((await editor.logIn(EDITOR.name, EDITOR.password)).status, 303);
      const editorToken = await editor.csrf();
      for (const r of guarded) {
        const path = r.path.replace(/\{\w+\}/g, 'x');
        for (const who of [anonymous, reader]) {
          const got = await who.send(r.method, path, r.method === 'GET' ? {} : { form: { _csrf: 'x' } });
          assert.equal(got.status, 401, `${r.method} ${path} anonymous: ${got.status}`);
        }
        if (accessOf(r.method, r.path.replace(/\{(\w+)\}/g, ':$1')) === 'admin') {
          const got = await editor.send(
            r.method,
            path,
            r.method === 'GET' ? {} : { form: { _csrf: editorToken } },
          );
          assert.equal(got.status, 403, `${r.method} ${path} as an editor: ${got.status}`);
        }
      }
      // An API route answers in JSON, a page in HTML.
      assert.match((await anonymous.get('/api/v1/submissions')).text, /^\{"error":/);
      assert.match((await anonymous.get('/editor/submissions')).text, /<h1>Log in to continue<\/h1>/);

      const another = createApp(depsFor(store, config.confidence, config.brief, config));
      assert.throws(() => another.get('/undeclared', async () => 'hello'), /declares no access/);
      await another.close();
    });

    it('refuses cross-site posts, missing tokens and tokens of ended sessions, and changes nothing', async () => {
      const before = await store.submissions.withStatus('pending');
      const reader = new Client(base);
      const form = await reader.get(`/events/${councilEvent}/sources/new`);
      const token = csrfOf(form.text);
      const fields = { url: `${site.origin}/council-again`, note: 'n' };
      const action = `/events/${councilEvent}/sources/new`;
      const crossSite = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
      assert.equal(
        (await reader.send('POST', action, { form: { _csrf: token, ...fields }, headers: crossSite })).status,
        403,
      );
      assert.equal(
        (
          await reader.send('POST', action, {
            form: { _csrf: token, ...fields },
            headers: { origin: 'https://evil.example' },
          })
        ).status,
        403,
      );
      assert.equal((await reader.send('POST', action, { form: fields })).status, 403);
      const stranger = new Client(base); // a token from another browser's form
      assert.equal((await stranger.send('POST', action, { form: { _csrf: token, ...fields } })).status, 403);

      const editor = new Client(base);
      await editor.logIn(EDITOR.name, EDITOR.password);
      const old = await editor.csrf();
      const oldSession = editor.cookies.get('corroborate_session') as string;
      const editorActions = servedRoutes(app).filter(
        (r) => r.method === 'POST' && accessOf('POST', r.path.replace(/\{(\w+)\}/g, ':$1')) === 'editor',
      );
      assert.ok(editorActions.length >= 5);
      for (const r of editorActions) {
        const path = r.path.replace(/\{\w+\}/g, 'x');
        const sent = (form: Record<string, string>, headers?: Record<string, string>) =>
          editor.send('POST', path, { form, ...(headers ? { headers } : {}) });
        assert.equal((await sent({ _csrf: old }, crossSite)).status, 403, `${path} cross-site`);
        assert.equal((await sent({})).status, 403, `${path} without a token`);
        assert.equal((await sent({ _csrf: `${old.slice(1)}A` })).status, 403, `${path} with a wrong token`);
      }
      // Logged out: the old session's cookie is refused; a new session does not take the old token.
      assert.equal((await editor.send('POST', '/logout', { form: { _csrf: old } })).status, 303);
      const replay = new Client(base);
      replay.cookies.set('corroborate_session', oldSession);
      assert.equal(
        (await replay.send('POST', `/editor/submissions/x/reject`, { form: { _csrf: old, reason: 'r' } }))
          .status,
        401,
      );
      await editor.logIn(EDITOR.name, EDITOR.password);
      assert.notEqual(await editor.csrf(), old);
      assert.equal(
        (await editor.send('POST', '/editor/submissions/x/reject', { form: { _csrf: old, reason: 'r' } }))
          .status,
        403,
      );
      assert.deepEqual(await store.submissions.withStatus('pending'), before);
    });

    it('refuses submissions of loopback, private, link-local and metadata addresses, directly and by redirect', async () => {
      const hits: string[] = [];
      const inside: Server = createServer((req, res) => {
        hits.push(req.url ?? '');
        res.end('secret');
      });
      await new Promise<void>((r) => inside.listen(0, '127.0.0.1', r));
      const insidePort = (inside.address() as { port: number }).port;
      try {
        const reader = new Client(base);
        const action = `/events/${councilEvent}/sources/new`;
        for (const url of [
          `http://127.0.0.1:${insidePort}/admin`,
          'http://10.0.0.8/',
          'http://192.168.1.1/router',
          'http://169.254.169.254/latest/meta-data/',
          'http://[::1]/',
          'http://[fd00:ec2::254]/',
          `http://localhost:${insidePort}/`,
        ]) {
          const got = await reader.postForm(action, action, { url });
          assert.equal(got.status, 400, url);
          assert.match(
            got.text,
            /this address cannot be fetched: .*(loopback|private|link-local|unique-local)/,
            url,
          );
        }
        const api = await reader.send('POST', `/api/v1/events/${councilEvent}/submissions`, {
          body: { url: 'http://169.254.169.254/' },
          headers: { 'x-csrf-token': csrfOf((await reader.get(action)).text) },
        });
        assert.equal(api.status, 400);
        assert.match(api.json<{ error: string }>().error, /link-local/);
        for (const [path, target] of [
          ['/to-inside', `http://127.0.0.1:${insidePort}/admin`],
          ['/to-metadata', 'http://169.254.169.254/latest/meta-data/'],
        ] as const) {
          site.route(path, (_req, res) => res.writeHead(302, { location: target }).end());
          const got = await reader.postForm(action, action, { url: `${site.origin}${path}` });
          assert.equal(got.status, 202, path);
          await until('the redirect fetched', async () =>
            (await store.submissions.withStatus('pending')).some(
              (s) => s.url.endsWith(path) && s.fetchState !== 'queued',
            ),
          );
          const s = (await store.submissions.withStatus('pending')).find((x) => x.url.endsWith(path));
          assert.equal(s?.fetchState, 'failed');
          assert.match(s?.fetchError ?? '', /blocked-address/);
          assert.equal(await store.submissions.input(s?.id as string), null);
        }
        assert.deepEqual(hits, []);
      } finally {
        await new Promise((r) => inside.close(r));
      }
    });

    it('approving a submission adds its source to the event (page, API, audit log); rejecting changes only the queue', async () => {
      const eventApi = async () =>
        (await (await fetch(`${base}/api/v1/events/${councilEvent}`)).json()) as EventJson;
      const first = await eventApi();
      const reader = new Client(base);
      const action = `/events/${councilEvent}/sources/new`;
      const thanks = await reader.postForm(action, action, {
        url: `${site.origin}/council`,
        note: 'Gazette <b>covered</b> it',
      });
      assert.equal(thanks.status, 202);
      assert.match(thanks.text, /waits for an editor/);
      const repeat = await reader.postForm(action, action, { url: `${site.origin}/council#top` });
      assert.match(repeat.text, /already submitted/);
      const pending = (await store.submissions.withStatus('pending')).find(
        (s) => s.url === `${site.origin}/council`,
      );
      assert.equal(pending?.times, 2);
      await until(
        'the page fetched',
        async () => (await store.submissions.get(pending?.id as string))?.fetchState === 'fetched',
      );

      const editor = new Client(base);
      await editor.logIn(EDITOR.name, EDITOR.password);
      const queue = await editor.get('/editor/submissions');
      assert.match(queue.text, /Gazette &lt;b&gt;covered&lt;\/b&gt; it/);
      const review = `/editor/submissions/${pending?.id}`;
      const preview = await editor.get(review);
      assert.match(preview.text, /Mdina council approves road budget/);
      assert.match(preview.text, /1 independent source in 1 report/);
      // The preview projects what approving would change, computed without storing anything.
      assert.match(preview.text, /If approved/);
      assert.match(preview.text, /would put it in this event/);
      const detail = (await editor.get(`/api/v1/submissions/${pending?.id}`)).json<{
        projection: { placement: { kind: string }; before: Standing; after: Standing } | null;
      }>();
      const projected = detail.projection as NonNullable<typeof detail.projection>;
      assert.equal(projected.placement.kind, 'this');
      assert.deepEqual(projected.before, {
        level: first.level,
        independentSources: first.independentSources,
        reports: first.articleCount,
      });
      assert.equal(projected.after.independentSources, first.independentSources + 1);

      // Rejecting another submission changes nothing but the queue.
      const other = await reader.postForm(action, action, { url: `${site.origin}/council-again` });
      assert.equal(other.status, 202);
      const otherId = (await store.submissions.withStatus('pending')).find((s) =>
        s.url.endsWith('/council-again'),
      )?.id;
      const beforeReject = await eventApi();
      const rejected = await editor.postForm(
        `/editor/submissions/${otherId}`,
        `/editor/submissions/${otherId}/reject`,
        { reason: 'a copy' },
      );
      assert.equal(rejected.status, 303);
      assert.equal((await store.submissions.get(otherId as string))?.reason, 'a copy');
      assert.deepEqual(await eventApi(), beforeReject);

      const approved = await editor.postForm(review, `${review}/approve`, {});
      assert.equal(approved.status, 303);
      const now = await eventApi();
      assert.equal(now.independentSources, first.independentSources + 1);
      assert.equal(now.articleCount, first.articleCount + 1);
      assert.notEqual(now.level, first.level);
      assert.deepEqual(projected.after, {
        level: now.level,
        independentSources: now.independentSources,
        reports: now.articleCount,
      });
      assert.ok(now.reports.some((r) => r.url === `${site.origin}/council`));
      const page = await (await fetch(`${base}/events/${councilEvent}`)).text();
      assert.match(page, /Valley Gazette/);
      const audit = (await editor.get('/api/v1/audit')).json<{
        entries: { action: string; actor: string; detail: Record<string, unknown> }[];
      }>();
      const entry = audit.entries.find((e) => e.action === 'submission-approve');
      assert.equal(entry?.actor, EDITOR.name);
      assert.deepEqual(
        [
          (entry?.detail.before as { independentSources: number }).independentSources,
          (entry?.detail.after as { independentSources: number }).independentSources,
        ],
        [first.independentSources, first.independentSources + 1],
      );
      assert.ok(audit.entries.some((e) => e.action === 'submission-reject'));
      assert.match((await editor.get(review)).text, /Approved by ed/);
      // Decided once: approving again is a conflict.
      const again = await editor.send('POST', `${review}/approve`, { form: { _csrf: await editor.csrf() } });
      assert.equal(again.status, 409);
      assert.match(again.text, /already approved/);
    });

    it('editors split, merge, withdraw and restore, settle and set an outlet tier through the pages and the API, each audited', async () => {
      const api = async <T>(path: string) => (await (await fetch(`${base}${path}`)).json()) as T;
      const events = (await api<{ events: EventJson[] }>('/api/v1/events')).events;
      const fire = (events.find((e) => /fire|warehouse|blaze/i.test(e.title)) as EventJson).id;
      const editor = new Client(base);
      await editor.logIn(EDITOR.name, EDITOR.password);
      const page = `/editor/events/${fire}`;
      const form = await editor.get(page);
      assert.equal(form.status, 200);
      assert.match(form.text, /name="articles" value="m3"/);

      // Split m3 off, then merge the new event back.
      assert.equal(
        (await editor.postForm(page, `${page}/split`, { articles: 'm3', reason: 'test split' })).status,
        303,
      );
      const split = await api<EventJson>(`/api/v1/events/${fire}`);
      assert.deepEqual(split.reports.map((r) => r.articleId).sort(), ['m1', 'm2']);
      const part = { id: (await api<{ eventId: string }>('/api/v1/reports/m3')).eventId };
      assert.notEqual(part.id, fire);
      const merged = await editor.postForm(`/editor/events/${part.id}`, `/editor/events/${part.id}/merge`, {
        into: fire,
      });
      assert.equal(merged.status, 303);
      assert.equal((await api<EventJson>(`/api/v1/events/${fire}`)).reports.length, 3);
      assert.equal((await fetch(`${base}/events/${part.id}`, { redirect: 'manual' })).status, 301);

      // Withdraw a report and restore it: the event's independent sources follow.
      const before = (await api<EventJson>(`/api/v1/events/${fire}`)).independentSources;
      assert.equal((await editor.postForm(page, '/editor/reports/m1/withdraw', {})).status, 303);
      assert.equal((await api<EventJson>(`/api/v1/events/${fire}`)).independentSources, before - 1);
      assert.equal((await editor.postForm(page, '/editor/reports/m1/restore', {})).status, 303);
      assert.equal((await api<EventJson>(`/api/v1/events/${fire}`)).independentSources, before);

      // An outlet's tier and owner.
      const outlets = (await api<{ outlets: { id: string; name: string }[] }>('/api/v1/outlets')).outlets;
      const harbour = (outlets.find((o) => o.name === 'Harbour News') as { id: string }).id;
      const edit = `/editor/outlets/${harbour}`;
      const bad = await editor.postForm(edit, edit, { tier: 'legendary' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /a tier is one of/);
      assert.equal(
        (await editor.postForm(edit, edit, { tier: 'trusted', owner: 'Harbour Group' })).status,
        303,
      );
      const outlet = await api<{ tier: string; ownerGroup: string | null }>(`/api/v1/outlets/${harbour}`);
      assert.deepEqual([outlet.tier, outlet.ownerGroup], ['trusted', 'Harbour Group']);

      // The API: a split refused with a reason (every report would leave), as JSON.
      const token = await editor.csrf();
      const refused = await editor.send('POST', `/api/v1/events/${fire}/split`, {
        body: { articles: ['m1', 'm2', 'm3'] },
        headers: { 'x-csrf-token': token },
      });
      assert.equal(refused.status, 400);
      assert.match(refused.json<{ error: string }>().error, /at least one report on each side/);

      const audit = (await editor.get('/api/v1/audit')).json<{
        entries: { action: string; actor: string; detail: Record<string, unknown> }[];
      }>().entries;
      for (const action of [
        'event-split',
        'event-merge',
        'article-withdraw',
        'article-restore',
        'outlet-edit',
      ])
        assert.equal(audit.find((e) => e.action === action)?.actor, EDITOR.name, action);
      const outletEntry = audit.find((e) => e.action === 'outlet-edit');
      assert.deepEqual((outletEntry?.detail.after as { tier: string }).tier, 'trusted');
    });

    it("editors set an event's title, category, date and place; readers see the change; later runs keep it; undo restores", async () => {
      const api = async () =>
        (await (await fetch(`${base}/api/v1/events/${councilEvent}`)).json()) as EventJson;
      const original = await api();
      const editor = new Client(base);
      await editor.logIn(EDITOR.name, EDITOR.password);
      const page = `/editor/events/${councilEvent}`;
      const form = await editor.get(page);
      assert.match(form.text, /<input id="title" name="title"[^>]*value="Council &lt;script&gt;alert/);

      // One bad field refuses the whole edit, in the page's format, and changes nothing.
      const bad = await editor.postForm(page, `${page}/edit`, { title: 'Kept out', date: '2025-13-40' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /give a day as YYYY-MM-DD/);
      assert.equal((await api()).title, original.title);

      const fields = {
        title: 'Mdina council passes the road budget',
        category: 'Political',
        date: '2025-09-09 to 2025-09-10',
        place: 'Paris, Texas',
        note: 'checked with the council clerk',
      };
      assert.equal((await editor.postForm(page, `${page}/edit`, fields)).status, 303);
      const edited = await api();
      assert.equal(edited.title, fields.title);
      assert.equal(edited.category, 'Political');
      assert.deepEqual(edited.date, { start: '2025-09-09', end: '2025-09-10', precision: 'day' });
      assert.deepEqual([edited.place?.name, edited.place?.country], ['Paris', 'US']);
      const readers = await (await fetch(`${base}/events/${councilEvent}`)).text();
      assert.match(readers, /<h1>Mdina council passes the road budget<\/h1>/);
      assert.match(readers, /Editorial changes/);
      assert.match(readers, /Title set by an editor to Mdina council passes the road budget/);
      assert.match(readers, /checked with the council clerk/);
      assert.doesNotMatch(
        readers,
        new RegExp(`\\b${EDITOR.name}\\b.*set by`),
        'editors are not named to readers',
      );
      assert.ok(edited.editorial?.some((c) => c.action === 'event-edit' && /Place set/.test(c.what)));
      // The list, search and the form again: the same title; the same values again change nothing.
      const listed = (await (await fetch(`${base}/api/v1/events`)).json()) as { events: EventJson[] };
      assert.equal(listed.events.find((e) => e.id === councilEvent)?.title, fields.title);
      const same = await editor.send('POST', `/api/v1/events/${councilEvent}/edit`, {
        body: { title: fields.title, place: 'Paris' },
        headers: { 'x-csrf-token': await editor.csrf() },
      });
      assert.equal(same.status, 200);
      assert.deepEqual(same.json<{ changes: unknown[] }>().changes, []);

      // Reprocessing from resolution rebuilds every event from its reports: the editor's values stand.
      await reprocess({ store, config, clock: systemClock() }, 'resolve');
      const after = await api();
      assert.deepEqual(
        [after.title, after.category, after.date?.start, after.place?.name],
        [fields.title, 'Political', '2025-09-09', 'Paris'],
      );

      // The API clears the place; undoing the title puts the reports' title back.
      const cleared = await editor.send('POST', `/api/v1/events/${councilEvent}/edit`, {
        body: { place: '', undo: ['title'], note: null },
        headers: { 'x-csrf-token': await editor.csrf() },
      });
      assert.equal(cleared.status, 200);
      const changes = cleared.json<{ changes: { field: string; after: string; undone: boolean }[] }>()
        .changes;
      assert.deepEqual(
        changes.map((c) => [c.field, c.undone]),
        [
          ['place', false],
          ['title', true],
        ],
      );
      const undone = await api();
      assert.equal(undone.title, original.title);
      assert.equal(undone.place, null);
      const audit = (await editor.get('/api/v1/audit')).json<{
        entries: { action: string; actor: string; detail: Record<string, unknown> }[];
      }>().entries;
      assert.ok(audit.some((e) => e.action === 'event-edit-undo' && e.detail.field === 'title'));
      // Title, date and place, the category unless it stood already, and the cleared place.
      assert.equal(
        audit.filter((e) => e.action === 'event-edit' && e.actor === EDITOR.name).length,
        original.category === 'Political' ? 4 : 5,
      );
    });

    it('locks an account after repeated failed logins, revokes sessions, changes passwords', async () => {
      const deps = { store, clock: systemClock() };
      await addUser(deps, { name: 'lock', role: 'editor', password: 'the right password' }, 'test');
      const client = new Client(base);
      for (let i = 0; i < LOCK_AFTER_FAILURES; i++)
        assert.equal((await client.logIn('lock', `wrong password ${i}`)).status, 401);
      const locked = await client.logIn('lock', 'the right password');
      assert.equal(locked.status, 423);
      assert.match(locked.text, /locked after 5 failed logins/);
      assert.equal(client.cookies.has('corroborate_session'), false);

      // Revocation: disabling an account ends its sessions at once.
      await addUser(deps, { name: 'gone', role: 'editor', password: 'a good long password' }, 'test');
      const a = new Client(base);
      assert.equal((await a.logIn('gone', 'a good long password')).status, 303);
      assert.equal((await a.get('/editor')).status, 200);
      await setUserDisabled(deps, 'gone', true, 'test');
      assert.equal((await a.get('/editor')).status, 401);
      assert.equal((await a.logIn('gone', 'a good long password')).status, 401);

      // A password change ends the account's other sessions; the old password stops working.
      await addUser(deps, { name: 'mover', role: 'editor', password: 'first password here' }, 'test');
      const one = new Client(base);
      const two = new Client(base);
      await one.logIn('mover', 'first password here');
      await two.logIn('mover', 'first password here');
      const short = await one.postForm('/account/password', '/account/password', {
        current: 'first password here',
        password: 'short',
        confirm: 'short',
      });
      assert.equal(short.status, 400);
      const changed = await one.postForm('/account/password', '/account/password', {
        current: 'first password here',
        password: 'second password here',
        confirm: 'second password here',
      });
      assert.equal(changed.status, 200);
      assert.match(changed.text, /1 other sessions/);
      assert.equal((await one.get('/editor')).status, 200);
      assert.equal((await two.get('/editor')).status, 401);
      assert.equal((await new Client(base).logIn('mover', 'first password here')).status, 401);
      assert.equal((await new Client(base).logIn('mover', 'second password here')).status, 303);
    });
  });
}
