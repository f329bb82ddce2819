/** createApp(deps): builds the web app (pages and JSON API) without listening, so tests call it in-process. */
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_CONFIG } from '../config/config.ts';
import type { AppDeps } from './app-deps.ts';
import { eventsApi } from './api/events-api.ts';
import { feeds } from './api/feeds.ts';
import { exportsApi } from './api/exports-api.ts';
import { statusFor } from './error-status.ts';
import { assets } from './pages/assets.ts';
import { eventPage } from './pages/event-page.ts';
import { homePage } from './pages/home-page.ts';
import { methodologyPage } from './pages/methodology-page.ts';
import { storiesPage } from './pages/stories-page.ts';
import { storyPage } from './pages/story-page.ts';
import { html } from './views/html.ts';
import { layout } from './views/layout.ts';

/** Returns the app, ready for `inject` or `listen`. */
export function createApp(deps: AppDeps, opts: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    );
  });
  app.setErrorHandler(async (err, req, reply) => {
    const { status, message } = statusFor(err);
    if (status >= 500) req.log.error(err);
    if (req.url.startsWith('/api/')) return reply.status(status).send({ error: message, status });
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        layout(
          { title: `Error ${status}`, sample: false },
          html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1><p>${message}</p><p><a href="/">All events</a></p>`,
        ).value,
      );
  });
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not found', status: 404 });
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        layout(
          { title: 'Not found', sample: false },
          html`<h1>Not found</h1><p><a href="/">All events</a></p>`,
        ).value,
      );
  });
  assets(app);
  homePage(app, deps);
  eventPage(app, deps);
  storiesPage(app, deps);
  storyPage(app, deps);
  methodologyPage(app, deps);
  eventsApi(app, deps);
  feeds(app, deps);
  exportsApi(app, deps);
  return app;
}

/** Returns the server's dependencies for a store, reading the sample flag from its settings. */
export function depsFor(
  store: AppDeps['store'],
  confidence: AppDeps['confidence'] = DEFAULT_CONFIG.confidence,
  brief: AppDeps['brief'] = DEFAULT_CONFIG.brief,
): AppDeps {
  return {
    store,
    confidence,
    brief,
    isSample: async () => (await store.settings.get('dataset.sample')) === 'fictional',
  };
}
