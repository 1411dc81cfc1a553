import type { LiveEvent } from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import { eventsRepo } from './repo.ts';

/** What a service announces: ids only (NOTIFY payloads are small and carry no content). */
export interface PostBusEvent {
  type: LiveEvent['type'];
  postId: number;
  parentId: number | null;
  communityId: number | null;
}

/** These people's notifications changed: only their own streams hear of it. */
export interface NotificationsBusEvent {
  type: 'notifications.changed';
  personIds: number[];
}

export type BusEvent = PostBusEvent | NotificationsBusEvent;

/** A bus event as it arrives, with its outbox id: ids increase in commit order. */
export type KeptEvent = BusEvent & { id: number };

/** People per NOTIFY: a payload must stay under PostgreSQL's 8,000 bytes. */
const PEOPLE_PER_EVENT = 500;

export type EventBus = ReturnType<typeof eventBus>;

/**
 * Live events across every API instance through PostgreSQL's NOTIFY (PGlite has it too).
 * `publish` runs inside the service's transaction, so an event is delivered only if the change
 * committed, and every instance LISTENing hears it, whichever instance made the change. Each
 * event is also kept in the `event_outbox` table (same transaction), and its id travels in the
 * NOTIFY payload: a stream that reconnects is replayed the kept events after the last id it had.
 */
export function eventBus(db: Db) {
  const channel = `${db.namespace}_events`;
  const listeners = new Set<(event: KeptEvent) => void>();
  let listening: Promise<() => Promise<void>> | null = null;

  return {
    async publish(tx: Queryable, event: BusEvent) {
      if (event.type !== 'notifications.changed') {
        await eventsRepo(tx).append(channel, event);
        return;
      }
      const ids = [...new Set(event.personIds)];
      for (let i = 0; i < ids.length; i += PEOPLE_PER_EVENT) {
        await eventsRepo(tx).append(channel, { type: event.type, personIds: ids.slice(i, i + PEOPLE_PER_EVENT) });
      }
    },

    /** Calls `listener` for every event; resolves once this instance is listening. */
    async subscribe(listener: (event: KeptEvent) => void): Promise<() => void> {
      listeners.add(listener);
      listening ??= db.listen(channel, (payload) => {
        let event: KeptEvent;
        try {
          event = JSON.parse(payload) as KeptEvent;
        } catch {
          return;
        }
        // Every event the bus publishes has its id; anything else on the channel is not ours.
        if (!Number.isSafeInteger(event.id)) return;
        for (const l of listeners) l(event);
      });
      await listening;
      return () => listeners.delete(listener);
    },

    /** The oldest and newest ids the outbox keeps (null when it keeps none). */
    bounds: () => eventsRepo(db).bounds(),

    /** The kept events after id `after` up to `upTo`, in order, at most `limit`. */
    async since(after: number, upTo: number, limit: number): Promise<KeptEvent[]> {
      const rows = await eventsRepo(db).since(after, upTo, limit);
      return rows.map((r) => ({ ...(r.event as unknown as BusEvent), id: r.id }));
    },

    /** Forgets the events older than `hours` (never the newest); resolves to how many. */
    prune: (hours: number) => eventsRepo(db).prune(hours),

    async close() {
      listeners.clear();
      if (listening) await (await listening)();
      listening = null;
    },
  };
}
