import { Router } from 'express';
import { api } from '@hearth/contracts';
import { credentialExpiry, viewerOf } from '../../auth/viewer.ts';
import type { LiveEventsService } from './service.ts';

// Proxies close idle connections; a comment line every 25 s (EVENT_HEARTBEAT_MS) keeps the stream
// open through them, and tells the client the stream is alive (it reconnects after a long silence).
const HEARTBEAT_MS = 25_000;

/**
 * GET /events: server-sent events, authenticated like every API call (Authorization header).
 *
 * Every event has an `id:`, its place in the event outbox (ids increase in commit order), and
 * `ready` carries the id the stream starts after. A client that reconnects with the last id it
 * had, in the `Last-Event-ID` header or `?lastEventId=` (the widgets' fetch-based client uses the
 * query, which needs no CORS preflight header), is first replayed the events it missed that its
 * person may see, then hears live ones: nothing lost, nothing twice. When they cannot be replayed
 * (kept EVENT_OUTBOX_HOURS only; an unknown or malformed id; too far behind) the stream says
 * `reset` (with the id it goes on from) and the client reloads what it shows.
 *
 * The stream ends when the token that opened it expires, with a last `expired` event. `ready`
 * says how long it has (`expiresIn`), so the page opens its next stream with a fresh token just
 * before; a page that could not reconnects after the end with its last id and misses nothing.
 */
/**
 * An event as its stream lines, serialized once however many streams it goes to: live delivery
 * hands every stream the same object (bench:live: 10,000 JSON.stringify calls per event).
 */
const frames = new WeakMap<object, string>();
function frame(type: string, data: object, id: number): string {
  let text = frames.get(data);
  if (text === undefined) {
    text = `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    frames.set(data, text);
  }
  return text;
}

export function eventsRoutes(live: LiveEventsService, { heartbeatMs = HEARTBEAT_MS } = {}): Router {
  const router = Router();
  router.get(api.events.path, async (req, res) => {
    const viewer = viewerOf(res);
    const expiresAt = credentialExpiry(res);
    const header = req.get('last-event-id');
    const query = typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined;
    // The header wins, as EventSource sends it; a repeated or empty one is malformed (reset).
    const lastEventId = header ?? (req.query.lastEventId === undefined ? undefined : (query ?? ''));
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    let remove: (() => void) | null = null;
    let closed = false;
    req.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      remove?.();
    });
    const write = (type: string, data: object, id: number, head = '') => {
      if (!res.writableEnded) res.write(`${head}${frame(type, data, id)}`);
    };
    try {
      remove = await live.open(
        {
          viewer,
          expiresAt,
          // Sent once listening, so a client knows no event after this point is missed; with how
          // long the stream has (ms, free of clock differences), so it can open the next one before.
          ready: (id) => {
            const ready = expiresAt === undefined ? {} : { expiresIn: Math.max(0, expiresAt - Date.now()) };
            write('ready', ready, id, 'retry: 5000\n');
          },
          reset: (id) => write('reset', { type: 'reset', reason: 'the events since your last one cannot be replayed: reload what you show' }, id),
          send: (event, id) => write(event.type, event, id),
          close: () => res.end(),
          expire: () => {
            clearInterval(heartbeat);
            if (!res.writableEnded) res.end('event: expired\ndata: {"reason":"your sign-in token expired: connect again with a fresh one"}\n\n');
          },
        },
        lastEventId,
      );
    } catch {
      // The outbox could not be read (the database is away): the client reconnects later.
      clearInterval(heartbeat);
      res.end();
      return;
    }
    if (closed) remove();
  });
  return router;
}
