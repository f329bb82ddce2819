/** One storage suite, run against every database (SQLite always; PostgreSQL when CORROBORATE_TEST_PG is set). */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CorroborateError } from '../src/domain/errors.ts';
import type { Store } from '../src/storage/store.ts';
import { testDatabases } from './support/databases.ts';
import { assessment, event, NOW, outlet, record } from './support/fixtures.ts';

for (const db of testDatabases()) {
  describe(`storage [${db.name}]`, { skip: db.skip }, () => {
    after(() => db.cleanup());
    const t = (name: string, fn: (store: Store) => Promise<void>) =>
      it(`${name} [${db.name}]`, async () => {
        const store = await db.open();
        try {
          await fn(store);
        } finally {
          await store.close();
        }
      });

    t('migrates a fresh database and reports its dialect', async (store) => {
      assert.equal(store.dialect, db.name);
      assert.equal(await store.articles.count(), 0);
    });

    t('upserts outlets and lists them by name', async (store) => {
      await store.outlets.upsert(outlet('b.example', { name: 'Beta' }), NOW);
      await store.outlets.upsert(
        outlet('a.example', { name: 'Alpha', ownerGroup: 'G', tier: 'trusted' }),
        NOW,
      );
      await store.outlets.upsert(outlet('b.example', { name: 'Beta Daily', kind: 'wire' }), NOW);
      const list = await store.outlets.list();
      assert.deepEqual(
        list.map((o) => o.name),
        ['Alpha', 'Beta Daily'],
      );
      assert.equal(list[0]?.ownerGroup, 'G');
      assert.equal(list[0]?.tier, 'trusted');
      assert.equal((await store.outlets.get('b.example'))?.kind, 'wire');
      assert.equal(await store.outlets.get('zzz'), undefined);
    });

    t('names the outlets that have stored reports, and no other', async (store) => {
      await store.outlets.upsert(outlet('a.example', { name: 'Alpha' }), NOW);
      await store.outlets.upsert(outlet('b.example', { name: 'Beta' }), NOW);
      await store.outlets.upsert(outlet('c.example', { name: 'Gamma' }), NOW);
      assert.deepEqual(await store.outlets.idsWithReports(), []);
      await store.articles.save(record('r1', 'One report.', { outletId: 'b.example' }), NOW);
      await store.articles.save(record('r2', 'Another report.', { outletId: 'b.example' }), NOW);
      await store.articles.save(record('r3', 'A report of no known outlet.'), NOW);
      assert.deepEqual(await store.outlets.idsWithReports(), ['b.example']);
    });

    t('keeps the other names an outlet goes by, and none for one that has none', async (store) => {
      await store.outlets.upsert(outlet('c.example', { name: 'Gamma Press', aliases: ['GP', 'Gamma'] }), NOW);
      await store.outlets.upsert(outlet('d.example', { name: 'Delta' }), NOW);
      assert.deepEqual((await store.outlets.get('c.example'))?.aliases, ['GP', 'Gamma']);
      assert.equal((await store.outlets.get('d.example'))?.aliases, undefined);
    });

    t('saves an article once, skips the same content, and adds a version when it changes', async (store) => {
      const first = record('a1', 'The council met on Tuesday.');
      assert.deepEqual(await store.articles.save(first, NOW), { kind: 'inserted' });
      assert.deepEqual(await store.articles.save(first, NOW), { kind: 'unchanged' });
      const changed = record('a1', 'The council met on Tuesday and agreed a budget.', {
        contentHash: 'other',
      });
      assert.deepEqual(await store.articles.save(changed, NOW), { kind: 'new-version', version: 2 });
      const a = await store.articles.get('a1');
      assert.equal(a?.version, 2);
      assert.equal(a?.text, 'The council met on Tuesday and agreed a budget.');
      assert.equal(await store.articles.count(), 1);
      const [rec] = await store.articles.records(['a1']);
      assert.equal(rec?.extracted.text, changed.extracted.text);
      assert.deepEqual(rec?.shingles, [1, 2, 3]);
      assert.deepEqual(
        [...(await store.articles.contentHashes(['a1', 'missing'])).entries()],
        [['a1', 'other']],
      );
      // The copy index holds the current version only, and finds it from the same shingles.
      const found = await store.articles.copyCandidates([1, 2, 3]);
      assert.deepEqual(
        found.map((f) => [f.articleId, f.shingles]),
        [['a1', [1, 2, 3]]],
      );
      assert.deepEqual(await store.articles.copyCandidates([1, 2, 3], 'a1'), []);
    });

    t('finds copy candidates by MinHash bands among many reports, not unrelated ones', async (store) => {
      await store.outlets.upsert(outlet('x.example'), NOW);
      const words = (seed: number, n: number) =>
        Array.from({ length: n }, (_, i) => ((seed * 7919 + i * 104729) % 1000003) + 1);
      for (let k = 0; k < 40; k++)
        await store.articles.save(
          { ...record(`u${k}`, `text ${k}`), shingles: words(k + 1, 120).sort((a, b) => a - b) },
          NOW,
        );
      const origin = words(999, 150);
      await store.articles.save(
        { ...record('orig', 'origin'), shingles: [...origin].sort((a, b) => a - b) },
        NOW,
      );
      // A reprint keeping 70% of the origin's shingles and adding 20 of its own.
      const reprint = [...origin.slice(0, 105), ...words(555, 20)].sort((a, b) => a - b);
      const found = await store.articles.copyCandidates(reprint);
      assert.deepEqual(
        found.map((f) => f.articleId),
        ['orig'],
      );
    });

    t('keeps events with reports, counts and newest-first order', async (store) => {
      await store.outlets.upsert(outlet('x.example'), NOW);
      await store.outlets.upsert(outlet('y.example'), NOW);
      for (const [id, o] of [
        ['r1', 'x.example'],
        ['r2', 'x.example'],
        ['r3', 'y.example'],
      ] as const)
        await store.articles.save(record(id, `text ${id}`, { outletId: o }), NOW);
      const older = event('e-old', { date: { start: '2025-01-01', end: '2025-01-01', precision: 'day' } });
      const newer = event('e-new', {
        date: { start: '2025-03-01', end: '2025-03-02', precision: 'day' },
        place: { name: 'Geneva', country: 'CH', lat: null, lon: null, role: 'occurred', precision: 'city' },
      });
      await store.events.put(older.event, older.profile);
      await store.events.put(newer.event, newer.profile);
      for (const [a, e] of [
        ['r1', 'e-new'],
        ['r2', 'e-new'],
        ['r3', 'e-new'],
      ])
        await store.events.addReport({
          eventId: e as string,
          articleId: a as string,
          score: 0.5,
          tone: null,
          joinedAt: NOW,
        });
      const ov = await store.events.overview();
      assert.deepEqual(
        ov.map((o) => o.event.id),
        ['e-new', 'e-old'],
      );
      assert.equal(ov[0]?.articleCount, 3);
      assert.equal(ov[0]?.outletCount, 2);
      assert.equal(ov[1]?.articleCount, 0);
      assert.deepEqual(ov[0]?.event.place?.name, 'Geneva');
      assert.deepEqual(await store.events.assignments(), { r1: 'e-new', r2: 'e-new', r3: 'e-new' });
      await store.events.addReport({
        eventId: 'e-old',
        articleId: 'r3',
        score: 0.9,
        tone: 'likely',
        joinedAt: NOW,
      });
      assert.equal((await store.events.reports('e-new')).length, 2);
      assert.equal((await store.events.reports('e-old'))[0]?.tone, 'likely');
      const [withProfile] = (await store.events.withProfiles()).filter((e) => e.event.id === 'e-old');
      assert.deepEqual(withProfile?.profile.names, { geneva: 1 });
    });

    t('appends an assessment only when it changes, keeping the history', async (store) => {
      const e = event('e1');
      await store.events.put(e.event, e.profile);
      assert.equal(
        await store.events.saveAssessment(assessment('e1', 'Unconfirmed', 1, '2025-05-01T00:00:00Z')),
        true,
      );
      assert.equal(
        await store.events.saveAssessment(assessment('e1', 'Unconfirmed', 1, '2025-05-02T00:00:00Z')),
        false,
      );
      assert.equal(
        await store.events.saveAssessment(assessment('e1', 'Likely', 2, '2025-05-03T00:00:00Z')),
        true,
      );
      const h = await store.events.history('e1');
      assert.deepEqual(
        h.map((a) => a.level),
        ['Unconfirmed', 'Likely'],
      );
      assert.equal((await store.events.overview())[0]?.assessment?.level, 'Likely');
    });

    t('threads events into stories', async (store) => {
      await store.stories.put({ id: 's1', title: 'Water talks', createdAt: NOW, updatedAt: NOW });
      const e = event('e1', { storyId: 's1' });
      await store.events.put(e.event, e.profile);
      assert.equal((await store.events.get('e1'))?.storyId, 's1');
      assert.equal((await store.stories.get('s1'))?.title, 'Water talks');
      assert.equal((await store.stories.list()).length, 1);
    });

    t('rolls back a failed transaction, keeping what was stored before', async (store) => {
      await store.articles.save(record('keep', 'stored before'), NOW);
      await assert.rejects(
        store.transaction(async (repos) => {
          await repos.articles.save(record('lost', 'never committed'), NOW);
          throw new CorroborateError('bad-input', 'boom', 'test');
        }),
        /boom/,
      );
      assert.equal(await store.articles.count(), 1);
      assert.equal((await store.articles.get('keep'))?.text, 'stored before');
    });

    t('records settings and audit entries', async (store) => {
      await store.settings.set('dataset.sample', 'fictional');
      await store.settings.set('dataset.sample', 'no');
      assert.equal(await store.settings.get('dataset.sample'), 'no');
      assert.equal(await store.settings.get('missing'), undefined);
      await store.audit.record({
        at: NOW,
        actor: 'test',
        action: 'ingest',
        subject: { kind: 'batch', id: '3' },
        detail: { inserted: 3 },
      });
      const [entry] = await store.audit.recent();
      assert.equal(entry?.action, 'ingest');
      assert.deepEqual(entry?.detail, { inserted: 3 });
    });

    t('keeps feeds with their polling state, due feeds first', async (store) => {
      const feed = {
        id: 'f1',
        url: 'https://a.example/feed.xml',
        outletId: null,
        pollIntervalSeconds: 900,
        etag: null,
        lastModified: null,
        lastStatus: null,
        consecutiveErrors: 0,
        lastError: null,
        nextPollAt: '2025-05-01T10:00:00Z',
      };
      await store.feeds.put(feed, NOW);
      await store.feeds.put(
        { ...feed, id: 'f2', url: 'https://b.example/rss', nextPollAt: '2025-05-02T10:00:00Z' },
        NOW,
      );
      await store.feeds.put(
        { ...feed, consecutiveErrors: 2, lastError: { kind: 'timeout', message: 'no answer in 30 s' } },
        NOW,
      );
      assert.deepEqual(
        (await store.feeds.due('2025-05-01T12:00:00Z')).map((f) => f.id),
        ['f1'],
      );
      assert.deepEqual((await store.feeds.list())[0]?.lastError, {
        kind: 'timeout',
        message: 'no answer in 30 s',
      });
      assert.equal(await store.feeds.remove('f2'), true);
      assert.equal(await store.feeds.remove('f2'), false);
    });

    t('keeps accounts and sessions, collapses repeated submissions, reviews once', async (store) => {
      const user = {
        id: 'u1',
        login: 'ed',
        name: 'Ed',
        email: 'Editor@Example.org',
        role: 'editor' as const,
        createdAt: NOW,
        disabledAt: null,
        passwordChangedAt: NOW,
      };
      await store.users.create(user, 'hash-1');
      assert.equal((await store.users.byLogin('ed'))?.passwordHash, 'hash-1');
      await assert.rejects(store.users.create({ ...user, id: 'u2', email: null }, 'hash-2'));
      assert.equal(await store.users.failedLogin('u1'), 1);
      assert.equal(await store.users.failedLogin('u1'), 2);
      await store.users.setPassword('u1', 'hash-3', NOW);
      assert.equal((await store.users.byId('u1'))?.failedLogins, 0);

      const session = { userId: 'u1', csrf: 'c', createdAt: NOW, seenAt: NOW, expiresAt: '2099-01-01' };
      await store.sessions.create('t1', session);
      await store.sessions.create('t2', session);
      assert.equal(await store.sessions.revokeAll('u1', NOW, 't2'), 1);
      assert.equal((await store.sessions.get('t1'))?.revokedAt, NOW);
      assert.equal((await store.sessions.get('t2'))?.revokedAt, null);

      const submission = {
        id: 's1',
        url: 'https://c.example/x?utm_source=a',
        canonicalUrl: 'https://c.example/x',
        eventId: null,
        note: 'another source',
        submittedBy: null,
        status: 'pending' as const,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: NOW,
        times: 1,
        articleId: null,
        fetchState: 'queued' as const,
        fetchError: null,
        reason: null,
      };
      assert.deepEqual(
        await store.submissions.submit({ ...submission, id: 's0', canonicalUrl: 'https://c.example/0' }, 1),
        {
          submission: { ...submission, id: 's0', canonicalUrl: 'https://c.example/0' },
          repeat: false,
        },
      );
      assert.deepEqual(await store.submissions.submit(submission, 1), { full: 1 });
      await store.submissions.review('s0', 'rejected', 'u1', NOW, 'test');
      assert.equal(((await store.submissions.submit(submission, 1)) as { repeat: boolean }).repeat, false);
      const again = (await store.submissions.submit({ ...submission, id: 's2' }, 1)) as {
        repeat: boolean;
        submission: { id: string; times: number };
      };
      assert.deepEqual([again.repeat, again.submission.id, again.submission.times], [true, 's1', 2]);
      assert.equal(await store.submissions.pendingCount(), 1);
      assert.equal((await store.submissions.queuedForFetch(10)).length, 1);
      await store.submissions.fetched('s1', { error: 'refused: a private address' });
      assert.equal(await store.submissions.input('s1'), null);
      assert.equal((await store.submissions.queuedForFetch(10)).length, 0);
      assert.equal(await store.submissions.review('s1', 'rejected', 'u1', NOW, 'an aggregator'), true);
      assert.equal(await store.submissions.review('s1', 'approved', 'u1', NOW), false);
      const rejected = (await store.submissions.withStatus('rejected')).find((r) => r.id === 's1');
      assert.deepEqual([rejected?.reviewedBy, rejected?.reason, rejected?.times], ['u1', 'an aggregator', 2]);
    });

    /** The first horizon from `h` on past which nothing is told (waiting for older transactions to end). */
    async function untilQuiet(store: Store, h: number): Promise<{ horizon: number }> {
      const give = Date.now() + 60_000;
      for (;;) {
        const c = await store.events.changedSince(h);
        if (!c.events.length && !c.removed.length) return c;
        assert.ok(Date.now() < give, `changes still told after a minute: ${c.events.map((e) => e.event.id)}`);
        h = c.horizon;
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    t('tells what events changed since a horizon, and which were deleted', async (store) => {
      const start = await store.events.changeHorizon();
      const a = event('e-a');
      const b = event('e-b');
      await store.events.put(a.event, a.profile);
      await store.events.put(b.event, b.profile);
      const first = await store.events.changedSince(start);
      assert.deepEqual(first.events.map((e) => e.event.id).sort(), ['e-a', 'e-b']);
      assert.deepEqual(first.removed, []);
      assert.deepEqual(first.events.find((e) => e.event.id === 'e-a')?.profile, a.profile);
      // A change is told until the horizon passes it: on PostgreSQL, once no transaction older than it runs
      // (other tests' may, on the same server); then nothing is told until something changes.
      const quiet = await untilQuiet(store, first.horizon);
      // Its assessed fields and a count of editorial actions are not what a cached event holds.
      await store.events.putFields('e-a', {
        date: [],
        place: [],
        participants: [],
        category: [],
        numbers: {},
      });
      assert.deepEqual((await store.events.changedSince(quiet.horizon)).events, []);
      // An editor's title, the resolver's profile, a deletion: each is told.
      await store.events.setEdit({
        eventId: 'e-a',
        field: 'title',
        value: 'An edited title',
        decidedBy: 'u1',
        note: null,
        at: NOW,
      });
      const edited = await store.events.changedSince(quiet.horizon);
      assert.deepEqual(
        edited.events.map((e) => [e.event.id, e.event.title]),
        [['e-a', 'An edited title']],
      );
      const calm = await untilQuiet(store, edited.horizon);
      await store.events.put(b.event, { ...b.profile, terms: { talks: 1, truce: 2 } });
      await store.events.retire('e-a', 'e-b');
      const later = await store.events.changedSince(calm.horizon);
      assert.deepEqual(later.removed, ['e-a']);
      assert.deepEqual(
        later.events.map((e) => [e.event.id, e.profile.terms]),
        [['e-b', { talks: 1, truce: 2 }]],
      );
    });

    t(
      'prunes deletions older than asked, and tells a reader from before them to read everything',
      async (store) => {
        const a = event('e-p1');
        const b = event('e-p2');
        await store.events.put(a.event, a.profile);
        await store.events.put(b.event, b.profile);
        const before = await store.events.changeHorizon();
        await store.events.retire('e-p1', 'e-p2');
        const hourAgo = new Date(Date.now() - 3600_000).toISOString();
        assert.equal(await store.events.pruneRemovals(hourAgo), 0, 'a deletion of now is kept');
        const told = await store.events.changedSince(before);
        assert.deepEqual([told.removed, told.complete], [['e-p1'], true]);
        assert.equal(await store.events.pruneRemovals(new Date(Date.now() + 60_000).toISOString()), 1);
        const after = await store.events.changedSince(before);
        assert.deepEqual([after.removed, after.complete], [[], false]);
        // A horizon taken once the pruned deletion is behind every running transaction is complete again.
        const give = Date.now() + 60_000;
        let h = after.horizon;
        while (!(await store.events.changedSince(h)).complete) {
          assert.ok(Date.now() < give, 'changes still incomplete a minute after the pruning');
          await new Promise((r) => setTimeout(r, 20));
          h = await store.events.changeHorizon();
        }
        assert.equal(await store.events.pruneRemovals(new Date(Date.now() + 60_000).toISOString()), 0);
      },
    );

    t('keeps an event to thread after its assessment cleared it, until threading does', async (store) => {
      await store.events.markPending(['e-1', 'e-2'], NOW);
      // Assessment (of another run) reads and clears the marks before this run threads its events.
      await store.events.clearPending(await store.events.pendingMarks());
      assert.deepEqual(await store.events.pending(), []);
      assert.deepEqual(await store.events.unthreaded(), ['e-1', 'e-2']);
      await store.events.clearUnthreaded(['e-1']);
      assert.deepEqual(await store.events.unthreaded(), ['e-2']);
      await store.events.markPending(['e-2', 'e-3'], NOW);
      assert.deepEqual(await store.events.unthreaded(), ['e-2', 'e-3']);
    });
  });
}
