import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type RequestHandler } from 'express';
import type { Db } from '../db/index.ts';
import { ping } from '../db/index.ts';

/**
 * Where an instance is in its life: `starting` (listening for health checks only, while the
 * database opens, migrations run and the event bus starts listening), `ready`, `draining` (told to
 * stop: still answering, but no longer asking for traffic). docs/deploy.md.
 */
export type Phase = 'starting' | 'ready' | 'draining';

/** The last block of a live stream when its instance stops: clients reconnect (to another). */
export const SHUTDOWN_EVENT = 'event: shutdown\ndata: {"type":"shutdown","reason":"this server is stopping: connect again with your last event id (another server answers)"}\n\n';

export type Lifecycle = ReturnType<typeof lifecycle>;

/**
 * An instance's readiness and its open responses. `/healthz` is liveness (the process answers and,
 * once started, its database too); `/readyz` is readiness (send it traffic): 200 only when `ready`
 * and the database answers, 503 while starting or draining.
 */
export function lifecycle(phase: Phase = 'starting') {
  /** The responses not yet finished: the event streams among them get SHUTDOWN_EVENT. */
  const open = new Set<ServerResponse>();
  const cacheless = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return {
    get phase() {
      return phase;
    },
    ready() {
      if (phase === 'starting') phase = 'ready';
    },
    drain() {
      phase = 'draining';
    },

    /** Every request's response, until it ends (`app.use` it first). */
    track: ((_req, res, next) => {
      open.add(res);
      res.once('close', () => open.delete(res));
      next();
    }) as RequestHandler,

    /** Writes SHUTDOWN_EVENT to every open event stream; resolves to how many. */
    endStreams(): number {
      let count = 0;
      for (const res of open) {
        if (res.headersSent && !res.writableEnded && String(res.getHeader('content-type')).startsWith('text/event-stream')) {
          res.write(SHUTDOWN_EVENT);
          count++;
        }
      }
      return count;
    },

    /** `/healthz` and `/readyz`, with the database once it is open. */
    routes(db: Db): Router {
      const router = Router();
      router.get('/healthz', async (_req, res) => {
        await ping(db);
        res.set('Cache-Control', 'no-store').json({ status: 'ok', database: db.kind, ...(phase === 'draining' ? { phase } : {}) });
      });
      router.get('/readyz', async (_req, res) => {
        if (phase !== 'ready') return cacheless(res, 503, { status: phase });
        const up = await ping(db).then(() => true, () => false);
        cacheless(res, up ? 200 : 503, { status: up ? 'ready' : 'database unavailable', database: db.kind });
      });
      return router;
    },

    /**
     * What answers before the app exists: `/healthz` 200 (alive, starting), `/readyz` and anything
     * else 503 with Retry-After (a load balancer tries another instance).
     */
    starting(req: IncomingMessage, res: ServerResponse) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/healthz' && req.method === 'GET') return cacheless(res, 200, { status: 'starting' });
      res.setHeader('retry-after', '1');
      if (path === '/readyz') return cacheless(res, 503, { status: 'starting' });
      res.writeHead(503, { 'content-type': 'application/problem+json', 'cache-control': 'no-store', 'retry-after': '1' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'this server is starting: try again in a moment' }));
    },
  };
}
