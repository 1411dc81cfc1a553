import type { AuditAction } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';

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

export function auditRepo(db: Queryable) {
  return {
    /** Appends an entry. Call it with the transaction that made the change, so both or neither are kept. */
    async record(e: AuditRecord): Promise<void> {
      await db.query(
        `INSERT INTO audit_log (actor_id, action, target_kind, target_id, community_id, reason, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [e.actorId, e.action, e.target.kind, String(e.target.id), e.communityId ?? null, e.reason ?? null, JSON.stringify(e.details ?? {})]);
    },
  };
}
