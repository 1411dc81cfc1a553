import type { ContentKind } from '@hearth/contracts';
import type { Queryable } from '../../db/index.ts';

/** What is stored about a question: someone was routed to it, it was answered, an answer accepted. */
export type QuestionNotificationKind = 'question.routed' | 'answer.posted' | 'answer.accepted';

/**
 * A moderation outcome, as stored: the author's content was hidden or restored, or a report the
 * person made was decided (hidden or dismissed; the API calls both `report.decided`).
 */
export type ModerationNotificationKind = 'content.hidden' | 'content.restored' | 'report.hidden' | 'report.dismissed';

export interface NotificationRow {
  id: number;
  kind: QuestionNotificationKind | ModerationNotificationKind;
  question_id: number | null;
  question_title: string | null;
  /** The moderated content (moderation kinds). */
  item_kind: ContentKind | null;
  item_target_id: number | null;
  /** The hide reason (content.hidden). */
  reason: string | null;
  /** The content's text now: a post's or answer's body, a question's title. */
  content_text: string | null;
  content_author_id: number | null;
  content_hidden: boolean;
  created_at: Date;
  read_at: Date | null;
}

/*
 * Only what the person can still see is listed (and counted as unread): a question or content
 * that was deleted, or sits in a restricted community they are no longer in ($2, the communities
 * hidden from them), is left out; so is a question a moderator hid, except for its asker (the
 * moderation notification tells them why).
 */
const FROM_LISTED = `
  FROM notifications n
  LEFT JOIN questions q ON q.id = n.question_id
  LEFT JOIN moderation_items mi ON mi.id = n.moderation_item_id
  LEFT JOIN posts p ON mi.kind = 'post' AND p.id = mi.target_id
  LEFT JOIN questions mq ON mi.kind = 'question' AND mq.id = mi.target_id
  LEFT JOIN answers ma ON mi.kind = 'answer' AND ma.id = mi.target_id
  LEFT JOIN questions maq ON maq.id = ma.question_id
  WHERE n.person_id = $1
    AND ((q.id IS NOT NULL AND q.deleted_at IS NULL
          AND (q.community_id IS NULL OR NOT (q.community_id = ANY($2::int[])))
          AND (q.hidden_at IS NULL OR q.author_id = n.person_id))
      OR (COALESCE(p.id, mq.id, ma.id) IS NOT NULL
          AND p.deleted_at IS NULL AND mq.deleted_at IS NULL AND ma.deleted_at IS NULL AND maq.deleted_at IS NULL
          AND (mi.community_id IS NULL OR NOT (mi.community_id = ANY($2::int[])))))`;

export function notificationsRepo(db: Queryable) {
  return {
    async add(personIds: number[], kind: QuestionNotificationKind, questionId: number) {
      await db.query(
        'INSERT INTO notifications (person_id, kind, question_id) SELECT unnest($1::int[]), $2, $3', [personIds, kind, questionId]);
    },

    async addModeration(personIds: number[], kind: ModerationNotificationKind, itemId: number, reason: string | null) {
      await db.query(
        'INSERT INTO notifications (person_id, kind, moderation_item_id, reason) SELECT unnest($1::int[]), $2, $3, $4',
        [personIds, kind, itemId, reason]);
    },

    /** Newest first, below id `before`; only what the person can still see (see FROM_LISTED). */
    list(personId: number, hidden: number[], f: { before: number; unreadOnly: boolean; limit: number }) {
      return db.query<NotificationRow>(
        `SELECT n.id, n.kind, n.question_id, q.title AS question_title, n.reason,
                mi.kind AS item_kind, mi.target_id AS item_target_id,
                COALESCE(p.body, mq.title, ma.body) AS content_text,
                COALESCE(p.author_id, mq.author_id, ma.author_id) AS content_author_id,
                COALESCE(p.hidden_at, mq.hidden_at, ma.hidden_at) IS NOT NULL AS content_hidden,
                n.created_at, n.read_at
         ${FROM_LISTED} AND n.id < $3 ${f.unreadOnly ? 'AND n.read_at IS NULL' : ''}
         ORDER BY n.id DESC LIMIT $4`, [personId, hidden, f.before, f.limit]);
    },

    /** Marks `ids` read, or all of them when `ids` is 'all'. */
    async markRead(personId: number, ids: number[] | 'all') {
      await db.query(
        `UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL ${ids === 'all' ? '' : 'AND id = ANY($2::int[])'}`,
        ids === 'all' ? [personId] : [personId, ids]);
    },

    /** Unread among what is listed. */
    async unreadCount(personId: number, hidden: number[]) {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n ${FROM_LISTED} AND n.read_at IS NULL`, [personId, hidden]);
      return row?.n ?? 0;
    },
  };
}
