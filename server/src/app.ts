import express, { Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { api, API_PREFIX } from '@hearth/contracts';
import type { Config } from './config.ts';
import { serverDir } from './paths.ts';
import type { Db } from './db/index.ts';
import { lifecycle as newLifecycle, type Lifecycle } from './http/health.ts';
import { authenticate } from './auth/authenticate.ts';
import { demoRoutes, demoSecret } from './auth/demo.ts';
import { createVerifier } from './auth/tokens.ts';
import { withIdpTokens } from './auth/idp.ts';
import { proxyAuthenticate } from './auth/proxy.ts';
import { logSerializers, oidcSignIn } from './auth/oidc.ts';
import { errorHandler, notFoundHandler } from './http/problem.ts';
import { openApiDocument } from './http/openapi.ts';
import { DEMO_PAGE_CSP, securityHeaders } from './http/security.ts';
import { apiCors } from './http/cors.ts';
import { embedRoutes } from './http/embed.ts';
import { widgetAssets } from './http/widgets.ts';
import { communitiesService } from './features/communities/service.ts';
import { communitiesRoutes } from './features/communities/routes.ts';
import { peopleService, personCardsService } from './features/people/service.ts';
import { peopleRoutes } from './features/people/routes.ts';
import { postsService } from './features/posts/service.ts';
import { postsRoutes } from './features/posts/routes.ts';
import { tagsService } from './features/tags/service.ts';
import { eventBus } from './features/events/bus.ts';
import { liveEventsService } from './features/events/service.ts';
import { eventsRoutes } from './features/events/routes.ts';
import { expertsService } from './features/experts/service.ts';
import { expertsRoutes } from './features/experts/routes.ts';
import { notificationsService } from './features/notifications/service.ts';
import { notificationsRoutes } from './features/notifications/routes.ts';
import { questionsService } from './features/questions/service.ts';
import { questionsRoutes } from './features/questions/routes.ts';
import { webhookOutbox } from './features/webhooks/outbox.ts';
import { searchService } from './features/search/service.ts';
import { searchRoutes } from './features/search/routes.ts';
import { followsService } from './features/follows/service.ts';
import { followsRoutes } from './features/follows/routes.ts';
import { tagsRoutes } from './features/tags/routes.ts';
import { moderationService } from './features/moderation/service.ts';
import { moderationRoutes } from './features/moderation/routes.ts';
import { auditService } from './features/audit/service.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { createRateLimiter } from './features/limits/limiter.ts';
import { rateLimits } from './features/limits/middleware.ts';
import { scimService } from './features/scim/service.ts';
import { scimRoutes } from './features/scim/routes.ts';
import { adoptionService } from './features/adoption/service.ts';
import { adoptionRoutes } from './features/adoption/routes.ts';
import { adoptionTracker } from './features/adoption/placement.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** Readiness and draining (main.ts passes its own; tests get one that is ready). */
  lifecycle?: Lifecycle;
}

const WIDGETS_DIR = serverDir('..', 'dist', 'widgets');
const DEMO_DIR = serverDir('demo');
const EDITOR_DIR = serverDir('editor');

