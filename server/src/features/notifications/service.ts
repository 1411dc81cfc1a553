import { z } from 'zod';
import type { Notification } from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';

export type NotificationsService = ReturnType<typeof notificationsService>;
const Key = z.tuple([z.number().int().positive()]);

/** In-app notifications. Only questions the person can read are ever routed to them. */
export function notificationsService(db: Db) {
  return {
    async add(tx: Queryable, personIds: number[], kind: Notification['kind'], questionId: number) {
      if (personIds.length === 0) return;
      await tx.query(
        'INSERT INTO notifications (person_id, kind, question_id) SELECT unnest($1::int[]), $2, $3', [personIds, kind, questionId]);
    },

    async list(viewer: Viewer, q: { unread?: 'true' | 'false' | undefined; limit: number; cursor?: string | undefined }) {
      const before = q.cursor ? decodeCursor(q.cursor, Key)[0] : 2_147_483_647;
      const rows = await db.query<{ id: number; kind: Notification['kind']; question_id: number; title: string; created_at: Date; read_at: Date | null }>(
        `SELECT n.id, n.kind, n.question_id, q.title, n.created_at, n.read_at
         FROM notifications n JOIN questions q ON q.id = n.question_id
         WHERE n.person_id = $1 AND n.id < $2 AND q.deleted_at IS NULL ${q.unread === 'true' ? 'AND n.read_at IS NULL' : ''}
         ORDER BY n.id DESC LIMIT $3`, [viewer.id, before, q.limit + 1]);
      const items = rows.slice(0, q.limit);
      return {
        items: items.map((r) => ({
          id: r.id, kind: r.kind, question: { id: r.question_id, title: r.title },
          createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
        })),
        nextCursor: rows.length > q.limit ? encodeCursor([items[items.length - 1]!.id]) : null,
      };
    },

    async markRead(viewer: Viewer, body: { ids?: number[] | undefined; all?: true | undefined }) {
      await db.query(
        `UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL ${body.all ? '' : 'AND id = ANY($2::int[])'}`,
        body.all ? [viewer.id] : [viewer.id, body.ids ?? []]);
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND read_at IS NULL', [viewer.id]);
      return { unread: row?.n ?? 0 };
    },
  };
}
