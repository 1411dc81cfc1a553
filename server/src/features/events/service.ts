import type { LiveEvent, StreamEvent } from '@hearth/contracts';
import type { Viewer } from '../../auth/viewer.ts';
import type { CommunitiesService } from '../communities/service.ts';
import type { BusEvent, EventBus, KeptEvent } from './bus.ts';

interface Connection {
  viewer: Viewer;
  /** When the credential that opened the stream expires (ms since the epoch), if it does. */
  expiresAt?: number | undefined;
  /** The stream listens: no event after outbox id `id` will be missed. Its first block. */
  ready(id: number): void;
  /**
   * What the client missed cannot be replayed (its id is older than the outbox keeps, unknown,
   * malformed, or too far behind): it reloads what it shows. The stream goes on after `id`.
   */
  reset(id: number): void;
  /** One event, with its outbox id. */
  send(event: StreamEvent, id: number): void;
  /** Ends the stream (shutdown). */
  close(): void;
  /** Ends the stream because its credential expired, telling the client so. */
  expire(): void;
}

/** Where a stream is: the last id it was sent, and live events held while it is replayed. */
interface Position {
  lastSent: number;
  held: { event: StreamEvent; id: number }[] | null;
}

/** setTimeout's longest delay (about 24.8 days); a later expiry waits in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * At most this many kept events are replayed to a stream; further behind, it is told to `reset`
 * (reloading what a page shows is cheaper than a thousand events, each asking for a post).
 */
export const MAX_REPLAY = 1000;
/** How often the outbox forgets events older than its window. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** A Last-Event-ID: an outbox id, digits only. */
const EVENT_ID = /^\d{1,15}$/;

/** Streams written to before other work may run (see deliver). */
const DELIVERY_SLICE = 500;

export type LiveEventsService = ReturnType<typeof liveEventsService>;

/**
 * The open event streams of this instance. A notifications event goes to the streams of the people
 * it names. Each post's bus event is checked once against everyone connected (one membership query for a restricted community, none for an open one), and sent
 * only to those who may see it: a restricted community's events do not exist for non-members.
 *
 * A stream opened with the id of the last event it had (`Last-Event-ID`) is first replayed the
 * kept events after it, each filtered for its viewer exactly as live delivery filters them, then
 * goes live: no event missed, none twice (live events are held while the replay runs, and only
 * ids after the last one sent go out).
 */