/** Builds the Express app. It never listens: main.ts does, and tests call it directly. */
export async function createApp({ config: given, db, logger, lifecycle = newLifecycle('ready') }: AppDeps) {
  // Demo mode without AUTH_JWT_SECRET signs with the data folder's own random secret.
  const config = given.auth.mode === 'demo' && !given.auth.secret
    ? { ...given, auth: { ...given.auth, secret: await demoSecret(db, given.dataDir) } }
    : given;
  const people = peopleService(db);
  const bus = eventBus(db);
  // Permalinks in notifications: PUBLIC_URL when set, else the origin each request came to.
  const outbox = webhookOutbox(db, config.webhook, logger);
  const notifications = notificationsService(db, { bus, links: { publicUrl: config.publicUrl }, outbox });
  const communities = communitiesService(db, { inactiveDays: config.inactiveDays, notifications });
  const live = liveEventsService(bus, { communities, outboxHours: config.eventOutboxHours });
  const posts = postsService(db, { communities, people, bus, notifications });
  const tags = tagsService(db, { communities });
  const experts = expertsService(db, { communities });
  const questions = questionsService(db, { communities, people, experts, notifications, outbox });
  const moderation = moderationService(db, { communities, notifications, bus });
  // AUTH_MODE=oidc: people sign in at the company's IdP; /auth/token gives Hearth's own tokens.
  const oidc = config.auth.mode === 'oidc' ? await oidcSignIn({ config, db, people, logger }) : undefined;
  // AUTH_MODE=proxy: the sign-in proxy's headers, from its addresses only; no tokens at all.
  const signIn = config.auth.mode === 'proxy'
    ? proxyAuthenticate(config.auth.proxy, people, config)
    : oidc ? authenticate(await oidc.verifier(), people)
    // OIDC_ISSUER: the company IdP's access tokens too, beside the portal's (auth/idp.ts).
    : authenticate(await withIdpTokens(await createVerifier(config.auth), config, logger), people);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Whose X-Forwarded-* to believe (TRUST_PROXY, off by default): decides req.secure, hence HSTS.
  app.set('trust proxy', config.trustProxy);
  // The API's answers are private and never stored (Cache-Control below): an ETag on them is
  // never used, and hashing every body cost 3% of a request's CPU. Static files keep theirs.
  app.set('etag', false);
  app.use(securityHeaders);
  if (logger.isLevelEnabled('info')) {
    app.use(pinoHttp({ logger, serializers: logSerializers, autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' } }));
  } else {
    // No request lines at this LOG_LEVEL: pino-http would still build a child logger with the
    // serialized request for each one (7% of a trivial request's CPU). Code that logs uses req.log.
    app.use((req, _res, next) => {
      req.log = logger;
      next();
    });
  }
  // Liveness (/healthz) and readiness (/readyz), and the open responses a shutdown drains (docs/deploy.md).
  app.use(lifecycle.track);
  app.use(lifecycle.routes(db));

  const v1 = Router();
  v1.use(apiCors(config.allowedOrigins));
  v1.use(express.json({ limit: '64kb' }));
  v1.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(api));
  });
  v1.use(signIn);
  v1.use((_req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    next();
  });
  // Per-person limits, shared by every instance through the database (README, "Rate limits").
  const limiter = config.rateLimits.enabled ? createRateLimiter(db, config.rateLimits.policies) : null;
  if (limiter) v1.use(rateLimits(limiter, api));
  // Reading and writing counted per person, day and placement (docs/adoption.md).
  v1.use(adoptionTracker(db));
  v1.use(eventsRoutes(live, { heartbeatMs: config.eventHeartbeatMs }));
  v1.use(peopleRoutes(people, personCardsService(db, { communities })));
  v1.use(followsRoutes(followsService(db, { communities })));
  v1.use(postsRoutes(posts));
  v1.use(tagsRoutes(tags));
  v1.use(searchRoutes(searchService(db, { communities, people })));
  v1.use(communitiesRoutes(communities));
  v1.use(questionsRoutes(questions));
  v1.use(expertsRoutes(experts));
  v1.use(notificationsRoutes(notifications));
  v1.use(moderationRoutes(moderation));
  v1.use(auditRoutes(auditService(db, { communities })));
  v1.use(adoptionRoutes(adoptionService(db, { communities, inactiveDays: config.inactiveDays })));
  app.use(API_PREFIX, v1);
  // SCIM provisioning for the identity provider (SCIM_TOKEN; without it, no endpoint: 404).
  if (config.scim.token) {
    app.use('/scim/v2', scimRoutes(scimService(db, { people, config }), { token: config.scim.token, logger }));
  }

  if (oidc) app.use('/auth', oidc.router);
  app.use(embedRoutes(config.allowedOrigins));
  // The configurator for intranet editors: pick a widget, set it up, copy the snippet.
  app.get('/editor', (_req, res) => {
    res.set('Content-Security-Policy', DEMO_PAGE_CSP).sendFile('editor.html', { root: EDITOR_DIR });
  });
  app.use('/editor', (_req, res, next) => {
    res.set('Content-Security-Policy', DEMO_PAGE_CSP);
    next();
  }, express.static(EDITOR_DIR, { index: false, maxAge: '5m' }));
  app.use('/widgets', widgetAssets(WIDGETS_DIR));

  if (config.serveDemo) {
    // The demo token endpoint stands in for a portal's own: allowed portal origins may call it too.
    if (config.auth.mode === 'demo' && config.auth.secret) app.use('/demo', apiCors(config.allowedOrigins)).use(demoRoutes(db, config.auth.secret));
    const page = (_req: express.Request, res: express.Response) => {
      res.set('Content-Security-Policy', DEMO_PAGE_CSP).sendFile('index.html', { root: DEMO_DIR });
    };
    app.get('/', page);
    app.use('/demo', (_req, res, next) => {
      res.set('Content-Security-Policy', DEMO_PAGE_CSP);
      next();
    }, express.static(DEMO_DIR, { index: false }));
  }

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  /** Ends live streams and stops listening, so the server can close and the database too. */
  app.locals.shutdown = async () => {
    live.closeAll();
    await outbox.stop();
    await bus.close();
    limiter?.stop();
  };
  /** Resolves once this instance listens for every instance's events (main.ts: before `ready`). */
  app.locals.listen = () => bus.subscribe(() => undefined);
  /** The webhook worker: main.ts starts it; tests drive it with `run()`. */
  app.locals.outbox = outbox;
  return app;
}
