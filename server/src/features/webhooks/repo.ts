import type { Queryable } from '../../db/index.ts';

export interface DueDelivery {
  id: number;
  event: string;
  payload: string;
  attempts: number;
}

export function webhooksRepo(db: Queryable) {
  return {
    async enqueue(event: string, payload: string) {
      await db.query('INSERT INTO webhook_deliveries (event, payload) VALUES ($1, $2)', [event, payload]);
    },

    /** Leases up to `limit` due deliveries (SKIP LOCKED: two workers never take the same one). */
    lease(limit: number) {
      return db.query<DueDelivery>(
        `UPDATE webhook_deliveries SET next_attempt_at = now() + interval '5 minutes'
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id, event, payload, attempts`, [limit]);
    },

    async delivered(id: number, attempts: number) {
      await db.query('UPDATE webhook_deliveries SET delivered_at = now(), attempts = $2, last_error = NULL WHERE id = $1', [id, attempts]);
    },

    async failed(id: number, attempts: number, error: string) {
      await db.query('UPDATE webhook_deliveries SET failed_at = now(), attempts = $2, last_error = $3 WHERE id = $1', [id, attempts, error]);
    },

    async retryLater(id: number, attempts: number, error: string, waitMs: number) {
      await db.query(
        `UPDATE webhook_deliveries SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
        [id, attempts, error, waitMs / 1000]);
    },
  };
}
