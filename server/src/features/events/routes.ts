import { Router } from 'express';
import { api } from '@hearth/contracts';
import { credentialExpiry, viewerOf } from '../../auth/viewer.ts';
import type { LiveEventsService } from './service.ts';

// Proxies close idle connections; a comment line every 25 s keeps the stream open through them.
const HEARTBEAT_MS = 25_000;

/**
 * GET /events: server-sent events, authenticated like every API call (Authorization header).
 * The stream ends when the token that opened it expires, with a last `expired` event. `ready`
 * says how long it has (`expiresIn`), so the page opens its next stream with a fresh token just
 * before and misses nothing; a page that could not reconnects after the end and reloads what it
 * shows, as events between two streams are not replayed.
 */
export function eventsRoutes(live: LiveEventsService): Router {
  const router = Router();
  router.get(api.events.path, async (req, res) => {
    const viewer = viewerOf(res);
    const expiresAt = credentialExpiry(res);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const remove = await live.open({
      viewer,
      expiresAt,
      send: (event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      close: () => res.end(),
      expire: () => {
        clearInterval(heartbeat);
        if (!res.writableEnded) res.end('event: expired\ndata: {"reason":"your sign-in token expired: connect again with a fresh one"}\n\n');
      },
    });
    // Sent once listening, so a client knows no event after this point is missed; with how long
    // the stream has (ms, free of clock differences), so it can open the next one before.
    const ready = expiresAt === undefined ? {} : { expiresIn: Math.max(0, expiresAt - Date.now()) };
    res.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify(ready)}\n\n`);
    req.on('close', () => {
      clearInterval(heartbeat);
      remove();
    });
  });
  return router;
}
