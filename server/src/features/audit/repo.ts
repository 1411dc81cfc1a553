import type { AuditAction } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';
import type { TimeKey } from '../cursor.ts';

/** One moderator or admin action, as recorded (in the transaction that did it). */
export interface AuditRecord {
  /** null: the identity provider (roles from a sign-in) or the system. */
  actorId: number | null;
  action: AuditAction;
  target: { kind: string; id: string | number };
  communityId?: number | null;
  reason?: string | null;
  /** What changed, e.g. `{ from: 'open', to: 'restricted' }`. */
  details?: Record<string, unknown>;
}

/** An entry with its actor and community, as listed. */
export interface AuditRow {
  id: number;
  action: AuditAction;
  target_kind: string;
  target_id: string;
  reason: string | null;
  details: Record<string, unknown>;
  created_at: Date;
  actor_id: number | null;
  actor_handle: string | null;
  actor_name: string | null;
  actor_title: string | null;
  actor_department: string | null;
  community_slug: string | null;
  community_name: string | null;
  community_visibility: 'open' | 'restricted' | null;
}

export function auditRepo(db: Queryable) {
  return {
    /** Appends an entry. Call it with the transaction that made the change, so both or neither are kept. */
    async record(e: AuditRecord): Promise<void> {
      await db.query(
        `INSERT INTO audit_log (actor_id, action, target_kind, target_id, community_id, reason, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [e.actorId, e.action, e.target.kind, String(e.target.id), e.communityId ?? null, e.reason ?? null, JSON.stringify(e.details ?? {})]);
    },

    /**
     * Newest first, after the keyset `after`; entries about the communities in `hidden` (restricted
     * ones the reader is not a member of) are left out, like everything else of theirs.
     */
    async list(q: { action?: AuditAction | undefined; after?: TimeKey | undefined; hidden: readonly number[]; limit: number }): Promise<AuditRow[]> {
      const params: unknown[] = [q.hidden, q.limit];
      const where = ['(a.community_id IS NULL OR NOT (a.community_id = ANY($1::int[])))'];
      if (q.action) {
        params.push(q.action);
        where.push(`a.action = $${params.length}`);
      }
      if (q.after) {
        params.push(q.after.at, q.after.id);
        where.push(`(a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::int)`);
      }
      return db.query<AuditRow>(
        `SELECT a.id, a.action, a.target_kind, a.target_id, a.reason, a.details, a.created_at,
                a.actor_id, p.handle AS actor_handle, p.name AS actor_name, p.title AS actor_title, p.department AS actor_department,
                c.slug AS community_slug, c.name AS community_name, c.visibility AS community_visibility
         FROM audit_log a
         LEFT JOIN people p ON p.id = a.actor_id
         LEFT JOIN communities c ON c.id = a.community_id
         WHERE ${where.join(' AND ')}
         ORDER BY a.created_at DESC, a.id DESC
         LIMIT $2`, params);
    },
  };
}
