import type { LiveEvent, NotificationsChangedEvent } from '@hearth/contracts';
import type { HearthSession } from './session.ts';

/**
 * A live event, or `resync`: events may have been missed (the server could not replay them, or
 * does not say ids), reload.
 */
export type LiveMessage = LiveEvent | { type: 'resync' };
export type LiveListener = (message: LiveMessage) => void;
/**
 * What the bell (`<hearth-notifications>`) listens to: the signed-in person's notifications
 * changed (it refetches the count), `resync` after a gap, and whether a stream is open (`open`,
 * `closed`: without one, it polls).
 */
export type NotificationsMessage = NotificationsChangedEvent | { type: 'resync' | 'open' | 'closed' };
type AnyMessage = LiveMessage | NotificationsMessage;
const POST_MESSAGES: ReadonlySet<string> = new Set(['post.created', 'post.updated', 'post.deleted', 'post.liked', 'resync']);
const NOTIFICATION_MESSAGES: ReadonlySet<string> = new Set(['notifications.changed', 'resync', 'open', 'closed']);

interface Connection {
  listeners: Set<(message: AnyMessage) => void>;
  stop(): void;
}

const connections = new WeakMap<HearthSession, Connection>();
/** Reconnections wait 2 s, then twice as long each time up to 30 s, each ±50 % (jitter). */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;
/** A stream that lived this long was healthy: the next reconnection waits the shortest again. */
const HEALTHY_MS = 10_000;
/**
 * The server writes at least every 25 s (a heartbeat comment); this long without a byte, the
 * connection is taken for dead (a sleeping laptop, a proxy that dropped it silently) and replaced.
 */
const SILENCE_MS = 65_000;
/**
 * After the server ended a stream because its token expired, the next one opens at once, with
 * a fresh token; a second expiry this soon after (a token the portal handed out again, say) waits
 * like any other reconnection, so a stale token cannot make the page reconnect in a loop.
 */
const EXPIRED_AGAIN_MS = 10_000;
/** A stream whose token expires is replaced this long before (a quarter of its life when shorter). */
const HANDOVER_LEAD_MS = 30_000;
/** Less time left than this, and the page waits for the server to end the stream instead. */
const HANDOVER_MIN_LEAD_MS = 500;
/** How long the old stream is still read once its successor listens. */
const HANDOVER_GRACE_MS = 1_000;
/**
 * After a server said `shutdown` (it is stopping; another instance answers), the page connects
 * again within this long, at a random moment: not after the backoff (nothing failed), but not all
 * the pages of a fleet in the same instant either, onto the instances left.
 */
const SHUTDOWN_JITTER_MS = 1_000;
/** A second `shutdown` this soon after the last one waits like any reconnection (no loop). */
const SHUTDOWN_AGAIN_MS = 10_000;

/**
 * Subscribes to the page's ONE live-event stream for a session: the first subscriber opens it,
 * the last one to leave closes it (a widget removed from a single-page app releases it). The
 * stream is fetched with the Authorization header (EventSource cannot send one, and a token
 * never goes in a URL) and reconnects with backoff and jitter. Every event has an id; a stream
 * reconnects with the last one (`?lastEventId=`), and the server replays what was missed, so
 * listeners just carry on; when it cannot (gone too long), it says `reset` and listeners
 * `resync` (reload what they show quietly). A server that sends no ids: `resync` after any gap.
 *
 * The server ends a stream when the token that opened it expires (a last `expired` event), and
 * its `ready` says when. Shortly before, the page opens the next stream with a fresh token (the
 * token provider renews it ahead of expiry), reads the old one a moment longer and closes it:
 * for that second two streams are open, then one again, and nothing is missed, so listeners
 * just carry on. A page that could not (asleep, offline, no fresh token yet) reconnects at once
 * when the server ends the stream, with its last id: the gap is replayed.
 *
 * A server that is stopping ends its streams with a last `shutdown` event: the page connects
 * again within a second (another instance answers), with its last id, and the gap is replayed.
 */
export function subscribeLive(session: HearthSession, listener: LiveListener): () => void {
  return listen(session, (message) => POST_MESSAGES.has(message.type) && listener(message as LiveMessage));
}

/** Like {@link subscribeLive}, on the same one stream, for the notifications' messages only. */
export function subscribeNotifications(session: HearthSession, listener: (message: NotificationsMessage) => void): () => void {
  return listen(session, (message) => NOTIFICATION_MESSAGES.has(message.type) && listener(message as NotificationsMessage));
}

