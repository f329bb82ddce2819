/** createApp(deps): builds the web app (pages and JSON API) without listening, so tests call it in-process. */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DEFAULT_CONFIG } from '../config/config.ts';
import { systemClock } from '../lib/clock.ts';
import type { AppDeps } from './app-deps.ts';
import { entitiesApi } from './api/entities-api.ts';
import { eventsApi } from './api/events-api.ts';
import { feeds } from './api/feeds.ts';
import { exportsApi } from './api/exports-api.ts';
import { replyWithError, statusFor } from './error-status.ts';
import { accessControl, type Access } from './access.ts';
import { editorialState } from './editorial-state.ts';
import { httpCache } from './http-cache.ts';
import { adminPages } from './pages/admin-pages.ts';
import { jobsPages } from './pages/jobs-page.ts';
import { editorActions } from './pages/editor-actions.ts';
import { editorPages } from './pages/editor-pages.ts';
import { loginPages } from './pages/login-page.ts';
import { submitPage } from './pages/submit-page.ts';
import { webUrls } from './web-urls.ts';
import { DEFAULT_LOAD_LIMITS, loadShed, type LoadLimits } from './load-shed.ts';
import { openApi, recordRoutes } from './api/openapi.ts';
import { outletsApi } from './api/outlets-api.ts';
import { assets } from './pages/assets.ts';
import { entityPage } from './pages/entity-page.ts';
import { eventPage } from './pages/event-page.ts';
import { homePage } from './pages/home-page.ts';
import { mapPage } from './pages/map-page.ts';
import { methodologyPage } from './pages/methodology-page.ts';
import { qualityPage } from './pages/quality-page.ts';
import { outletPage } from './pages/outlet-page.ts';
import { searchPage } from './pages/search-page.ts';
import { sourcesPage } from './pages/sources-page.ts';
import { searchApi } from './api/search-api.ts';
import { storiesPage } from './pages/stories-page.ts';
import { storyPage } from './pages/story-page.ts';

/** What pages may load: only this site's own scripts, styles and images. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Returns the app, ready for `inject` or `listen`; `load` overrides the in-flight bounds (tests), `https`
 * serves over TLS, `routes` declares routes the caller adds.
 */
export function createApp(
  deps: AppDeps,
  opts: {
    logger?: boolean;
    load?: Partial<LoadLimits>;
    https?: { key: string; cert: string };
    /** Routes the caller adds beyond the app's own, with who may use them (access.ts). */
    routes?: Record<string, Access>;
  } = {},
): FastifyInstance {
  const app = Fastify({
    ...(opts.https ? { https: opts.https } : {}),
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    // A bad percent-encoding in the path is answered like any bad request, in the route's format.
    frameworkErrors: (err, req, reply) => {
      const { status, message } = statusFor(err);
      securityHeaders(req, reply);
      replyWithError(req, reply, status, message);
    },
  });
  recordRoutes(app);
  accessControl(app, deps, opts.routes);
  // HTML forms: a small urlencoded body read as a plain object; a name given more than once (checkboxes)
  // holds the list of its values.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => done(null, formFields(body as string)),
  );
  loadShed(app, { ...DEFAULT_LOAD_LIMITS, ...opts.load });
  webUrls(app); // before httpCache: the ETag is of the body as sent
  httpCache(app);
  app.addHook('onSend', (req, reply, payload, done) => {
    securityHeaders(req, reply);
    done(null, payload);
  });
  app.setErrorHandler(async (err, req, reply) => {
    const { status, message } = statusFor(err);
    if (status >= 500) req.log.error(err);
    return replyWithError(req, reply, status, message);
  });
  app.setNotFoundHandler(async (req, reply) => replyWithError(req, reply, 404, 'not found'));
  openApi(app);
  assets(app);
  homePage(app, deps);
  eventPage(app, deps);
  storiesPage(app, deps);
  storyPage(app, deps);
  methodologyPage(app, deps);
  mapPage(app, deps);
  qualityPage(app, deps);
  searchPage(app, deps);
  sourcesPage(app, deps);
  searchApi(app, deps);
  eventsApi(app, deps);
  entityPage(app, deps);
  outletPage(app, deps);
  entitiesApi(app, deps);
  outletsApi(app, deps);
  feeds(app, deps);
  exportsApi(app, deps);
  const editorial = editorialState(app, deps);
  submitPage(app, deps, editorial);
  loginPages(app, deps, editorial);
  editorPages(app, deps);
  editorActions(app, deps);
  adminPages(app, deps);
  jobsPages(app, deps);
  return app;
}

/** The fields of an urlencoded form: one value a name, or the list of them for a name repeated. */
function formFields(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of new URLSearchParams(body)) {
    const had = out[k];
    out[k] = had === undefined ? v : [...[had].flat(), v];
  }
  return out;
}

/** Sets the headers every answer carries. */
function securityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  void reply.header('X-Content-Type-Options', 'nosniff');
  void reply.header('Referrer-Policy', 'no-referrer');
  void reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  // Only over TLS: a browser ignores HSTS sent over plain HTTP, and a local server must stay reachable by it.
  if (req.protocol === 'https') void reply.header('Strict-Transport-Security', 'max-age=31536000');
}

/** Returns the server's dependencies for a store, reading the sample flag from its settings. */
export function depsFor(
  store: AppDeps['store'],
  confidence: AppDeps['confidence'] = DEFAULT_CONFIG.confidence,
  brief: AppDeps['brief'] = DEFAULT_CONFIG.brief,
  config: AppDeps['config'] = DEFAULT_CONFIG,
): AppDeps {
  return {
    store,
    confidence,
    brief,
    config,
    clock: systemClock(),
    isSample: async () => (await store.settings.get('dataset.sample')) === 'fictional',
  };
}
