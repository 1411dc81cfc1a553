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

/** People per NOTIFY: a payload must stay under PostgreSQL's 8,000 bytes. */
const PEOPLE_PER_EVENT = 500;

export type EventBus = ReturnType<typeof eventBus>;

/**
 * Live events across every API instance through PostgreSQL's NOTIFY (PGlite has it too).
 * `publish` runs inside the service's transaction, so an event is delivered only if the change
 * committed, and every instance LISTENing hears it, whichever instance made the change.
 */
export function eventBus(db: Db) {
  const channel = `${db.namespace}_events`;
  const listeners = new Set<(event: BusEvent) => void>();
  let listening: Promise<() => Promise<void>> | null = null;

  return {
    async publish(tx: Queryable, event: BusEvent) {
      if (event.type !== 'notifications.changed') {
        await eventsRepo(tx).notify(channel, JSON.stringify(event));
        return;
      }
      const ids = [...new Set(event.personIds)];
      for (let i = 0; i < ids.length; i += PEOPLE_PER_EVENT) {
        await eventsRepo(tx).notify(channel, JSON.stringify({ type: event.type, personIds: ids.slice(i, i + PEOPLE_PER_EVENT) }));
      }
    },

    /** Calls `listener` for every event; resolves once this instance is listening. */
    async subscribe(listener: (event: BusEvent) => void): Promise<() => void> {
      listeners.add(listener);
      listening ??= db.listen(channel, (payload) => {
        let event: BusEvent;
        try {
          event = JSON.parse(payload) as BusEvent;
        } catch {
          return;
        }
        for (const l of listeners) l(event);
      });
      await listening;
      return () => listeners.delete(listener);
    },

    async close() {
      listeners.clear();
      if (listening) await (await listening)();
      listening = null;
    },
  };
}