function listen(session: HearthSession, listener: (message: AnyMessage) => void): () => void {
  let connection = connections.get(session);
  if (!connection) {
    const c: Connection = { listeners: new Set(), stop: () => undefined };
    c.stop = run(session, (message) => {
      for (const l of c.listeners) l(message);
    });
    connections.set(session, c);
    connection = c;
  }
  connection.listeners.add(listener);
  const current = connection;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.stop();
      // Only its own: called again later (a widget stopping twice), it must not drop the
      // connection that replaced it, or the next subscriber would open a second stream.
      if (connections.get(session) === current) connections.delete(session);
    }
  };
}

/** One block of the stream: `id:`, `event:` and `data:`. */
interface Block {
  id: string | undefined;
  type: string;
  data: string | undefined;
}

/** One opened stream, read past its `ready`. */
interface Stream {
  /** When the server will end it (the token's expiry, on this page's clock), if it said. */
  expiresAt: number | undefined;
  /** The id `ready` carried: no event after it is missed. */
  readyId: string | undefined;
  /** The next block; null once the stream ended, fell silent or was cancelled. */
  next(): Promise<Block | null>;
  cancel(): void;
}

/**
 * Opens the page's stream and reads up to its `ready` (from then on no event is missed);
 * rejects like the client does (signed out, network), or when the stream ends before.
 */
async function openStream(session: HearthSession, signal: AbortSignal, lastEventId: string | undefined): Promise<Stream> {
  const response = await session.client.open('events', { signal, query: { lastEventId } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let cancelled = false;
  let silence: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    clearTimeout(silence);
    signal.removeEventListener('abort', cancel);
    void reader.cancel().catch(() => undefined);
  };
  const heard = () => {
    clearTimeout(silence);
    if (!cancelled) silence = setTimeout(cancel, SILENCE_MS);
  };
  heard();
  // Also when the last listener left while the answer was on its way.
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  let buffer = '';
  const next: Stream['next'] = async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.+)$/m.exec(block)?.[1];
        if (type) return { id: /^id: (\d+)$/m.exec(block)?.[1], type, data: /^data: (.+)$/m.exec(block)?.[1] };
        continue;
      }
      if (cancelled) return null;
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) {
        cancel();
        return null;
      }
      heard();
      buffer += value;
    }
  };
  for (;;) {
    const block = await next();
    if (!block) throw new Error('the event stream ended before it was ready');
    if (block.type !== 'ready') continue;
    const expiresIn = (JSON.parse(block.data ?? '{}') as { expiresIn?: unknown }).expiresIn;
    return { expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn : undefined, readyId: block.id, next, cancel };
  }
}

