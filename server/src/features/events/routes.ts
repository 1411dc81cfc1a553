import { Router } from 'express';
import { api } from '@hearth/contracts';
import { viewerOf } from '../../auth/viewer.ts';
import type { LiveEventsService } from './service.ts';

// Proxies close idle connections; a comment line every 25 s keeps the stream open through them.
const HEARTBEAT_MS = 25_000;

/** GET /events: server-sent events, authenticated like every API call (Authorization header). */
export function eventsRoutes(live: LiveEventsService): Router {
  const router = Router();
  router.get(api.events.path, async (req, res) => {
    const viewer = viewerOf(res);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const remove = await live.open({
      viewer,
      send: (event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      close: () => res.end(),
    });
    // Sent once listening, so a client knows no event after this point is missed.
    res.write('retry: 5000\nevent: ready\ndata: {}\n\n');
    req.on('close', () => {
      clearInterval(heartbeat);
      remove();
    });
  });
  return router;
}
