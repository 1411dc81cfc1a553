import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '@hearth/contracts';
import type { Db } from '../../db/index.ts';
import { isAdmin, type Viewer } from '../../auth/viewer.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { decodeCursor, TimeKey, timeCursor } from '../cursor.ts';
import { ForbiddenError } from '../errors.ts';
import { auditRepo, type AuditRow } from './repo.ts';

export type AuditService = ReturnType<typeof auditService>;

/** How many entries an export reads at a time: a long trail is streamed, never held whole. */
const EXPORT_PAGE = 500;

/** One CSV row: the columns of the export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'at', 'actor_handle', 'actor_name', 'action', 'target_kind', 'target_id', 'community', 'reason', 'details',
] as const;
export type AuditCsvRow = Record<(typeof AUDIT_CSV_COLUMNS)[number], string>;

/**
 * The audit trail, for admins only. What a restricted community holds stays with its members, for
 * admins too: entries about one the admin is not a member of are left out.
 */
export function auditService(db: Db, deps: { communities: Pick<CommunitiesService, 'hiddenFrom'> }) {
  const repo = auditRepo(db);

  function assertAdmin(viewer: Viewer) {
    if (!isAdmin(viewer)) throw new ForbiddenError('only admins read the audit trail');
  }

  return {
    async list(viewer: Viewer, q: AuditQuery): Promise<AuditPage> {
      assertAdmin(viewer);
      const after = q.cursor ? decodeCursor(q.cursor, TimeKey) : undefined;
      const rows = await repo.list({ action: q.action, after, hidden: await deps.communities.hiddenFrom(viewer), limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      const last = items.at(-1);
      return {
        items: items.map(toEntry),
        nextCursor: rows.length > q.limit && last ? timeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    /**
     * The export's rows, newest first, read a page at a time as they are consumed. Refuses
     * (before anything is sent) when the viewer is not an admin.
     */
    async export(viewer: Viewer, q: { action?: AuditAction | undefined }): Promise<AsyncIterable<AuditCsvRow>> {
      assertAdmin(viewer);
      const hidden = await deps.communities.hiddenFrom(viewer);
      return (async function* rows() {
        let after: TimeKey | undefined;
        for (;;) {
          const page = await repo.list({ action: q.action, after, hidden, limit: EXPORT_PAGE });
          for (const row of page) yield toCsvRow(row);
          const last = page.at(-1);
          if (page.length < EXPORT_PAGE || !last) return;
          after = { at: last.created_at, id: last.id };
        }
      })();
    },
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actor: row.actor_id !== null && row.actor_handle !== null
      ? { id: row.actor_id, handle: row.actor_handle, name: row.actor_name ?? '', title: row.actor_title, department: row.actor_department }
      : null,
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id },
    community: row.community_slug !== null
      ? { slug: row.community_slug, name: row.community_name ?? '', visibility: row.community_visibility ?? 'open' }
      : null,
    reason: row.reason,
    details: row.details ?? {},
    at: row.created_at.toISOString(),
  };
}

function toCsvRow(row: AuditRow): AuditCsvRow {
  return {
    at: row.created_at.toISOString(),
    // Empty: the identity provider (roles from a sign-in) or the system.
    actor_handle: row.actor_handle ?? '',
    actor_name: row.actor_name ?? '',
    action: row.action,
    target_kind: row.target_kind,
    target_id: row.target_id,
    community: row.community_slug ?? '',
    reason: row.reason ?? '',
    details: JSON.stringify(row.details ?? {}),
  };
}
