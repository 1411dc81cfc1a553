import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/index.ts';
import { ConflictError } from '../errors.ts';

/**
 * Idempotency-Key for creates (IETF draft-ietf-httpapi-idempotency-key-header), shared by posts,
 * replies, questions and answers. The state is in the database (table idempotency_keys), so it
 * holds across instances and on PGlite and PostgreSQL alike; nothing is kept in memory.
 */

/** A create sent with a key: the key, the route it is scoped to, and the request's fingerprint. */
export interface IdempotentRequest {
  key: string;
  /** The route template, as `POST /posts/:id/replies`: keys are scoped to person and route. */
  route: string;
  /** A hash of the method, the path and the canonical body. */
  fingerprint: string;
}

/** What a create with a key came to; the HTTP layer answers 201, 200, 422 or 409 from it. */
export type Outcome<T> =
  | { kind: 'created'; value: T }
  | { kind: 'replayed'; value: T }
  /** The key was used for another request (another body or path): nothing was done. */
  | { kind: 'mismatch' }
  /** The first request with this key is still being worked on (on this or another instance). */
  | { kind: 'in-flight' };

/** How long an unfinished claim holds: a crashed instance's key is free again after this. */
export const CLAIM_SECONDS = 60;

/** Records, inside the create's own transaction, what the key created. */
export type Remember = (tx: Queryable, resourceId: number) => Promise<void>;

/**
 * Runs `create` once per (person, route, key). Without a key it simply runs. With one, the key is
 * claimed first (committed at once, so other instances see it in flight); `create` must call
 * `record` in the transaction that stores the resource, so the resource and the key's result are
 * committed together. A create that throws frees the key for a retry.
 */
export async function once<T>(
  db: Db,
  personId: number,
  request: IdempotentRequest | undefined,
  create: (record: Remember) => Promise<T>,
  replay: (resourceId: number) => Promise<T>,
): Promise<Outcome<T>> {
  const noop: Remember = async () => {};
  if (!request) return { kind: 'created', value: await create(noop) };
  const where = [personId, request.route, request.key] as const;
  const claim = randomUUID();
  // A few rounds only for the rare race where the other request failed and freed the key meanwhile.
  for (let round = 0; round < 3; round++) {
    const [claimed] = await db.query(
      `INSERT INTO idempotency_keys (person_id, route, key, fingerprint, claim)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (person_id, route, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, claim = EXCLUDED.claim, claimed_at = now(), created_at = now()
         WHERE idempotency_keys.resource_id IS NULL
           AND idempotency_keys.claimed_at < now() - make_interval(secs => $6)
       RETURNING 1`,
      [...where, request.fingerprint, claim, CLAIM_SECONDS]);
    if (claimed) {
      const record: Remember = async (tx, resourceId) => {
        const [done] = await tx.query(
          `UPDATE idempotency_keys SET resource_id = $4, claim = NULL
           WHERE person_id = $1 AND route = $2 AND key = $3 AND claim = $5 AND resource_id IS NULL
           RETURNING 1`,
          [...where, resourceId, claim]);
        // Taken over after the claim expired: the other request does the work, this one rolls back.
        if (!done) throw new ConflictError('this Idempotency-Key was taken over by a retry; send the request again');
      };
      try {
        return { kind: 'created', value: await create(record) };
      } catch (error) {
        await db.query(
          'DELETE FROM idempotency_keys WHERE person_id = $1 AND route = $2 AND key = $3 AND claim = $4 AND resource_id IS NULL',
          [...where, claim]);
        throw error;
      }
    }
    const [row] = await db.query<{ fingerprint: string | null; resource_id: number | null }>(
      'SELECT fingerprint, resource_id FROM idempotency_keys WHERE person_id = $1 AND route = $2 AND key = $3', [...where]);
    if (!row) continue;
    // Keys from before fingerprints (NULL) replay whatever the body, as they always did.
    if (row.fingerprint !== null && row.fingerprint !== request.fingerprint) return { kind: 'mismatch' };
    if (row.resource_id === null) return { kind: 'in-flight' };
    return { kind: 'replayed', value: await replay(row.resource_id) };
  }
  return { kind: 'in-flight' };
}
