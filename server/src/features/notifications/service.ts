import { z } from 'zod';
import type { Notification } from '@hearth/contracts';
import type { Db, Queryable } from '../../db/index.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { notificationsRepo } from './repo.ts';

export type NotificationsService = ReturnType<typeof notificationsService>;
const Key = z.tuple([z.number().int().positive()]);

/** In-app notifications. Only questions the person can read are ever routed to them. */
export function notificationsService(db: Db) {
  const repo = notificationsRepo(db);
  return {
    async add(tx: Queryable, personIds: number[], kind: Notification['kind'], questionId: number) {
      if (personIds.length === 0) return;
      await notificationsRepo(tx).add(personIds, kind, questionId);
    },

    async list(viewer: Viewer, q: { unread?: 'true' | 'false' | undefined; limit: number; cursor?: string | undefined }) {
      const before = q.cursor ? decodeCursor(q.cursor, Key)[0] : 2_147_483_647;
      const rows = await repo.list(viewer.id, { before, unreadOnly: q.unread === 'true', limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      return {
        items: items.map((r) => ({
          id: r.id, kind: r.kind, question: { id: r.question_id, title: r.title }, moderation: null,
          createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
        })),
        nextCursor: rows.length > q.limit ? encodeCursor([items[items.length - 1]!.id]) : null,
      };
    },

    async markRead(viewer: Viewer, body: { ids?: number[] | undefined; all?: true | undefined }) {
      await repo.markRead(viewer.id, body.all ? 'all' : (body.ids ?? []));
      return { unread: await repo.unreadCount(viewer.id) };
    },
  };
}
