import type { Notification } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';

export interface NotificationRow {
  id: number;
  kind: Notification['kind'];
  question_id: number;
  title: string;
  created_at: Date;
  read_at: Date | null;
}

export function notificationsRepo(db: Queryable) {
  return {
    async add(personIds: number[], kind: Notification['kind'], questionId: number) {
      await db.query(
        'INSERT INTO notifications (person_id, kind, question_id) SELECT unnest($1::int[]), $2, $3', [personIds, kind, questionId]);
    },

    /** Newest first, below id `before`; a deleted question's notifications are never shown. */
    list(personId: number, f: { before: number; unreadOnly: boolean; limit: number }) {
      return db.query<NotificationRow>(
        `SELECT n.id, n.kind, n.question_id, q.title, n.created_at, n.read_at
         FROM notifications n JOIN questions q ON q.id = n.question_id
         WHERE n.person_id = $1 AND n.id < $2 AND q.deleted_at IS NULL ${f.unreadOnly ? 'AND n.read_at IS NULL' : ''}
         ORDER BY n.id DESC LIMIT $3`, [personId, f.before, f.limit]);
    },

    /** Marks `ids` read, or all of them when `ids` is 'all'. */
    async markRead(personId: number, ids: number[] | 'all') {
      await db.query(
        `UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL ${ids === 'all' ? '' : 'AND id = ANY($2::int[])'}`,
        ids === 'all' ? [personId] : [personId, ids]);
    },

    async unreadCount(personId: number) {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND read_at IS NULL', [personId]);
      return row?.n ?? 0;
    },
  };
}
