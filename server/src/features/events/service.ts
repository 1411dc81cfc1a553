import type { LiveEvent, StreamEvent } from '@hearth/contracts';
import type { Viewer } from '../../auth/viewer.ts';
import type { CommunitiesService } from '../communities/service.ts';
import type { BusEvent, EventBus } from './bus.ts';

interface Connection {
  viewer: Viewer;
  /** When the credential that opened the stream expires (ms since the epoch), if it does. */
  expiresAt?: number | undefined;
  send(event: StreamEvent): void;
  /** Ends the stream (shutdown). */
  close(): void;
  /** Ends the stream because its credential expired, telling the client so. */
  expire(): void;
}

/** setTimeout's longest delay (about 24.8 days); a later expiry waits in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type LiveEventsService = ReturnType<typeof liveEventsService>;

/**
 * The open event streams of this instance. A notifications event goes to the streams of the people
 * it names. Each post's bus event is checked once against everyone connected (one membership query for a restricted community, none for an open one), and sent
 * only to those who may see it: a restricted community's events do not exist for non-members.
 */
export function liveEventsService(bus: EventBus, deps: { communities: CommunitiesService }) {
  const connections = new Set<Connection>();
  /** Each stream's timer that ends it when its credential expires. */
  const expiries = new Map<Connection, NodeJS.Timeout>();
  let subscribed: Promise<unknown> | null = null;
  let delivering: Promise<void> = Promise.resolve();

  async function deliver(event: BusEvent) {
    if (connections.size === 0) return;
    // A person's notifications: to their own streams only, whichever instance they are on.
    if (event.type === 'notifications.changed') {
      const people = new Set(event.personIds);
      for (const c of connections) if (people.has(c.viewer.id)) c.send({ type: 'notifications.changed' });
      return;
    }
    const viewers = [...new Set([...connections].map((c) => c.viewer.id))];
    const { slug, allowed } = await deps.communities.audience(event.communityId, viewers);
    const payload: LiveEvent = { type: event.type, postId: event.postId, parentId: event.parentId, community: slug };
    for (const c of connections) {
      if (allowed === 'all' || allowed.has(c.viewer.id)) c.send(payload);
    }
  }

  return {
    /**
     * Registers a stream; resolves (listening) to a function that removes it. A stream lives no
     * longer than the credential that opened it: at its expiry it is ended (`expire`), so a
     * person signed out, or whose token was not renewed, stops hearing events; the client opens
     * a new stream with a fresh token.
     */
    async open(connection: Connection): Promise<() => void> {
      subscribed ??= bus.subscribe((event) => {
        // One after another, so every stream hears events in commit order (a post's event waits
        // for a membership query; a notifications event that followed it must not overtake it).
        delivering = delivering.then(() => deliver(event)).catch(() => undefined);
      });
      await subscribed;
      connections.add(connection);
      const { expiresAt } = connection;
      if (expiresAt !== undefined) {
        const check = () => {
          const left = expiresAt - Date.now();
          if (left > 0) expiries.set(connection, setTimeout(check, Math.min(left, MAX_TIMER_MS)));
          else if (connections.delete(connection)) {
            expiries.delete(connection);
            connection.expire();
          }
        };
        // Never at once, even for a token past its expiry (within the verifier's clock tolerance):
        // the stream is ended after the caller has finished opening it.
        expiries.set(connection, setTimeout(check, Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS)));
      }
      return () => {
        clearTimeout(expiries.get(connection));
        expiries.delete(connection);
        connections.delete(connection);
      };
    },

    /** Ends every stream (shutdown), so the server can close. */
    closeAll() {
      for (const c of connections) c.close();
      connections.clear();
      for (const timer of expiries.values()) clearTimeout(timer);
      expiries.clear();
    },
  };
}
