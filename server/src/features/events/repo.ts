import type { Queryable } from '../../db/index.ts';

export function eventsRepo(db: Queryable) {
  return {
    /** Sent when the caller's transaction commits, to every connection LISTENing on `channel`. */
    async notify(channel: string, payload: string) {
      await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
  };
}