function run(session: HearthSession, emit: (message: AnyMessage) => void): () => void {
  const abort = new AbortController();
  const { signal } = abort;
  let delay = RETRY_MIN_MS;
  let connectedBefore = false;
  /**
   * The id of the last event passed on (or of the `ready` / `reset` the stream started after):
   * the next stream opens with it and is replayed what came since.
   */
  let lastId: string | undefined;
  /** When a stream last ended because its token expired and was replaced at once. */
  let expiredAt = -Infinity;
  /** When a stream last ended because its server was stopping, and was replaced promptly. */
  let shutdownAt = -Infinity;
  /** The stream opened ahead of the current one's expiry, waiting to take over from it. */
  let successor: Stream | null = null;
  /**
   * A server that sends no ids: events the old stream delivered while its successor was already
   * listening; the successor has them too, and they are passed on once (by key, so identical
   * events collapse then). With ids, an id at or before `lastId` is simply not passed on again.
   */
  const overlap = new Map<string, number>();

  /**
   * Before the server ends `current` (its token expires), opens the next stream with a fresh
   * token; once that one is listening, the old one is read a moment longer (an event on its way
   * there is not lost) and then closed. No gap, so no resync: the widgets just carry on.
   */
  function handOver(current: Stream): () => void {
    if (current.expiresAt === undefined) return () => undefined;
    const lead = Math.min(HANDOVER_LEAD_MS, (current.expiresAt - Date.now()) / 4);
    // Too close to its end: the server ends it and the page reconnects then.
    if (lead < HANDOVER_MIN_LEAD_MS) return () => undefined;
    let stopped = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      openStream(session, signal, lastId).then(
        (next) => {
          // The current stream ended meanwhile, or the page was handed the same token again
          // (the new stream would end no later): it is of no use.
          if (stopped || next.expiresAt === undefined || next.expiresAt <= current.expiresAt! + 1000) {
            next.cancel();
            return;
          }
          successor = next;
          grace = setTimeout(() => current.cancel(), HANDOVER_GRACE_MS);
        },
        // Not now (signed out, network): the server ends the stream, and the page reconnects then.
        () => undefined,
      );
    }, current.expiresAt - Date.now() - lead);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(grace);
    };
  }

  const after = (id: string, last: string | undefined) => last === undefined || Number(id) > Number(last);

  /** Passes a block on to the listeners, once. */
  const pass = (block: Block, from: 'old' | 'new') => {
    // The server could not replay what was missed: reload, and go on from where it says.
    if (block.type === 'reset') {
      lastId = block.id ?? lastId;
      emit({ type: 'resync' });
      return;
    }
    if (!block.data) return;
    if (block.id !== undefined) {
      // Both streams of a handover carry the same ids, in order: each goes on once.
      if (!after(block.id, lastId)) return;
      lastId = block.id;
      emit(JSON.parse(block.data) as AnyMessage);
      return;
    }
    const count = overlap.get(block.data) ?? 0;
    if (from === 'old' && successor) overlap.set(block.data, count + 1);
    if (from === 'new' && count > 0) {
      overlap.set(block.data, count - 1);
      return;
    }
    emit(JSON.parse(block.data) as AnyMessage);
  };

  void (async () => {
    while (!signal.aborted) {
      let expired = false;
      let shutdown = false;
      let openedAt = Infinity;
      try {
        const handedOver = successor;
        successor = null;
        const stream = handedOver ?? (await openStream(session, signal, lastId));
        openedAt = Date.now();
        if (!handedOver) overlap.clear();
        // A stream that took over before the last one ended missed nothing, nor one the server
        // replayed the gap to (it started after the id the page had); any other may have.
        const replayed = lastId !== undefined && stream.readyId !== undefined;
        if (connectedBefore && !handedOver && !replayed) emit({ type: 'resync' });
        if (stream.readyId !== undefined && (!handedOver || after(stream.readyId, lastId))) lastId = stream.readyId;
        if (!handedOver) emit({ type: 'open' });
        connectedBefore = true;
        const stopHandOver = handOver(stream);
        // What the successor's first events repeat of the old stream's last ones is known only
        // for a moment: after that, an identical event is a new one.
        const forget = handedOver ? setTimeout(() => overlap.clear(), HANDOVER_GRACE_MS) : undefined;
        try {
          for (let block = await stream.next(); block; block = await stream.next()) {
            // The server's last word on this stream: not an event for the widgets.
            if (block.type === 'expired') expired = true;
            else if (block.type === 'shutdown') shutdown = true;
            else pass(block, handedOver ? 'new' : 'old');
          }
        } finally {
          stopHandOver();
          clearTimeout(forget);
        }
      } catch (error) {
        if (signal.aborted) return;
        // Signed out: nothing to listen to until the page signs in again (a widget's Try again).
        if ((error as { signedOut?: boolean }).signedOut && session.$me.get().status !== 'signed-in') {
          await until(signal, (done) => session.$me.listen((me) => me.status === 'signed-in' && done()));
          // Signing in reloads the widgets anyway: no need to tell them to resync, nor to replay
          // what another person's stream had.
          connectedBefore = false;
          lastId = undefined;
          continue;
        }
      }
      if (signal.aborted) {
        (successor as Stream | null)?.cancel();
        return;
      }
      if (successor) continue;
      emit({ type: 'closed' });
      // A stream that lived a while was healthy: reconnect soon. One that failed at once, or was
      // dropped right after opening, waits longer each time (30 s at most).
      if (Date.now() - openedAt >= HEALTHY_MS) delay = RETRY_MIN_MS;
      if (expired && Date.now() - expiredAt > EXPIRED_AGAIN_MS) {
        expiredAt = Date.now();
        continue;
      }
      // The server is stopping and said so: not a failure, so no backoff and the next wait is the
      // shortest again; another instance answers the last id with the gap, so no resync either.
      if (shutdown && Date.now() - shutdownAt > SHUTDOWN_AGAIN_MS) {
        shutdownAt = Date.now();
        delay = RETRY_MIN_MS;
        const wait = Math.random() * SHUTDOWN_JITTER_MS;
        await until(signal, (done) => {
          const timer = setTimeout(done, wait);
          return () => clearTimeout(timer);
        });
        continue;
      }
      // Jitter: pages that lost the server together do not all come back in the same second.
      const wait = delay * (0.5 + Math.random());
      await until(signal, (done) => {
        const timer = setTimeout(done, wait);
        return () => clearTimeout(timer);
      });
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  })();
  return () => abort.abort();
}

/**
 * Waits until `start` calls `done`, or the signal aborts; then calls what `start` returned to
 * clean up, so no timer or store listener outlives the widgets that were listening.
 */
function until(signal: AbortSignal, start: (done: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    let stop = (): void => undefined;
    const done = () => {
      stop();
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    stop = start(done);
  });
}
