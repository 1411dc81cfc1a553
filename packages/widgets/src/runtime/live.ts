import type { LiveEvent } from '@hearth/contracts';
import type { HearthSession } from './session.ts';

/** A live event, or `resync` after a reconnection: events may have been missed, reload. */
export type LiveMessage = LiveEvent | { type: 'resync' };
export type LiveListener = (message: LiveMessage) => void;

interface Connection {
  listeners: Set<LiveListener>;
  stop(): void;
}

const connections = new WeakMap<HearthSession, Connection>();
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * Subscribes to the page's ONE live-event stream for a session: the first subscriber opens it,
 * the last one to leave closes it (a widget removed from a single-page app releases it). The
 * stream is fetched with the Authorization header (EventSource cannot send one, and a token
 * never goes in a URL), reconnects with backoff, and tells listeners to `resync` after a gap.
 */
export function subscribeLive(session: HearthSession, listener: LiveListener): () => void {
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
      connections.delete(session);
    }
  };
}

function run(session: HearthSession, emit: LiveListener): () => void {
  const abort = new AbortController();
  const { signal } = abort;
  let delay = RETRY_MIN_MS;
  let connectedBefore = false;
  void (async () => {
    while (!signal.aborted) {
      try {
        const response = await session.client.open('events', { signal });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        const cancel = () => void reader.cancel().catch(() => undefined);
        // Also when the last listener left while the answer was on its way.
        if (signal.aborted) cancel();
        signal.addEventListener('abort', cancel, { once: true });
        try {
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const type = /^event: (.+)$/m.exec(block)?.[1];
              const data = /^data: (.+)$/m.exec(block)?.[1];
              if (type === 'ready') {
                delay = RETRY_MIN_MS;
                if (connectedBefore) emit({ type: 'resync' });
                connectedBefore = true;
              } else if (type && data) {
                emit(JSON.parse(data) as LiveEvent);
              }
            }
          }
        } finally {
          signal.removeEventListener('abort', cancel);
        }
      } catch (error) {
        if (signal.aborted) return;
        // Signed out: nothing to listen to until the page signs in again (a widget's Try again).
        if ((error as { signedOut?: boolean }).signedOut && session.$me.get().status !== 'signed-in') {
          await until(signal, (done) => session.$me.listen((me) => me.status === 'signed-in' && done()));
          // Signing in reloads the widgets anyway: no need to tell them to resync.
          connectedBefore = false;
          continue;
        }
      }
      if (signal.aborted) return;
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