export function liveEventsService(bus: EventBus, deps: { communities: CommunitiesService; outboxHours: number }) {
  const connections = new Map<Connection, Position>();
  /** Each stream's timer that ends it when its credential expires. */
  const expiries = new Map<Connection, NodeJS.Timeout>();
  let subscribed: Promise<unknown> | null = null;
  let delivering: Promise<void> = Promise.resolve();
  // Every instance prunes (deleting the same rows twice is harmless): a minute after start, so an
  // instance restarted often still does, then every 10 minutes. Neither timer holds the process.
  const prune = () => void bus.prune(deps.outboxHours).catch(() => undefined);
  const firstPrune = setTimeout(prune, 60_000);
  const pruning = setInterval(prune, PRUNE_EVERY_MS);
  firstPrune.unref();
  pruning.unref();

  /**
   * What `event` says to a stream, and whose streams may hear it: the people a notifications
   * event names; for a post, everyone when its community is open (or it has none), its members
   * when restricted. The one rule for live delivery and for replay.
   */
  async function audience(
    event: BusEvent,
    viewerIds: number[],
    community: CommunitiesService['audience'] = deps.communities.audience,
  ): Promise<{ payload: StreamEvent; allowed: Set<number> | 'all' }> {
    if (event.type === 'notifications.changed') return { payload: { type: 'notifications.changed' }, allowed: new Set(event.personIds) };
    const { slug, allowed } = await community(event.communityId, viewerIds);
    const payload: LiveEvent = { type: event.type, postId: event.postId, parentId: event.parentId, community: slug };
    return { payload, allowed };
  }

  /** Sends an event to a stream once, in id order; held while the stream is replayed. */
  function offer(c: Connection, at: Position, event: StreamEvent, id: number) {
    if (at.held) at.held.push({ event, id });
    else if (id > at.lastSent) {
      at.lastSent = id;
      c.send(event, id);
    }
  }

  async function deliver(event: KeptEvent) {
    if (connections.size === 0) return;
    const viewers = [...new Set([...connections.keys()].map((c) => c.viewer.id))];
    const { payload, allowed } = await audience(event, viewers);
    let sent = 0;
    for (const [c, at] of connections) {
      if (allowed === 'all' || allowed.has(c.viewer.id)) offer(c, at, payload, event.id);
      // Other requests run between slices (bench:live: 10,000 streams in one loop held a post's
      // own answer for a second). A stream opened meanwhile is visited or not; offer() sends once.
      if (++sent % DELIVERY_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Where a stream opened with `lastEventId` starts, and whether it must reset. */
  async function startOf(lastEventId: string | undefined): Promise<{ from: number; head: number; reset: boolean }> {
    const { oldest, newest } = await bus.bounds();
    const head = newest ?? 0;
    if (lastEventId === undefined) return { from: head, head, reset: false };
    if (!EVENT_ID.test(lastEventId)) return { from: head, head, reset: true };
    const last = Number(lastEventId);
    // Unknown (from another database, or ids not yet given), or older than what is kept: the
    // ids in between were forgotten. (Ids are given at commit, so a rolled-back transaction
    // leaves no hole; one just before the oldest kept id missed nothing.)
    const known = last <= head && (oldest === null ? last === 0 : last >= oldest - 1);
    // Too far behind: reloading is cheaper than the replay.
    if (!known || head - last > MAX_REPLAY) return { from: head, head, reset: true };
    return { from: last, head, reset: false };
  }

  /** Replays to `c` the kept events after `from` up to `head` that its viewer may see. */
  async function replay(c: Connection, at: Position, from: number, head: number): Promise<boolean> {
    const events = await bus.since(from, head, MAX_REPLAY + 1);
    if (events.length > MAX_REPLAY) return false;
    // One membership check per community, not per event.
    const seen = new Map<number | null, ReturnType<CommunitiesService['audience']>>();
    const community: CommunitiesService['audience'] = (id, viewerIds) => {
      if (!seen.has(id)) seen.set(id, deps.communities.audience(id, viewerIds));
      return seen.get(id)!;
    };
    for (const event of events) {
      const { payload, allowed } = await audience(event, [c.viewer.id], community);
      if (allowed === 'all' || allowed.has(c.viewer.id)) {
        at.lastSent = event.id;
        c.send(payload, event.id);
      }
    }
    at.lastSent = head;
    return true;
  }

  return {
    /**
     * Registers a stream and starts it: `ready`, then `reset` or the replay of what the client
     * missed after `lastEventId`, then live events. Resolves to a function that removes it. A
     * stream lives no longer than the credential that opened it: at its expiry it is ended
     * (`expire`), so a person signed out, or whose token was not renewed, stops hearing events;
     * the client opens a new stream with a fresh token (and its last event id).
     */
    async open(connection: Connection, lastEventId?: string): Promise<() => void> {
      subscribed ??= bus.subscribe((event) => {
        // One after another, so every stream hears events in commit order (a post's event waits
        // for a membership query; a notifications event that followed it must not overtake it).
        delivering = delivering.then(() => deliver(event)).catch(() => undefined);
      });
      await subscribed;
      // Listening, and holding this stream's live events, before the outbox is read: an event
      // committed after the read is heard live; one before it is in the replay (or in both,
      // and sent once).
      const at: Position = { lastSent: 0, held: [] };
      connections.set(connection, at);
      const remove = () => {
        clearTimeout(expiries.get(connection));
        expiries.delete(connection);
        connections.delete(connection);
      };
      try {
        const { from, head, reset } = await startOf(lastEventId);
        connection.ready(from);
        at.lastSent = from;
        if (reset || !(await replay(connection, at, from, head))) {
          at.lastSent = head;
          connection.reset(head);
        }
      } catch (error) {
        remove();
        throw error;
      }
      const held = at.held ?? [];
      at.held = null;
      for (const { event, id } of held) offer(connection, at, event, id);
      // Ended meanwhile (the client went away, or shutdown).
      if (!connections.has(connection)) return remove;

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
      return remove;
    },

    /** Forgets the kept events older than the window now (the service does it every 10 minutes). */
    prune: () => bus.prune(deps.outboxHours),

    /** Ends every stream (shutdown), so the server can close; stops pruning. */
    closeAll() {
      clearTimeout(firstPrune);
      clearInterval(pruning);
      for (const c of connections.keys()) c.close();
      connections.clear();
      for (const timer of expiries.values()) clearTimeout(timer);
      expiries.clear();
    },
  };
}
