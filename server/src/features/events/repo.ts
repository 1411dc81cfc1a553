import type { Queryable } from '../../db/index.ts';

/** One kept event: its outbox id and the bus event (ids only), as JSON. */
export interface OutboxRow {
  id: number;
  event: Record<string, unknown>;
}

export function eventsRepo(db: Queryable) {
  return {
    /**
     * Keeps `event` in the outbox. As the caller's transaction commits, a trigger gives it its id
     * and NOTIFYs `channel` with it and that id (016_event_outbox.sql): ids are given at commit,
     * under a lock held to the end of it, so they increase in commit order, and a resumed stream
     * can trust that every id below one it saw is already there. (A bigserial taken here, at
     * insert, could commit after a larger one, and a stream resuming after the larger would never
     * be sent it. The other way, an advisory lock taken here and held to commit, would make every
     * publishing transaction wait for the others' remaining work and could deadlock with row
     * locks they take after publishing; the trigger's lock covers the commit only.)
     */
    async append(channel: string, event: object): Promise<void> {
      await db.query('INSERT INTO event_outbox (channel, event) VALUES ($1, $2::jsonb)', [channel, JSON.stringify(event)]);
    },

    /** The oldest and newest ids kept (null when none is). */
    async bounds(): Promise<{ oldest: number | null; newest: number | null }> {
      const [row] = await db.query<{ oldest: string | null; newest: string | null }>(
        'SELECT min(id) AS oldest, max(id) AS newest FROM event_outbox',
      );
      return { oldest: row?.oldest == null ? null : Number(row.oldest), newest: row?.newest == null ? null : Number(row.newest) };
    },

    /** The events after `after` up to `upTo`, in order; at most `limit`. */
    async since(after: number, upTo: number, limit: number): Promise<OutboxRow[]> {
      // A row without an id is a transaction committing now: not there yet.
      const rows = await db.query<{ id: string; event: Record<string, unknown> | string }>(
        'SELECT id, event FROM event_outbox WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3',
        [after, upTo, limit],
      );
      return rows.map((r) => ({ id: Number(r.id), event: typeof r.event === 'string' ? JSON.parse(r.event) : r.event }));
    },

    /**
     * Removes the events older than `hours`, always a prefix of ids (so a kept id means every
     * later one is kept too), and never the newest, so the outbox always knows how far ids went.
     * Walks the primary key from its start: the cost is the rows removed.
     */
    async prune(hours: number): Promise<number> {
      const [row] = await db.query<{ removed: string }>(
        `WITH removed AS (
           DELETE FROM event_outbox WHERE id < (
             SELECT min(id) FROM (
               (SELECT id FROM event_outbox WHERE id IS NOT NULL AND at >= clock_timestamp() - $1::float8 * interval '1 hour' ORDER BY id LIMIT 1)
               UNION ALL (SELECT max(id) FROM event_outbox)
             ) k
           ) RETURNING 1
         ) SELECT count(*) AS removed FROM removed`,
        [hours],
      );
      return Number(row?.removed ?? 0);
    },
  };
}
